/*
 * `loudong log verify` over a log longer than one verification batch
 * (1,024 leaves): it used to keep the signed heads in the per-batch arena and
 * crash past the first batch (found by bench/intake.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "store/store.h"
#include "svc/intake.h"

static void
rm_rf(const char *dir)
{
	char	cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static void
test_logverify__more_than_one_batch(void **state)
{
	struct app_init_opts	 o = { NULL, ROLE_PLATFORM, false };
	struct config		 cfg;
	struct store		*st, *wst;
	struct keyring		*keys;
	struct arena		*a;
	char			 dir[] = "/tmp/loudong-logverify-XXXXXX", err[256];
	int			 i, np;

	(void)state;
	assert_non_null(mkdtemp(dir));
	o.data_dir = arena_strdup(a = arena_new(), dir);
	rmdir(dir);	/* init creates it */
	setenv("LOUDONG_AUTH_ARGON2_MEMLIMIT_KIB", "8192", 1);
	setenv("LOUDONG_AUTH_ARGON2_OPSLIMIT", "1", 1);
	assert_int_equal(app_init(&o), 0);
	assert_int_equal(app_load_config(dir, true, &cfg), 0);
	cfg.allow_anonymous = true;
	/* A test installation: intake open before the 备案 (办法 第八条). */
	cfg.filing_open_unfiled = true;
	assert_non_null(st = app_open_store(&cfg));
	assert_non_null(wst = app_open_store(&cfg));
	assert_int_equal(svc_intake_start(wst), 0);
	assert_non_null(keys = crypto_keys_load(dir, err, sizeof(err)));
	for (i = 0; i < 1100; i++) {
		struct svc_ctx		 c = { st, a, &cfg, (int64_t)time(NULL), NULL, "",
					    false, keys };
		struct intake_in	 in;
		struct intake_receipt	*rc = arena_zalloc(a, sizeof(*rc));
		struct report_problem	 problems[REPORT_MAX_PROBLEMS];
		struct fault		 f;

		memset(&in, 0, sizeof(in));
		in.r.title = "t";
		in.r.product = "p";
		in.r.kind = RKIND_GENERIC;
		in.r.credit = RCREDIT_ANONYMOUS;
		in.r.channel = RCHAN_API;
		in.r.details.description = "d";
		in.payload = "{}";
		in.payload_len = 2;
		assert_int_equal(svc_report_submit(&c, &in, rc, problems, &np, &f), APP_OK);
		if (i % 100 == 99) {
			arena_free(a);
			a = arena_new();
		}
	}
	svc_intake_stop();
	store_close(wst);
	store_close(st);
	crypto_keys_free(keys);
	assert_int_equal(app_log_verify(dir), 0);
	arena_free(a);
	rm_rf(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logverify__more_than_one_batch),
	};

	if (crypto_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
