#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "core/calendar.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"

enum ckind {
	C_STR,		/* char array, bounded */
	C_INT,		/* int in [min, max] */
	C_BOOL,		/* bool */
	C_ROLE,		/* enum instance_role */
	C_LEVEL,	/* enum log_level */
	C_LISTEN,	/* HOST:PORT into listen_host + listen_port */
	C_URL,		/* http:// or https:// URL, char array */
	C_PREFIX,	/* [A-Z0-9]{1,16}, char array */
	C_URLOPT,	/* "" or an http:// or https:// URL, char array */
	C_PERIOD,	/* "48h", "2d", "10wd" (core/calendar.h), char array */
	C_OFFSETS,	/* "24h,6h,1h": reminder offsets, char array */
	C_RECIPIENTS,	/* "name=https://...,name=mailto:a@b", char array */
	C_LIBRARY,	/* an R37 target_library name, char array */
	C_TARGET,	/* "" or one recipient target: https://... or mailto:a@b, char array */
	C_DATE,		/* YYYY-MM-DD, a real date, char array */
	C_OBSOLETE,	/* accepted for old files and ignored; never written */
};

struct ckey {
	const char	*section;	/* INI section */
	const char	*key;		/* INI key */
	enum ckind	 kind;		/* how to parse */
	size_t		 off;		/* offset into struct config */
	size_t		 size;		/* C_STR/C_URL: array size */
	long		 min, max;	/* C_INT bounds */
	const char	*def;		/* default, as text */
	const char	*help;		/* one line for CONFIG.md and `loudong config` */
};

#define F(field)	offsetof(struct config, field)
#define S(field)	sizeof(((struct config *)0)->field)

/*
 * The whole configuration.  Every number the regulations or operations leave
 * open is here with its default; docs/CONFIG.md is generated from this table
 * by `loudong config --markdown`.
 */
static const struct ckey config_keys[] = {
	{ "instance", "role", C_ROLE, F(role), 0, 0, 0, "platform",
	  "platform (漏洞收集平台), provider (vendor PSIRT) or registry (national library)" },
	{ "instance", "name", C_STR, F(name), S(name), 0, 0, "Loudong",
	  "name shown in page titles and the header" },
	{ "instance", "filing_number", C_STR, F(filing_number), S(filing_number), 0, 0, "",
	  "备案编号 shown in every page footer (platform role); opaque, at most 64 bytes" },
	{ "instance", "base_url", C_URL, F(base_url), S(base_url), 0, 0, "http://127.0.0.1:8080",
	  "public URL of this instance; https:// makes cookies Secure" },
	{ "server", "listen", C_LISTEN, 0, 0, 0, 0, "127.0.0.1:8080",
	  "HOST:PORT to listen on (port 0: any free port)" },
	{ "server", "threads", C_INT, F(threads), 0, 1, 256, "64",
	  "worker threads for requests that change state (POST, PUT, PATCH, DELETE); each serves one at a time with its own database connection.  A report submission holds its worker until its batch is on disk, so this also bounds how many reports one commit can take (see docs/PERFORMANCE.md)" },
	{ "server", "io_threads", C_INT, F(io_threads), 0, 0, 256, "0",
	  "network threads (libmicrohttpd's pool): they read requests, answer reads (GET, HEAD) themselves and hand the rest to the workers; 0: two per CPU" },
	{ "server", "connection_limit", C_INT, F(connection_limit), 0, 1, 100000, "256",
	  "concurrent connections in total" },
	{ "server", "per_ip_connection_limit", C_INT, F(per_ip_connection_limit), 0, 0, 100000, "64",
	  "concurrent connections per client address (0: no limit)" },
	{ "server", "connection_timeout", C_INT, F(connection_timeout), 0, 1, 3600, "30",
	  "seconds of inactivity before a connection is closed (slow clients)" },
	{ "server", "header_max_bytes", C_INT, F(header_max_bytes), 0, 4096, 1048576, "32768",
	  "memory for one connection's request line and headers; larger gets 431" },
	{ "server", "body_max_bytes", C_INT, F(body_max_bytes), 0, 1024, 268435456, "33554432",
	  "largest request body from an authenticated client; larger gets 413" },
	{ "server", "body_max_anon_bytes", C_INT, F(body_max_anon_bytes), 0, 1024, 268435456, "262144",
	  "largest request body before authentication; larger gets 413" },
	{ "server", "public_cache_mib", C_INT, F(public_cache_mib), 0, 0, 4096, "32",
	  "memory for answers to public reads (advisories, feeds, CSAF documents) kept until public content changes; 0 turns the cache off" },
	{ "server", "user", C_STR, F(user), S(user), 0, 0, "nobody",
	  "when started as root: user to switch to after binding (empty: stay, with a warning)" },
	{ "database", "path", C_STR, F(db_path), S(db_path), 0, 0, "loudong.db",
	  "SQLite database file, relative to the data directory" },
	{ "database", "busy_timeout_ms", C_INT, F(busy_timeout_ms), 0, 0, 600000, "5000",
	  "how long a writer waits for the database lock" },
	{ "auth", "allow_registration", C_BOOL, F(allow_registration), 0, 0, 0, "true",
	  "let anyone register a reporter account" },
	{ "auth", "session_ttl", C_INT, F(session_ttl), 0, 300, 2592000, "43200",
	  "seconds a login session lasts" },
	{ "auth", "password_min_length", C_INT, F(password_min_length), 0, 8, 128, "12",
	  "shortest accepted password, in characters" },
	{ "auth", "argon2_opslimit", C_INT, F(argon2_opslimit), 0, 1, 10, "2",
	  "Argon2id passes for new password hashes" },
	{ "auth", "argon2_memlimit_kib", C_INT, F(argon2_memlimit_kib), 0, 8, 4194304, "65536",
	  "Argon2id memory for new password hashes, KiB" },
	{ "auth", "throttle_window", C_INT, F(throttle_window), 0, 60, 86400, "900",
	  "seconds over which failed logins are counted" },
	{ "auth", "throttle_account_max", C_INT, F(throttle_account_max), 0, 1, 1000, "5",
	  "failed logins per account within the window before 429" },
	{ "auth", "throttle_address_max", C_INT, F(throttle_address_max), 0, 1, 100000, "20",
	  "failed logins per client address within the window before 429" },
	{ "log", "level", C_LEVEL, F(log_level), 0, 0, 0, "info",
	  "err, warn, info or debug" },
	{ "log", "access", C_BOOL, F(access_log), 0, 0, 0, "true",
	  "one access-log line per request" },
	{ "intake", "id_prefix", C_PREFIX, F(id_prefix), S(id_prefix), 0, 0, "LD",
	  "tracking ids are <PREFIX>-<YYYY>-<seq> (R33): 1 to 16 of A-Z and 0-9" },
	{ "intake", "allow_anonymous", C_BOOL, F(allow_anonymous), 0, 0, 0, "false",
	  "accept reports without an account (the 备案 rules ask platforms to verify reporters)" },
	{ "intake", "attachments_max", C_INT, F(attachments_max), 0, 0, 100, "10",
	  "attachments per report" },
	{ "intake", "attachment_max_bytes", C_INT, F(attachment_max_bytes), 0, 1024, 268435456, "10485760",
	  "largest attachment" },
	{ "intake", "attachments_total_max_bytes", C_INT, F(attachments_total_max_bytes), 0, 1024, 268435456, "20971520",
	  "all attachments of one report together" },
	{ "receipts", "retention_days", C_INT, F(retention_days), 0, 183, 36500, "365",
	  "receipt-log entries younger than this cannot be purged (Art. 5: at least 6 months; values under 183 are refused)" },
	{ "grading", "tables_file", C_STR, F(grading_tables_file), S(grading_tables_file), 0, 0, "",
	  "GB/T 30279-2020 grading tables to load instead of the built-in ones (derived from the CVSS v3.1 equivalence, see data/grading/README.md); a path, relative to the data directory unless absolute" },
	{ "reporters", "submit_min_level", C_INT, F(submit_min_level), 0, 0, 3, "0",
	  "lowest reporter level that may submit reports (0 registered, 1 identity verified, 2, 3)" },
	{ "reporters", "level2_accepted_reports", C_INT, F(level2_accepted), 0, 0, 100000, "3",
	  "accepted reports a verified reporter needs before staff may grant level 2" },
	{ "reporters", "level3_accepted_reports", C_INT, F(level3_accepted), 0, 0, 100000, "10",
	  "accepted reports a verified reporter needs before staff may grant level 3" },
	{ "mail", "smtp_url", C_STR, F(smtp_url), S(smtp_url), 0, 0, "",
	  "smtp://host:port or smtps://host:port for outgoing mail; empty: mail is queued, not sent" },
	{ "mail", "from", C_STR, F(mail_from), S(mail_from), 0, 0, "loudong@localhost",
	  "sender address of outgoing mail" },
	{ "mail", "username", C_STR, F(smtp_username), S(smtp_username), 0, 0, "",
	  "SMTP AUTH user (empty: no AUTH)" },
	{ "mail", "password", C_STR, F(smtp_password), S(smtp_password), 0, 0, "",
	  "SMTP AUTH password; prefer the environment variable to the file" },
	{ "mail", "timeout_ms", C_INT, F(smtp_timeout_ms), 0, 1000, 600000, "15000",
	  "one SMTP transaction" },
	{ "mail", "require_tls", C_BOOL, F(smtp_require_tls), 0, 0, 0, "false",
	  "refuse to send without TLS (STARTTLS or smtps)" },
	{ "outbox", "poll_interval_ms", C_INT, F(outbox_poll_ms), 0, 50, 600000, "1000",
	  "how often the outbox worker looks for due messages" },
	{ "outbox", "max_attempts", C_INT, F(outbox_max_attempts), 0, 1, 100, "10",
	  "attempts before a message is marked failed" },
	{ "outbox", "backoff_seconds", C_INT, F(outbox_backoff_s), 0, 1, 86400, "30",
	  "delay before the first retry; doubles each attempt, at most 6 hours" },
	/* Replaced by [deadlines] vendor_response (working days). */
	{ "cases", "vendor_response_days", C_OBSOLETE, 0, 0, 0, 0, "",
	  "obsolete: replaced by [deadlines] vendor_response; still accepted in old files and ignored" },
	{ "calendar", "holidays_file", C_STR, F(holidays_file), S(holidays_file), 0, 0, "",
	  "holiday calendar (CSV: date,kind,name with kind off or work, as data/calendar/holidays-cn.csv) to load instead of the built-in 2021-2026 data; a path, relative to the data directory unless absolute.  Years it does not cover count Monday to Friday, and deadlines in them are marked provisional" },
	{ "deadlines", "ack", C_PERIOD, F(dl_period[0]), S(dl_period[0]), 0, 0, "3wd",
	  "acknowledging a report, from its receipt: Nh hours, Nd calendar days or Nwd working days (days end at 24:00 China time)" },
	{ "deadlines", "ack_reminders", C_OFFSETS, F(dl_reminders[0]), S(dl_reminders[0]), 0, 0, "",
	  "reminders before the acknowledgement is due, e.g. 1d,2h (minutes m, hours h, days d; empty: none, the default: every report would carry one, and the dashboard shows what is due)" },
	{ "deadlines", "vendor_response", C_PERIOD, F(dl_period[1]), S(dl_period[1]), 0, 0, "10wd",
	  "a notified vendor's first answer; when it passes the vendor is marked unresponsive and the coordinators are told" },
	{ "deadlines", "vendor_response_reminders", C_OFFSETS, F(dl_reminders[1]), S(dl_reminders[1]), 0, 0, "2d",
	  "reminders before a vendor's answer is due" },
	{ "deadlines", "submission", C_PERIOD, F(dl_period[2]), S(dl_period[2]), 0, 0, "48h",
	  "the 报送 to the national library, from when the vulnerability was known (Art. 7(2) says 2日; the counting rule is unconfirmed, R5: 48h counts hours, 2d counts to 24:00 of the second day after)" },
	{ "deadlines", "submission_reminders", C_OFFSETS, F(dl_reminders[2]), S(dl_reminders[2]), 0, 0, "24h,6h,1h",
	  "reminders before the 报送 is due (R5: T-24h, T-6h, T-1h)" },
	{ "deadlines", "publication", C_PERIOD, F(dl_period[3]), S(dl_period[3]), 0, 0, "45d",
	  "publication reminder, from the first vendor notice (CNVD practice; the disclosure gate still decides)" },
	{ "deadlines", "publication_reminders", C_OFFSETS, F(dl_reminders[3]), S(dl_reminders[3]), 0, 0, "7d",
	  "reminders before the publication date" },
	{ "deadlines", "filing_review", C_PERIOD, F(dl_period[4]), S(dl_period[4]), 0, 0, "10wd",
	  "registry: deciding a 备案 filing, from its complete submission (办法 第五条: 10个工作日; R24, unconfirmed against the final text)" },
	{ "deadlines", "filing_review_reminders", C_OFFSETS, F(dl_reminders[4]), S(dl_reminders[4]), 0, 0, "3d,1d",
	  "reminders to the registry's staff before a filing's decision is due" },
	{ "deadlines", "filing_supplement", C_PERIOD, F(dl_period[5]), S(dl_period[5]), 0, 0, "10wd",
	  "the applicant's 补正 after the registry listed the deficiencies (R24, unconfirmed)" },
	{ "deadlines", "filing_supplement_reminders", C_OFFSETS, F(dl_reminders[5]), S(dl_reminders[5]), 0, 0, "3d,1d",
	  "reminders before a 补正 is due" },
	{ "deadlines", "change_filing", C_PERIOD, F(dl_period[6]), S(dl_period[6]), 0, 0, "30d",
	  "platform: filing a change of filed information, from the declared change date (办法 第六条: 30日; R22)" },
	{ "deadlines", "change_filing_reminders", C_OFFSETS, F(dl_reminders[6]), S(dl_reminders[6]), 0, 0, "7d,1d",
	  "reminders before a change filing is due" },
	{ "deadlines", "initial_filing", C_PERIOD, F(dl_period[7]), S(dl_period[7]), 0, 0, "10wd",
	  "platform already live when the 办法 took effect: filing, from [filing] effective_date (办法 第八条; R25)" },
	{ "deadlines", "initial_filing_reminders", C_OFFSETS, F(dl_reminders[7]), S(dl_reminders[7]), 0, 0, "3d,1d",
	  "reminders before that filing is due" },
	{ "deadlines", "dispute", C_PERIOD, F(dl_period[8]), S(dl_period[8]), 0, 0, "10wd",
	  "registry: coordinating a disclosure or handling dispute (争议协调, R40), from its filing; support units' disputes come first in the queue (the notice's 优先协调权), the period is the same for all (unconfirmed)" },
	{ "deadlines", "dispute_reminders", C_OFFSETS, F(dl_reminders[8]), S(dl_reminders[8]), 0, 0, "3d,1d",
	  "reminders to the registry's staff before a dispute's coordination is due" },
	{ "deadlines", "warning_ack", C_PERIOD, F(dl_period[9]), S(dl_period[9]), 0, 0, "24h",
	  "registry: a support unit acknowledging a warning (预警) delivered to it (R40; unconfirmed)" },
	{ "deadlines", "warning_ack_reminders", C_OFFSETS, F(dl_reminders[9]), S(dl_reminders[9]), 0, 0, "4h",
	  "reminders to the unit before its acknowledgement is due" },
	{ "deadlines", "scheduler_interval", C_INT, F(scheduler_interval_s), 0, 1, 3600, "30",
	  "seconds between two runs of the deadline scheduler (reminders, missed clocks)" },
	{ "federation", "registry_url", C_URLOPT, F(registry_url), S(registry_url), 0, 0, "",
	  "base URL of the registry (national library) that receives this instance's 报送, e.g. https://registry.example; empty: 报送 are exported as files for manual upload" },
	{ "federation", "registry_token", C_STR, F(registry_token), S(registry_token), 0, 0, "",
	  "API token this instance's organisation holds at the registry; prefer the environment variable to the file" },
	{ "federation", "submissions", C_BOOL, F(submissions), 0, 0, 0, "false",
	  "platform role: keep the 2-day 报送 clock for cases and refuse to close a case without an accepted or waived 报送 (always on in the provider role)" },
	{ "federation", "target_library", C_LIBRARY, F(target_library), S(target_library), 0, 0, "CNVDB",
	  "the library 报送 go to by default (R37): CNVDB, CICSVD, CAPPVD, CAVD or OTHER" },
	{ "federation", "timeout_ms", C_INT, F(federation_timeout_ms), 0, 1000, 600000, "15000",
	  "one HTTP exchange with a registry or a downstream recipient" },
	{ "federation", "required_fields", C_STR, F(required_fields), S(required_fields), 0, 0,
	  "vendor,grade,contact_name,contact_email",
	  "报送 fields required besides the legal ones (name, product_name, product_model, product_versions, technical_characteristics, harm, impact_scope), comma-separated; the real form's list is unconfirmed (R37)" },
	{ "registry", "id_prefix", C_PREFIX, F(library_prefix), S(library_prefix), 0, 0, "NVDB",
	  "registry role: library ids of accepted 报送 are <PREFIX>-<YYYY>-<seq>" },
	{ "registry", "forward_to", C_RECIPIENTS, F(forward_to), S(forward_to), 0, 0, "",
	  "registry role: where every accepted 报送 is forwarded (同步通报, R7), as name=https://host/path or name=mailto:address, comma-separated, e.g. 通报中心=https://a.example/api,CNCERT=mailto:vuln@b.example" },
	{ "registry", "forward_token", C_STR, F(forward_token), S(forward_token), 0, 0, "",
	  "registry role: bearer token sent to the HTTP recipients of forward_to and libraries; prefer the environment variable" },
	{ "registry", "libraries", C_RECIPIENTS, F(libraries), S(libraries), 0, 0, "",
	  "registry role: other libraries a submitter may ask a 报送 to be forwarded to (R17), in the same form, e.g. CNVD=https://c.example/api" },
	{ "registry", "library_name", C_STR, F(library_name), S(library_name), 0, 0, "",
	  "registry role: this library's own name on pages, certificates and exports, e.g. CAPPVD漏洞库; \"\" : instance.name" },
	{ "registry", "specialisation", C_STR, F(specialisation), S(specialisation), 0, 0, "none",
	  "registry role: none (a general library) or app (a specialised library for mobile-internet apps, as CAPPVD: reports and 报送 carry the app's name, package or bundle id, version, platform, store and developer)" },
	{ "registry", "app_required_fields", C_STR, F(app_required_fields), S(app_required_fields), 0, 0,
	  "app_name,app_platform",
	  "registry role, specialisation app: the app fields a 报送 must fill (of app_name, app_package, app_version, app_platform, app_store, app_developer), comma-separated; \"\" : none required (unconfirmed against CAPPVD's form)" },
	{ "policy", "domestic_countries", C_STR, F(domestic_countries), S(domestic_countries), 0, 0, "CN",
	  "Art. 9(7): jurisdictions (ISO 3166-1 alpha-2, comma-separated) that are not 境外; undisclosed content goes to anyone else only if they are the affected product's own provider. HK, MO and TW are 境外 for this purpose unless listed" },
	{ "policy", "default_country", C_STR, F(default_country), S(default_country), 0, 0, "CN",
	  "Art. 9(7): the jurisdiction of a person whose account and organisation record none (accounts are verified under the platform's 用户身份核实规则); \"\" refuses such people undisclosed content until one is recorded" },
	{ "advisories", "id_prefix", C_PREFIX, F(adv_prefix), S(adv_prefix), 0, 0, "LDSA",
	  "advisory ids are <PREFIX>-<YYYY>-<seq> (R33); keep it different from intake.id_prefix" },
	{ "advisories", "require_review", C_BOOL, F(adv_require_review), 0, 0, 0, "true",
	  "an advisory version is published only after another person approved it" },
	{ "advisories", "contact", C_STR, F(adv_contact), S(adv_contact), 0, 0, "",
	  "where the public reports vulnerabilities and asks about advisories (mailto: or https:), for CSAF, security.txt and the pages; \"\" : mailto: mail.from, else the intake page" },
	{ "advisories", "csaf_publisher_category", C_STR, F(csaf_category), S(csaf_category), 0, 0, "",
	  "CSAF publisher.category: coordinator, discoverer, other, translator, user or vendor; \"\" : vendor for a provider, coordinator otherwise" },
	{ "advisories", "cve_assigner_org_id", C_STR, F(cve_org_id), S(cve_org_id), 0, 0, "",
	  "CVE JSON 5: the CNA's organisation UUID; \"\" writes the nil UUID (the records are then for exchange, not for the CVE Services)" },
	{ "advisories", "cve_assigner_short_name", C_STR, F(cve_short_name), S(cve_short_name), 0, 0, "",
	  "CVE JSON 5: the CNA's short name (2-32 characters); \"\" : derived from instance.name" },
	{ "advisories", "openpgp_key_file", C_STR, F(openpgp_key_file), S(openpgp_key_file), 0, 0, "",
	  "an armored OpenPGP secret key (no passphrase) that signs CSAF documents; \"\" : a key generated at init in <data_dir>/openpgp" },
	{ "advisories", "security_txt_policy", C_URLOPT, F(sectxt_policy), S(sectxt_policy), 0, 0, "",
	  "security.txt Policy: the URL of the disclosure policy; \"\" : no Policy line" },
	{ "advisories", "security_txt_expires_days", C_INT, F(sectxt_expires_days), 0, 1, 365, "180",
	  "security.txt Expires is this many days after each answer (RFC 9116 asks for less than a year), so it never lapses" },
	{ "advisories", "security_txt_languages", C_STR, F(sectxt_languages), S(sectxt_languages), 0, 0, "zh, en",
	  "security.txt Preferred-Languages" },
	{ "advisories", "public_cache_seconds", C_INT, F(public_cache_s), 0, 0, 86400, "60",
	  "Cache-Control max-age of public advisory pages, feeds and documents (they also carry an ETag)" },
	{ "complaints", "id_prefix", C_PREFIX, F(complaint_prefix), S(complaint_prefix), 0, 0, "JB",
	  "registry role: complaint (举报) tracking ids are <PREFIX>-<YYYY>-<seq>; keep it different from intake.id_prefix" },
	{ "complaints", "phone", C_STR, F(complaint_phone), S(complaint_phone), 0, 0, "",
	  "registry role: the published complaint telephone number (办法 第九条), shown on the complaint form and at /api/v1/complaints/channels; digits, spaces, +, -, (, ) and commas; \"\" : none published" },
	{ "complaints", "email", C_STR, F(complaint_email), S(complaint_email), 0, 0, "",
	  "registry role: the published complaint e-mail address (办法 第九条), shown with the phone; \"\" : none published" },
	{ "filing", "fields_file", C_STR, F(filing_fields_file), S(filing_fields_file), 0, 0, "",
	  "the 备案 items (第四条 (一)-(六)) to use instead of the built-in data/filing/fields.conf, same format (the final annex may differ, R21); a path, relative to the data directory unless absolute" },
	{ "filing", "number_prefix", C_STR, F(filing_number_prefix), S(filing_number_prefix), 0, 0, "LDBA",
	  "registry role: {PREFIX} in number_template; UTF-8, no spaces or control characters, at most 32 bytes" },
	{ "filing", "number_template", C_STR, F(filing_number_template), S(filing_number_template), 0, 0,
	  "{PREFIX}{YYYY}{SEQ:05}",
	  "registry role: how a 备案编号 is minted (R41): text with {PREFIX}, {YYYY} (the approval year) and exactly one {SEQ} or {SEQ:0N} (zero-padded to N); the number is at most 64 bytes" },
	{ "filing", "application_prefix", C_PREFIX, F(filing_app_prefix), S(filing_app_prefix), 0, 0, "BA",
	  "registry role: filing applications are <PREFIX>-<YYYY>-<seq>" },
	{ "filing", "notify_mps", C_TARGET, F(filing_notify_mps), S(filing_notify_mps), 0, 0, "",
	  "registry role: where an approved filing, change or deregistration is notified to 公安部 (第五条): https://host/path (JSON) or mailto:address; \"\" : not configured, each approval then records the notice as undeliverable" },
	{ "filing", "notify_cac", C_TARGET, F(filing_notify_cac), S(filing_notify_cac), 0, 0, "",
	  "registry role: the same for 国家互联网信息办公室 (第五条)" },
	{ "filing", "notify_token", C_STR, F(filing_notify_token), S(filing_notify_token), 0, 0, "",
	  "registry role: bearer token sent to HTTP notice targets; prefer the environment variable" },
	{ "filing", "effective_date", C_DATE, F(filing_effective_date), S(filing_effective_date), 0, 0, "2023-01-01",
	  "the day the 备案管理办法 took effect (第八条); a platform already live then had 10 working days from it (R25)" },
	{ "filing", "live_before_effective", C_BOOL, F(filing_live_before), 0, 0, 0, "false",
	  "platform role: this platform was live before effective_date, so its first filing is due 10 working days after it (R25, [deadlines] initial_filing) rather than before going live" },
	{ "filing", "open_intake_unfiled", C_BOOL, F(filing_open_unfiled), 0, 0, 0, "false",
	  "platform role: accept public reports before the platform is filed (第八条 forbids it in production; for a test installation only, and every page then says so)" },
	{ "units", "issuer", C_STR, F(unit_issuer), S(unit_issuer), 0, 0, "",
	  "registry role: the body that selects support units and signs their certificates, e.g. 安全漏洞管理特设工作组; \"\" : registry.library_name" },
	{ "units", "application_prefix", C_PREFIX, F(unit_app_prefix), S(unit_app_prefix), 0, 0, "ZC",
	  "registry role: support-unit applications are <PREFIX>-<YYYY>-<seq>" },
	{ "units", "certificate_prefix", C_PREFIX, F(unit_cert_prefix), S(unit_cert_prefix), 0, 0, "ZCDW",
	  "registry role: certificate numbers are <PREFIX><YYYY><NNNN> (the real numbering is unconfirmed)" },
	{ "units", "warning_prefix", C_PREFIX, F(unit_warning_prefix), S(unit_warning_prefix), 0, 0, "YJ",
	  "registry role: warnings (预警) are <PREFIX>-<YYYY>-<seq>" },
	{ "units", "dispute_prefix", C_PREFIX, F(unit_dispute_prefix), S(unit_dispute_prefix), 0, 0, "ZY",
	  "registry role: disputes (争议协调) are <PREFIX>-<YYYY>-<seq>" },
	{ "units", "star_thresholds", C_STR, F(unit_star_thresholds), S(unit_star_thresholds), 0, 0,
	  "20,50,100,200",
	  "registry role: the contribution points over period_months a unit needs for 一星, 二星, 三星 and 四星, ascending (the rating method's numbers are unconfirmed)" },
	{ "units", "weights", C_STR, F(unit_weights), S(unit_weights), 0, 0,
	  "critical=10,high=6,medium=3,low=1,warning=4,verification=2,assistance=2",
	  "registry role: points per contribution: an accepted original report or 报送 by GB/T 30279 grade (critical, high, medium, low), a warning shared, a verification or an assistance task confirmed" },
	{ "units", "period_months", C_INT, F(unit_period_months), 0, 1, 60, "12",
	  "registry role: the contributions counted by an evaluation: those of the months before it" },
	{ "units", "validity_months", C_INT, F(unit_validity_months), 0, 1, 120, "12",
	  "registry role: how long a certificate is valid; each annual evaluation issues the next one" },
	{ "units", "evaluation_day", C_STR, F(unit_evaluation_day), S(unit_evaluation_day), 0, 0, "01-15",
	  "registry role: the day of the year (MM-DD, China time) the scheduler re-evaluates every unit's star level" },
	{ "units", "criteria_file", C_STR, F(unit_criteria_file), S(unit_criteria_file), 0, 0, "",
	  "registry role: the rating method (《支撑单位能力评定方法》) applications are scored against, instead of the built-in data/units/criteria.conf, same format; a path, relative to the data directory unless absolute" },
	{ "units", "award_rules", C_STR, F(unit_award_rules), S(unit_award_rules), 0, 0,
	  "most_contributing=technical:points:top3,special_contribution=any:critical:min3,practice_advanced=any:verification+assistance:top3,governance_most=governance:points:top1",
	  "registry role: how each year's award candidates are found: award=type:metric:selector, type technical, governance or any; metric points or a sum of critical, high, medium, low, reports, warning, verification, assistance; selector topN or minN (staff confirm every candidate)" },
	{ "units", "certificate_font", C_STR, F(unit_font), S(unit_font), 0, 0, "Noto Serif CJK SC",
	  "registry role: the fontconfig pattern of the CJK font certificates are set in (Debian: fonts-noto-cjk); a font without Chinese glyphs is refused" },
	{ "filing", "poll_seconds", C_INT, F(filing_poll_s), 0, 10, 86400, "300",
	  "platform role: how often the status of an application under review is read back from [federation] registry_url" },
};

#define NKEYS	(sizeof(config_keys) / sizeof(config_keys[0]))

static const char *const role_names[ROLE__MAX] = {
	"platform",	/* ROLE_PLATFORM */
	"provider",	/* ROLE_PROVIDER */
	"registry",	/* ROLE_REGISTRY */
};

int
config_role_parse(const char *s)
{
	int	i;

	for (i = 0; i < ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

const char *
config_role_name(enum instance_role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

static void
env_name(const struct ckey *k, char *buf, size_t size)
{
	size_t	i;

	snprintf(buf, size, "LOUDONG_%s_%s", k->section, k->key);
	for (i = 0; buf[i] != '\0'; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
}

static const struct ckey *
find_key(const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(config_keys[i].section, section) == 0 &&
		    strcmp(config_keys[i].key, key) == 0)
			return &config_keys[i];
	return NULL;
}

static const char *const libraries[] = { "CNVDB", "CICSVD", "CAPPVD", "CAVD", "OTHER" };

bool
config_library_ok(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof(libraries) / sizeof(libraries[0]); i++)
		if (strcmp(s, libraries[i]) == 0)
			return true;
	return false;
}

/* A recipient's target: an http(s) URL with a host, or mailto: one address. */
static bool
target_ok(const char *t, size_t n)
{
	const char	*at;
	size_t		 i, off;

	for (i = 0; i < n; i++)
		if ((unsigned char)t[i] <= 0x20 || t[i] == 0x7f || t[i] == '"' ||
		    t[i] == '<' || t[i] == '>' || t[i] == '\\')
			return false;
	if ((n > 7 && strncmp(t, "http://", 7) == 0) ||
	    (n > 8 && strncmp(t, "https://", 8) == 0)) {
		off = t[4] == 's' ? 8 : 7;
		return t[off] != '/' && t[off] != '?' && t[off] != '#';
	}
	if (n > 7 && strncmp(t, "mailto:", 7) == 0) {
		t += 7;
		n -= 7;
		if ((at = memchr(t, '@', n)) == NULL || at == t || at == t + n - 1 ||
		    memchr(at + 1, '@', (size_t)(t + n - at - 1)) != NULL)
			return false;
		return memchr(t, '?', n) == NULL && memchr(t, ',', n) == NULL;
	}
	return false;
}

/*
 * Walk a recipients list: each entry into out (when not NULL, up to max).
 * Returns the number of entries, or -1 for a malformed list (why in err).
 */
static int
recipients_walk(const char *list, struct recipient *out, size_t max, char *why, size_t whysz)
{
	const char	*p = list, *e, *eq;
	size_t		 n = 0, ln, lt, j;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		ln = (size_t)(e - p);
		while (ln > 0 && p[ln - 1] == ' ')
			ln--;
		if ((eq = memchr(p, '=', ln)) == NULL || eq == p ||
		    (size_t)(eq - p) > 32) {
			snprintf(why, whysz, "each entry must be name=target with a name of 1 to 32 bytes");
			return -1;
		}
		lt = ln - (size_t)(eq - p) - 1;
		if (!target_ok(eq + 1, lt) || lt >= sizeof(out->target)) {
			snprintf(why, whysz, "the target of '%.*s' must be an http:// or https:// URL "
			    "or mailto:address", (int)(eq - p), p);
			return -1;
		}
		if (n >= RECIPIENTS_MAX) {
			snprintf(why, whysz, "at most %d entries", RECIPIENTS_MAX);
			return -1;
		}
		if (out != NULL && n < max) {
			memcpy(out[n].name, p, (size_t)(eq - p));
			out[n].name[eq - p] = '\0';
			memcpy(out[n].target, eq + 1, lt);
			out[n].target[lt] = '\0';
			for (j = 0; j < n; j++)
				if (strcmp(out[j].name, out[n].name) == 0) {
					snprintf(why, whysz, "the name '%s' is given twice", out[n].name);
					return -1;
				}
		}
		n++;
		p = *e == ',' ? e + 1 : e;
	}
	return (int)n;
}

size_t
config_recipients(const char *list, struct recipient *out, size_t max)
{
	char	why[160];
	int	n = recipients_walk(list, out, max, why, sizeof(why));

	if (n < 0)
		return 0;
	return (size_t)n < max ? (size_t)n : max;
}

/* Parse value into the field k describes; 0, or -1 with err filled. */
static int
apply(struct config *cfg, const struct ckey *k, const char *value,
    const char *origin, char *err, size_t errsz)
{
	char		*base = (char *)cfg;
	char		 env[96];
	size_t		 n = strlen(value);
	int64_t		 i;
	bool		 b;
	int		 r;

	env_name(k, env, sizeof(env));
	switch (k->kind) {
	case C_STR:
	case C_URL:
		if (n >= k->size) {
			snprintf(err, errsz, "[%s] %s (%s) is too long in %s: at most %zu bytes",
			    k->section, k->key, env, origin, k->size - 1);
			return -1;
		}
		/*
		 * What cannot be written back to an INI file is refused: control
		 * characters, and ';' after a space (inih reads it as a comment).
		 */
		for (size_t j = 0; j < n; j++)
			if ((unsigned char)value[j] < 0x20 || value[j] == 0x7f ||
			    (value[j] == ';' && j > 0 && (value[j - 1] == ' ' ||
			    value[j - 1] == '\t'))) {
				snprintf(err, errsz, "[%s] %s (%s) in %s must not hold "
				    "control characters or ' ;'", k->section, k->key,
				    env, origin);
				return -1;
			}
		if (k->kind == C_URL && strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must start with http:// or https://",
			    k->section, k->key, env, origin);
			return -1;
		}
		memcpy(base + k->off, value, n + 1);
		return 0;
	case C_PREFIX:
		if (n == 0 || n >= k->size || strspn(value,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != n) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be 1 to %zu of A-Z and 0-9",
			    k->section, k->key, env, origin, k->size - 1);
			return -1;
		}
		memcpy(base + k->off, value, n + 1);
		return 0;
	case C_TARGET:
	case C_DATE:
	case C_URLOPT:
	case C_PERIOD:
	case C_OFFSETS:
	case C_RECIPIENTS:
	case C_LIBRARY: {
		struct period		p;
		struct recipient	rs[RECIPIENTS_MAX];
		int64_t			offs[16];
		size_t			no;
		char			why[160] = "";
		bool			ok = n < k->size;

		if (ok && k->kind == C_URLOPT)
			ok = n == 0 || strncmp(value, "http://", 7) == 0 ||
			    strncmp(value, "https://", 8) == 0;
		else if (ok && k->kind == C_PERIOD)
			ok = period_parse(value, n, &p) == 0 && p.unit != PERIOD_MINUTES;
		else if (ok && k->kind == C_OFFSETS)
			ok = period_list_parse(value, offs, 8, &no) == 0;
		else if (ok && k->kind == C_RECIPIENTS)
			ok = recipients_walk(value, rs, RECIPIENTS_MAX, why, sizeof(why)) >= 0;
		else if (ok && k->kind == C_TARGET)
			ok = n == 0 || target_ok(value, n);
		else if (ok && k->kind == C_DATE) {
			int64_t	day;

			ok = date_parse(value, n, &day) == 0;
		}
		else if (ok)
			ok = config_library_ok(value);
		if (!ok) {
			static const char *const what[] = {
				[C_URLOPT] = "must be empty or start with http:// or https://",
				[C_PERIOD] = "must be a period: Nh (hours), Nd (calendar days) or Nwd (working days)",
				[C_OFFSETS] = "must be a comma-separated list of at most 8 offsets like 24h, 30m or 2d",
				[C_RECIPIENTS] = "must be a comma-separated list of name=https://host/path or name=mailto:address",
				[C_LIBRARY] = "must be CNVDB, CICSVD, CAPPVD, CAVD or OTHER",
				[C_TARGET] = "must be empty, https://host/path or mailto:address",
				[C_DATE] = "must be a date such as 2023-01-01",
			};

			if (n >= k->size)
				snprintf(err, errsz, "[%s] %s (%s) is too long in %s: at most %zu bytes",
				    k->section, k->key, env, origin, k->size - 1);
			else
				snprintf(err, errsz, "[%s] %s (%s) in %s %s%s%s", k->section,
				    k->key, env, origin, what[k->kind], why[0] ? ": " : "", why);
			return -1;
		}
		memcpy(base + k->off, value, n + 1);
		return 0;
	}
	case C_OBSOLETE:
		log_warnx("event=config_obsolete key=\"[%s] %s\" origin=\"%s\"", k->section,
		    k->key, origin);
		return 0;
	case C_INT:
		if (parse_i64(value, n, k->min, k->max, &i) != 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be a whole number from %ld to %ld",
			    k->section, k->key, env, origin, k->min, k->max);
			return -1;
		}
		*(int *)(base + k->off) = (int)i;
		return 0;
	case C_BOOL:
		if (parse_bool(value, n, &b) != 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be true or false",
			    k->section, k->key, env, origin);
			return -1;
		}
		*(bool *)(base + k->off) = b;
		return 0;
	case C_ROLE:
		if ((r = config_role_parse(value)) < 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be platform, provider or registry",
			    k->section, k->key, env, origin);
			return -1;
		}
		*(enum instance_role *)(base + k->off) = (enum instance_role)r;
		return 0;
	case C_LEVEL:
		if ((r = log_level_parse(value)) < 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be err, warn, info or debug",
			    k->section, k->key, env, origin);
			return -1;
		}
		*(int *)(base + k->off) = r;
		return 0;
	case C_LISTEN:
		if (parse_hostport(value, cfg->listen_host, &cfg->listen_port) != 0) {
			snprintf(err, errsz, "[%s] %s (%s) in %s must be HOST:PORT, e.g. 127.0.0.1:8080",
			    k->section, k->key, env, origin);
			return -1;
		}
		return 0;
	}
	snprintf(err, errsz, "internal: bad config kind");
	return -1;
}

void
config_defaults(struct config *cfg)
{
	char	err[256];
	size_t	i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->data_dir[0] = '.';
	for (i = 0; i < NKEYS; i++)
		if (config_keys[i].kind != C_OBSOLETE &&
		    apply(cfg, &config_keys[i], config_keys[i].def, "defaults",
		    err, sizeof(err)) != 0) {
			/* The table is ours: a bad default is a programming error. */
			fprintf(stderr, "fatal: %s\n", err);
			abort();
		}
}

int
config_set(struct config *cfg, const char *section, const char *key,
    const char *value, char *err, size_t errsz)
{
	const struct ckey	*k;

	if ((k = find_key(section, key)) == NULL) {
		snprintf(err, errsz, "unknown configuration key [%s] %s", section, key);
		return -1;
	}
	return apply(cfg, k, value, "the arguments", err, errsz);
}

struct ini_ctx {
	struct config	*cfg;
	const char	*path;
	char		*err;
	size_t		 errsz;
	int		 failed;
};

static int
config_ini_line(void *user, const char *section, const char *key, const char *value)
{
	struct ini_ctx		*ctx = user;
	const struct ckey	*k;
	char			 origin[600];

	if (ctx->failed)
		return 0;
	if ((k = find_key(section, key)) == NULL) {
		snprintf(ctx->err, ctx->errsz, "unknown key [%s] %s in %s",
		    section, key, ctx->path);
		ctx->failed = 1;
		return 0;
	}
	snprintf(origin, sizeof(origin), "%s", ctx->path);
	if (apply(ctx->cfg, k, value, origin, ctx->err, ctx->errsz) != 0) {
		ctx->failed = 1;
		return 0;
	}
	return 1;
}

/* An upper-case ISO 3166-1 alpha-2 shape: two letters A-Z. */
static bool
country_shape(const char *s, size_t n)
{
	return n == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* [policy] and [advisories]: the values whose form the key kinds do not say. */
static int
validate_disclosure(const struct config *cfg, char *err, size_t errsz)
{
	static const char *const cats[] = { "", "coordinator", "discoverer", "other",
	    "translator", "user", "vendor" };
	const char *p = cfg->domestic_countries;
	size_t i, n = strlen(cfg->default_country);

	if (n != 0 && !country_shape(cfg->default_country, n)) {
		snprintf(err, errsz, "[policy] default_country must be two upper-case letters (ISO 3166-1) or empty");
		return -1;
	}
	while (*p != '\0') {
		const char *e = strchr(p, ',');
		size_t len;

		while (*p == ' ')
			p++;
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (!country_shape(p, len)) {
			snprintf(err, errsz, "[policy] domestic_countries must list two-letter upper-case codes, e.g. CN");
			return -1;
		}
		p = e != NULL ? e + 1 : p + len;
	}
	for (i = 0; i < sizeof cats / sizeof cats[0]; i++)
		if (strcmp(cfg->csaf_category, cats[i]) == 0)
			break;
	if (i == sizeof cats / sizeof cats[0]) {
		snprintf(err, errsz, "[advisories] csaf_publisher_category must be coordinator, discoverer, other, translator, user or vendor");
		return -1;
	}
	n = strlen(cfg->cve_org_id);
	for (i = 0; i < n; i++) {
		char c = cfg->cve_org_id[i];
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			break;
	}
	if (n != 0 && (n != 36 || i != n)) {
		snprintf(err, errsz, "[advisories] cve_assigner_org_id must be a lower-case UUID or empty");
		return -1;
	}
	n = strlen(cfg->cve_short_name);
	if (n == 1 || n > 32) {
		snprintf(err, errsz, "[advisories] cve_assigner_short_name must be 2 to 32 characters or empty");
		return -1;
	}
	if (strcmp(cfg->adv_prefix, cfg->id_prefix) == 0) {
		snprintf(err, errsz, "[advisories] id_prefix must differ from [intake] id_prefix (report and advisory ids would look alike)");
		return -1;
	}
	return 0;
}

/* [complaints]: the published channels' form, and ids unlike reports'. */
static int
validate_complaints(const struct config *cfg, char *err, size_t errsz)
{
	const char	*p, *at;
	size_t		 digits = 0;

	for (p = cfg->complaint_phone; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" +-(),", *p) == NULL) {
			snprintf(err, errsz, "[complaints] phone may hold only digits, spaces, +, -, (, ) and commas");
			return -1;
		}
	}
	if (cfg->complaint_phone[0] != '\0' && digits < 3) {
		snprintf(err, errsz, "[complaints] phone must have at least 3 digits or be empty");
		return -1;
	}
	p = cfg->complaint_email;
	at = strchr(p, '@');
	if (*p != '\0' && (at == NULL || at == p || at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strpbrk(p, " \t\r\n<>\"") != NULL)) {
		snprintf(err, errsz, "[complaints] email must be an e-mail address such as jubao@example.cn, or empty");
		return -1;
	}
	if (strcmp(cfg->complaint_prefix, cfg->id_prefix) == 0) {
		snprintf(err, errsz, "[complaints] id_prefix must differ from [intake] id_prefix (report and complaint ids would look alike)");
		return -1;
	}
	return 0;
}

/* [registry] specialisation and [units]: words and dates of a known form. */
static int
validate_units(const struct config *cfg, char *err, size_t errsz)
{
	const char	*d = cfg->unit_evaluation_day;

	if (strcmp(cfg->specialisation, "none") != 0 && strcmp(cfg->specialisation, "app") != 0) {
		snprintf(err, errsz, "[registry] specialisation must be none or app");
		return -1;
	}
	if (strlen(d) != 5 || !isdigit((unsigned char)d[0]) || !isdigit((unsigned char)d[1]) ||
	    d[2] != '-' || !isdigit((unsigned char)d[3]) || !isdigit((unsigned char)d[4]) ||
	    (d[0] - '0') * 10 + (d[1] - '0') < 1 || (d[0] - '0') * 10 + (d[1] - '0') > 12 ||
	    (d[3] - '0') * 10 + (d[4] - '0') < 1 || (d[3] - '0') * 10 + (d[4] - '0') > 28) {
		snprintf(err, errsz, "[units] evaluation_day must be MM-DD with a day from 01 to 28, e.g. 01-15");
		return -1;
	}
	return 0;
}

/* [filing]: the number prefix is text a 备案编号 can hold; ids unlike reports'. */
static int
validate_filing(const struct config *cfg, char *err, size_t errsz)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)cfg->filing_number_prefix; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '{' || *p == '}') {
			snprintf(err, errsz, "[filing] number_prefix may not hold spaces, control characters or braces");
			return -1;
		}
	if (strcmp(cfg->filing_app_prefix, cfg->id_prefix) == 0 ||
	    strcmp(cfg->filing_app_prefix, cfg->complaint_prefix) == 0) {
		snprintf(err, errsz, "[filing] application_prefix must differ from [intake] id_prefix and [complaints] id_prefix");
		return -1;
	}
	if (strstr(cfg->filing_number_template, "{SEQ") == NULL) {
		snprintf(err, errsz, "[filing] number_template must contain {SEQ} or {SEQ:0N}");
		return -1;
	}
	return 0;
}

static int
validate(const struct config *cfg, char *err, size_t errsz)
{
	if (cfg->body_max_anon_bytes > cfg->body_max_bytes) {
		snprintf(err, errsz, "[server] body_max_anon_bytes must not exceed [server] body_max_bytes");
		return -1;
	}
	if (cfg->db_path[0] == '\0') {
		snprintf(err, errsz, "[database] path must not be empty");
		return -1;
	}
	if (validate_complaints(cfg, err, errsz) != 0 || validate_filing(cfg, err, errsz) != 0 ||
	    validate_units(cfg, err, errsz) != 0)
		return -1;
	return validate_disclosure(cfg, err, errsz);
}

int
config_load(struct config *cfg, const char *path, bool must_exist,
    char *err, size_t errsz)
{
	struct ini_ctx	 ctx = { cfg, path, err, errsz, 0 };
	char		 env[96];
	const char	*v;
	FILE		*f;
	size_t		 i;
	int		 line;

	if (path != NULL) {
		if ((f = fopen(path, "r")) == NULL) {
			if (errno != ENOENT || must_exist) {
				snprintf(err, errsz, "cannot read configuration '%s': %s",
				    path, strerror(errno));
				return -1;
			}
		} else {
			line = ini_parse_file(f, config_ini_line, &ctx);
			fclose(f);
			if (ctx.failed)
				return -1;
			if (line != 0) {
				snprintf(err, errsz, "syntax error in '%s' at line %d",
				    path, line);
				return -1;
			}
		}
	}
	for (i = 0; i < NKEYS; i++) {
		env_name(&config_keys[i], env, sizeof(env));
		if ((v = getenv(env)) == NULL)
			continue;
		if (apply(cfg, &config_keys[i], v, "the environment", err, errsz) != 0)
			return -1;
	}
	return validate(cfg, err, errsz);
}

/* The current value of k in cfg, as text. */
static void
format_value(const struct config *cfg, const struct ckey *k, char *buf, size_t size)
{
	const char	*base = (const char *)cfg;

	switch (k->kind) {
	case C_STR:
	case C_URL:
	case C_PREFIX:
	case C_URLOPT:
	case C_PERIOD:
	case C_OFFSETS:
	case C_RECIPIENTS:
	case C_LIBRARY:
	case C_TARGET:
	case C_DATE:
		snprintf(buf, size, "%s", base + k->off);
		break;
	case C_OBSOLETE:
		buf[0] = '\0';
		break;
	case C_INT:
		snprintf(buf, size, "%d", *(const int *)(base + k->off));
		break;
	case C_BOOL:
		snprintf(buf, size, "%s", *(const bool *)(base + k->off) ? "true" : "false");
		break;
	case C_ROLE:
		snprintf(buf, size, "%s", config_role_name(*(const enum instance_role *)(base + k->off)));
		break;
	case C_LEVEL:
		snprintf(buf, size, "%s", log_level_name((enum log_level)*(const int *)(base + k->off)));
		break;
	case C_LISTEN:
		if (strchr(cfg->listen_host, ':') != NULL)
			snprintf(buf, size, "[%s]:%u", cfg->listen_host, cfg->listen_port);
		else
			snprintf(buf, size, "%s:%u", cfg->listen_host, cfg->listen_port);
		break;
	}
}

void
config_describe(void (*fn)(void *, const char *, const char *, const char *,
    const char *, const char *), void *arg)
{
	char	env[96];
	size_t	i;

	for (i = 0; i < NKEYS; i++) {
		env_name(&config_keys[i], env, sizeof(env));
		fn(arg, config_keys[i].section, config_keys[i].key, env,
		    config_keys[i].def, config_keys[i].help);
	}
}

/*
 * Write text as "# " comment lines of at most about 76 columns, broken at
 * spaces (never inside a UTF-8 sequence): INI readers limit line length.
 */
static void
write_comment(FILE *f, const char *text)
{
	const size_t	 width = 74;
	const char	*p = text, *brk, *q;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (strlen(p) <= width) {
			fprintf(f, "# %s\n", p);
			break;
		}
		/* The last space within the width, else the first after it. */
		for (brk = NULL, q = p; q <= p + width; q++)
			if (*q == ' ')
				brk = q;
		if (brk == NULL && (brk = strchr(p + width, ' ')) == NULL) {
			fprintf(f, "# %s\n", p);
			break;
		}
		fprintf(f, "# %.*s\n", (int)(brk - p), p);
		p = brk + 1;
	}
}

int
config_write(const struct config *cfg, const char *path)
{
	const char	*section = "";
	char		 val[600], env[96], note[1024];
	FILE		*f;
	size_t		 i;
	int		 rc;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "# Loudong configuration.  Every key can be overridden by the\n"
	    "# environment variable LOUDONG_<SECTION>_<KEY>; see docs/CONFIG.md.\n");
	for (i = 0; i < NKEYS; i++) {
		const struct ckey *k = &config_keys[i];

		if (k->kind == C_OBSOLETE)
			continue;
		if (strcmp(section, k->section) != 0) {
			section = k->section;
			fprintf(f, "\n[%s]\n", section);
		}
		env_name(k, env, sizeof(env));
		format_value(cfg, k, val, sizeof(val));
		snprintf(note, sizeof(note), "%s (default: %s; %s)", k->help,
		    k->def[0] ? k->def : "empty", env);
		write_comment(f, note);
		fprintf(f, "%s = %s\n", k->key, val);
	}
	rc = ferror(f) ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

bool
config_is_tls(const struct config *cfg)
{
	return strncmp(cfg->base_url, "https://", 8) == 0;
}
