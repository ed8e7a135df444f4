-- Scoring and grading (issue 4): MITRE's CWE list, and the assessment of a
-- report (later also of a case): CVSS vectors, GB/T 30279-2020 indicators,
-- category and grades (R27-R30), related ids of other libraries (R38), and
-- the history of every change (R30).

-- CWE, as loaded by `loudong import cwe FILE` (replaced on each import).
CREATE TABLE cwe (
	id		INTEGER PRIMARY KEY,		-- 79 for CWE-79
	name		TEXT NOT NULL,
	abstraction	TEXT NOT NULL DEFAULT '',	-- Pillar, Class, Base, Variant, Compound
	status		TEXT NOT NULL DEFAULT '',	-- Stable, Draft, Incomplete, Deprecated, Obsolete
	version		TEXT NOT NULL			-- the catalogue's version, e.g. 4.15
) STRICT;

-- One row per assessed subject ('report:LD-2026-000001').  Vectors are
-- stored normalised; scores in tenths; GB/T indicators by their English
-- terms (network, severe, …), '' when not set.
CREATE TABLE assessments (
	subject			TEXT PRIMARY KEY,
	cvss_v2			TEXT NOT NULL DEFAULT '',
	cvss_v3			TEXT NOT NULL DEFAULT '',	-- 3.0 or 3.1
	cvss_v4			TEXT NOT NULL DEFAULT '',
	gbt_access_path		TEXT NOT NULL DEFAULT '',
	gbt_trigger		TEXT NOT NULL DEFAULT '',
	gbt_privilege		TEXT NOT NULL DEFAULT '',
	gbt_interaction		TEXT NOT NULL DEFAULT '',
	gbt_confidentiality	TEXT NOT NULL DEFAULT '',
	gbt_integrity		TEXT NOT NULL DEFAULT '',
	gbt_availability	TEXT NOT NULL DEFAULT '',
	gbt_exploit_cost	TEXT NOT NULL DEFAULT '',
	gbt_fix_difficulty	TEXT NOT NULL DEFAULT '',
	gbt_scope		TEXT NOT NULL DEFAULT '',
	technical_grade		TEXT NOT NULL DEFAULT ''
				    CHECK (technical_grade IN ('', 'critical', 'high', 'medium', 'low')),
	comprehensive_grade	TEXT NOT NULL DEFAULT ''
				    CHECK (comprehensive_grade IN ('', 'critical', 'high', 'medium', 'low')),
	grading_scheme		TEXT NOT NULL DEFAULT '',	-- 'GB/T 30279-2020'
	tables_version		TEXT NOT NULL DEFAULT '',
	tables_sha256		TEXT NOT NULL DEFAULT '',
	category_path		TEXT NOT NULL DEFAULT '',	-- code.input_validation.injection.sql
	cwe_id			INTEGER,			-- 89 for CWE-89
	updated_at		INTEGER NOT NULL,
	updated_by		INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;

-- Ids other libraries gave the same vulnerability (R38); unknown schemes
-- are kept as opaque pairs.
CREATE TABLE related_ids (
	subject		TEXT NOT NULL,
	scheme		TEXT NOT NULL,		-- CVE, CNVD, CNVD-C, CNNVD, GHSA, OSV, or opaque
	value		TEXT NOT NULL,
	PRIMARY KEY (subject, scheme, value)
) STRICT, WITHOUT ROWID;
CREATE INDEX related_ids_value ON related_ids (value);

-- Every change of an assessment: who, when, which field, old -> new, and
-- the reason (required when a grade changes, R30).
CREATE TABLE assessment_history (
	id		INTEGER PRIMARY KEY,
	subject		TEXT NOT NULL,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	field		TEXT NOT NULL,
	old		TEXT NOT NULL,
	new		TEXT NOT NULL,
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX assessment_history_subject ON assessment_history (subject, id);
