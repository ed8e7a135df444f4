#ifndef LOUDONG_CORE_CONFIG_H
#define LOUDONG_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Configuration: one table (config.c: config_keys[]) gives every key its
 * section, type, default, bounds and environment name.  Load order: the
 * defaults, then DIR/loudong.conf (INI), then LOUDONG_<SECTION>_<KEY>
 * environment variables; everything is validated before the server listens.
 * After loading, the struct is passed around as const and never changed.
 */

enum instance_role {
	ROLE_PLATFORM,	/* a 漏洞收集平台 */
	ROLE_PROVIDER,	/* a 网络产品提供者 (vendor PSIRT) */
	ROLE_REGISTRY,	/* the national side (NVDB, CAPPVD) */
	ROLE__MAX
};

struct config {
	char		 data_dir[512];	/* set by the caller, not from the file */

	/* [instance] */
	enum instance_role role;	/* instance.role */
	char		 name[128];		/* instance.name */
	char		 filing_number[65];	/* instance.filing_number (备案编号) */
	char		 base_url[256];		/* instance.base_url */

	/* [server] */
	char		 listen_host[64];	/* server.listen, host part */
	uint16_t	 listen_port;		/* server.listen, port part */
	int		 threads;		/* server.threads */
	int		 connection_limit;	/* server.connection_limit */
	int		 per_ip_connection_limit; /* server.per_ip_connection_limit */
	int		 connection_timeout;	/* server.connection_timeout (s) */
	int		 header_max_bytes;	/* server.header_max_bytes */
	int		 body_max_bytes;	/* server.body_max_bytes */
	int		 body_max_anon_bytes;	/* server.body_max_anon_bytes */
	int		 public_cache_mib;	/* server.public_cache_mib */
	int		 io_threads;		/* server.io_threads (0: 2 per CPU) */
	char		 user[64];		/* server.user (drop to it when root) */

	/* [database] */
	char		 db_path[512];		/* database.path */
	int		 busy_timeout_ms;	/* database.busy_timeout_ms */

	/* [auth] */
	bool		 allow_registration;	/* auth.allow_registration */
	int		 session_ttl;		/* auth.session_ttl (s) */
	int		 password_min_length;	/* auth.password_min_length */
	int		 argon2_opslimit;	/* auth.argon2_opslimit */
	int		 argon2_memlimit_kib;	/* auth.argon2_memlimit_kib */
	int		 throttle_window;	/* auth.throttle_window (s) */
	int		 throttle_account_max;	/* auth.throttle_account_max */
	int		 throttle_address_max;	/* auth.throttle_address_max */

	/* [log] */
	int		 log_level;		/* log.level (enum log_level) */
	bool		 access_log;		/* log.access */

	/* [intake] */
	char		 id_prefix[17];		/* intake.id_prefix */
	bool		 allow_anonymous;	/* intake.allow_anonymous */
	int		 attachments_max;	/* intake.attachments_max */
	int		 attachment_max_bytes;	/* intake.attachment_max_bytes */
	int		 attachments_total_max_bytes; /* intake.attachments_total_max_bytes */

	/* [receipts] */
	int		 retention_days;	/* receipts.retention_days (>= 183) */

	/* [grading] */
	char		 grading_tables_file[512];	/* grading.tables_file ("" : built in) */

	/* [mail] */
	char		 smtp_url[256];		/* mail.smtp_url ("" : mail off) */
	char		 mail_from[256];	/* mail.from */
	char		 smtp_username[128];	/* mail.username */
	char		 smtp_password[256];	/* mail.password (never logged) */
	int		 smtp_timeout_ms;	/* mail.timeout_ms */
	bool		 smtp_require_tls;	/* mail.require_tls */

	/* [reporters] */
	int		 submit_min_level;	/* reporters.submit_min_level */
	int		 level2_accepted;	/* reporters.level2_accepted_reports */
	int		 level3_accepted;	/* reporters.level3_accepted_reports */

	/* [outbox] */
	int		 outbox_poll_ms;	/* outbox.poll_interval_ms */
	int		 outbox_max_attempts;	/* outbox.max_attempts */
	int		 outbox_backoff_s;	/* outbox.backoff_seconds */

	/* [calendar] */
	char		 holidays_file[512];	/* calendar.holidays_file ("" : built in) */

	/*
	 * [deadlines]: the period and the reminder offsets of each clock, as
	 * text already checked by period_parse / period_list_parse, indexed in
	 * enum deadline_kind order (ack, vendor_response, submission,
	 * publication; domain/deadline.h).
	 */
#define CONFIG_DL_KINDS	10
	char		 dl_period[CONFIG_DL_KINDS][16];	/* deadlines.<kind> */
	char		 dl_reminders[CONFIG_DL_KINDS][64];	/* deadlines.<kind>_reminders */
	int		 scheduler_interval_s;	/* deadlines.scheduler_interval */

	/* [federation] */
	char		 registry_url[256];	/* federation.registry_url ("" : manual upload) */
	char		 registry_token[256];	/* federation.registry_token (never logged) */
	bool		 submissions;		/* federation.submissions (platforms; providers always) */
	char		 target_library[16];	/* federation.target_library (R37 enum) */
	int		 federation_timeout_ms;	/* federation.timeout_ms */
	char		 required_fields[512];	/* federation.required_fields (domain/submission.h keys) */

	/* [registry] */
	char		 library_prefix[17];	/* registry.id_prefix */
	char		 forward_to[1024];	/* registry.forward_to: name=target, ... */
	char		 forward_token[256];	/* registry.forward_token (never logged) */
	char		 libraries[1024];	/* registry.libraries: name=target, ... (R17) */
	char		 library_name[128];	/* registry.library_name ("" : instance.name) */
	char		 specialisation[16];	/* registry.specialisation: none, app */
	char		 app_required_fields[256];	/* registry.app_required_fields */

	/* [policy] (Art. 9(7)) */
	char		 domestic_countries[128];	/* policy.domestic_countries */
	char		 default_country[3];	/* policy.default_country ("" : unknown) */

	/* [advisories] */
	char		 adv_prefix[17];	/* advisories.id_prefix */
	bool		 adv_require_review;	/* advisories.require_review */
	char		 adv_contact[256];	/* advisories.contact */
	char		 csaf_category[32];	/* advisories.csaf_publisher_category */
	char		 cve_org_id[40];	/* advisories.cve_assigner_org_id */
	char		 cve_short_name[33];	/* advisories.cve_assigner_short_name */
	char		 openpgp_key_file[512];	/* advisories.openpgp_key_file ("" : generated) */
	char		 sectxt_policy[256];	/* advisories.security_txt_policy */
	int		 sectxt_expires_days;	/* advisories.security_txt_expires_days */
	char		 sectxt_languages[64];	/* advisories.security_txt_languages */
	int		 public_cache_s;	/* advisories.public_cache_seconds */

	/* [complaints] (举报, 办法 第九条; registry role) */
	char		 complaint_prefix[17];	/* complaints.id_prefix */
	char		 complaint_phone[33];	/* complaints.phone ("" : none published) */
	char		 complaint_email[255];	/* complaints.email ("" : none published) */

	/* [filing] (备案, 《漏洞收集平台备案管理办法》; both sides) */
	char		 filing_fields_file[512];	/* filing.fields_file ("" : built in) */
	char		 filing_number_prefix[33];	/* filing.number_prefix (registry) */
	char		 filing_number_template[65];	/* filing.number_template (registry, R41) */
	char		 filing_app_prefix[17];		/* filing.application_prefix (registry) */
	char		 filing_notify_mps[256];	/* filing.notify_mps: 公安部 (URL or mailto:) */
	char		 filing_notify_cac[256];	/* filing.notify_cac: 网信办 (URL or mailto:) */
	char		 filing_notify_token[256];	/* filing.notify_token (never logged) */
	char		 filing_effective_date[11];	/* filing.effective_date (YYYY-MM-DD) */
	bool		 filing_live_before;		/* filing.live_before_effective (R25) */
	bool		 filing_open_unfiled;		/* filing.open_intake_unfiled (test installs) */
	int		 filing_poll_s;			/* filing.poll_seconds (platform) */

	/* [units] (支撑单位 of a specialised library, R40; registry role) */
	char		 unit_issuer[128];		/* units.issuer ("" : the library's name) */
	char		 unit_app_prefix[17];		/* units.application_prefix */
	char		 unit_cert_prefix[17];		/* units.certificate_prefix */
	char		 unit_warning_prefix[17];	/* units.warning_prefix */
	char		 unit_dispute_prefix[17];	/* units.dispute_prefix */
	char		 unit_star_thresholds[64];	/* units.star_thresholds: 一星..四星 points */
	char		 unit_weights[256];		/* units.weights: kind=points, ... */
	int		 unit_period_months;		/* units.period_months */
	int		 unit_validity_months;		/* units.validity_months */
	char		 unit_evaluation_day[6];	/* units.evaluation_day: MM-DD */
	char		 unit_criteria_file[512];	/* units.criteria_file ("" : built in) */
	char		 unit_award_rules[512];		/* units.award_rules */
	char		 unit_font[128];		/* units.certificate_font (fontconfig pattern) */
};

/*
 * One entry of a recipients list ([registry] forward_to, libraries):
 * "name=https://host/path" (an HTTP endpoint) or "name=mailto:addr".
 */
#define RECIPIENTS_MAX	16
struct recipient {
	char	name[33];	/* 1..32 bytes, no '=' or ',' */
	char	target[256];	/* the URL or "mailto:addr" */
};
/* The entries of a list already validated by config_load, in order. */
size_t	config_recipients(const char *list, struct recipient *out, size_t max);

/* The R37 target_library values: CNVDB, CICSVD, CAPPVD, CAVD, OTHER. */
bool	config_library_ok(const char *s);

/* Fill cfg with the defaults (data_dir becomes "."). */
void	config_defaults(struct config *cfg);

/*
 * Load path (if it exists; a missing file is not an error when
 * must_exist is false), then the environment, then validate.  On failure
 * returns -1 with one plain sentence naming the key in err.
 */
int	config_load(struct config *cfg, const char *path, bool must_exist,
	    char *err, size_t errsz) __attribute__((warn_unused_result));

/*
 * Set one key from text, as the file and the environment do.  Returns 0, or
 * -1 with a sentence in err.  For `init` and tests.
 */
int	config_set(struct config *cfg, const char *section, const char *key,
	    const char *value, char *err, size_t errsz)
	    __attribute__((warn_unused_result));

/* "platform", "provider", "registry"; -1 if unknown. */
int		 config_role_parse(const char *s);
const char	*config_role_name(enum instance_role r);

/*
 * Describe every key, for `loudong config` and docs/CONFIG.md:
 * calls fn once per key in table order.
 */
void	config_describe(void (*fn)(void *arg, const char *section,
	    const char *key, const char *env, const char *def, const char *help),
	    void *arg);

/* Write a commented loudong.conf with the values in cfg.  0 or -1. */
int	config_write(const struct config *cfg, const char *path);

/* True if the base URL is https:// (cookies then get Secure). */
bool	config_is_tls(const struct config *cfg);

#endif
