/*
 * The SQLite backend's statement texts, one per enum stmt (store_int.h).
 * sqlite.c prepares each once per connection and binds every value.
 */
#include "store/store_int.h"

/*
 * Parameters are numbered (?1, ?2) so each text lines up with its PostgreSQL
 * twin ($1, $2).  Never built at run time: a variant is another entry.
 */
/* Column lists shared by several statements (issue 6). */
#define DL_COLS \
	"id, kind, subject, coalesce(case_id, ''), coalesce(report_id, ''), basis_at, due_at, " \
	"period, rule, calendar_version, provisional, state, coalesce(paused_at, 0), " \
	"coalesce(met_at, 0), coalesce(missed_at, 0), reason, coalesce(actor_id, 0), " \
	"created_at, updated_at "
#define DL_COLS_D \
	"d.id, d.kind, d.subject, coalesce(d.case_id, ''), coalesce(d.report_id, ''), " \
	"d.basis_at, d.due_at, d.period, d.rule, d.calendar_version, d.provisional, d.state, " \
	"coalesce(d.paused_at, 0), coalesce(d.met_at, 0), coalesce(d.missed_at, 0), d.reason, " \
	"coalesce(d.actor_id, 0), d.created_at, d.updated_at "
#define OB_COLS \
	"id, kind, recipient, subject, ref, idem_key, status, attempts, next_attempt_at, " \
	"last_error, coalesce(http_status, 0), response, created_at, coalesce(sent_at, 0), body "
#define SUB_COLS \
	"s.id, s.case_id, s.state, s.target_library, s.title, s.product_name, s.idem_key, " \
	"s.manual, coalesce(s.outbox_id, 0), s.library_id, s.reason, coalesce(s.created_by, 0), " \
	"s.created_at, s.updated_at, coalesce(s.sent_by, 0), coalesce(s.sent_at, 0), " \
	"coalesce(s.uploaded_by, 0), coalesce(s.uploaded_at, 0), coalesce(s.decided_at, 0), " \
	"coalesce(o.status, ''), coalesce(o.attempts, 0), coalesce(o.last_error, ''), " \
	"coalesce(o.http_status, 0) "
#define REC_COLS \
	"r.rowid, r.id, r.org_id, o.slug, o.name, coalesce(r.submitter_id, 0), r.idem_key, " \
	"r.target_library, r.title, r.product_name, r.payload_sha256, r.leaf_index, r.state, " \
	"r.reason, r.received_at, r.updated_at, coalesce(r.verified_by, 0), " \
	"coalesce(r.verified_at, 0) "
#define FW_COLS \
	"f.id, f.submission_id, f.recipient, f.target, f.on_request, coalesce(f.outbox_id, 0), " \
	"f.created_at, coalesce(o.status, ''), coalesce(o.attempts, 0), " \
	"coalesce(o.last_error, ''), coalesce(o.http_status, 0), coalesce(o.sent_at, 0) "

const char *const sqlite_sql[STMT__MAX] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_SCHEMA_VERSION] = "SELECT coalesce(max(version), 0) FROM schema_migrations",
	[STMT_ORG_INSERT] =
	    "INSERT INTO orgs (slug, name, kind, country, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_ORG_BY_SLUG] =
	    "SELECT id, slug, name, kind, country, created_at FROM orgs WHERE slug = ?1",
	[STMT_ORG_BY_ID] =
	    "SELECT id, slug, name, kind, country, created_at FROM orgs WHERE id = ?1",
	[STMT_ORG_LIST] =
	    "SELECT id, slug, name, kind, country, created_at FROM orgs "
	    "WHERE id > ?1 ORDER BY id LIMIT ?2",
	[STMT_PRODUCT_INSERT] =
	    "INSERT INTO products (org_id, name, model, versions, created_at, cpe, purl) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_PRODUCT_LIST] =
	    "SELECT id, org_id, name, model, versions, created_at, cpe, purl FROM products "
	    "WHERE org_id = ?1 ORDER BY name, model",
	[STMT_USER_INSERT] =
	    "INSERT INTO users (login, display_name, email, role, org_id, "
	    "password_hash, must_change_password, disabled, created_at, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
	[STMT_USER_BY_LOGIN] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "u.password_hash, u.must_change_password, u.disabled, u.created_at, "
	    "coalesce(nullif(u.country, ''), o.country, '') "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.login = ?1",
	[STMT_USER_BY_ID] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "u.password_hash, u.must_change_password, u.disabled, u.created_at, "
	    "coalesce(nullif(u.country, ''), o.country, '') "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = ?1",
	[STMT_USER_BY_EMAIL] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "u.password_hash, u.must_change_password, u.disabled, u.created_at, "
	    "coalesce(nullif(u.country, ''), o.country, '') "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE u.email = ?1 COLLATE NOCASE AND u.email <> ''",
	[STMT_USER_LIST] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "'', u.must_change_password, u.disabled, u.created_at, "
	    "coalesce(nullif(u.country, ''), o.country, '') "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id "
	    "WHERE u.id > ?1 ORDER BY u.id LIMIT ?2",
	[STMT_USER_SET_PASSWORD] =
	    "UPDATE users SET password_hash = ?2, must_change_password = ?3, "
	    "updated_at = ?4 WHERE id = ?1",
	[STMT_USER_COUNT] = "SELECT count(*) FROM users",
	[STMT_SESSION_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_SESSION_GET] =
	    "SELECT user_id, csrf, created_at, expires_at FROM sessions "
	    "WHERE token_hash = ?1 AND expires_at > ?2",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
	[STMT_SESSION_DELETE_USER] =
	    "DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE expires_at <= ?1",
	[STMT_TOKEN_INSERT] =
	    "INSERT INTO api_tokens (user_id, label, token_hash, created_at) "
	    "VALUES (?1, ?2, ?3, ?4)",
	[STMT_TOKEN_BY_HASH] =
	    "SELECT id, user_id, label, created_at, last_used_at, revoked_at "
	    "FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL",
	[STMT_TOKEN_LIST] =
	    "SELECT id, user_id, label, created_at, last_used_at, revoked_at "
	    "FROM api_tokens WHERE user_id = ?1 ORDER BY id",
	[STMT_TOKEN_REVOKE] =
	    "UPDATE api_tokens SET revoked_at = ?3 "
	    "WHERE id = ?2 AND user_id = ?1 AND revoked_at IS NULL",
	[STMT_TOKEN_TOUCH] = "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
	[STMT_LOGIN_FAILURE_INSERT] =
	    "INSERT INTO login_failures (kind, key, at) VALUES (?1, ?2, ?3)",
	[STMT_LOGIN_FAILURE_COUNT] =
	    "SELECT count(*), coalesce(min(at), 0) FROM login_failures "
	    "WHERE kind = ?1 AND key = ?2 AND at > ?3",
	[STMT_LOGIN_FAILURE_CLEAR] =
	    "DELETE FROM login_failures WHERE kind = ?1 AND key = ?2",
	[STMT_LOGIN_FAILURE_PURGE] = "DELETE FROM login_failures WHERE at <= ?1",
	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit_log (at, actor_id, action, subject, detail, addr) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_AUDIT_LIST] =
	    "SELECT id, at, actor_id, action, subject, detail FROM audit_log "
	    "WHERE id > ?1 ORDER BY id LIMIT ?2",
	[STMT_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[STMT_META_SET] =
	    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[STMT_REPORT_SEQ_NEXT] =
	    "INSERT INTO report_seq (year, last) VALUES (?1, ?2) "
	    "ON CONFLICT (year) DO UPDATE SET last = last + ?2 RETURNING last",
	[STMT_REPORT_INSERT] =
	    "INSERT INTO reports (id, seq_year, seq, reporter_id, channel, status, kind, "
	    "title, vendor, product, model, versions, weakness, cvss_vector, "
	    "discovered_at, vendor_contacted, credit, credit_alias, dek_wrapped, "
	    "details, payload_sha256, received_at, leaf_index) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
	    "?19, ?20, ?21, ?22, ?23)",
	[STMT_REPORT_GET] =
	    "SELECT r.id, r.reporter_id, u.login, r.channel, r.status, r.kind, r.title, "
	    "r.vendor, r.product, r.model, r.versions, r.weakness, r.cvss_vector, "
	    "r.discovered_at, r.vendor_contacted, r.credit, r.credit_alias, "
	    "r.payload_sha256, r.received_at, r.leaf_index, "
	    "(SELECT count(*) FROM attachments a WHERE a.report_id = r.id), "
	    "r.dek_wrapped, r.details "
	    "FROM reports r LEFT JOIN users u ON u.id = r.reporter_id WHERE r.id = ?1",
	/* Optional filters are NULL parameters; LIKE patterns are built by the caller. */
	[STMT_REPORT_LIST] =
	    "SELECT r.id, r.reporter_id, u.login, r.channel, r.status, r.kind, r.title, "
	    "r.vendor, r.product, r.model, r.versions, r.weakness, r.cvss_vector, "
	    "r.discovered_at, r.vendor_contacted, r.credit, r.credit_alias, "
	    "r.payload_sha256, r.received_at, r.leaf_index, "
	    "(SELECT count(*) FROM attachments a WHERE a.report_id = r.id) "
	    "FROM reports r LEFT JOIN users u ON u.id = r.reporter_id "
	    "WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR r.kind = ?2) "
	    "AND (?3 IS NULL OR r.reporter_id = ?3) "
	    "AND (?4 IS NULL OR r.title LIKE ?4 ESCAPE '\\' OR r.vendor LIKE ?4 ESCAPE '\\' "
	    "OR r.product LIKE ?4 ESCAPE '\\' OR r.id = ?7) "
	    "AND (?5 = 0 OR r.leaf_index < ?5) ORDER BY r.leaf_index DESC LIMIT ?6",
	[STMT_REPORT_COUNT] = "SELECT count(*) FROM reports",
	[STMT_ATTACHMENT_INSERT] =
	    "INSERT INTO attachments (report_id, filename, mime, size, sha256, "
	    "dek_wrapped, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_ATTACHMENT_LIST] =
	    "SELECT id, report_id, filename, mime, size, sha256 FROM attachments "
	    "WHERE report_id = ?1 ORDER BY id",
	[STMT_ATTACHMENT_GET] =
	    "SELECT id, report_id, filename, mime, size, sha256, dek_wrapped, content "
	    "FROM attachments WHERE report_id = ?1 AND id = ?2",
	[STMT_LOG_SIZE] = "SELECT coalesce(max(idx) + 1, 0) FROM log_leaves",
	[STMT_LOG_NODE_GET] = "SELECT hash FROM log_nodes WHERE level = ?1 AND idx = ?2",
	[STMT_LOG_NODE_INSERT] = "INSERT INTO log_nodes (level, idx, hash) VALUES (?1, ?2, ?3)",
	[STMT_LOG_LEAF_INSERT] =
	    "INSERT INTO log_leaves (idx, leaf, leaf_hash, report_id, received_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_LOG_LEAF_GET] =
	    "SELECT idx, leaf, leaf_hash, report_id, received_at, purged_at "
	    "FROM log_leaves WHERE idx = ?1",
	[STMT_LOG_LEAVES] =
	    "SELECT idx, leaf, leaf_hash, report_id, received_at, purged_at "
	    "FROM log_leaves WHERE idx >= ?1 ORDER BY idx LIMIT ?2",
	[STMT_LOG_STH_INSERT] =
	    "INSERT INTO log_sth (tree_size, timestamp, root_hash, signature) "
	    "VALUES (?1, ?2, ?3, ?4)",
	[STMT_LOG_STH_GET] =
	    "SELECT tree_size, timestamp, root_hash, signature FROM log_sth "
	    "WHERE tree_size = ?1",
	[STMT_LOG_STH_LATEST] =
	    "SELECT tree_size, timestamp, root_hash, signature FROM log_sth "
	    "ORDER BY tree_size DESC LIMIT 1",
	[STMT_LOG_STHS] =
	    "SELECT tree_size, timestamp, root_hash, signature FROM log_sth "
	    "WHERE tree_size > ?1 ORDER BY tree_size LIMIT ?2",
	[STMT_LOG_PURGE] =
	    "UPDATE log_leaves SET leaf = NULL, purged_at = ?2 "
	    "WHERE received_at < ?1 AND leaf IS NOT NULL",
	[STMT_LOG_UNMATCHED] =
	    "SELECT count(*) FROM reports r LEFT JOIN log_leaves l ON l.idx = r.leaf_index "
	    "WHERE l.idx IS NULL OR l.report_id IS NOT r.id",
	[STMT_OUTBOX_INSERT] =
	    "INSERT INTO outbox (kind, recipient, subject, body, next_attempt_at, created_at) "
	    "VALUES ('mail', ?1, ?2, ?3, ?4, ?4)",
	[STMT_OUTBOX_SENT] =
	    "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?2, "
	    "last_error = '' WHERE id = ?1",
	[STMT_OUTBOX_RETRY] =
	    "UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4, "
	    "status = CASE WHEN ?5 THEN 'failed' ELSE 'pending' END WHERE id = ?1",
	[STMT_PROFILE_PUT] =
	    "INSERT INTO reporter_profiles (user_id, id_type, id_masked, phone_masked, "
	    "dek_wrapped, pii, status, reason, reviewed_by, reviewed_at, level, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', '', NULL, NULL, 0, ?7) "
	    "ON CONFLICT (user_id) DO UPDATE SET id_type = excluded.id_type, "
	    "id_masked = excluded.id_masked, phone_masked = excluded.phone_masked, "
	    "dek_wrapped = excluded.dek_wrapped, pii = excluded.pii, status = 'pending', "
	    "reason = '', reviewed_by = NULL, reviewed_at = NULL, level = 0, "
	    "updated_at = excluded.updated_at",
	[STMT_PROFILE_GET] =
	    "SELECT p.user_id, u.login, p.id_type, p.id_masked, p.phone_masked, p.status, "
	    "p.reason, p.reviewed_by, p.reviewed_at, p.level, p.updated_at, p.dek_wrapped, "
	    "p.pii FROM reporter_profiles p JOIN users u ON u.id = p.user_id "
	    "WHERE p.user_id = ?1",
	[STMT_PROFILE_LIST] =
	    "SELECT p.user_id, u.login, p.id_type, p.id_masked, p.phone_masked, p.status, "
	    "p.reason, p.reviewed_by, p.reviewed_at, p.level, p.updated_at "
	    "FROM reporter_profiles p JOIN users u ON u.id = p.user_id "
	    "WHERE (?1 IS NULL OR p.status = ?1) AND p.user_id > ?2 "
	    "ORDER BY p.user_id LIMIT ?3",
	[STMT_PROFILE_REVIEW] =
	    "UPDATE reporter_profiles SET status = ?2, reason = ?3, level = ?4, "
	    "reviewed_by = ?5, reviewed_at = ?6 WHERE user_id = ?1",
	[STMT_PROFILE_LEVEL] =
	    "UPDATE reporter_profiles SET level = ?2, reviewed_by = ?3, reviewed_at = ?4 "
	    "WHERE user_id = ?1",
	[STMT_REPORTS_ACCEPTED] =
	    "SELECT count(*) FROM reports WHERE reporter_id = ?1 AND status = 'accepted'",
	[STMT_OUTBOX_LIST] =
	    "SELECT id, recipient, subject, body, attempts, next_attempt_at, status, "
	    "last_error FROM outbox ORDER BY id DESC LIMIT ?1",
	[STMT_CWE_CLEAR] = "DELETE FROM cwe",
	[STMT_CWE_PUT] =
	    "INSERT INTO cwe (id, name, abstraction, status, version) VALUES (?1, ?2, ?3, ?4, ?5) "
	    "ON CONFLICT (id) DO UPDATE SET name = ?2, abstraction = ?3, status = ?4, "
	    "version = ?5",
	[STMT_CWE_GET] = "SELECT id, name, abstraction, status, version FROM cwe WHERE id = ?1",
	/* ?1: an id to match exactly (or -1), ?2: a name fragment (LIKE, escaped with \\). */
	[STMT_CWE_SEARCH] =
	    "SELECT id, name, abstraction, status, version FROM cwe "
	    "WHERE id = ?1 OR (?2 <> '' AND name LIKE '%' || ?2 || '%' ESCAPE '\\') "
	    "ORDER BY id = ?1 DESC, status IN ('Deprecated', 'Obsolete'), id LIMIT ?3",
	[STMT_CWE_COUNT] = "SELECT count(*), coalesce(max(version), '') FROM cwe",
	[STMT_ASSESS_GET] =
	    "SELECT cvss_v2, cvss_v3, cvss_v4, gbt_access_path, gbt_trigger, gbt_privilege, "
	    "gbt_interaction, gbt_confidentiality, gbt_integrity, gbt_availability, "
	    "gbt_exploit_cost, gbt_fix_difficulty, gbt_scope, technical_grade, "
	    "comprehensive_grade, grading_scheme, tables_version, tables_sha256, "
	    "category_path, cwe_id, updated_at, updated_by FROM assessments WHERE subject = ?1",
	[STMT_ASSESS_PUT] =
	    "INSERT INTO assessments (subject, cvss_v2, cvss_v3, cvss_v4, gbt_access_path, "
	    "gbt_trigger, gbt_privilege, gbt_interaction, gbt_confidentiality, gbt_integrity, "
	    "gbt_availability, gbt_exploit_cost, gbt_fix_difficulty, gbt_scope, "
	    "technical_grade, comprehensive_grade, grading_scheme, tables_version, "
	    "tables_sha256, category_path, cwe_id, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
	    "?22, ?23) ON CONFLICT (subject) DO UPDATE SET cvss_v2 = ?2, cvss_v3 = ?3, "
	    "cvss_v4 = ?4, gbt_access_path = ?5, gbt_trigger = ?6, gbt_privilege = ?7, "
	    "gbt_interaction = ?8, gbt_confidentiality = ?9, gbt_integrity = ?10, "
	    "gbt_availability = ?11, gbt_exploit_cost = ?12, gbt_fix_difficulty = ?13, "
	    "gbt_scope = ?14, technical_grade = ?15, comprehensive_grade = ?16, "
	    "grading_scheme = ?17, tables_version = ?18, tables_sha256 = ?19, "
	    "category_path = ?20, cwe_id = ?21, updated_at = ?22, updated_by = ?23",
	[STMT_RELATED_LIST] =
	    "SELECT scheme, value FROM related_ids WHERE subject = ?1 ORDER BY scheme, value",
	[STMT_RELATED_CLEAR] = "DELETE FROM related_ids WHERE subject = ?1",
	[STMT_RELATED_ADD] =
	    "INSERT OR IGNORE INTO related_ids (subject, scheme, value) VALUES (?1, ?2, ?3)",
	[STMT_ASSESS_HISTORY_ADD] =
	    "INSERT INTO assessment_history (subject, at, actor_id, field, old, new, reason) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_ASSESS_HISTORY] =
	    "SELECT h.id, h.at, h.actor_id, coalesce(u.login, ''), h.field, h.old, h.new, "
	    "h.reason FROM assessment_history h LEFT JOIN users u ON u.id = h.actor_id "
	    "WHERE h.subject = ?1 ORDER BY h.id DESC LIMIT ?2",
	[STMT_CASE_SEQ_NEXT] =
	    "INSERT INTO case_seq (year, last) VALUES (?1, 1) "
	    "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
	[STMT_CASE_INSERT] =
	    "INSERT INTO cases (id, seq_year, seq, kind, state, title, created_at, created_by, "
	    "updated_at, known_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?9)",
	[STMT_CASE_GET] =
	    "SELECT rowid, id, kind, state, title, vendor_unresponsive, created_at, created_by, "
	    "updated_at, known_at FROM cases WHERE id = ?1",
	[STMT_CASE_SET_STATE] = "UPDATE cases SET state = ?2, updated_at = ?3 WHERE id = ?1",
	/* ?1: cursor (a rowid; 0: from the newest), ?2: limit, ?3: state or '' (all). */
	[STMT_CASE_LIST] =
	    "SELECT rowid, id, kind, state, title, vendor_unresponsive, created_at, created_by, "
	    "updated_at, known_at FROM cases WHERE (?1 = 0 OR rowid < ?1) AND (?3 = '' OR state = ?3) "
	    "ORDER BY rowid DESC LIMIT ?2",
	[STMT_CASE_ADD_REPORT] =
	    "INSERT INTO case_reports (case_id, report_id, added_at) VALUES (?1, ?2, ?3)",
	[STMT_CASE_REPORTS] =
	    "SELECT report_id FROM case_reports WHERE case_id = ?1 ORDER BY added_at, report_id",
	[STMT_CASE_OF_REPORT] = "SELECT case_id FROM case_reports WHERE report_id = ?1",
	[STMT_CASE_TIMELINE_ADD] =
	    "INSERT INTO case_timeline (case_id, at, actor_id, event, from_state, to_state, "
	    "detail, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_CASE_TIMELINE] =
	    "SELECT t.id, t.at, t.actor_id, coalesce(u.login, ''), t.event, t.from_state, "
	    "t.to_state, t.detail, t.reason FROM case_timeline t LEFT JOIN users u "
	    "ON u.id = t.actor_id WHERE t.case_id = ?1 ORDER BY t.id LIMIT ?2",
	[STMT_REPORT_SET_STATUS] = "UPDATE reports SET status = ?2 WHERE id = ?1",
	[STMT_TRIAGE_ADD] =
	    "INSERT INTO report_triage (report_id, at, actor_id, decision, reject_reason, "
	    "duplicate_of, case_id, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_TRIAGE_LAST] =
	    "SELECT at, decision, reject_reason, coalesce(duplicate_of, ''), "
	    "coalesce(case_id, ''), reason FROM report_triage WHERE report_id = ?1 "
	    "ORDER BY id DESC LIMIT 1",
	[STMT_REPORT_BRIEF] =
	    "SELECT id, title, vendor, product, versions, status FROM reports WHERE id = ?1",
	[STMT_REPORTS_SAME_PRODUCT] =
	    "SELECT id, title, vendor, product, versions, status FROM reports "
	    "WHERE id <> ?1 AND lower(trim(product)) = lower(trim(?2)) "
	    "ORDER BY rowid DESC LIMIT ?3",
	[STMT_REPORTS_RECENT] =
	    "SELECT id, title, vendor, product, versions, status FROM reports "
	    "WHERE id <> ?1 ORDER BY rowid DESC LIMIT ?2",
	[STMT_REPORTS_SHARING_IDS] =
	    "SELECT substr(b.subject, 8), b.value FROM related_ids a JOIN related_ids b "
	    "ON b.value = a.value AND b.subject <> a.subject "
	    "WHERE a.subject = 'report:' || ?1 AND b.subject LIKE 'report:%' LIMIT ?2",
	[STMT_CVENDOR_ADD] =
	    "INSERT INTO case_vendors (case_id, org_id, role, party_type, added_at, updated_at) "
	    "VALUES (?1, ?2, ?4, ?5, ?3, ?3)",
	[STMT_CVENDOR_GET] =
	    "SELECT v.org_id, o.slug, o.name, v.status, v.justification, v.fixed_version, "
	    "v.statement, v.statement_approved, v.notified_at, v.first_seen_at, v.updated_at, "
	    "v.role, v.party_type, v.unresponsive_at "
	    "FROM case_vendors v JOIN orgs o ON o.id = v.org_id "
	    "WHERE v.case_id = ?1 AND v.org_id = ?2",
	[STMT_CVENDOR_LIST] =
	    "SELECT v.org_id, o.slug, o.name, v.status, v.justification, v.fixed_version, "
	    "v.statement, v.statement_approved, v.notified_at, v.first_seen_at, v.updated_at, "
	    "v.role, v.party_type, v.unresponsive_at "
	    "FROM case_vendors v JOIN orgs o ON o.id = v.org_id "
	    "WHERE v.case_id = ?1 ORDER BY v.added_at, o.slug",
	[STMT_CVENDOR_UPDATE] =
	    "UPDATE case_vendors SET status = ?3, justification = ?4, fixed_version = ?5, "
	    "statement = ?6, statement_approved = CASE WHEN statement = ?6 "
	    "THEN statement_approved ELSE 0 END, updated_at = ?7 "
	    "WHERE case_id = ?1 AND org_id = ?2",
	[STMT_CVENDOR_NOTIFIED] =
	    "UPDATE case_vendors SET status = CASE WHEN status IN ('not_contacted', "
	    "'unresponsive') THEN 'notified' ELSE status END, "
	    "notified_at = coalesce(notified_at, ?3), updated_at = ?3 "
	    "WHERE case_id = ?1 AND org_id = ?2",
	[STMT_CVENDOR_APPROVE] =
	    "UPDATE case_vendors SET statement_approved = 1, updated_at = ?3 "
	    "WHERE case_id = ?1 AND org_id = ?2 AND statement <> ''",
	[STMT_CVENDOR_SEEN] =
	    "UPDATE case_vendors SET first_seen_at = ?3 "
	    "WHERE case_id = ?1 AND org_id = ?2 AND first_seen_at IS NULL",
	[STMT_ORG_MEMBER_EMAILS] =
	    "SELECT email FROM users WHERE org_id = ?1 AND role = 'vendor' AND disabled = 0 "
	    "AND email <> '' ORDER BY id",
	[STMT_CASE_LIST_FOR_ORG] =
	    "SELECT c.rowid, c.id, c.kind, c.state, c.title, c.vendor_unresponsive, "
	    "c.created_at, c.created_by, c.updated_at, c.known_at FROM cases c JOIN case_vendors v "
	    "ON v.case_id = c.id WHERE v.org_id = ?3 AND (?1 = 0 OR c.rowid < ?1) "
	    "AND (?4 = '' OR c.state = ?4) ORDER BY c.rowid DESC LIMIT ?2",
	/* vendors and participants (issue 5) */
	[STMT_PARTICIPANT_ADD] =
	    "INSERT INTO case_participants (case_id, user_id, role, party_type, added_at, "
	    "added_by) VALUES (?1, ?2, ?3, ?4, ?6, nullif(?5, 0))",
	[STMT_PARTICIPANT_ADD_IGNORE] =
	    "INSERT OR IGNORE INTO case_participants (case_id, user_id, role, party_type, "
	    "added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?6, nullif(?5, 0))",
	[STMT_PARTICIPANT_GET] =
	    "SELECT p.user_id, u.login, u.display_name, u.role, coalesce(o.slug, ''), p.role, "
	    "p.party_type, p.added_at FROM case_participants p JOIN users u ON u.id = p.user_id "
	    "LEFT JOIN orgs o ON o.id = u.org_id WHERE p.case_id = ?1 AND p.user_id = ?2",
	[STMT_PARTICIPANT_LIST] =
	    "SELECT p.user_id, u.login, u.display_name, u.role, coalesce(o.slug, ''), p.role, "
	    "p.party_type, p.added_at FROM case_participants p JOIN users u ON u.id = p.user_id "
	    "LEFT JOIN orgs o ON o.id = u.org_id WHERE p.case_id = ?1 "
	    "ORDER BY p.added_at, p.user_id",
	[STMT_PARTICIPANT_REMOVE] =
	    "DELETE FROM case_participants WHERE case_id = ?1 AND user_id = ?2",
	[STMT_CASE_LIST_FOR_OBSERVER] =
	    "SELECT c.rowid, c.id, c.kind, c.state, c.title, c.vendor_unresponsive, "
	    "c.created_at, c.created_by, c.updated_at, c.known_at FROM cases c JOIN case_participants p "
	    "ON p.case_id = c.id WHERE p.user_id = ?3 AND p.role = 'observer' "
	    "AND (?1 = 0 OR c.rowid < ?1) AND (?4 = '' OR c.state = ?4) "
	    "ORDER BY c.rowid DESC LIMIT ?2",
	/* products and the supply chain (issue 5) */
	[STMT_PRODUCT_GET] =
	    "SELECT p.id, p.org_id, p.name, p.model, p.versions, p.created_at, p.cpe, p.purl, "
	    "o.slug, o.name FROM products p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?1",
	[STMT_PRODUCT_COMPONENT_ADD] =
	    "INSERT INTO product_components (product_id, component_id, versions, added_at) "
	    "VALUES (?1, ?2, ?3, ?4)",
	[STMT_PRODUCT_COMPONENTS] =
	    "SELECT p.id, p.org_id, p.name, p.model, p.versions, p.created_at, p.cpe, p.purl, "
	    "o.slug, o.name, pc.versions FROM product_components pc "
	    "JOIN products p ON p.id = pc.component_id JOIN orgs o ON o.id = p.org_id "
	    "WHERE pc.product_id = ?1 ORDER BY p.id LIMIT ?2",
	[STMT_PRODUCT_USERS] =
	    "SELECT p.id, p.org_id, p.name, p.model, p.versions, p.created_at, p.cpe, p.purl, "
	    "o.slug, o.name, pc.versions FROM product_components pc "
	    "JOIN products p ON p.id = pc.product_id JOIN orgs o ON o.id = p.org_id "
	    "WHERE pc.component_id = ?1 ORDER BY p.id LIMIT ?2",
	/* ?2: a fragment (LIKE, escaped with \\) of the name, model, CPE or purl, or ''. */
	[STMT_PRODUCT_SEARCH] =
	    "SELECT p.id, p.org_id, p.name, p.model, p.versions, p.created_at, p.cpe, p.purl, "
	    "o.slug, o.name FROM products p JOIN orgs o ON o.id = p.org_id "
	    "WHERE (?1 = 0 OR p.org_id = ?1) AND (?2 = '' "
	    "OR p.name LIKE '%' || ?2 || '%' ESCAPE '\\' "
	    "OR p.model LIKE '%' || ?2 || '%' ESCAPE '\\' "
	    "OR p.cpe LIKE '%' || ?2 || '%' ESCAPE '\\' "
	    "OR p.purl LIKE '%' || ?2 || '%' ESCAPE '\\') "
	    "ORDER BY p.name, p.model, p.id LIMIT ?3",
	[STMT_CASE_PRODUCT_ADD] =
	    "INSERT INTO case_products (case_id, product_id, versions, upstream, added_at, "
	    "added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_CASE_PRODUCTS] =
	    "SELECT p.id, p.org_id, p.name, p.model, p.versions, p.created_at, p.cpe, p.purl, "
	    "o.slug, o.name, cp.versions, cp.upstream, cp.added_at, coalesce(cp.added_by, 0) "
	    "FROM case_products cp JOIN products p ON p.id = cp.product_id "
	    "JOIN orgs o ON o.id = p.org_id WHERE cp.case_id = ?1 "
	    "ORDER BY cp.added_at, p.id LIMIT ?2",
	/* the conversation (issue 5) */
	[STMT_MESSAGE_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM messages",
	[STMT_MESSAGE_INSERT] =
	    "INSERT INTO messages (id, case_id, report_id, author_id, author_org_id, kind, "
	    "visibility, vendor_org_id, dek_wrapped, body, body_sha256, leaf_index, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
#define MESSAGE_COLS \
	    "SELECT m.id, coalesce(m.case_id, ''), coalesce(m.report_id, ''), " \
	    "coalesce(m.author_id, 0), coalesce(u.login, ''), coalesce(u.display_name, ''), " \
	    "coalesce(m.author_org_id, 0), coalesce(ao.slug, ''), m.kind, m.visibility, " \
	    "coalesce(m.vendor_org_id, 0), coalesce(vo.slug, ''), m.body_sha256, " \
	    "coalesce(m.leaf_index, -1), m.created_at, m.dek_wrapped, m.body " \
	    "FROM messages m LEFT JOIN users u ON u.id = m.author_id " \
	    "LEFT JOIN orgs ao ON ao.id = m.author_org_id " \
	    "LEFT JOIN orgs vo ON vo.id = m.vendor_org_id "
	[STMT_MESSAGE_GET] = MESSAGE_COLS "WHERE m.id = ?1",
	[STMT_MESSAGES_OF_CASE] = MESSAGE_COLS "WHERE m.case_id = ?1 ORDER BY m.id",
	[STMT_MESSAGES_OF_REPORT] =
	    MESSAGE_COLS "WHERE m.report_id = ?1 AND m.case_id IS NULL ORDER BY m.id",
#undef MESSAGE_COLS
	[STMT_REPORT_QUESTIONS] =
	    "SELECT t.at, coalesce(t.actor_id, 0), coalesce(u.login, ''), "
	    "coalesce(u.display_name, ''), t.reason FROM report_triage t "
	    "LEFT JOIN users u ON u.id = t.actor_id "
	    "WHERE t.report_id = ?1 AND t.decision = 'needs_info' ORDER BY t.id",
	[STMT_MATTACH_INSERT] =
	    "INSERT INTO message_attachments (message_id, filename, mime, size, sha256, "
	    "dek_wrapped, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_MATTACH_LIST] =
	    "SELECT id, message_id, filename, mime, size, sha256 FROM message_attachments "
	    "WHERE message_id = ?1 ORDER BY id",
	[STMT_MATTACH_GET] =
	    "SELECT id, message_id, filename, mime, size, sha256, dek_wrapped, content "
	    "FROM message_attachments WHERE message_id = ?1 AND id = ?2",
	[STMT_CASE_HAS_REPORTER] =
	    "SELECT EXISTS (SELECT 1 FROM case_participants WHERE case_id = ?1 "
	    "AND user_id = ?2 AND role = 'reporter') OR EXISTS (SELECT 1 FROM case_reports cr "
	    "JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ?1 AND r.reporter_id = ?2)",
	/* notices and follow-ups (issue 5) */
	[STMT_NOTICE_INSERT] =
	    "INSERT INTO notices (user_id, kind, subject, text, created_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_NOTICE_INSERT_ORG] =
	    "INSERT INTO notices (user_id, kind, subject, text, created_at) "
	    "SELECT id, ?2, ?3, ?4, ?5 FROM users WHERE org_id = ?1 AND role = 'vendor' "
	    "AND disabled = 0 ORDER BY id",
	[STMT_NOTICE_INSERT_STAFF] =
	    "INSERT INTO notices (user_id, kind, subject, text, created_at) "
	    "SELECT id, ?1, ?2, ?3, ?4 FROM users WHERE role IN ('coordinator', 'admin') "
	    "AND disabled = 0 ORDER BY id",
	[STMT_NOTICE_LIST] =
	    "SELECT id, user_id, kind, subject, text, created_at, seen_at FROM notices "
	    "WHERE user_id = ?1 AND (?2 = 0 OR seen_at IS NULL) AND (?3 = 0 OR id < ?3) "
	    "ORDER BY id DESC LIMIT ?4",
	[STMT_NOTICE_GET] =
	    "SELECT id, user_id, kind, subject, text, created_at, seen_at FROM notices "
	    "WHERE user_id = ?1 AND id = ?2",
	[STMT_NOTICE_SEEN] =
	    "UPDATE notices SET seen_at = ?3 WHERE user_id = ?1 AND id = ?2 "
	    "AND seen_at IS NULL",
	[STMT_CVENDOR_UNRESPONSIVE] =
	    "UPDATE case_vendors SET status = 'unresponsive', unresponsive_at = ?4, "
	    "updated_at = ?4 WHERE case_id = ?1 AND org_id = ?2 AND status = 'notified' "
	    "AND notified_at IS NOT NULL AND notified_at < ?3",
	[STMT_CASE_FLAG_UNRESPONSIVE] =
	    "UPDATE cases SET vendor_unresponsive = 1, updated_at = ?2 WHERE id = ?1",
	[STMT_COORDINATOR_EMAILS] =
	    "SELECT email FROM users WHERE role = 'coordinator' AND disabled = 0 "
	    "AND email <> '' ORDER BY id",
	/* clocks (issue 6) */
	[STMT_DEADLINE_INSERT] =
	    "INSERT INTO deadlines (kind, subject, case_id, report_id, basis_at, due_at, period, "
	    "rule, calendar_version, provisional, state, created_at, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'open', ?11, ?11) "
	    "ON CONFLICT (kind, subject) DO NOTHING RETURNING id",
	[STMT_DEADLINE_FIND_ID] = "SELECT id FROM deadlines WHERE kind = ?1 AND subject = ?2",
	[STMT_REMINDER_INSERT] =
	    "INSERT OR IGNORE INTO deadline_reminders (deadline_id, offset_s, fire_at) "
	    "VALUES (?1, ?2, ?3)",
	[STMT_DEADLINE_GET] = "SELECT " DL_COLS "FROM deadlines WHERE id = ?1",
	[STMT_DEADLINE_FIND] = "SELECT " DL_COLS "FROM deadlines WHERE kind = ?1 AND subject = ?2",
	/*
	 * ?1 state, "overdue" or NULL; ?2 case; ?3 report; ?4 kind (NULL: all);
	 * ?5 now; ?6 limit; ?7 rows to skip.
	 */
	[STMT_DEADLINE_LIST] =
	    "SELECT " DL_COLS "FROM deadlines WHERE (?1 IS NULL OR CASE WHEN ?1 = 'overdue' "
	    "THEN (state = 'open' AND due_at <= ?5) OR (state = 'missed' AND met_at IS NULL) "
	    "ELSE state = ?1 END) AND (?2 IS NULL OR case_id = ?2) "
	    "AND (?3 IS NULL OR report_id = ?3) AND (?4 IS NULL OR kind = ?4) "
	    "ORDER BY due_at, id LIMIT ?6 OFFSET ?7",
	[STMT_DEADLINE_MET] =
	    "UPDATE deadlines SET state = CASE WHEN state = 'missed' THEN 'missed' ELSE 'met' END, "
	    "met_at = ?2, paused_at = NULL, updated_at = ?2 WHERE id = ?1 "
	    "AND (state IN ('open', 'paused') OR (state = 'missed' AND met_at IS NULL))",
	[STMT_DEADLINE_WAIVE] =
	    "UPDATE deadlines SET state = 'waived', reason = ?2, actor_id = ?3, updated_at = ?4 "
	    "WHERE id = ?1 AND state IN ('open', 'paused', 'missed')",
	[STMT_DEADLINE_PAUSE] =
	    "UPDATE deadlines SET state = 'paused', paused_at = ?2, updated_at = ?2 "
	    "WHERE id = ?1 AND state = 'open'",
	[STMT_DEADLINE_RESUME] =
	    "UPDATE deadlines SET state = 'open', due_at = due_at + ?2, paused_at = NULL, "
	    "updated_at = ?3 WHERE id = ?1 AND state = 'paused'",
	[STMT_REMINDER_SHIFT] =
	    "UPDATE deadline_reminders SET fire_at = fire_at + ?2 "
	    "WHERE deadline_id = ?1 AND fired_at IS NULL",
	[STMT_DEADLINE_MISSED] =
	    "UPDATE deadlines SET state = 'missed', missed_at = ?2, updated_at = ?2 "
	    "WHERE id = ?1 AND state = 'open'",
	[STMT_DEADLINES_TO_MISS] =
	    "SELECT " DL_COLS "FROM deadlines WHERE state = 'open' AND due_at <= ?1 "
	    "ORDER BY due_at, id LIMIT ?2",
	[STMT_REMINDERS_DUE] =
	    "SELECT " DL_COLS_D ", r.offset_s, r.fire_at FROM deadline_reminders r "
	    "JOIN deadlines d ON d.id = r.deadline_id WHERE r.fired_at IS NULL "
	    "AND r.fire_at <= ?1 AND d.state = 'open' ORDER BY d.id, r.offset_s LIMIT ?2",
	[STMT_REMINDER_FIRE] =
	    "UPDATE deadline_reminders SET fired_at = ?3, told = ?4 "
	    "WHERE deadline_id = ?1 AND offset_s = ?2 AND fired_at IS NULL",
	[STMT_REMINDERS_OF] =
	    "SELECT offset_s, fire_at, coalesce(fired_at, 0), told FROM deadline_reminders "
	    "WHERE deadline_id = ?1 ORDER BY offset_s DESC",
	[STMT_DEADLINES_CLOSE_CASE] =
	    "UPDATE deadlines SET state = 'waived', reason = ?2, updated_at = ?3 "
	    "WHERE case_id = ?1 AND state IN ('open', 'paused')",
	/* What has no clock yet: kept before issue 6, or a platform that turned 报送 on. */
	[STMT_BACKFILL_ACK] =
	    "SELECT r.id, '', r.received_at FROM reports r WHERE r.status IN ('received', "
	    "'needs_info') AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.kind = 'ack' "
	    "AND d.subject = 'report:' || r.id) ORDER BY r.received_at LIMIT ?1",
	[STMT_BACKFILL_VENDOR] =
	    "SELECT v.case_id, o.slug, v.notified_at FROM case_vendors v "
	    "JOIN orgs o ON o.id = v.org_id JOIN cases c ON c.id = v.case_id "
	    "WHERE v.status = 'notified' AND v.notified_at IS NOT NULL AND c.state <> 'closed' "
	    "AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.kind = 'vendor_response' "
	    "AND d.subject = 'vendor:' || v.case_id || '/' || o.slug) "
	    "ORDER BY v.notified_at LIMIT ?1",
	[STMT_BACKFILL_SUBMISSION] =
	    "SELECT c.id, '', coalesce(c.known_at, c.created_at) FROM cases c "
	    "WHERE c.kind = 'generic' AND c.state <> 'closed' AND NOT EXISTS (SELECT 1 "
	    "FROM deadlines d WHERE d.kind = 'submission' AND d.subject = 'case:' || c.id) "
	    "AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.case_id = c.id AND "
	    "s.state IN ('accepted', 'waived')) ORDER BY c.created_at LIMIT ?1",
	[STMT_CASE_SET_KNOWN_AT] = "UPDATE cases SET known_at = ?2, updated_at = ?3 WHERE id = ?1",
	/* the outbox's HTTP deliveries (issue 6) */
	[STMT_OUTBOX_INSERT_HTTP] =
	    "INSERT INTO outbox (kind, recipient, subject, body, ref, idem_key, next_attempt_at, "
	    "created_at) VALUES ('http', ?1, '', '', ?2, ?3, ?4, ?4)",
	[STMT_OUTBOX_GET] = "SELECT " OB_COLS "FROM outbox WHERE id = ?1",
	[STMT_OUTBOX_DUE_ROWS] =
	    "SELECT " OB_COLS "FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 "
	    "AND (?3 OR kind = 'http') ORDER BY next_attempt_at, id LIMIT ?2",
	[STMT_OUTBOX_HTTP_RESULT] =
	    "UPDATE outbox SET status = CASE WHEN ?2 THEN 'sent' WHEN ?9 THEN 'failed' "
	    "ELSE 'pending' END, attempts = ?3, next_attempt_at = ?4, http_status = ?5, "
	    "response = ?6, last_error = ?7, sent_at = CASE WHEN ?2 THEN ?8 ELSE sent_at END "
	    "WHERE id = ?1",
	[STMT_OUTBOX_REQUEUE] =
	    "UPDATE outbox SET status = 'pending', next_attempt_at = ?2, attempts = 0 "
	    "WHERE id = ?1 AND status <> 'sent'",
	/* the 报送 and the registry (issue 6) */
	[STMT_SUB_INSERT] =
	    "INSERT INTO submissions (case_id, state, target_library, title, product_name, "
	    "dek_wrapped, fields, idem_key, created_by, created_at, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
	[STMT_SUB_GET] =
	    "SELECT " SUB_COLS ", s.dek_wrapped, s.fields FROM submissions s "
	    "LEFT JOIN outbox o ON o.id = s.outbox_id WHERE s.id = ?1",
	[STMT_SUB_OF_CASE] =
	    "SELECT " SUB_COLS ", s.dek_wrapped, s.fields FROM submissions s "
	    "LEFT JOIN outbox o ON o.id = s.outbox_id WHERE s.case_id = ?1",
	[STMT_SUB_SAVE] =
	    "UPDATE submissions SET state = ?2, target_library = ?3, title = ?4, "
	    "product_name = ?5, manual = ?6, outbox_id = ?7, library_id = ?8, reason = ?9, "
	    "updated_at = ?10, sent_by = ?11, sent_at = ?12, uploaded_by = ?13, "
	    "uploaded_at = ?14, decided_at = ?15 WHERE id = ?1",
	[STMT_SUB_SAVE_FIELDS] = "UPDATE submissions SET dek_wrapped = ?2, fields = ?3 WHERE id = ?1",
	[STMT_SUB_LIST] =
	    "SELECT " SUB_COLS "FROM submissions s LEFT JOIN outbox o ON o.id = s.outbox_id "
	    "WHERE (?1 IS NULL OR s.state = ?1) AND (?2 = 0 OR s.id < ?2) "
	    "ORDER BY s.id DESC LIMIT ?3",
	[STMT_LIBRARY_SEQ_NEXT] =
	    "INSERT INTO library_seq (year, last) VALUES (?1, 1) "
	    "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
	[STMT_REC_INSERT] =
	    "INSERT INTO received_submissions (id, seq_year, seq, org_id, submitter_id, idem_key, "
	    "target_library, title, product_name, dek_wrapped, fields, payload_sha256, "
	    "leaf_index, received_at, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
	[STMT_REC_BY_KEY] =
	    "SELECT " REC_COLS "FROM received_submissions r JOIN orgs o ON o.id = r.org_id "
	    "WHERE r.org_id = ?1 AND r.idem_key = ?2",
	[STMT_REC_GET] =
	    "SELECT " REC_COLS ", r.dek_wrapped, r.fields FROM received_submissions r "
	    "JOIN orgs o ON o.id = r.org_id WHERE r.id = ?1",
	[STMT_REC_LIST] =
	    "SELECT " REC_COLS "FROM received_submissions r JOIN orgs o ON o.id = r.org_id "
	    "WHERE (?1 IS NULL OR r.state = ?1) AND (?2 = 0 OR r.rowid < ?2) "
	    "ORDER BY r.rowid DESC LIMIT ?3",
	[STMT_REC_DECIDE] =
	    "UPDATE received_submissions SET state = ?2, reason = ?3, verified_by = ?4, "
	    "verified_at = ?5, updated_at = ?5 WHERE id = ?1",
	[STMT_FWD_INSERT] =
	    "INSERT INTO submission_forwards (submission_id, recipient, target, on_request, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_FWD_SET_OUTBOX] = "UPDATE submission_forwards SET outbox_id = ?2 WHERE id = ?1",
	[STMT_FWD_GET] =
	    "SELECT " FW_COLS "FROM submission_forwards f LEFT JOIN outbox o "
	    "ON o.id = f.outbox_id WHERE f.id = ?1",
	[STMT_FWD_LIST] =
	    "SELECT " FW_COLS "FROM submission_forwards f LEFT JOIN outbox o "
	    "ON o.id = f.outbox_id WHERE f.submission_id = ?1 ORDER BY f.id",
	[STMT_UNOTICE_INSERT] =
	    "INSERT INTO user_notices (case_id, subject, body, support_channel, created_by, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_UNOTICE_RCPT_INSERT] =
	    "INSERT INTO user_notice_recipients (notice_id, address, source, org_id, outbox_id) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_UNOTICE_LIST] =
	    "SELECT id, case_id, subject, body, support_channel, coalesce(created_by, 0), "
	    "created_at FROM user_notices WHERE case_id = ?1 ORDER BY id DESC",
	[STMT_UNOTICE_RCPTS] =
	    "SELECT r.notice_id, r.address, r.source, coalesce(r.org_id, 0), "
	    "coalesce(r.outbox_id, 0), coalesce(o.status, ''), coalesce(o.attempts, 0), "
	    "coalesce(o.last_error, ''), coalesce(o.sent_at, 0) FROM user_notice_recipients r "
	    "LEFT JOIN outbox o ON o.id = r.outbox_id WHERE r.notice_id = ?1 ORDER BY r.address",
	[STMT_DREC_INSERT] =
	    "INSERT INTO case_disclosure_records (case_id, kind, reference, issued_on, scope, "
	    "approver, allow, note, created_at, created_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[STMT_DREC_LIST] =
	    "SELECT r.id, r.case_id, r.kind, r.reference, r.issued_on, r.scope, r.approver, "
	    "r.allow, r.note, r.created_at, coalesce(r.created_by, 0), coalesce(u.login, '') "
	    "FROM case_disclosure_records r LEFT JOIN users u ON u.id = r.created_by "
	    "WHERE r.case_id = ?1 ORDER BY r.id",
	[STMT_WINDOW_INSERT] =
	    "INSERT INTO major_event_windows (name, starts_at, ends_at, scope, source, "
	    "external_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "RETURNING id",
	/* A registry's push: the same (source, external_id) updates the window. */
	[STMT_WINDOW_UPSERT] =
	    "INSERT INTO major_event_windows (name, starts_at, ends_at, scope, source, "
	    "external_id, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	    "ON CONFLICT (source, external_id) WHERE external_id <> '' DO UPDATE SET "
	    "name = excluded.name, starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
	    "scope = excluded.scope, withdrawn_at = NULL RETURNING id",
	[STMT_WINDOW_WITHDRAW] =
	    "UPDATE major_event_windows SET withdrawn_at = ?2 WHERE id = ?1 "
	    "AND withdrawn_at IS NULL",
	[STMT_WINDOW_GET] =
	    "SELECT id, name, starts_at, ends_at, scope, source, external_id, created_at, "
	    "coalesce(created_by, 0), coalesce(withdrawn_at, 0) FROM major_event_windows "
	    "WHERE id = ?1",
	/* ?1: end after; ?2: 1 for all (withdrawn and past ones too). */
	[STMT_WINDOW_LIST] =
	    "SELECT id, name, starts_at, ends_at, scope, source, external_id, created_at, "
	    "coalesce(created_by, 0), coalesce(withdrawn_at, 0) FROM major_event_windows "
	    "WHERE ?2 = 1 OR (withdrawn_at IS NULL AND ends_at > ?1) ORDER BY starts_at, id",
	[STMT_POLICY_LOG] =
	    "INSERT INTO policy_decisions (at, action, subject, recipient, allowed, rule, "
	    "actor_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* ?1: subject or ''; ?2: cursor (an id, 0: newest); ?3: limit. */
	[STMT_POLICY_LIST] =
	    "SELECT p.id, p.at, p.action, p.subject, p.recipient, p.allowed, p.rule, "
	    "coalesce(p.actor_id, 0), coalesce(u.login, '') FROM policy_decisions p "
	    "LEFT JOIN users u ON u.id = p.actor_id WHERE (?1 = '' OR p.subject = ?1) "
	    "AND (?2 = 0 OR p.id < ?2) ORDER BY p.id DESC LIMIT ?3",
	[STMT_ATTACHMENT_CLASS] =
	    "UPDATE attachments SET class = ?3 WHERE report_id = ?1 AND id = ?2",
	[STMT_CASE_EXPLOITS] =
	    "SELECT (SELECT count(*) FROM attachments a JOIN case_reports cr "
	    "ON cr.report_id = a.report_id WHERE cr.case_id = ?1 "
	    "AND a.class IN ('exploit', 'poc_tool')) + "
	    "(SELECT count(*) FROM message_attachments ma JOIN messages m "
	    "ON m.id = ma.message_id WHERE m.case_id = ?1 "
	    "AND ma.class IN ('exploit', 'poc_tool'))",
	[STMT_ADV_SEQ_NEXT] =
	    "INSERT INTO advisory_seq (year, last) VALUES (?1, 1) "
	    "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
	[STMT_ADV_INSERT] =
	    "INSERT INTO advisories (id, case_id, state, version, created_at, created_by, "
	    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
	[STMT_ADV_SAVE] =
	    "UPDATE advisories SET state = ?2, version = ?3, publish_at = ?4, held_by = ?5, "
	    "published_at = ?6, withdrawn_at = ?7, withdrawn_reason = ?8, updated_at = ?9 "
	    "WHERE id = ?1",
#define ADV_COLS \
	"a.rowid, a.id, a.case_id, a.state, a.version, coalesce(a.publish_at, 0), " \
	"coalesce(a.held_by, 0), coalesce(a.published_at, 0), coalesce(a.withdrawn_at, 0), " \
	"a.withdrawn_reason, a.created_at, coalesce(a.created_by, 0), a.updated_at, " \
	"coalesce(p.title, '') "
#define ADV_FROM \
	"FROM advisories a LEFT JOIN advisory_public p ON p.id = a.id "
	[STMT_ADV_GET] = "SELECT " ADV_COLS ADV_FROM "WHERE a.id = ?1",
	[STMT_ADV_OF_CASE] = "SELECT " ADV_COLS ADV_FROM "WHERE a.case_id = ?1 ORDER BY a.rowid",
	/* ?1: cursor (a rowid, 0: newest); ?2: limit; ?3: state or ''. */
	[STMT_ADV_LIST] =
	    "SELECT " ADV_COLS ADV_FROM "WHERE (?3 = '' OR a.state = ?3) "
	    "AND (?1 = 0 OR a.rowid < ?1) ORDER BY a.rowid DESC LIMIT ?2",
	[STMT_ADV_DUE] =
	    "SELECT " ADV_COLS ADV_FROM "WHERE a.state = 'scheduled' AND a.publish_at <= ?1 "
	    "ORDER BY a.publish_at, a.rowid LIMIT ?2",
	[STMT_ADVV_INSERT] =
	    "INSERT INTO advisory_versions (advisory_id, version, dek_wrapped, doc, doc_sha256, "
	    "summary, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
#define ADVV_COLS \
	"v.advisory_id, v.version, v.doc_sha256, v.summary, v.created_at, " \
	"coalesce(v.created_by, 0), coalesce(c.login, ''), coalesce(v.reviewed_at, 0), " \
	"coalesce(v.reviewed_by, 0), coalesce(r.login, ''), v.review, v.review_note "
#define ADVV_FROM \
	"FROM advisory_versions v LEFT JOIN users c ON c.id = v.created_by " \
	"LEFT JOIN users r ON r.id = v.reviewed_by "
	[STMT_ADVV_GET] =
	    "SELECT " ADVV_COLS ", v.dek_wrapped, v.doc " ADVV_FROM
	    "WHERE v.advisory_id = ?1 AND v.version = ?2",
	[STMT_ADVV_LIST] =
	    "SELECT " ADVV_COLS ADVV_FROM "WHERE v.advisory_id = ?1 ORDER BY v.version",
	[STMT_ADVV_REVIEW] =
	    "UPDATE advisory_versions SET reviewed_by = ?3, reviewed_at = ?4, review = ?5, "
	    "review_note = ?6 WHERE advisory_id = ?1 AND version = ?2",
	[STMT_PUB_PUT] =
	    "INSERT INTO advisory_public (id, version, doc, title, grade, vendors, products, "
	    "search, published_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	    "ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc, "
	    "title = excluded.title, grade = excluded.grade, vendors = excluded.vendors, "
	    "products = excluded.products, search = excluded.search, "
	    "updated_at = excluded.updated_at, withdrawn_at = NULL",
	[STMT_PUB_WITHDRAW] = "UPDATE advisory_public SET withdrawn_at = ?2 WHERE id = ?1",
#define PUB_COLS \
	"id, version, title, grade, vendors, products, search, published_at, updated_at, " \
	"coalesce(withdrawn_at, 0) "
	[STMT_PUB_GET] = "SELECT " PUB_COLS ", doc FROM advisory_public WHERE id = ?1",
	/*
	 * The public list: ?1 vendor, ?2 product (each matched as a whole line of
	 * the '\n'-joined column, case-insensitively), ?3 grade, ?4 from, ?5 to
	 * (0: open), ?6 lower-cased search text ('' : all), ?7 1 with withdrawn,
	 * ?8 offset, ?9 limit, ?10 1 with the document.
	 */
	[STMT_PUB_LIST] =
	    "SELECT " PUB_COLS ", CASE WHEN ?10 = 1 THEN doc ELSE NULL END "
	    "FROM advisory_public WHERE "
	    "(?1 = '' OR instr(char(10) || lower(vendors) || char(10), "
	    "char(10) || lower(?1) || char(10)) > 0) AND "
	    "(?2 = '' OR instr(char(10) || lower(products) || char(10), "
	    "char(10) || lower(?2) || char(10)) > 0) AND "
	    "(?3 = '' OR grade = ?3) AND (?4 = 0 OR published_at >= ?4) AND "
	    "(?5 = 0 OR published_at < ?5) AND (?6 = '' OR instr(search, ?6) > 0) AND "
	    "(?7 = 1 OR withdrawn_at IS NULL) "
	    "ORDER BY published_at DESC, id DESC LIMIT ?9 OFFSET ?8",
	/* Complaints (举报, issue 8): the columns of struct complaint_row. */
#define COMPLAINT_COLS \
	"c.rowid, c.id, c.platform_name, c.platform_url, c.filing_number, c.category, " \
	"c.channel, c.anonymous, coalesce(c.reporter_id, 0), coalesce(ur.login, ''), " \
	"coalesce(c.recorded_by, 0), coalesce(ub.login, ''), c.payload_sha256, c.received_at, " \
	"c.leaf_index, c.state, coalesce(c.assignee_id, 0), coalesce(ua.login, ''), c.outcome, " \
	"coalesce(c.closed_at, 0), c.updated_at "
#define COMPLAINT_FROM \
	"FROM complaints c LEFT JOIN users ur ON ur.id = c.reporter_id " \
	"LEFT JOIN users ub ON ub.id = c.recorded_by LEFT JOIN users ua ON ua.id = c.assignee_id "
	[STMT_COMPLAINT_SEQ_NEXT] =
	    "INSERT INTO complaint_seq (year, last) VALUES (?1, 1) "
	    "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
	[STMT_COMPLAINT_INSERT] =
	    "INSERT INTO complaints (id, seq_year, seq, platform_name, platform_url, "
	    "filing_number, category, channel, anonymous, reporter_id, recorded_by, text_dek, "
	    "text, contact_dek, contact, token_hash, addr_hash, payload_sha256, received_at, "
	    "leaf_index, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?19)",
	[STMT_COMPLAINT_GET] =
	    "SELECT " COMPLAINT_COLS ", c.text_dek, c.text, c.contact_dek, c.contact, "
	    "c.outcome_dek, c.outcome_note, c.token_hash " COMPLAINT_FROM "WHERE c.id = ?1",
	/* ?1 state, ?2 category, ?3 a LIKE pattern (NULL: no filter), ?4 cursor, ?5 limit. */
	[STMT_COMPLAINT_LIST] =
	    "SELECT " COMPLAINT_COLS COMPLAINT_FROM
	    "WHERE (?1 IS NULL OR c.state = ?1) AND (?2 IS NULL OR c.category = ?2) AND "
	    "(?3 IS NULL OR c.platform_name LIKE ?3 ESCAPE '\\' OR "
	    "c.platform_url LIKE ?3 ESCAPE '\\' OR c.filing_number LIKE ?3 ESCAPE '\\') AND "
	    "(?4 = 0 OR c.rowid < ?4) ORDER BY c.rowid DESC LIMIT ?5",
	[STMT_COMPLAINT_ASSIGN] =
	    "UPDATE complaints SET assignee_id = ?2, state = ?3, updated_at = ?4 "
	    "WHERE id = ?1 AND state <> 'closed'",
	[STMT_COMPLAINT_SET_STATE] =
	    "UPDATE complaints SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state <> 'closed'",
	[STMT_COMPLAINT_CLOSE] =
	    "UPDATE complaints SET state = 'closed', outcome = ?2, outcome_dek = ?3, "
	    "outcome_note = ?4, closed_at = ?5, updated_at = ?5 "
	    "WHERE id = ?1 AND state <> 'closed'",
	[STMT_COMPLAINT_EVENT_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM complaint_events",
	[STMT_COMPLAINT_EVENT_INSERT] =
	    "INSERT INTO complaint_events (id, complaint_id, at, actor_id, event, from_state, "
	    "to_state, detail, note_dek, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[STMT_COMPLAINT_EVENTS] =
	    "SELECT e.id, e.complaint_id, e.at, coalesce(e.actor_id, 0), coalesce(u.login, ''), "
	    "e.event, e.from_state, e.to_state, e.detail, e.note_dek, e.note "
	    "FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id "
	    "WHERE e.complaint_id = ?1 ORDER BY e.id",
	[STMT_COMPLAINT_ADDR_COUNT] =
	    "SELECT count(*), coalesce(min(received_at), 0) FROM complaints "
	    "WHERE addr_hash = ?1 AND received_at >= ?2",
	[STMT_COMPLAINT_ADDR_FORGET] =
	    "UPDATE complaints SET addr_hash = NULL "
	    "WHERE addr_hash IS NOT NULL AND received_at < ?1",
	[STMT_COMPLAINT_BY_STATE] =
	    "SELECT state, count(*) FROM complaints WHERE (?1 = 0 OR seq_year = ?1) "
	    "GROUP BY state",
	[STMT_COMPLAINT_BY_OUTCOME] =
	    "SELECT outcome, count(*) FROM complaints WHERE outcome <> '' AND "
	    "(?1 = 0 OR seq_year = ?1) GROUP BY outcome",
	[STMT_COMPLAINT_BY_CATEGORY] =
	    "SELECT category, count(*) FROM complaints WHERE (?1 = 0 OR seq_year = ?1) "
	    "GROUP BY category",
	/* One row per platform name, ASCII case and surrounding spaces ignored. */
	[STMT_COMPLAINT_PLATFORMS] =
	    "SELECT min(platform_name), count(*), sum(state <> 'closed'), "
	    "sum(outcome = 'substantiated'), max(received_at) FROM complaints "
	    "WHERE (?1 = 0 OR seq_year = ?1) GROUP BY lower(trim(platform_name)) "
	    "ORDER BY count(*) DESC, min(platform_name) LIMIT ?2",
#undef COMPLAINT_COLS
#undef COMPLAINT_FROM
	/* 备案 (issue 8) */
#include "store/sqlite_filings.inc"
#include "store/sqlite_pfiling.inc"
#include "store/sqlite_units.inc"
#include "store/sqlite_warnings.inc"
#include "store/sqlite_stats.inc"
#include "store/sqlite_apps.inc"
};
