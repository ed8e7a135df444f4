#ifndef LOUDONG_WEB_MARKDOWN_H
#define LOUDONG_WEB_MARKDOWN_H

/*
 * Markdown (GitHub flavoured) to HTML with cmark-gfm in safe mode: raw HTML
 * is dropped (CMARK_OPT_UNSAFE is never set), the tagfilter extension is on,
 * and links or images whose scheme is not http, https or mailto are
 * neutralised (cmark's safe mode already drops javascript:, vbscript:,
 * file: and most data:).  Tables, strikethrough and autolinks are on.
 * This is the one place Markdown becomes HTML; callers add the result with
 * tmpl_raw() and a comment that names this function.
 */
#include <stddef.h>

#include "core/err.h"

struct sbuf;

/* Render n bytes of Markdown and append the HTML to out.  APP_OK, or APP_TOOBIG/APP_INTERNAL. */
enum app_err	markdown_render(const char *md, size_t n, struct sbuf *out);

#endif
