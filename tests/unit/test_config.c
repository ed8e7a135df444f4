/*
 * core/config: defaults, the INI file, LOUDONG_<SECTION>_<KEY> overrides,
 * validation (every error names its key) and the config_write round trip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/log.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Every environment variable config_describe names, collected once. */
struct envkey {
	char	section[32];
	char	key[64];
	char	env[96];
};

static struct envkey	envkeys[128];
static size_t		nenvkeys;

static void
collect_env(void *arg, const char *section, const char *key, const char *env,
    const char *def, const char *help)
{
	(void)arg;
	(void)def;
	(void)help;
	if (nenvkeys < NELEM(envkeys)) {
		snprintf(envkeys[nenvkeys].section, sizeof(envkeys[0].section), "%s", section);
		snprintf(envkeys[nenvkeys].key, sizeof(envkeys[0].key), "%s", key);
		snprintf(envkeys[nenvkeys].env, sizeof(envkeys[0].env), "%s", env);
	}
	nenvkeys++;
}

static void
clear_env(void)
{
	size_t	i;

	for (i = 0; i < nenvkeys && i < NELEM(envkeys); i++)
		unsetenv(envkeys[i].env);
}

static int
group_setup(void **state)
{
	(void)state;
	nenvkeys = 0;
	config_describe(collect_env, NULL);
	if (nenvkeys == 0 || nenvkeys > NELEM(envkeys))
		return -1;
	clear_env();
	return 0;
}

/* Each test starts and ends with no LOUDONG_* variable set. */
static int
env_clean(void **state)
{
	(void)state;
	clear_env();
	return 0;
}

/* A temporary file holding text; the caller unlinks path. */
static void
write_temp(char path[64], const char *text)
{
	FILE	*f;
	int	 fd;

	snprintf(path, 64, "/tmp/loudong-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void
test_config__defaults(void **state)
{
	struct config	cfg;

	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.data_dir, ".");
	assert_int_equal(cfg.role, ROLE_PLATFORM);
	assert_string_equal(cfg.name, "Loudong");
	assert_string_equal(cfg.filing_number, "");
	assert_string_equal(cfg.base_url, "http://127.0.0.1:8080");
	assert_string_equal(cfg.listen_host, "127.0.0.1");
	assert_int_equal(cfg.listen_port, 8080);
	assert_int_equal(cfg.threads, 64);
	assert_int_equal(cfg.connection_limit, 256);
	assert_int_equal(cfg.per_ip_connection_limit, 64);
	assert_int_equal(cfg.connection_timeout, 30);
	assert_int_equal(cfg.header_max_bytes, 32768);
	assert_int_equal(cfg.body_max_bytes, 33554432);
	assert_int_equal(cfg.body_max_anon_bytes, 262144);
	assert_int_equal(cfg.public_cache_mib, 32);
	assert_int_equal(cfg.io_threads, 0);
	assert_string_equal(cfg.id_prefix, "LD");
	assert_false(cfg.allow_anonymous);
	assert_int_equal(cfg.attachments_max, 10);
	assert_int_equal(cfg.attachment_max_bytes, 10485760);
	assert_int_equal(cfg.attachments_total_max_bytes, 20971520);
	assert_int_equal(cfg.retention_days, 365);
	assert_string_equal(cfg.grading_tables_file, "");
	assert_string_equal(cfg.smtp_url, "");
	assert_string_equal(cfg.mail_from, "loudong@localhost");
	assert_int_equal(cfg.smtp_timeout_ms, 15000);
	assert_false(cfg.smtp_require_tls);
	assert_int_equal(cfg.outbox_poll_ms, 1000);
	assert_int_equal(cfg.outbox_max_attempts, 10);
	assert_int_equal(cfg.outbox_backoff_s, 30);
	assert_int_equal(cfg.submit_min_level, 0);
	assert_int_equal(cfg.level2_accepted, 3);
	assert_int_equal(cfg.level3_accepted, 10);
	assert_true(cfg.body_max_anon_bytes <= cfg.body_max_bytes);
	assert_string_equal(cfg.user, "nobody");
	assert_string_equal(cfg.db_path, "loudong.db");
	assert_int_equal(cfg.busy_timeout_ms, 5000);
	assert_true(cfg.allow_registration);
	assert_int_equal(cfg.session_ttl, 43200);
	assert_int_equal(cfg.password_min_length, 12);
	assert_int_equal(cfg.argon2_opslimit, 2);
	assert_int_equal(cfg.argon2_memlimit_kib, 65536);
	assert_int_equal(cfg.throttle_window, 900);
	assert_int_equal(cfg.throttle_account_max, 5);
	assert_int_equal(cfg.throttle_address_max, 20);
	assert_int_equal(cfg.log_level, LOG_INFO);
	assert_true(cfg.access_log);
	assert_false(config_is_tls(&cfg));
	assert_string_equal(cfg.complaint_prefix, "JB");
	assert_string_equal(cfg.complaint_phone, "");
	assert_string_equal(cfg.complaint_email, "");
	assert_string_equal(cfg.filing_fields_file, "");
	assert_string_equal(cfg.filing_number_prefix, "LDBA");
	assert_string_equal(cfg.filing_number_template, "{PREFIX}{YYYY}{SEQ:05}");
	assert_string_equal(cfg.filing_app_prefix, "BA");
	assert_string_equal(cfg.filing_notify_mps, "");
	assert_string_equal(cfg.filing_notify_cac, "");
	assert_string_equal(cfg.filing_notify_token, "");
	assert_string_equal(cfg.filing_effective_date, "2023-01-01");
	assert_false(cfg.filing_live_before);
	assert_false(cfg.filing_open_unfiled);
	assert_int_equal(cfg.filing_poll_s, 300);
	assert_string_equal(cfg.library_name, "");
	assert_string_equal(cfg.specialisation, "none");
	assert_string_equal(cfg.unit_app_prefix, "ZC");
	assert_string_equal(cfg.unit_star_thresholds, "20,50,100,200");
	assert_int_equal(cfg.unit_period_months, 12);
	assert_int_equal(cfg.unit_validity_months, 12);
	assert_string_equal(cfg.unit_evaluation_day, "01-15");
	assert_string_equal(cfg.dl_period[8], "10wd");
	assert_string_equal(cfg.dl_period[9], "24h");
}

static void
test_config__defaults_validate(void **state)
{
	struct config	cfg;
	char		err[256] = "";

	(void)state;
	/* No file, no environment: the defaults alone pass validation. */
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, NULL, false, err, sizeof(err)), 0);
	assert_int_equal(cfg.threads, 64);
}

static void
test_config__describe_lists_env_names(void **state)
{
	size_t	i;
	char	want[128];

	(void)state;
	assert_true(nenvkeys >= 25);
	for (i = 0; i < nenvkeys; i++) {
		size_t j;

		snprintf(want, sizeof(want), "LOUDONG_%.40s_%.40s", envkeys[i].section,
		    envkeys[i].key);
		for (j = 0; want[j] != '\0'; j++)
			if (want[j] >= 'a' && want[j] <= 'z')
				want[j] = (char)(want[j] - 'a' + 'A');
		assert_string_equal(envkeys[i].env, want);
	}
}

static void
test_config__load_file(void **state)
{
	struct config	cfg;
	char		path[64], err[512] = "";
	int		rc;

	(void)state;
	write_temp(path,
	    "; a comment\n"
	    "# another comment\n"
	    "[instance]\n"
	    "role = provider\n"
	    "name = 测试平台\n"
	    "base_url = https://vuln.example.cn\n"
	    "\n"
	    "[server]\n"
	    "listen = 0.0.0.0:9000\n"
	    "threads = 16\n"
	    "\n"
	    "[auth]\n"
	    "allow_registration = no\n"
	    "password_min_length = 8\n"
	    "\n"
	    "[log]\n"
	    "level = debug\n");
	config_defaults(&cfg);
	rc = config_load(&cfg, path, true, err, sizeof(err));
	unlink(path);
	if (rc != 0)
		fail_msg("config_load: %s", err);
	assert_int_equal(cfg.role, ROLE_PROVIDER);
	assert_string_equal(cfg.name, "测试平台");
	assert_string_equal(cfg.base_url, "https://vuln.example.cn");
	assert_true(config_is_tls(&cfg));
	assert_string_equal(cfg.listen_host, "0.0.0.0");
	assert_int_equal(cfg.listen_port, 9000);
	assert_int_equal(cfg.threads, 16);
	assert_false(cfg.allow_registration);
	assert_int_equal(cfg.password_min_length, 8);
	assert_int_equal(cfg.log_level, LOG_DEBUG);
	/* Keys the file leaves out keep their defaults. */
	assert_int_equal(cfg.session_ttl, 43200);
	assert_string_equal(cfg.db_path, "loudong.db");
}

/* A valid, non-default value for every key, set through the environment. */
static const struct {
	const char	*env;
	const char	*value;
} env_values[] = {
	{ "LOUDONG_INSTANCE_ROLE", "registry" },
	{ "LOUDONG_INSTANCE_NAME", "Env Name 平台" },
	{ "LOUDONG_INSTANCE_FILING_NUMBER", "京ICP备12345678号" },
	{ "LOUDONG_INSTANCE_BASE_URL", "https://vuln.example" },
	{ "LOUDONG_SERVER_LISTEN", "[::1]:9090" },
	{ "LOUDONG_SERVER_THREADS", "8" },
	{ "LOUDONG_SERVER_CONNECTION_LIMIT", "512" },
	{ "LOUDONG_SERVER_PER_IP_CONNECTION_LIMIT", "0" },
	{ "LOUDONG_SERVER_CONNECTION_TIMEOUT", "60" },
	{ "LOUDONG_SERVER_HEADER_MAX_BYTES", "8192" },
	{ "LOUDONG_SERVER_BODY_MAX_BYTES", "2097152" },
	{ "LOUDONG_SERVER_BODY_MAX_ANON_BYTES", "4096" },
	{ "LOUDONG_SERVER_PUBLIC_CACHE_MIB", "0" },
	{ "LOUDONG_SERVER_IO_THREADS", "3" },
	{ "LOUDONG_SERVER_USER", "loudong" },
	{ "LOUDONG_DATABASE_PATH", "other.db" },
	{ "LOUDONG_DATABASE_BUSY_TIMEOUT_MS", "100" },
	{ "LOUDONG_AUTH_ALLOW_REGISTRATION", "false" },
	{ "LOUDONG_AUTH_SESSION_TTL", "3600" },
	{ "LOUDONG_AUTH_PASSWORD_MIN_LENGTH", "16" },
	{ "LOUDONG_AUTH_ARGON2_OPSLIMIT", "3" },
	{ "LOUDONG_AUTH_ARGON2_MEMLIMIT_KIB", "8192" },
	{ "LOUDONG_AUTH_THROTTLE_WINDOW", "600" },
	{ "LOUDONG_AUTH_THROTTLE_ACCOUNT_MAX", "3" },
	{ "LOUDONG_AUTH_THROTTLE_ADDRESS_MAX", "10" },
	{ "LOUDONG_LOG_LEVEL", "warn" },
	{ "LOUDONG_LOG_ACCESS", "off" },
	{ "LOUDONG_INTAKE_ID_PREFIX", "CAPPVD2" },
	{ "LOUDONG_INTAKE_ALLOW_ANONYMOUS", "yes" },
	{ "LOUDONG_INTAKE_ATTACHMENTS_MAX", "3" },
	{ "LOUDONG_INTAKE_ATTACHMENT_MAX_BYTES", "2048" },
	{ "LOUDONG_INTAKE_ATTACHMENTS_TOTAL_MAX_BYTES", "4096" },
	{ "LOUDONG_RECEIPTS_RETENTION_DAYS", "200" },
	{ "LOUDONG_GRADING_TABLES_FILE", "official/gbt30279.tables" },
	{ "LOUDONG_MAIL_SMTP_URL", "smtp://127.0.0.1:2525" },
	{ "LOUDONG_MAIL_FROM", "psirt@example.com" },
	{ "LOUDONG_MAIL_USERNAME", "mailer" },
	{ "LOUDONG_MAIL_PASSWORD", "s3cret" },
	{ "LOUDONG_MAIL_TIMEOUT_MS", "2000" },
	{ "LOUDONG_MAIL_REQUIRE_TLS", "true" },
	{ "LOUDONG_OUTBOX_POLL_INTERVAL_MS", "100" },
	{ "LOUDONG_OUTBOX_MAX_ATTEMPTS", "4" },
	{ "LOUDONG_OUTBOX_BACKOFF_SECONDS", "5" },
	{ "LOUDONG_CASES_VENDOR_RESPONSE_DAYS", "15" },	/* obsolete: accepted, ignored */
	{ "LOUDONG_CALENDAR_HOLIDAYS_FILE", "holidays-2027.csv" },
	{ "LOUDONG_DEADLINES_ACK", "5wd" },
	{ "LOUDONG_DEADLINES_ACK_REMINDERS", "2h" },
	{ "LOUDONG_DEADLINES_VENDOR_RESPONSE", "15wd" },
	{ "LOUDONG_DEADLINES_VENDOR_RESPONSE_REMINDERS", "" },
	{ "LOUDONG_DEADLINES_SUBMISSION", "2d" },
	{ "LOUDONG_DEADLINES_SUBMISSION_REMINDERS", "12h,1h" },
	{ "LOUDONG_DEADLINES_PUBLICATION", "90d" },
	{ "LOUDONG_DEADLINES_PUBLICATION_REMINDERS", "14d,1d" },
	{ "LOUDONG_DEADLINES_FILING_REVIEW", "15wd" },
	{ "LOUDONG_DEADLINES_FILING_REVIEW_REMINDERS", "1d" },
	{ "LOUDONG_DEADLINES_FILING_SUPPLEMENT", "5wd" },
	{ "LOUDONG_DEADLINES_FILING_SUPPLEMENT_REMINDERS", "" },
	{ "LOUDONG_DEADLINES_CHANGE_FILING", "20d" },
	{ "LOUDONG_DEADLINES_CHANGE_FILING_REMINDERS", "2d" },
	{ "LOUDONG_DEADLINES_INITIAL_FILING", "12wd" },
	{ "LOUDONG_DEADLINES_INITIAL_FILING_REMINDERS", "2h" },
	{ "LOUDONG_DEADLINES_DISPUTE", "5wd" },
	{ "LOUDONG_DEADLINES_DISPUTE_REMINDERS", "1d" },
	{ "LOUDONG_DEADLINES_WARNING_ACK", "2wd" },
	{ "LOUDONG_DEADLINES_WARNING_ACK_REMINDERS", "" },
	{ "LOUDONG_DEADLINES_SCHEDULER_INTERVAL", "5" },
	{ "LOUDONG_FEDERATION_REGISTRY_URL", "https://nvdb.example" },
	{ "LOUDONG_FEDERATION_REGISTRY_TOKEN", "ldt_secret" },
	{ "LOUDONG_FEDERATION_SUBMISSIONS", "true" },
	{ "LOUDONG_FEDERATION_TARGET_LIBRARY", "CAPPVD" },
	{ "LOUDONG_FEDERATION_TIMEOUT_MS", "5000" },
	{ "LOUDONG_FEDERATION_REQUIRED_FIELDS", "vendor" },
	{ "LOUDONG_REGISTRY_ID_PREFIX", "CAPPVD" },
	{ "LOUDONG_REGISTRY_FORWARD_TO", "CNCERT=mailto:v@cncert.example" },
	{ "LOUDONG_REGISTRY_FORWARD_TOKEN", "fwd" },
	{ "LOUDONG_REGISTRY_LIBRARIES", "CNVD=https://cnvd.example/api" },
	{ "LOUDONG_REGISTRY_LIBRARY_NAME", "CAPPVD漏洞库" },
	{ "LOUDONG_REGISTRY_SPECIALISATION", "app" },
	{ "LOUDONG_REGISTRY_APP_REQUIRED_FIELDS", "app_name,app_package" },
	{ "LOUDONG_REPORTERS_SUBMIT_MIN_LEVEL", "1" },
	{ "LOUDONG_REPORTERS_LEVEL2_ACCEPTED_REPORTS", "5" },
	{ "LOUDONG_REPORTERS_LEVEL3_ACCEPTED_REPORTS", "20" },
	{ "LOUDONG_POLICY_DOMESTIC_COUNTRIES", "CN, MO" },
	{ "LOUDONG_POLICY_DEFAULT_COUNTRY", "" },
	{ "LOUDONG_ADVISORIES_ID_PREFIX", "CAPPSA" },
	{ "LOUDONG_ADVISORIES_REQUIRE_REVIEW", "false" },
	{ "LOUDONG_ADVISORIES_CONTACT", "mailto:psirt@vuln.example" },
	{ "LOUDONG_ADVISORIES_CSAF_PUBLISHER_CATEGORY", "vendor" },
	{ "LOUDONG_ADVISORIES_CVE_ASSIGNER_ORG_ID", "b3476cb9-2e3d-41a6-98d0-0f47421a65b6" },
	{ "LOUDONG_ADVISORIES_CVE_ASSIGNER_SHORT_NAME", "vulnex" },
	{ "LOUDONG_ADVISORIES_OPENPGP_KEY_FILE", "/etc/loudong/csaf.asc" },
	{ "LOUDONG_ADVISORIES_SECURITY_TXT_POLICY", "https://vuln.example/policy.html" },
	{ "LOUDONG_ADVISORIES_SECURITY_TXT_EXPIRES_DAYS", "90" },
	{ "LOUDONG_ADVISORIES_SECURITY_TXT_LANGUAGES", "zh" },
	{ "LOUDONG_ADVISORIES_PUBLIC_CACHE_SECONDS", "5" },
	{ "LOUDONG_COMPLAINTS_ID_PREFIX", "CAPPJB" },
	{ "LOUDONG_COMPLAINTS_PHONE", "+86 10-1234 5678" },
	{ "LOUDONG_COMPLAINTS_EMAIL", "jubao@vuln.example" },
	{ "LOUDONG_FILING_FIELDS_FILE", "/etc/loudong/fields.conf" },
	{ "LOUDONG_FILING_NUMBER_PREFIX", "工信备" },
	{ "LOUDONG_FILING_NUMBER_TEMPLATE", "{PREFIX}-{YYYY}-{SEQ:06}" },
	{ "LOUDONG_FILING_APPLICATION_PREFIX", "BASQ" },
	{ "LOUDONG_FILING_NOTIFY_MPS", "mailto:mps@gov.example" },
	{ "LOUDONG_FILING_NOTIFY_CAC", "https://cac.example/api/filings" },
	{ "LOUDONG_FILING_NOTIFY_TOKEN", "nt-secret" },
	{ "LOUDONG_FILING_EFFECTIVE_DATE", "2023-02-01" },
	{ "LOUDONG_FILING_LIVE_BEFORE_EFFECTIVE", "true" },
	{ "LOUDONG_FILING_OPEN_INTAKE_UNFILED", "true" },
	{ "LOUDONG_FILING_POLL_SECONDS", "60" },
	{ "LOUDONG_UNITS_ISSUER", "安全漏洞管理特设工作组" },
	{ "LOUDONG_UNITS_APPLICATION_PREFIX", "CAPPZC" },
	{ "LOUDONG_UNITS_CERTIFICATE_PREFIX", "CAPPVDZC" },
	{ "LOUDONG_UNITS_WARNING_PREFIX", "CAPPYJ" },
	{ "LOUDONG_UNITS_DISPUTE_PREFIX", "CAPPZY" },
	{ "LOUDONG_UNITS_STAR_THRESHOLDS", "5,10,20,40" },
	{ "LOUDONG_UNITS_WEIGHTS", "critical=8,high=4,medium=2,low=1,warning=3,verification=1,assistance=1" },
	{ "LOUDONG_UNITS_PERIOD_MONTHS", "6" },
	{ "LOUDONG_UNITS_VALIDITY_MONTHS", "24" },
	{ "LOUDONG_UNITS_EVALUATION_DAY", "03-01" },
	{ "LOUDONG_UNITS_CRITERIA_FILE", "/etc/loudong/criteria.conf" },
	{ "LOUDONG_UNITS_AWARD_RULES", "most_contributing=any:points:top1" },
	{ "LOUDONG_UNITS_CERTIFICATE_FONT", "WenQuanYi Micro Hei" },
};

static void
assert_env_values_applied(const struct config *cfg)
{
	assert_int_equal(cfg->role, ROLE_REGISTRY);
	assert_string_equal(cfg->name, "Env Name 平台");
	assert_string_equal(cfg->filing_number, "京ICP备12345678号");
	assert_string_equal(cfg->base_url, "https://vuln.example");
	assert_string_equal(cfg->listen_host, "::1");
	assert_int_equal(cfg->listen_port, 9090);
	assert_int_equal(cfg->threads, 8);
	assert_int_equal(cfg->connection_limit, 512);
	assert_int_equal(cfg->per_ip_connection_limit, 0);
	assert_int_equal(cfg->connection_timeout, 60);
	assert_int_equal(cfg->header_max_bytes, 8192);
	assert_int_equal(cfg->body_max_bytes, 2097152);
	assert_int_equal(cfg->body_max_anon_bytes, 4096);
	assert_int_equal(cfg->public_cache_mib, 0);
	assert_int_equal(cfg->io_threads, 3);
	assert_string_equal(cfg->user, "loudong");
	assert_string_equal(cfg->db_path, "other.db");
	assert_int_equal(cfg->busy_timeout_ms, 100);
	assert_false(cfg->allow_registration);
	assert_int_equal(cfg->session_ttl, 3600);
	assert_int_equal(cfg->password_min_length, 16);
	assert_int_equal(cfg->argon2_opslimit, 3);
	assert_int_equal(cfg->argon2_memlimit_kib, 8192);
	assert_int_equal(cfg->throttle_window, 600);
	assert_int_equal(cfg->throttle_account_max, 3);
	assert_int_equal(cfg->throttle_address_max, 10);
	assert_int_equal(cfg->log_level, LOG_WARN);
	assert_false(cfg->access_log);
	assert_string_equal(cfg->id_prefix, "CAPPVD2");
	assert_true(cfg->allow_anonymous);
	assert_int_equal(cfg->attachments_max, 3);
	assert_int_equal(cfg->attachment_max_bytes, 2048);
	assert_int_equal(cfg->attachments_total_max_bytes, 4096);
	assert_int_equal(cfg->retention_days, 200);
	assert_string_equal(cfg->grading_tables_file, "official/gbt30279.tables");
	assert_string_equal(cfg->smtp_url, "smtp://127.0.0.1:2525");
	assert_string_equal(cfg->mail_from, "psirt@example.com");
	assert_string_equal(cfg->smtp_username, "mailer");
	assert_string_equal(cfg->smtp_password, "s3cret");
	assert_int_equal(cfg->smtp_timeout_ms, 2000);
	assert_true(cfg->smtp_require_tls);
	assert_int_equal(cfg->outbox_poll_ms, 100);
	assert_int_equal(cfg->outbox_max_attempts, 4);
	assert_int_equal(cfg->outbox_backoff_s, 5);
	assert_string_equal(cfg->holidays_file, "holidays-2027.csv");
	assert_string_equal(cfg->dl_period[0], "5wd");
	assert_string_equal(cfg->dl_reminders[0], "2h");
	assert_string_equal(cfg->dl_period[1], "15wd");
	assert_string_equal(cfg->dl_reminders[1], "");
	assert_string_equal(cfg->dl_period[2], "2d");
	assert_string_equal(cfg->dl_reminders[2], "12h,1h");
	assert_string_equal(cfg->dl_period[3], "90d");
	assert_string_equal(cfg->dl_reminders[3], "14d,1d");
	assert_string_equal(cfg->dl_period[4], "15wd");
	assert_string_equal(cfg->dl_reminders[4], "1d");
	assert_string_equal(cfg->dl_period[5], "5wd");
	assert_string_equal(cfg->dl_reminders[5], "");
	assert_string_equal(cfg->dl_period[6], "20d");
	assert_string_equal(cfg->dl_reminders[6], "2d");
	assert_string_equal(cfg->dl_period[7], "12wd");
	assert_string_equal(cfg->dl_reminders[7], "2h");
	assert_string_equal(cfg->dl_period[8], "5wd");
	assert_string_equal(cfg->dl_reminders[8], "1d");
	assert_string_equal(cfg->dl_period[9], "2wd");
	assert_string_equal(cfg->dl_reminders[9], "");
	assert_int_equal(cfg->scheduler_interval_s, 5);
	assert_string_equal(cfg->registry_url, "https://nvdb.example");
	assert_string_equal(cfg->registry_token, "ldt_secret");
	assert_true(cfg->submissions);
	assert_string_equal(cfg->target_library, "CAPPVD");
	assert_int_equal(cfg->federation_timeout_ms, 5000);
	assert_string_equal(cfg->required_fields, "vendor");
	assert_string_equal(cfg->library_prefix, "CAPPVD");
	assert_string_equal(cfg->forward_to, "CNCERT=mailto:v@cncert.example");
	assert_string_equal(cfg->forward_token, "fwd");
	assert_string_equal(cfg->libraries, "CNVD=https://cnvd.example/api");
	assert_string_equal(cfg->library_name, "CAPPVD漏洞库");
	assert_string_equal(cfg->specialisation, "app");
	assert_string_equal(cfg->app_required_fields, "app_name,app_package");
	assert_int_equal(cfg->submit_min_level, 1);
	assert_int_equal(cfg->level2_accepted, 5);
	assert_int_equal(cfg->level3_accepted, 20);
	assert_string_equal(cfg->domestic_countries, "CN, MO");
	assert_string_equal(cfg->default_country, "");
	assert_string_equal(cfg->adv_prefix, "CAPPSA");
	assert_false(cfg->adv_require_review);
	assert_string_equal(cfg->adv_contact, "mailto:psirt@vuln.example");
	assert_string_equal(cfg->csaf_category, "vendor");
	assert_string_equal(cfg->cve_org_id, "b3476cb9-2e3d-41a6-98d0-0f47421a65b6");
	assert_string_equal(cfg->cve_short_name, "vulnex");
	assert_string_equal(cfg->openpgp_key_file, "/etc/loudong/csaf.asc");
	assert_string_equal(cfg->sectxt_policy, "https://vuln.example/policy.html");
	assert_int_equal(cfg->sectxt_expires_days, 90);
	assert_string_equal(cfg->sectxt_languages, "zh");
	assert_int_equal(cfg->public_cache_s, 5);
	assert_string_equal(cfg->complaint_prefix, "CAPPJB");
	assert_string_equal(cfg->complaint_phone, "+86 10-1234 5678");
	assert_string_equal(cfg->complaint_email, "jubao@vuln.example");
	assert_string_equal(cfg->filing_fields_file, "/etc/loudong/fields.conf");
	assert_string_equal(cfg->filing_number_prefix, "工信备");
	assert_string_equal(cfg->filing_number_template, "{PREFIX}-{YYYY}-{SEQ:06}");
	assert_string_equal(cfg->filing_app_prefix, "BASQ");
	assert_string_equal(cfg->filing_notify_mps, "mailto:mps@gov.example");
	assert_string_equal(cfg->filing_notify_cac, "https://cac.example/api/filings");
	assert_string_equal(cfg->filing_notify_token, "nt-secret");
	assert_string_equal(cfg->filing_effective_date, "2023-02-01");
	assert_true(cfg->filing_live_before);
	assert_true(cfg->filing_open_unfiled);
	assert_int_equal(cfg->filing_poll_s, 60);
	assert_string_equal(cfg->unit_issuer, "安全漏洞管理特设工作组");
	assert_string_equal(cfg->unit_app_prefix, "CAPPZC");
	assert_string_equal(cfg->unit_cert_prefix, "CAPPVDZC");
	assert_string_equal(cfg->unit_warning_prefix, "CAPPYJ");
	assert_string_equal(cfg->unit_dispute_prefix, "CAPPZY");
	assert_string_equal(cfg->unit_star_thresholds, "5,10,20,40");
	assert_string_equal(cfg->unit_weights,
	    "critical=8,high=4,medium=2,low=1,warning=3,verification=1,assistance=1");
	assert_int_equal(cfg->unit_period_months, 6);
	assert_int_equal(cfg->unit_validity_months, 24);
	assert_string_equal(cfg->unit_evaluation_day, "03-01");
	assert_string_equal(cfg->unit_criteria_file, "/etc/loudong/criteria.conf");
	assert_string_equal(cfg->unit_award_rules, "most_contributing=any:points:top1");
	assert_string_equal(cfg->unit_font, "WenQuanYi Micro Hei");
}

static void
test_config__env_table_covers_every_key(void **state)
{
	size_t	i, j;

	(void)state;
	/* A new key must get a row in env_values (and a check above). */
	assert_int_equal(NELEM(env_values), nenvkeys);
	for (i = 0; i < nenvkeys; i++) {
		for (j = 0; j < NELEM(env_values); j++)
			if (strcmp(env_values[j].env, envkeys[i].env) == 0)
				break;
		if (j == NELEM(env_values))
			fail_msg("no env_values row for %s", envkeys[i].env);
	}
}

static void
test_config__env_overrides_every_key(void **state)
{
	struct config	cfg;
	char		err[512] = "";
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(env_values); i++)
		assert_int_equal(setenv(env_values[i].env, env_values[i].value, 1), 0);
	config_defaults(&cfg);
	if (config_load(&cfg, NULL, false, err, sizeof(err)) != 0)
		fail_msg("config_load: %s", err);
	assert_env_values_applied(&cfg);
	clear_env();
}

static void
test_config__env_each_key_alone(void **state)
{
	struct config	def, cfg;
	char		err[512] = "";
	size_t		i;

	(void)state;
	config_defaults(&def);
	for (i = 0; i < NELEM(env_values); i++) {
		/* anon <= body still holds for each value alone. */
		assert_int_equal(setenv(env_values[i].env, env_values[i].value, 1), 0);
		config_defaults(&cfg);
		if (config_load(&cfg, NULL, false, err, sizeof(err)) != 0)
			fail_msg("%s=%s: %s", env_values[i].env, env_values[i].value, err);
		/* An obsolete key is accepted and changes nothing; every other one does. */
		if ((memcmp(&cfg, &def, sizeof(cfg)) == 0) !=
		    (strcmp(env_values[i].env, "LOUDONG_CASES_VENDOR_RESPONSE_DAYS") == 0))
			fail_msg("%s=%s: unexpected effect", env_values[i].env,
			    env_values[i].value);
		unsetenv(env_values[i].env);
	}
}

static void
test_config__env_beats_file(void **state)
{
	struct config	cfg;
	char		path[64], err[512] = "";
	int		rc;

	(void)state;
	write_temp(path, "[server]\nthreads = 2\nconnection_limit = 99\n");
	assert_int_equal(setenv("LOUDONG_SERVER_THREADS", "7", 1), 0);
	config_defaults(&cfg);
	rc = config_load(&cfg, path, true, err, sizeof(err));
	unlink(path);
	assert_int_equal(rc, 0);
	assert_int_equal(cfg.threads, 7);		/* environment */
	assert_int_equal(cfg.connection_limit, 99);	/* file */
	clear_env();
}

static void
test_config__env_invalid_names_variable(void **state)
{
	static const struct {
		const char	*env;
		const char	*value;
	} t[] = {
		{ "LOUDONG_SERVER_THREADS", "0" },
		{ "LOUDONG_SERVER_THREADS", "four" },
		{ "LOUDONG_SERVER_LISTEN", "nonsense" },
		{ "LOUDONG_INSTANCE_ROLE", "x" },
		{ "LOUDONG_LOG_LEVEL", "loud" },
		{ "LOUDONG_AUTH_ALLOW_REGISTRATION", "maybe" },
		{ "LOUDONG_INSTANCE_BASE_URL", "ftp://x.example" },
	};
	struct config	cfg;
	char		err[512];
	size_t		i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(setenv(t[i].env, t[i].value, 1), 0);
		config_defaults(&cfg);
		err[0] = '\0';
		if (config_load(&cfg, NULL, false, err, sizeof(err)) == 0)
			fail_msg("%s=%s was accepted", t[i].env, t[i].value);
		if (strstr(err, t[i].env) == NULL)
			fail_msg("%s=%s: error \"%s\" does not name it", t[i].env,
			    t[i].value, err);
		unsetenv(t[i].env);
	}
}

/* Each file is refused, and the error names the offending key. */
static void
test_config__file_invalid_values(void **state)
{
	static const struct {
		const char	*text;
		const char	*names;	/* must appear in the error */
	} t[] = {
		{ "[server]\nthreads = 0\n", "threads" },
		{ "[server]\nthreads = 257\n", "threads" },
		{ "[server]\nthreads = -1\n", "threads" },
		{ "[server]\nthreads = 4x\n", "threads" },
		{ "[server]\nthreads = 04\n", "threads" },
		{ "[server]\nthreads =\n", "threads" },
		{ "[server]\nlisten = nonsense\n", "listen" },
		{ "[server]\nlisten = 127.0.0.1\n", "listen" },
		{ "[server]\nlisten = 256.1.1.1:80\n", "listen" },
		{ "[server]\nlisten = 127.0.0.1:70000\n", "listen" },
		{ "[server]\nbody_max_bytes = 1023\n", "body_max_bytes" },
		{ "[server]\nheader_max_bytes = 100\n", "header_max_bytes" },
		{ "[server]\ncolour = blue\n", "colour" },
		{ "[instance]\nrole = x\n", "role" },
		{ "[instance]\nrole = Platform\n", "role" },
		{ "[instance]\nbase_url = vuln.example\n", "base_url" },
		{ "[instance]\nbase_url = javascript:alert(1)\n", "base_url" },
		{ "[instance]\nfiling_number = "
		  "01234567890123456789012345678901234567890123456789012345678901234\n",
		  "filing_number" },
		{ "[log]\nlevel = loud\n", "level" },
		{ "[log]\naccess = sometimes\n", "access" },
		{ "[auth]\nsession_ttl = 10\n", "session_ttl" },
		{ "[auth]\npassword_min_length = 7\n", "password_min_length" },
		{ "[auth]\nthrottle_account_max = 0\n", "throttle_account_max" },
		{ "[nosuch]\nthreads = 4\n", "nosuch" },
		{ "threads = 4\n", "threads" },	/* no section */
		{ "[server]\nbody_max_anon_bytes = 40000000\n", "body_max_anon_bytes" },
		{ "[receipts]\nretention_days = 182\n", "retention_days" },
		{ "[intake]\nid_prefix = ld\n", "id_prefix" },
		{ "[server]\nbody_max_bytes = 4096\nbody_max_anon_bytes = 8192\n",
		  "body_max_anon_bytes" },
		{ "[database]\npath =\n", "path" },
		{ "[complaints]\nphone = call us\n", "phone" },
		{ "[complaints]\nphone = +-\n", "phone" },
		{ "[complaints]\nemail = nobody\n", "email" },
		{ "[complaints]\nemail = a@b@c\n", "email" },
		{ "[complaints]\nid_prefix = LD\n", "id_prefix" },
		{ "[complaints]\nid_prefix = jb\n", "id_prefix" },
		{ "[filing]\nnotify_mps = ftp://x.example\n", "notify_mps" },
		{ "[filing]\nnotify_cac = mailto:nobody\n", "notify_cac" },
		{ "[filing]\neffective_date = 2023-02-30\n", "effective_date" },
		{ "[filing]\nnumber_prefix = A B\n", "number_prefix" },
		{ "[filing]\nnumber_template = {PREFIX}{YYYY}\n", "number_template" },
		{ "[filing]\napplication_prefix = JB\n", "application_prefix" },
		{ "[filing]\npoll_seconds = 5\n", "poll_seconds" },
		{ "[registry]\nspecialisation = mobile\n", "specialisation" },
		{ "[units]\nevaluation_day = 13-01\n", "evaluation_day" },
		{ "[units]\nevaluation_day = 02-30\n", "evaluation_day" },
		{ "[units]\nvalidity_months = 0\n", "validity_months" },
		{ "[units]\napplication_prefix = zc\n", "application_prefix" },
		{ "[deadlines]\ndispute = soon\n", "dispute" },
	};
	struct config	cfg;
	char		path[64], err[512];
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		write_temp(path, t[i].text);
		config_defaults(&cfg);
		err[0] = '\0';
		rc = config_load(&cfg, path, true, err, sizeof(err));
		unlink(path);
		if (rc == 0)
			fail_msg("accepted: %s", t[i].text);
		if (strstr(err, t[i].names) == NULL)
			fail_msg("error \"%s\" does not name \"%s\" for: %s", err,
			    t[i].names, t[i].text);
	}
}

static void
test_config__syntax_error_names_line(void **state)
{
	struct config	cfg;
	char		path[64], err[512] = "";
	int		rc;

	(void)state;
	write_temp(path, "[server]\nthreads = 4\nthis line has no equals sign\n");
	config_defaults(&cfg);
	rc = config_load(&cfg, path, true, err, sizeof(err));
	unlink(path);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 3"));
}

static void
test_config__set_table(void **state)
{
	struct config	cfg;
	char		err[512];

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_set(&cfg, "server", "threads", "12", err, sizeof(err)), 0);
	assert_int_equal(cfg.threads, 12);
	assert_int_equal(config_set(&cfg, "server", "threads", "64", err, sizeof(err)), 0);
	assert_int_equal(cfg.threads, 64);
	assert_int_equal(config_set(&cfg, "server", "threads", "1", err, sizeof(err)), 0);
	assert_int_equal(cfg.threads, 1);
	assert_int_equal(config_set(&cfg, "auth", "allow_registration", "OFF", err, sizeof(err)), 0);
	assert_false(cfg.allow_registration);
	assert_int_equal(config_set(&cfg, "server", "listen", "localhost:0", err, sizeof(err)), 0);
	assert_string_equal(cfg.listen_host, "localhost");
	assert_int_equal(cfg.listen_port, 0);

	err[0] = '\0';
	assert_int_equal(config_set(&cfg, "server", "nope", "1", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "nope"));
	err[0] = '\0';
	assert_int_equal(config_set(&cfg, "server", "threads", "0", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "threads"));
	assert_int_equal(cfg.threads, 1);	/* unchanged */
	err[0] = '\0';
	/* Exactly the array size is one byte too long (no room for the NUL). */
	{
		char	long_name[sizeof(cfg.name) + 1];

		memset(long_name, 'n', sizeof(cfg.name));
		long_name[sizeof(cfg.name)] = '\0';
		assert_int_equal(config_set(&cfg, "instance", "name", long_name,
		    err, sizeof(err)), -1);
		assert_non_null(strstr(err, "name"));
		long_name[sizeof(cfg.name) - 1] = '\0';
		assert_int_equal(config_set(&cfg, "instance", "name", long_name,
		    err, sizeof(err)), 0);
		assert_int_equal(strlen(cfg.name), sizeof(cfg.name) - 1);
	}
}

/* The kinds issue 6 added: periods, reminder offsets, recipients, URLs, libraries. */
static void
test_config__clock_and_federation_values(void **state)
{
	static const struct {
		const char	*section, *key, *value;
		int		 ok;	/* 1: accepted, 0: refused */
	} t[] = {
		{ "deadlines", "submission", "48h", 1 },
		{ "deadlines", "submission", "2d", 1 },
		{ "deadlines", "ack", "3wd", 1 },
		{ "deadlines", "ack", "30m", 0 },	/* minutes are for reminders only */
		{ "deadlines", "ack", "3", 0 },
		{ "deadlines", "ack", "", 0 },
		{ "deadlines", "ack", "-1h", 0 },
		{ "deadlines", "submission_reminders", "24h,6h,1h", 1 },
		{ "deadlines", "submission_reminders", "24h, 30m", 1 },
		{ "deadlines", "submission_reminders", "", 1 },
		{ "deadlines", "submission_reminders", "1wd", 0 },
		{ "deadlines", "submission_reminders", "1h,,2h", 0 },
		{ "deadlines", "submission_reminders", "1h,2h,3h,4h,5h,6h,7h,8h,9h", 0 },
		{ "federation", "registry_url", "", 1 },
		{ "federation", "registry_url", "https://nvdb.example/", 1 },
		{ "federation", "registry_url", "ftp://nvdb.example/", 0 },
		{ "federation", "target_library", "CAPPVD", 1 },
		{ "federation", "target_library", "cnvdb", 0 },
		{ "registry", "forward_to", "", 1 },
		{ "registry", "forward_to", "通报中心=https://a.example/api, CNCERT=mailto:v@b.example", 1 },
		{ "registry", "forward_to", "x=https://a.example,x=https://b.example", 0 },
		{ "registry", "forward_to", "x=file:///etc/passwd", 0 },
		{ "registry", "forward_to", "x=mailto:nobody", 0 },
		{ "registry", "forward_to", "=https://a.example", 0 },
		{ "registry", "forward_to", "https://a.example", 0 },
	};
	struct config	cfg;
	char		err[512];
	size_t		i;

	(void)state;
	config_defaults(&cfg);
	assert_string_equal(cfg.dl_period[0], "3wd");
	assert_string_equal(cfg.dl_period[1], "10wd");
	assert_string_equal(cfg.dl_period[2], "48h");
	assert_string_equal(cfg.dl_period[3], "45d");
	assert_string_equal(cfg.dl_period[4], "10wd");
	assert_string_equal(cfg.dl_period[5], "10wd");
	assert_string_equal(cfg.dl_period[6], "30d");
	assert_string_equal(cfg.dl_period[7], "10wd");
	assert_string_equal(cfg.dl_reminders[6], "7d,1d");
	assert_string_equal(cfg.dl_reminders[2], "24h,6h,1h");
	for (i = 0; i < NELEM(t); i++) {
		config_defaults(&cfg);
		err[0] = '\0';
		if (t[i].ok) {
			if (config_set(&cfg, t[i].section, t[i].key, t[i].value, err,
			    sizeof(err)) != 0)
				fail_msg("[%s] %s = '%s' refused: %s", t[i].section, t[i].key,
				    t[i].value, err);
			continue;
		}
		if (config_set(&cfg, t[i].section, t[i].key, t[i].value, err, sizeof(err)) == 0)
			fail_msg("[%s] %s = '%s' accepted", t[i].section, t[i].key, t[i].value);
		/* The error names the key. */
		assert_non_null(strstr(err, t[i].key));
	}
}

/* A file written before issue 6 still loads: the replaced key is accepted and ignored. */
static void
test_config__obsolete_key_ignored(void **state)
{
	struct config	cfg;
	char		err[512], path[] = "/tmp/loudong-test-config-XXXXXX";
	FILE		*f;
	int		 fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("[cases]\nvendor_response_days = 15\n", f);
	fclose(f);
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, path, true, err, sizeof(err)), 0);
	assert_string_equal(cfg.dl_period[1], "10wd");
	unlink(path);
	/* And config_write does not write it back. */
	assert_int_equal(config_write(&cfg, path), 0);
	assert_non_null(f = fopen(path, "r"));
	{
		char	buf[65536];
		size_t	n = fread(buf, 1, sizeof(buf) - 1, f);

		buf[n] = '\0';
		assert_null(strstr(buf, "vendor_response_days"));
		assert_non_null(strstr(buf, "submission_reminders = 24h,6h,1h"));
	}
	fclose(f);
	unlink(path);
}

static void
test_config__role_names(void **state)
{
	int	r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		assert_int_equal(config_role_parse(config_role_name((enum instance_role)r)), r);
	assert_string_equal(config_role_name(ROLE_PLATFORM), "platform");
	assert_string_equal(config_role_name(ROLE_PROVIDER), "provider");
	assert_string_equal(config_role_name(ROLE_REGISTRY), "registry");
	assert_int_equal(config_role_parse("x"), -1);
	assert_int_equal(config_role_parse(""), -1);
	assert_int_equal(config_role_parse("PLATFORM"), -1);
	assert_string_equal(config_role_name(ROLE__MAX), "?");
}

static void
assert_config_equal(const struct config *a, const struct config *b)
{
	assert_int_equal(a->role, b->role);
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->filing_number, b->filing_number);
	assert_string_equal(a->base_url, b->base_url);
	assert_string_equal(a->listen_host, b->listen_host);
	assert_int_equal(a->listen_port, b->listen_port);
	assert_int_equal(a->threads, b->threads);
	assert_int_equal(a->connection_limit, b->connection_limit);
	assert_int_equal(a->per_ip_connection_limit, b->per_ip_connection_limit);
	assert_int_equal(a->connection_timeout, b->connection_timeout);
	assert_int_equal(a->header_max_bytes, b->header_max_bytes);
	assert_int_equal(a->body_max_bytes, b->body_max_bytes);
	assert_int_equal(a->body_max_anon_bytes, b->body_max_anon_bytes);
	assert_int_equal(a->public_cache_mib, b->public_cache_mib);
	assert_int_equal(a->io_threads, b->io_threads);
	assert_string_equal(a->user, b->user);
	assert_string_equal(a->db_path, b->db_path);
	assert_int_equal(a->busy_timeout_ms, b->busy_timeout_ms);
	assert_int_equal(a->allow_registration, b->allow_registration);
	assert_int_equal(a->session_ttl, b->session_ttl);
	assert_int_equal(a->password_min_length, b->password_min_length);
	assert_int_equal(a->argon2_opslimit, b->argon2_opslimit);
	assert_int_equal(a->argon2_memlimit_kib, b->argon2_memlimit_kib);
	assert_int_equal(a->throttle_window, b->throttle_window);
	assert_int_equal(a->throttle_account_max, b->throttle_account_max);
	assert_int_equal(a->throttle_address_max, b->throttle_address_max);
	assert_int_equal(a->log_level, b->log_level);
	assert_int_equal(a->access_log, b->access_log);
	assert_string_equal(a->complaint_prefix, b->complaint_prefix);
	assert_string_equal(a->complaint_phone, b->complaint_phone);
	assert_string_equal(a->complaint_email, b->complaint_email);
}

static void
round_trip(const struct config *in)
{
	struct config	out;
	char		path[64], err[512] = "";
	int		rc;

	write_temp(path, "");
	rc = config_write(in, path);
	config_defaults(&out);
	if (rc == 0)
		rc = config_load(&out, path, true, err, sizeof(err));
	else
		snprintf(err, sizeof(err), "config_write failed");
	unlink(path);
	if (rc != 0)
		fail_msg("reload of written config failed: %s", err);
	assert_config_equal(in, &out);
}

static void
test_config__write_round_trip_defaults(void **state)
{
	struct config	cfg;

	(void)state;
	config_defaults(&cfg);
	round_trip(&cfg);
}

/* INI readers cut long lines (inih at 200 bytes): help is wrapped. */
static void
test_config__written_lines_are_short(void **state)
{
	struct config	 cfg;
	char		 path[64], line[4096];
	FILE		*f;
	int		 n = 0;

	(void)state;
	config_defaults(&cfg);
	write_temp(path, "");
	assert_int_equal(config_write(&cfg, path), 0);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (line[0] == '#' && strlen(line) > 80 && strchr(line + 2, ' ') != NULL)
			fail_msg("line %d has %zu bytes: %s", n, strlen(line), line);
		assert_true(strlen(line) < 200);
	}
	fclose(f);
	unlink(path);
	assert_true(n > 40);
}

static void
test_config__write_round_trip_changed(void **state)
{
	struct config	cfg;
	char		err[512];
	size_t		i;

	(void)state;
	config_defaults(&cfg);
	for (i = 0; i < NELEM(env_values); i++)
		assert_int_equal(setenv(env_values[i].env, env_values[i].value, 1), 0);
	assert_int_equal(config_load(&cfg, NULL, false, err, sizeof(err)), 0);
	clear_env();
	assert_env_values_applied(&cfg);
	round_trip(&cfg);	/* includes an IPv6 listen address and UTF-8 */
}

/* If config_set accepts name, the file config_write makes must load it back. */
static void
name_round_trip(const char *name)
{
	struct config	cfg;
	char		err[512];

	config_defaults(&cfg);
	if (config_set(&cfg, "instance", "name", name, err, sizeof(err)) != 0)
		return;		/* refusing it up front is also correct */
	round_trip(&cfg);
}

static void
test_config__write_round_trip_awkward_text(void **state)
{
	static const char *const names[] = {
		"Acme # Labs",		/* '#' inside a value */
		"#hash first",
		"a=b",			/* '=' inside a value */
		"[not a section]",
		"漏洞收集平台",
		"quote \"x\" 'y'",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(names); i++)
		name_round_trip(names[i]);
}

static void
test_config__write_round_trip_semicolon(void **state)
{
	(void)state;
	/* inih treats " ;" as the start of an inline comment. */
	name_round_trip("Acme ; Labs");
	name_round_trip("Acme;Labs");
}

static void
test_config__write_round_trip_control_chars(void **state)
{
	(void)state;
	name_round_trip("line\nbreak");
	name_round_trip("carriage\rreturn");
}

static void
test_config__missing_file(void **state)
{
	struct config	cfg;
	char		err[512] = "";
	const char	*path = "/nonexistent-loudong-dir/loudong.conf";

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(config_load(&cfg, path, false, err, sizeof(err)), 0);
	assert_int_equal(cfg.threads, 64);
	err[0] = '\0';
	assert_int_equal(config_load(&cfg, path, true, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config__defaults, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__defaults_validate, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__describe_lists_env_names, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__load_file, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__env_table_covers_every_key, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__env_overrides_every_key, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__env_each_key_alone, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__env_beats_file, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__env_invalid_names_variable, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__file_invalid_values, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__syntax_error_names_line, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__set_table, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__clock_and_federation_values, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__obsolete_key_ignored, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__role_names, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__write_round_trip_defaults, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__written_lines_are_short, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__write_round_trip_changed, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__write_round_trip_awkward_text, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__write_round_trip_semicolon, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__write_round_trip_control_chars, env_clean, env_clean),
		cmocka_unit_test_setup_teardown(test_config__missing_file, env_clean, env_clean),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
