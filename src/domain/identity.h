#ifndef LOUDONG_DOMAIN_IDENTITY_H
#define LOUDONG_DOMAIN_IDENTITY_H

/*
 * Identity documents of reporters (备案管理办法: 用户身份核实规则).  Pure
 * validation and masking; the numbers themselves are stored encrypted.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "i18n/i18n.h"

enum id_type {
	ID_RESIDENT_CARD,	/* 居民身份证 (GB 11643-1999, 18 characters) */
	ID_PASSPORT,		/* 护照 */
	ID_HK_MACAO_PERMIT,	/* 港澳居民来往内地通行证 */
	ID_TAIWAN_PERMIT,	/* 台湾居民来往大陆通行证 */
	ID_FOREIGN_PERMANENT,	/* 外国人永久居留身份证 */
	ID_OTHER,		/* other, described by staff */
	ID__MAX
};

const char	*id_type_name(enum id_type t);	/* "resident_card", ... */
int		 id_type_parse(struct str s);	/* -1 if unknown */

/*
 * A 居民身份证 number: 17 digits and a check character (digit or 'X', 'x'
 * accepted) per GB 11643-1999 (ISO 7064 MOD 11-2: weights 7 9 10 5 8 4 2
 * 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[sum % 11]); the 6-digit area
 * code must not start with 0 and the birth date (digits 7..14, YYYYMMDD)
 * must be a real date between 1900-01-01 and today (today_yyyymmdd given
 * by the caller).  MSG_OK or the message that explains the problem.
 */
enum msg_id	 id_resident_card_check(struct str number, int32_t today_yyyymmdd);

/*
 * Check a number of any type: the resident card as above; the other types
 * 5..32 characters of [A-Za-z0-9-] (formats vary and are verified by staff).
 */
enum msg_id	 id_number_check(enum id_type t, struct str number, int32_t today_yyyymmdd);

/*
 * Mask for display: keep the first 3 and last 4 characters, '*' between
 * ("110***********1234"); numbers of 7 characters or fewer become all '*'.
 * out needs n + 1 bytes.
 */
void		 id_number_mask(struct str number, char *out, size_t outsz);

/* A mainland mobile number (11 digits starting with 1[3-9]) or +CC digits (8..15). */
enum msg_id	 phone_check(struct str phone);

#endif
