-- 备案 (issue 8; 《网络产品安全漏洞收集平台备案管理办法》, R16, R20-R25,
-- R41): the registry's filings and the platform's own dossier.
--
-- The clocks first: four new kinds, so the deadlines table is rebuilt with
-- its CHECK widened (SQLite cannot alter one).  Its reminders reference it
-- with ON DELETE CASCADE, and dropping a parent table with foreign keys on
-- deletes its rows first, which would cascade: the reminders are rebuilt
-- too, child before parent, and the renames carry the references along.
--   filing_review       the registry decides within 10 working days of a
--                       complete submission (第五条, R24)
--   filing_supplement   the applicant's 补正, 10 working days (第五条, R24)
--   change_filing       a change is filed within 30 days of the change
--                       (第六条, R22)
--   initial_filing      a platform live before the 办法 files within 10
--                       working days of its effective date (第八条, R25)
CREATE TABLE deadlines_new (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('ack', 'vendor_response', 'submission',
			    'publication', 'filing_review', 'filing_supplement',
			    'change_filing', 'initial_filing')),
	subject		TEXT NOT NULL,
	case_id		TEXT REFERENCES cases(id) ON DELETE CASCADE,
	report_id	TEXT REFERENCES reports(id) ON DELETE CASCADE,
	basis_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	period		TEXT NOT NULL,
	rule		TEXT NOT NULL,
	calendar_version TEXT NOT NULL,
	provisional	INTEGER NOT NULL DEFAULT 0,
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'met', 'missed',
			    'paused', 'waived')),
	paused_at	INTEGER,
	met_at		INTEGER,
	missed_at	INTEGER,
	reason		TEXT NOT NULL DEFAULT '',
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (kind, subject)
) STRICT;
INSERT INTO deadlines_new SELECT id, kind, subject, case_id, report_id, basis_at, due_at,
    period, rule, calendar_version, provisional, state, paused_at, met_at, missed_at,
    reason, actor_id, created_at, updated_at FROM deadlines;
CREATE TABLE deadline_reminders_new (
	deadline_id	INTEGER NOT NULL REFERENCES deadlines_new(id) ON DELETE CASCADE,
	offset_s	INTEGER NOT NULL,
	fire_at		INTEGER NOT NULL,
	fired_at	INTEGER,
	told		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (deadline_id, offset_s)
) STRICT, WITHOUT ROWID;
INSERT INTO deadline_reminders_new SELECT deadline_id, offset_s, fire_at, fired_at, told
    FROM deadline_reminders;
DROP TABLE deadline_reminders;
DROP TABLE deadlines;
ALTER TABLE deadlines_new RENAME TO deadlines;
ALTER TABLE deadline_reminders_new RENAME TO deadline_reminders;
CREATE INDEX deadlines_due ON deadlines (state, due_at);
CREATE INDEX deadlines_case ON deadlines (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX deadline_reminders_due ON deadline_reminders (fire_at) WHERE fired_at IS NULL;

-- Registry role.  A platform on the public list, once its first filing is
-- approved: what the list shows (R41: name, sponsor, URL, ICP number,
-- 备案编号, date, status).  The sponsor's ID number is never here.
CREATE TABLE filed_platforms (
	id		INTEGER PRIMARY KEY,
	number		TEXT NOT NULL UNIQUE,		-- 备案编号, minted from [filing] number_template
	name		TEXT NOT NULL,
	url		TEXT NOT NULL,
	icp		TEXT NOT NULL,
	sponsor		TEXT NOT NULL,			-- 主办单位 or 主办个人 (name only)
	org_id		INTEGER REFERENCES orgs(id) ON DELETE SET NULL,	-- the applicant's account
	status		TEXT NOT NULL DEFAULT 'filed' CHECK (status IN ('filed', 'deregistered')),
	filed_on	TEXT NOT NULL,			-- YYYY-MM-DD (China time)
	deregistered_on	TEXT,				-- the declared end date (第七条)
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX filed_platforms_status ON filed_platforms (status, filed_on);

-- An application: the first filing, a change (第六条) or a deregistration
-- (第七条).  The field values (the annex's items, data in
-- data/filing/fields.conf) are sealed as one document, ID numbers
-- included; the public subset is kept in the clear for lists.  A review
-- clock starts when a submission is complete (complete_at).
CREATE TABLE filing_applications (
	id		TEXT PRIMARY KEY,		-- <[filing] application_prefix>-YYYY-NNNNNN
	kind		TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'deregistration')),
	platform_id	INTEGER REFERENCES filed_platforms(id) ON DELETE RESTRICT,	-- NULL for initial
	org_id		INTEGER REFERENCES orgs(id) ON DELETE SET NULL,	-- who applied
	idem_key	TEXT NOT NULL DEFAULT '',	-- the applicant's Idempotency-Key
	state		TEXT NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted',
			    'supplement_requested', 'resubmitted', 'approved', 'rejected',
			    'withdrawn')),
	fieldset	TEXT NOT NULL,			-- version (SHA-256) of the field set used
	fields_nonce	BLOB NOT NULL,
	fields_sealed	BLOB NOT NULL,
	public_json	TEXT NOT NULL,			-- name, url, icp, sponsor: the listable part
	change_date	TEXT,				-- change: when the information changed
	end_date	TEXT,				-- deregistration: when the business ends
	leaf_index	INTEGER,			-- receipt-log leaf of the submission
	submitted_at	INTEGER NOT NULL,
	complete_at	INTEGER,			-- the review clock's basis
	decided_at	INTEGER,
	decided_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	reason		TEXT NOT NULL DEFAULT '',	-- a rejection's reasons
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX filing_applications_state ON filing_applications (state, submitted_at);
CREATE INDEX filing_applications_platform ON filing_applications (platform_id)
    WHERE platform_id IS NOT NULL;
CREATE UNIQUE INDEX filing_applications_idem ON filing_applications (org_id, idem_key)
    WHERE idem_key <> '';

-- A 补正 request: every deficiency at once (R24), answered by a resubmission.
CREATE TABLE filing_deficiencies (
	id		INTEGER PRIMARY KEY,
	application_id	TEXT NOT NULL REFERENCES filing_applications(id) ON DELETE CASCADE,
	round		INTEGER NOT NULL,
	items_json	TEXT NOT NULL,			-- [{"field": key, "note": text}]
	requested_at	INTEGER NOT NULL,
	requested_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	answered_at	INTEGER,
	UNIQUE (application_id, round)
) STRICT;

-- The notices of an approval to 公安部 and 国家互联网信息办公室 (第五条):
-- one outbox delivery each, its status read from the outbox.
CREATE TABLE filing_notices (
	id		INTEGER PRIMARY KEY,
	application_id	TEXT NOT NULL REFERENCES filing_applications(id) ON DELETE CASCADE,
	recipient	TEXT NOT NULL,			-- "mps", "cac" (configured targets)
	target		TEXT NOT NULL,			-- URL or mailto:
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX filing_notices_app ON filing_notices (application_id);

-- What happened to an application, for its page and the applicant.
CREATE TABLE filing_events (
	id		INTEGER PRIMARY KEY,
	application_id	TEXT NOT NULL REFERENCES filing_applications(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL,			-- submitted, supplement_requested, ...
	note		TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX filing_events_app ON filing_events (application_id, id);

-- Platform role: the platform's own dossier, one row.  Its status follows
-- R20 (draft -> submitted -> supplement_requested <-> resubmitted -> filed
-- -> change_pending -> filed ... -> deregistration_pending -> deregistered);
-- intake is open only while filed (or change_pending: the platform stays
-- filed while a change is reviewed).
CREATE TABLE platform_filing (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted',
			    'supplement_requested', 'resubmitted', 'filed', 'change_pending',
			    'deregistration_pending', 'deregistered')),
	fieldset	TEXT NOT NULL,
	fields_nonce	BLOB NOT NULL,
	fields_sealed	BLOB NOT NULL,
	public_json	TEXT NOT NULL,
	number		TEXT NOT NULL DEFAULT '',	-- 备案编号 once filed (R41: opaque, <= 64 bytes)
	application_id	TEXT NOT NULL DEFAULT '',	-- the registry's id of the current application
	filed_on	TEXT,
	end_date	TEXT,
	updated_at	INTEGER NOT NULL
) STRICT;

-- Each delivery to the registry (submission, resubmission, change,
-- deregistration) and each answer read back, in order.
CREATE TABLE platform_filing_events (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL
) STRICT;

-- A change of filed information (R22): which fields, since when; its clock
-- is change_filing on subject "change:<id>".
CREATE TABLE platform_filing_changes (
	id		INTEGER PRIMARY KEY,
	fields		TEXT NOT NULL,			-- the keys changed, comma-separated
	change_date	TEXT NOT NULL,			-- declared (YYYY-MM-DD)
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'filed',
			    'confirmed', 'rejected')),
	application_id	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
