/*
 * docs/api/openapi.json (embedded, served at /api/v1/openapi.json) documents
 * every route the API serves, with its method, and nothing the API does not
 * serve: the document stays true as routes are added.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <jansson.h>

#include "api/api.h"
#include "core/embed.h"
#include "http/router.h"

extern const struct embed_file api_docs[];	/* docs/api/, in ld_api */

static json_t *
load_doc(void)
{
	const struct embed_file	*f = embed_find(api_docs, "openapi.json");
	json_error_t		 e;
	json_t			*doc;

	assert_non_null(f);
	doc = json_loadb((const char *)f->data, f->len, 0, &e);
	if (doc == NULL)
		fail_msg("openapi.json: %s (line %d)", e.text, e.line);
	return doc;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void
test_openapi__every_route_is_documented(void **state)
{
	struct route_table	 tables[API_MAX_TABLES];
	json_t			*doc = load_doc(), *paths, *item;
	size_t			 nt, t, i;
	char			 method[16];
	int			 missing = 0;

	(void)state;
	paths = json_object_get(doc, "paths");
	assert_true(json_is_object(paths));
	nt = api_tables(tables);
	for (t = 0; t < nt; t++)
		for (i = 0; i < tables[t].n; i++) {
			const struct route *r = &tables[t].routes[i];

			snprintf(method, sizeof(method), "%s", http_method_name(r->method));
			lower(method);
			item = json_object_get(paths, r->pattern);
			if (item == NULL || json_object_get(item, method) == NULL) {
				fprintf(stderr, "not in openapi.json: %s %s\n",
				    http_method_name(r->method), r->pattern);
				missing++;
			}
		}
	json_decref(doc);
	assert_int_equal(missing, 0);
}

static void
test_openapi__documents_only_served_routes(void **state)
{
	struct route_table	 tables[API_MAX_TABLES];
	json_t			*doc = load_doc(), *paths, *item, *op;
	const char		*path, *method;
	char			 word[32];
	size_t			 nt, t, i;
	int			 extra = 0;
	bool			 found;

	(void)state;
	paths = json_object_get(doc, "paths");
	nt = api_tables(tables);
	json_object_foreach(paths, path, item) {
		json_object_foreach(item, method, op) {
			/* Path-level members ("parameters", "summary") are not operations. */
			snprintf(word, sizeof(word), " %s ", method);
			if (strstr(" get put post delete patch head ", word) == NULL)
				continue;
			found = false;
			for (t = 0; t < nt && !found; t++)
				for (i = 0; i < tables[t].n && !found; i++)
					found = strcmp(tables[t].routes[i].pattern, path) == 0 &&
					    strcasecmp(http_method_name(tables[t].routes[i].method),
					    method) == 0;
			/* Served outside the route tables. */
			if (!found && strcmp(path, "/api/v1/openapi.json") != 0 &&
			    strcmp(path, "/healthz") != 0) {
				fprintf(stderr, "documented but not served: %s %s\n", method, path);
				extra++;
			}
		}
	}
	json_decref(doc);
	assert_int_equal(extra, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openapi__every_route_is_documented),
		cmocka_unit_test(test_openapi__documents_only_served_routes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
