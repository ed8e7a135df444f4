/*
 * The administrative subcommands (init, user add, org add, token create):
 * they open the store directly, act as the system, and go through the same
 * svc functions as the API.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "app/app_int.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "crypto/crypto.h"
#include "crypto/openpgp.h"
#include "domain/filing.h"
#include "store/store.h"
#include "svc/advisories.h"
#include "svc/deadlines.h"
#include "svc/filings.h"
#include "svc/notices.h"
#include "svc/svc.h"

/* The largest [filing] fields_file read. */
#define FILING_FIELDS_FILE_MAX	(256 * 1024)

/*
 * [filing]: the 备案编号 template is checked here (core/config cannot ask
 * domain/), and a fields_file replaces the built-in 备案 items for the
 * process (R21: the final annex may differ).  0, or -1 with a sentence.
 */
static int
filing_setup(const struct config *cfg, char *err, size_t errsz)
{
	static struct arena		*a;
	static struct filing_fieldset	 fs;
	char				 why[256], path[1100], hash[CRYPTO_HASH_HEX];
	char				*buf;
	size_t				 n;
	FILE				*f;
	int				 rc = -1;

	if (filing_number_template_ok(cfg->filing_number_template, why, sizeof(why)) != 0) {
		snprintf(err, errsz, "[filing] number_template: %s", why);
		return -1;
	}
	if (cfg->filing_fields_file[0] == '\0' || a != NULL)
		return 0;
	if (cfg->filing_fields_file[0] == '/')
		snprintf(path, sizeof(path), "%s", cfg->filing_fields_file);
	else
		snprintf(path, sizeof(path), "%s/%s", cfg->data_dir, cfg->filing_fields_file);
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "[filing] fields_file: cannot open '%.300s': %s", path,
		    strerror(errno));
		return -1;
	}
	buf = malloc(FILING_FIELDS_FILE_MAX + 1);
	n = buf != NULL ? fread(buf, 1, FILING_FIELDS_FILE_MAX + 1, f) : 0;
	if (buf == NULL || ferror(f))
		snprintf(err, errsz, "[filing] fields_file: cannot read '%.300s'", path);
	else if (n > FILING_FIELDS_FILE_MAX)
		snprintf(err, errsz, "[filing] fields_file: '%.300s' is over %d bytes", path,
		    FILING_FIELDS_FILE_MAX);
	else {
		crypto_hash_hex(buf, n, hash);
		a = arena_new();
		if (filing_fieldset_parse(a, buf, n, hash, &fs, why, sizeof(why)) != 0) {
			snprintf(err, errsz, "[filing] fields_file: %.200s: %.250s", path, why);
			arena_free(a);
			a = NULL;
		} else {
			/* Kept for the process: the field set is read by every request. */
			filing_fieldset_use(&fs);
			rc = 0;
		}
	}
	fclose(f);
	free(buf);
	return rc;
}

int
app_load_config(const char *data_dir, bool must_exist, struct config *cfg)
{
	char	path[600], err[512];

	config_defaults(cfg);
	if (strlen(data_dir) >= sizeof(cfg->data_dir)) {
		fprintf(stderr, "loudong: the data directory path is too long\n");
		return -1;
	}
	memcpy(cfg->data_dir, data_dir, strlen(data_dir) + 1);
	snprintf(path, sizeof(path), "%s/loudong.conf", data_dir);
	if (must_exist && access(path, F_OK) != 0) {
		fprintf(stderr, "loudong: '%s' is not initialised; run "
		    "'loudong init --data-dir %s' first\n", data_dir, data_dir);
		return -1;
	}
	if (config_load(cfg, path, must_exist, err, sizeof(err)) != 0 ||
	    filing_setup(cfg, err, sizeof(err)) != 0 ||
	    app_units_setup(cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "loudong: %s\n", err);
		return -1;
	}
	log_threshold = (enum log_level)cfg->log_level;
	return 0;
}

void
app_db_path(const struct config *cfg, char *buf, size_t size)
{
	if (cfg->db_path[0] == '/')
		snprintf(buf, size, "%s", cfg->db_path);
	else
		snprintf(buf, size, "%s/%s", cfg->data_dir, cfg->db_path);
}

struct store *
app_open_store(const struct config *cfg)
{
	struct store	*st;
	char		 path[1100], err[512];

	app_db_path(cfg, path, sizeof(path));
	if ((st = store_open(path, cfg->busy_timeout_ms, true, err, sizeof(err))) == NULL)
		fprintf(stderr, "loudong: %s\n", err);
	return st;
}

/* A readable one-time password: 20 characters from an unambiguous alphabet. */
static void
one_time_password(char out[21])
{
	static const char	alphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
	size_t			i;

	for (i = 0; i < 20; i++)
		out[i] = alphabet[crypto_random_uniform(sizeof(alphabet) - 1)];
	out[20] = '\0';
}

static void
print_fault(const char *what, const struct fault *f)
{
	char	text[512];

	/* The catalog's formats are ours; a fault carries a string or a number. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (f->sarg != NULL)
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->sarg);
	else
		snprintf(text, sizeof(text), msg(LANG_EN, f->msg), f->iarg);
#pragma GCC diagnostic pop
	if (f->field != NULL)
		fprintf(stderr, "loudong: cannot %s: %s (field '%s')\n", what, text,
		    f->field);
	else
		fprintf(stderr, "loudong: cannot %s: %s\n", what, text);
}

/* Bytes init's demo output may take (it is a few lines). */
#define DEMO_OUT_MAX	(16 * 1024)

/* A demo account with a one-time password, and its line in out.  0 or -1. */
static int
demo_account(const struct svc_ctx *c, struct user_new *in, const char *what,
    struct sbuf *out)
{
	struct user	u;
	struct fault	f;
	char		pw[21];
	int		rc = -1;

	one_time_password(pw);
	in->password = pw;
	in->password_len = 20;
	in->must_change_password = true;
	if (svc_user_create(c, in, &u, &f) != APP_OK) {
		print_fault(arena_printf(c->a, "create the %s", what), &f);
		goto out;
	}
	sbuf_addf(out, "  %-*s %-16s one-time password: %s\n", DEMO_LABEL_WIDTH,
	    arena_printf(c->a, "%s:", what), in->login, pw);
	rc = 0;
out:
	crypto_wipe(pw, sizeof(pw));
	in->password = NULL;
	return rc;
}

/*
 * A registry's people for app_demo_registry: two platform organisations,
 * each with a vendor-role account (the applicants' door), and a
 * coordinator of the registry who reviews filings and complaints.
 */
static int
seed_registry(const struct svc_ctx *c, struct sbuf *out)
{
	struct org	 o;
	struct fault	 f;
	struct user_new	 registrar = { "demo-registrar", "周审核（示例备案管理员）",
			    "registrar@example.gov.cn", UROLE_COORDINATOR, NULL, NULL, 0,
			    true, };
	struct user_new	 applicant = { "demo-applicant", "王明（示例漏洞收集平台）",
			    "wangming@example.cn", UROLE_VENDOR, "example-platform", NULL, 0,
			    true, };
	struct user_new	 applicant2 = { "demo-applicant-2", "赵磊（样例漏洞响应平台）",
			    "zhaolei@example.net", UROLE_VENDOR, "example-platform-2", NULL, 0,
			    true, };

	if (svc_org_create(c, "example-platform", "示例网络安全技术有限公司", "platform", "CN",
	    &o, &f) != APP_OK || svc_org_create(c, "example-platform-2",
	    "样例信息安全研究院有限公司", "platform", "CN", &o, &f) != APP_OK) {
		print_fault("create the demo platform organisations", &f);
		return -1;
	}
	if (demo_account(c, &registrar, "demo registrar account", out) != 0 ||
	    demo_account(c, &applicant, "demo applicant account", out) != 0 ||
	    demo_account(c, &applicant2, "demo applicant account", out) != 0)
		return -1;
	sbuf_addf(out, "  %-*s example-platform (示例网络安全技术有限公司), example-platform-2 "
	    "(样例信息安全研究院有限公司)\n", DEMO_LABEL_WIDTH, "demo platform orgs:");
	return 0;
}

/*
 * Demo data: a vendor with a product, a vendor member, a reporter, an
 * analyst, and a published advisory (app_demo_publish) made by them; on a
 * platform its own 备案 (app_demo_filing), on a registry filings and a
 * complaint (app_demo_registry).  Its lines go to out.
 */
static int
seed_demo(const struct svc_ctx *c, struct sbuf *out)
{
	struct org	 o;
	struct product	 p;
	struct fault	 f;
	struct user_new	 vendor = { "demo-vendor", "张工（示例厂商 PSIRT）",
			    "psirt@example.com", UROLE_VENDOR, "example-vendor", NULL, 0,
			    true, };
	struct user_new	 reporter = { "demo-reporter", "白帽研究员（示例）",
			    "researcher@example.org", UROLE_REPORTER, NULL, NULL, 0, true, };
	/* The advisory needs a second staff person besides admin, who reviews it. */
	struct user_new	 analyst = { "demo-analyst", "李分析（示例分析员）",
			    "analyst@example.net", UROLE_TRIAGER, NULL, NULL, 0, true, };

	if (svc_org_create(c, "example-vendor", "示例网络科技有限公司", "provider",
	    "CN", &o, &f) != APP_OK) {
		print_fault("create the demo organisation", &f);
		return -1;
	}
	if (svc_product_create(c, "example-vendor", "示例路由器", "EX-R3000",
	    "1.0.0 – 1.2.4", NULL, NULL, &p, &f) != APP_OK) {
		print_fault("create the demo product", &f);
		return -1;
	}
	if (demo_account(c, &vendor, "demo vendor account", out) != 0 ||
	    demo_account(c, &reporter, "demo reporter account", out) != 0 ||
	    demo_account(c, &analyst, "demo analyst account", out) != 0)
		return -1;
	sbuf_addf(out, "  %-*s example-vendor (示例网络科技有限公司), product 示例路由器 "
	    "EX-R3000\n", DEMO_LABEL_WIDTH, "demo organisation:");
	if (c->cfg->role == ROLE_REGISTRY && seed_registry(c, out) != 0)
		return -1;
	/*
	 * Filed first, as a platform must be before it takes reports (办法
	 * 第八条); the demo's report is the system's and would pass the gate
	 * either way.
	 */
	if (c->cfg->role == ROLE_PLATFORM && app_demo_filing(c, out) != 0)
		return -1;
	if (app_demo_publish(c, out) != 0)
		return -1;
	if (c->cfg->role == ROLE_REGISTRY && app_demo_registry(c, out) != 0)
		return -1;
	return 0;
}

/*
 * After a failure once init has written something: the directory is not
 * initialised (no loudong.conf), but a second init would meet what the
 * first left (keys, the database with its admin), so it must go first.
 */
static void
init_left_behind(const struct config *cfg, bool created)
{
	char	db[1100];

	app_db_path(cfg, db, sizeof(db));
	if (created && cfg->db_path[0] != '/')
		fprintf(stderr, "loudong: '%s' is not initialised; remove the directory and "
		    "run 'loudong init' again\n", cfg->data_dir);
	else
		fprintf(stderr, "loudong: '%s' is not initialised; remove what init made "
		    "(%s/keys, %s/openpgp and the database %s) and run 'loudong init' again\n",
		    cfg->data_dir, cfg->data_dir, cfg->data_dir, db);
}

int
app_init(const struct app_init_opts *o)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct arena	*a = NULL;
	struct keyring	*keys = NULL;
	struct user	 admin;
	struct fault	 f;
	struct sbuf	 demo = { .buf = NULL };
	char		 path[600], err[512], pw[21], home[600] = "";
	int64_t		 users = 0;
	bool		 created, made = false;
	int		 rc = 1;

	if (mkdir(o->data_dir, 0700) == 0)
		created = true;
	else if (errno == EEXIST)
		created = false;
	else {
		fprintf(stderr, "loudong: cannot create '%s': %s\n", o->data_dir,
		    strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "%s/loudong.conf", o->data_dir);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "loudong: '%s' is already initialised (%s exists)\n",
		    o->data_dir, path);
		return 1;
	}
	if (app_load_config(o->data_dir, false, &cfg) != 0)
		return 1;
	cfg.role = o->role;
	/* From here on a failure leaves files behind (init_left_behind says so). */
	made = true;
	if (crypto_keys_create(o->data_dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "loudong: %s\n", err);
		goto out;
	}
	/* The demo's report and advisory versions are sealed with these. */
	if ((keys = crypto_keys_load(o->data_dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "loudong: %s\n", err);
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);	/* gpgme writes to gpg's pipes */
	/*
	 * From here on, whatever happens, out: stops the gpg-agent GnuPG
	 * started for this home, once the demo (which may sign) is done too.
	 */
	snprintf(home, sizeof(home), "%s/openpgp", o->data_dir);
	if (app_openpgp(&cfg) != 0)
		goto out;
	if ((st = app_open_store(&cfg)) == NULL)
		goto out;
	a = arena_new();
	/*
	 * What the demo prints waits until the directory is complete, so that
	 * nothing says "initialised" before it is.  Its buffer is made big
	 * enough once, so the one-time passwords in it leave no stale copies
	 * behind, and it is wiped at the end.
	 */
	sbuf_init(&demo, a, DEMO_OUT_MAX);
	sbuf_addf(&demo, "%*s", DEMO_OUT_MAX - 1, "");
	sbuf_reset(&demo);
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, keys };
		struct user_new	in = { "admin", "管理员 Administrator", "", UROLE_ADMIN,
				    NULL, pw, 20, true, };

		if (store_user_count(st, &users) != APP_OK)
			goto out;
		one_time_password(pw);
		if (svc_user_create(&c, &in, &admin, &f) != APP_OK) {
			print_fault("create the admin account", &f);
			goto out;
		}
		if (o->demo && seed_demo(&c, &demo) != 0) {
			fprintf(stderr, "loudong: the demo data could not be made (see above); "
			    "'loudong init --no-demo' makes none\n");
			goto out;
		}
		if (sbuf_err(&demo) != APP_OK) {
			fprintf(stderr, "loudong: the demo's output is over %d bytes\n",
			    DEMO_OUT_MAX);
			goto out;
		}
	}
	/* The config is written last: its presence means "initialised". */
	if (config_write(&cfg, path) != 0) {
		fprintf(stderr, "loudong: cannot write '%s': %s\n", path, strerror(errno));
		goto out;
	}
	printf("Initialised %s as a %s instance (%d migrations applied).\n\n",
	    o->data_dir, config_role_name(cfg.role), store_migrations_applied(st));
	printf("  ┌──────────────────────────────────────────────────────────┐\n");
	printf("  │ admin login:              admin                          │\n");
	printf("  │ one-time password:        %s           │\n", pw);
	printf("  │ (shown once; you must change it at the first login)      │\n");
	printf("  └──────────────────────────────────────────────────────────┘\n\n");
	if (o->demo)
		printf("Demo data:\n%s\n", demo.buf);
	rc = 0;
out:
	if (rc != 0 && made)
		init_left_behind(&cfg, created);
	if (home[0] != '\0')
		pgp_agent_stop(home);	/* init is done with it; serve starts its own */
	crypto_wipe(pw, sizeof(pw));
	if (demo.buf != NULL)
		crypto_wipe(demo.buf, demo.cap);
	arena_free(a);
	store_close(st);
	crypto_keys_free(keys);
	return rc;
}

static int
with_store(const char *data_dir, struct config *cfg, struct store **st,
    struct arena **a)
{
	if (app_load_config(data_dir, true, cfg) != 0)
		return -1;
	if ((*st = app_open_store(cfg)) == NULL)
		return -1;
	*a = arena_new();
	return 0;
}

int
app_user_add(const char *data_dir, const char *login, const char *role,
    const char *org, const char *email, const char *name, const char *password,
    size_t password_len)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct arena	*a = NULL;
	struct user	 u;
	struct fault	 f;
	int		 r, rc = 1;

	if ((r = user_role_parse(str_from(role))) < 0) {
		fprintf(stderr, "loudong: %s\n", msg(LANG_EN, MSG_ERR_ROLE));
		return 2;
	}
	if (with_store(data_dir, &cfg, &st, &a) != 0)
		goto out;
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };
		struct user_new	in = { login, name, email, (enum user_role)r, org,
				    password, password_len, false };

		if (svc_user_create(&c, &in, &u, &f) != APP_OK) {
			print_fault("add the user", &f);
			goto out;
		}
	}
	printf("added user %s (id %lld, role %s)\n", u.login, (long long)u.id,
	    user_role_name(u.role));
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_org_add(const char *data_dir, const char *slug, const char *name,
    const char *kind, const char *country)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct arena	*a = NULL;
	struct org	 o;
	struct fault	 f;
	int		 rc = 1;

	if (with_store(data_dir, &cfg, &st, &a) != 0)
		goto out;
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };

		if (svc_org_create(&c, slug, name, kind, country, &o, &f) != APP_OK) {
			print_fault("add the organisation", &f);
			goto out;
		}
	}
	printf("added organisation %s (id %lld)\n", o.slug, (long long)o.id);
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_token_create(const char *data_dir, const char *login, const char *label)
{
	struct config		 cfg;
	struct store		*st = NULL;
	struct arena		*a = NULL;
	struct user		 u;
	struct api_token	 t;
	struct fault		 f;
	char			 raw[CRYPTO_TOKEN_MAX];
	enum app_err		 er;
	int			 rc = 1;

	if (with_store(data_dir, &cfg, &st, &a) != 0)
		goto out;
	if ((er = store_user_by_login(st, a, login, &u)) != APP_OK) {
		fprintf(stderr, "loudong: there is no user '%s'\n", login);
		goto out;
	}
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };

		if (svc_token_create(&c, u.id, label, raw, &t, &f) != APP_OK) {
			print_fault("create the token", &f);
			goto out;
		}
	}
	/* stdout carries only the token, so `$(loudong token create ...)` works. */
	printf("%s\n", raw);
	fprintf(stderr, "created API token %lld for %s; it is shown only this once\n",
	    (long long)t.id, u.login);
	crypto_wipe(raw, sizeof(raw));
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_token_revoke(const char *data_dir, const char *login, long long id)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct arena	*a = NULL;
	struct user	 u;
	struct fault	 f;
	int		 rc = 1;

	if (with_store(data_dir, &cfg, &st, &a) != 0)
		goto out;
	if (store_user_by_login(st, a, login, &u) != APP_OK) {
		fprintf(stderr, "loudong: there is no user '%s'\n", login);
		goto out;
	}
	{
		struct svc_ctx	c = { st, a, &cfg, (int64_t)time(NULL), NULL, "", true, NULL };

		if (svc_token_revoke(&c, u.id, id, &f) != APP_OK) {
			print_fault("revoke the token", &f);
			goto out;
		}
	}
	printf("revoked API token %lld of %s\n", id, u.login);
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

int
app_deadlines_run(const char *data_dir, long long as_of)
{
	struct config	 cfg;
	struct store	*st = NULL;
	struct arena	*a = NULL;
	size_t		 reminded = 0, missed = 0;
	int64_t		 now = (int64_t)time(NULL);
	enum app_err	 er;
	int		 rc = 1;

	if (with_store(data_dir, &cfg, &st, &a) != 0)
		goto out;
	{
		struct svc_ctx	c = { st, a, &cfg, now, NULL, "", true, NULL };

		/* Events, notices and mail carry the real time, whatever as_of says. */
		if ((er = svc_deadlines_run(&c, as_of != 0 ? as_of : now, &reminded,
		    &missed)) != APP_OK) {
			fprintf(stderr, "loudong: the deadline run failed: %s\n",
			    app_strerror(er));
			goto out;
		}
	}
	printf("%zu reminder%s sent, %zu deadline%s missed\n", reminded,
	    reminded == 1 ? "" : "s", missed, missed == 1 ? "" : "s");
	/* A registry's deregistrations take effect on their end date, as of as_of (第七条). */
	if (cfg.role == ROLE_REGISTRY) {
		struct svc_ctx	c = { st, a, &cfg, now, NULL, "", true, NULL };

		if ((er = svc_filings_run(&c, as_of != 0 ? as_of : now, &reminded)) != APP_OK) {
			fprintf(stderr, "loudong: applying deregistrations failed: %s\n",
			    app_strerror(er));
			goto out;
		}
		printf("%zu deregistration%s took effect\n", reminded,
		    reminded == 1 ? "" : "s");
	}
	/* Scheduled advisories come due in real time, whatever as_of says. */
	{
		char		 err[256];
		struct keyring	*keys = crypto_keys_load(data_dir, err, sizeof err);
		struct svc_ctx	 c = { st, a, &cfg, now, NULL, "", true, keys };

		if (keys == NULL) {
			fprintf(stderr, "loudong: %s\n", err);
			goto out;
		}
		er = svc_advisories_release(&c, &reminded, &missed);
		crypto_keys_free(keys);
		if (er != APP_OK) {
			fprintf(stderr, "loudong: releasing scheduled advisories failed: %s\n",
			    app_strerror(er));
			goto out;
		}
		printf("%zu scheduled advisor%s published, %zu held by a major-event window\n",
		    reminded, reminded == 1 ? "y" : "ies", missed);
	}
	rc = 0;
out:
	arena_free(a);
	store_close(st);
	return rc;
}

static void
describe_row(void *arg, const char *section, const char *key, const char *env,
    const char *def, const char *help)
{
	bool	md = *(bool *)arg;

	if (md)
		printf("| `[%s] %s` | `%s` | %s%s%s | %s |\n", section, key, env,
		    def[0] ? "`" : "", def[0] ? def : "(empty)", def[0] ? "`" : "",
		    help);
	else
		printf("[%s] %s = %s\n    env %s: %s\n", section, key, def, env, help);
}

int
app_config_describe(bool markdown)
{
	if (markdown)
		printf("| key | environment variable | default | meaning |\n"
		    "|---|---|---|---|\n");
	config_describe(describe_row, &markdown);
	return 0;
}
