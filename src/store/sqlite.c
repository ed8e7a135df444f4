/*
 * The SQLite backend: connections, the statement texts, migrations, the
 * connection pool and the q_* query API that the aggregate code uses.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"

extern const struct embed_file migrations_sqlite[];	/* sql/sqlite/NNNN_*.sql */

/*
 * Parameters are numbered (?1, ?2) so each text lines up with its PostgreSQL
 * twin ($1, $2).  Never built at run time: a variant is another entry.
 */
static const char *const sqlite_sql[STMT__MAX] = {
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
	    "u.password_hash, u.must_change_password, u.disabled, u.created_at "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.login = ?1",
	[STMT_USER_BY_ID] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "u.password_hash, u.must_change_password, u.disabled, u.created_at "
	    "FROM users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.id = ?1",
	[STMT_USER_LIST] =
	    "SELECT u.id, u.login, u.display_name, u.email, u.role, u.org_id, o.slug, "
	    "'', u.must_change_password, u.disabled, u.created_at "
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
	[STMT_OUTBOX_DUE] =
	    "SELECT id, recipient, subject, body, attempts, next_attempt_at, status, "
	    "last_error FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 "
	    "ORDER BY next_attempt_at, id LIMIT ?2",
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
	    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
	[STMT_CASE_GET] =
	    "SELECT rowid, id, kind, state, title, vendor_unresponsive, created_at, created_by, "
	    "updated_at FROM cases WHERE id = ?1",
	[STMT_CASE_SET_STATE] = "UPDATE cases SET state = ?2, updated_at = ?3 WHERE id = ?1",
	/* ?1: cursor (a rowid; 0: from the newest), ?2: limit, ?3: state or '' (all). */
	[STMT_CASE_LIST] =
	    "SELECT rowid, id, kind, state, title, vendor_unresponsive, created_at, created_by, "
	    "updated_at FROM cases WHERE (?1 = 0 OR rowid < ?1) AND (?3 = '' OR state = ?3) "
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
	    "c.created_at, c.created_by, c.updated_at FROM cases c JOIN case_vendors v "
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
	    "c.created_at, c.created_by, c.updated_at FROM cases c JOIN case_participants p "
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
	[STMT_VENDORS_OVERDUE] =
	    "SELECT v.case_id, v.org_id, o.slug, v.notified_at FROM case_vendors v "
	    "JOIN orgs o ON o.id = v.org_id JOIN cases c ON c.id = v.case_id "
	    "WHERE v.status = 'notified' AND c.state <> 'closed' "
	    "AND v.notified_at IS NOT NULL AND v.notified_at < ?1 "
	    "ORDER BY v.notified_at, v.case_id, v.org_id LIMIT ?2",
	[STMT_CVENDOR_UNRESPONSIVE] =
	    "UPDATE case_vendors SET status = 'unresponsive', unresponsive_at = ?4, "
	    "updated_at = ?4 WHERE case_id = ?1 AND org_id = ?2 AND status = 'notified' "
	    "AND notified_at IS NOT NULL AND notified_at < ?3",
	[STMT_CASE_FLAG_UNRESPONSIVE] =
	    "UPDATE cases SET vendor_unresponsive = 1, updated_at = ?2 WHERE id = ?1",
	[STMT_COORDINATOR_EMAILS] =
	    "SELECT email FROM users WHERE role = 'coordinator' AND disabled = 0 "
	    "AND email <> '' ORDER BY id",
};

/*
 * Writers of this process queue here: before BEGIN IMMEDIATE, and around
 * any writing statement run outside a transaction (q_open takes it, q_close
 * gives it back).  SQLite's own busy handler sleeps in steps of up to 100 ms
 * and does not wake when the lock frees, which gave seconds of tail latency
 * under load; a mutex hands the write lock over at once.  Other processes
 * (the CLI) still meet SQLite's lock and busy_timeout.
 */
static pthread_mutex_t	write_mu = PTHREAD_MUTEX_INITIALIZER;

struct store {
	sqlite3		*db;			/* the connection */
	bool		 holds_write;		/* this connection holds write_mu */
	sqlite3_stmt	*stmts[STMT__MAX];	/* prepared on first use, kept */
	int		 migrations_applied;	/* by store_open */
};

static void
log_db(struct store *st, const char *what)
{
	log_err("event=store_error what=\"%s\" code=%d msg=\"%s\"", what,
	    sqlite3_extended_errcode(st->db), sqlite3_errmsg(st->db));
}

/* Run one static SQL script (migrations, pragmas).  0 or -1. */
static int
exec_script(struct store *st, const char *sql, char *err, size_t errsz)
{
	char	*msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errsz, "database error: %s", msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
migrate(struct store *st, char *err, size_t errsz)
{
	const struct embed_file	*m;
	struct q		 q;
	int64_t			 have = 0, version;
	char			 name[128];

	if (exec_script(st, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_at INTEGER NOT NULL) STRICT", err, errsz) != 0)
		return -1;
	q_open(&q, st, STMT_SCHEMA_VERSION);
	if (q_step(&q) == Q_ROW)
		have = q_col_i64(&q, 0);
	if (q_close(&q) != APP_OK) {
		snprintf(err, errsz, "cannot read the schema version");
		return -1;
	}
	/* The table is sorted by name, and names start with the version. */
	for (m = migrations_sqlite; m->name != NULL; m++) {
		size_t	z = 0;

		/* "0001_people.sql": four digits, zero-padded, then '_'. */
		while (z < 3 && m->name[z] == '0')
			z++;
		if (strlen(m->name) < 6 || m->name[4] != '_' ||
		    parse_i64(m->name + z, 4 - z, 1, 9999, &version) != 0) {
			snprintf(err, errsz, "bad migration name '%s'", m->name);
			return -1;
		}
		if (version <= have)
			continue;
		snprintf(name, sizeof(name), "%s", m->name);
		if (exec_script(st, "BEGIN IMMEDIATE", err, errsz) != 0)
			return -1;
		if (exec_script(st, (const char *)m->data, err, errsz) != 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			snprintf(err + strlen(err), errsz - strlen(err),
			    " (in migration %s)", name);
			return -1;
		}
		{
			sqlite3_stmt	*s = NULL;
			int		 rc;

			rc = sqlite3_prepare_v2(st->db, "INSERT INTO schema_migrations "
			    "(version, name, applied_at) VALUES (?1, ?2, unixepoch())",
			    -1, &s, NULL);
			if (rc == SQLITE_OK) {
				sqlite3_bind_int64(s, 1, version);
				sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
				rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
			}
			sqlite3_finalize(s);
			if (rc != SQLITE_OK ||
			    exec_script(st, "COMMIT", err, errsz) != 0) {
				sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
				snprintf(err, errsz, "cannot record migration %s", name);
				return -1;
			}
		}
		st->migrations_applied++;
		have = version;
	}
	return 0;
}

struct store *
store_open(const char *path, int busy_timeout_ms, bool do_migrate, char *err,
    size_t errsz)
{
	struct store	*st;
	int		 rc;

	st = xcalloc(1, sizeof(*st));
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsz, "cannot open database '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_timeout_ms);
	/*
	 * synchronous=FULL: a commit is on disk before we answer, so what the
	 * API acknowledged survives power loss and kill -9.  temp_store=MEMORY:
	 * no temporary files to create after privileges are dropped.
	 */
	if (exec_script(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
	    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
	    "PRAGMA trusted_schema=OFF;", err, errsz) != 0)
		goto fail;
	if (do_migrate && migrate(st, err, errsz) != 0)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(st->stmts[i]);
	sqlite3_close(st->db);
	free(st);
}

int
store_migrations_applied(const struct store *st)
{
	return st->migrations_applied;
}

enum app_err
store_schema_version(struct store *st, int64_t *out)
{
	struct q	q;

	q_open(&q, st, STMT_SCHEMA_VERSION);
	if (q_step(&q) == Q_ROW)
		*out = q_col_i64(&q, 0);
	return q_close(&q);
}

/* Transactions */

static void
release_write(struct store *st)
{
	if (st->holds_write) {
		st->holds_write = false;
		pthread_mutex_unlock(&write_mu);
	}
}

enum app_err
store_begin(struct store *st)
{
	struct q	q;
	enum app_err	er;

	pthread_mutex_lock(&write_mu);
	st->holds_write = true;
	q_open(&q, st, STMT_BEGIN);
	if ((er = q_exec_done(&q)) != APP_OK)
		release_write(st);
	return er;
}

enum app_err
store_commit(struct store *st)
{
	struct q	q;
	enum app_err	er;

	q_open(&q, st, STMT_COMMIT);
	/* A failed COMMIT leaves the transaction open: the caller rolls back. */
	if ((er = q_exec_done(&q)) == APP_OK)
		release_write(st);
	return er;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	release_write(st);
}

/* The pool */

struct store_pool {
	pthread_mutex_t	  mu;		/* guards free_n */
	pthread_cond_t	  cv;		/* signalled on put */
	struct store	**all;		/* every connection */
	struct store	**free_list;	/* those not in use */
	int		  n;		/* how many in all */
	int		  free_n;	/* how many in free_list */
};

struct store_pool *
store_pool_open(const char *path, int n, int busy_timeout_ms, char *err, size_t errsz)
{
	struct store_pool	*p;
	int			 i;

	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->all = xcalloc((size_t)n, sizeof(*p->all));
	p->free_list = xcalloc((size_t)n, sizeof(*p->free_list));
	for (i = 0; i < n; i++) {
		p->all[i] = store_open(path, busy_timeout_ms, i == 0, err, errsz);
		if (p->all[i] == NULL) {
			store_pool_free(p);
			return NULL;
		}
		p->n++;
		p->free_list[p->free_n++] = p->all[i];
	}
	return p;
}

void
store_pool_free(struct store_pool *p)
{
	int	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		store_close(p->all[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->all);
	free(p->free_list);
	free(p);
}

struct store *
store_pool_get(struct store_pool *p)
{
	struct store	*st;

	pthread_mutex_lock(&p->mu);
	while (p->free_n == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	st = p->free_list[--p->free_n];
	pthread_mutex_unlock(&p->mu);
	return st;
}

void
store_pool_put(struct store_pool *p, struct store *st)
{
	/* A handler that failed mid-transaction must not leak it to the next. */
	store_rollback(st);
	pthread_mutex_lock(&p->mu);
	p->free_list[p->free_n++] = st;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* The query API */

void
q_open(struct q *q, struct store *st, enum stmt id)
{
	int	rc;

	q->st = st;
	q->id = id;
	q->err = APP_OK;
	q->conflict = NULL;
	q->h = NULL;
	q->locked = false;
	if (st->stmts[id] == NULL) {
		rc = sqlite3_prepare_v3(st->db, sqlite_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmts[id], NULL);
		if (rc != SQLITE_OK) {
			log_db(st, "prepare");
			q->err = APP_STORE;
			return;
		}
	}
	q->h = st->stmts[id];
	/* A lone write (autocommit) queues with the transactions. */
	q->locked = false;
	if (!st->holds_write && !sqlite3_stmt_readonly(q->h) &&
	    sqlite3_get_autocommit(st->db)) {
		pthread_mutex_lock(&write_mu);
		q->locked = true;
	}
}

static void
bind_check(struct q *q, int rc)
{
	if (rc != SQLITE_OK && q->err == APP_OK) {
		log_db(q->st, "bind");
		q->err = APP_STORE;
	}
}

void
q_i64(struct q *q, int idx, int64_t v)
{
	if (q->h != NULL)
		bind_check(q, sqlite3_bind_int64(q->h, idx, v));
}

void
q_i64_or_null(struct q *q, int idx, int64_t v)
{
	if (q->h == NULL)
		return;
	if (v == 0)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_int64(q->h, idx, v));
}

void
q_text(struct q *q, int idx, const char *s)
{
	if (q->h == NULL)
		return;
	if (s == NULL)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_text(q->h, idx, s, -1, SQLITE_STATIC));
}

/* "UNIQUE constraint failed: users.login" -> "login" */
static const char *
conflict_column(struct store *st)
{
	const char	*m = sqlite3_errmsg(st->db), *dot;

	if (strstr(m, "users.login") != NULL)
		return "login";
	if (strstr(m, "users.email") != NULL || strstr(m, "index 'users_email'") != NULL)
		return "email";
	if ((dot = strrchr(m, '.')) != NULL && dot[1] != '\0') {
		if (strcmp(dot + 1, "slug") == 0)
			return "slug";
		if (strcmp(dot + 1, "model") == 0)
			return "name";
	}
	return NULL;
}

void
q_blob(struct q *q, int idx, const void *p, size_t n)
{
	if (q->h == NULL)
		return;
	if (p == NULL)
		bind_check(q, sqlite3_bind_null(q->h, idx));
	else
		bind_check(q, sqlite3_bind_blob64(q->h, idx, p, n, SQLITE_STATIC));
}

enum q_step
q_step(struct q *q)
{
	int	rc;

	if (q->err != APP_OK || q->h == NULL)
		return Q_ERR;
	rc = sqlite3_step(q->h);
	if (rc == SQLITE_ROW)
		return Q_ROW;
	if (rc == SQLITE_DONE)
		return Q_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT &&
	    rc != SQLITE_CONSTRAINT_FOREIGNKEY) {
		q->err = APP_CONFLICT;
		q->conflict = conflict_column(q->st);
		log_debug("event=store_conflict msg=\"%s\"", sqlite3_errmsg(q->st->db));
	} else {
		log_db(q->st, "step");
		q->err = APP_STORE;
	}
	return Q_ERR;
}

int64_t
q_col_i64(struct q *q, int col)
{
	return sqlite3_column_int64(q->h, col);
}

const char *
q_col_text(struct q *q, int col, struct arena *a)
{
	const unsigned char	*t = sqlite3_column_text(q->h, col);
	int			 n = sqlite3_column_bytes(q->h, col);

	if (t == NULL)
		return "";
	return arena_strndup(a, (const char *)t, (size_t)n);
}

const unsigned char *
q_col_blob(struct q *q, int col, struct arena *a, size_t *n)
{
	const void	*b = sqlite3_column_blob(q->h, col);
	int		 len = sqlite3_column_bytes(q->h, col);
	unsigned char	*c;

	*n = 0;
	if (b == NULL || len <= 0)
		return NULL;
	c = arena_alloc(a, (size_t)len);
	memcpy(c, b, (size_t)len);
	*n = (size_t)len;
	return c;
}

bool
q_col_null(struct q *q, int col)
{
	return sqlite3_column_type(q->h, col) == SQLITE_NULL;
}

int64_t
q_last_id(struct q *q)
{
	return sqlite3_last_insert_rowid(q->st->db);
}

int64_t
q_changes(struct q *q)
{
	return sqlite3_changes64(q->st->db);
}

enum app_err
q_close(struct q *q)
{
	if (q->h != NULL) {
		sqlite3_reset(q->h);
		sqlite3_clear_bindings(q->h);
	}
	if (q->locked) {
		q->locked = false;
		pthread_mutex_unlock(&write_mu);
	}
	return q->err;
}

enum app_err
q_exec_done(struct q *q)
{
	enum q_step	r;

	while ((r = q_step(q)) == Q_ROW)
		;
	return q_close(q);
}
