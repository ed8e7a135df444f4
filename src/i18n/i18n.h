#ifndef LOUDONG_I18N_I18N_H
#define LOUDONG_I18N_I18N_H

#include "core/str.h"

/*
 * The message catalog: every user-visible string, in zh-CN (the default)
 * and en.  Messages are declared once, in messages.def, and looked up by id;
 * a string shown to a person never appears as a literal anywhere else.
 * Messages may hold printf conversions; callers pass them to sbuf_addf with
 * the arguments the .def comment names.
 */
enum lang {
	LANG_ZH,	/* zh-CN, the default */
	LANG_EN,	/* en */
	LANG__MAX
};

enum msg_id {
#define MSG(id, en, zh)	id,
#include "i18n/messages.def"
#undef MSG
	MSG__MAX
};

/* The text of id in lang (never NULL). */
const char	*msg(enum lang lang, enum msg_id id);

/* The symbolic name of id ("MSG_LOGIN_FAILED"), for tests and logs. */
const char	*msg_name(enum msg_id id);

/* "zh-CN" or "en", for <html lang> and Content-Language. */
const char	*lang_tag(enum lang lang);

/* "zh" or "en" -> lang (accepts "zh-CN", "en-US"...); -1 if neither. */
int		 lang_parse(struct str s);

/*
 * Choose from an Accept-Language header (RFC 9110 §12.5.4): the supported
 * language with the highest q, ties going to the earlier one; LANG_ZH when
 * the header is absent or names nothing supported.
 */
enum lang	 lang_negotiate(struct str accept_language);

#endif
