-- Support units (支撑单位) of a specialised library (issue 9; R40; the
-- CAPPVD notice, seeds/004): applications and their review stages, the
-- units with their star level, certificates, the contribution ledger the
-- levels are computed from, verification and assistance tasks, the annual
-- evaluations and the awards.  Warnings and disputes are 0016.
--
-- The clocks first: two new kinds, so the deadlines table is rebuilt with
-- its CHECK widened, as in 0012 (reminders rebuilt too, child first).
--   dispute       the registry coordinates a disclosure or handling dispute
--                 (争议协调; [deadlines] dispute)
--   warning_ack   a support unit acknowledges a warning (预警) delivered to
--                 it ([deadlines] warning_ack)
CREATE TABLE deadlines_new (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('ack', 'vendor_response', 'submission',
			    'publication', 'filing_review', 'filing_supplement',
			    'change_filing', 'initial_filing', 'dispute', 'warning_ack')),
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


-- An application to become a support unit of one type (申报方向), by an
-- organisation (an account of it applies).  The dossier (contacts, team,
-- capability evidence against the rating method's criteria, the five
-- eligibility declarations) is sealed as one JSON document; its documents
-- are unit_app_documents.  state is the stage the application is in:
--   material_review (材料审核) -> expert_review (专家评审) -> site_visit
--   (现场考察) -> certification (颁发证书) -> announcement (公告) -> done;
--   any stage -> rejected (by the stage's reviewer); the applicant may
--   withdraw before done.
CREATE TABLE unit_applications (
	id		TEXT PRIMARY KEY,		-- <[units] application_prefix>-YYYY-NNNNNN
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
	applicant_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	unit_type	TEXT NOT NULL CHECK (unit_type IN ('technical', 'governance')),
	unit_name	TEXT NOT NULL,			-- the organisation's legal name as applied
	credit_code	TEXT NOT NULL DEFAULT '',	-- 统一社会信用代码 (public register data)
	state		TEXT NOT NULL DEFAULT 'material_review' CHECK (state IN (
			    'material_review', 'expert_review', 'site_visit', 'certification',
			    'announcement', 'done', 'rejected', 'withdrawn')),
	criteria_version TEXT NOT NULL,			-- SHA-256 of the rating method used
	self_score	INTEGER NOT NULL DEFAULT 0,	-- the applicant's own total against it
	dek_wrapped	BLOB NOT NULL,
	dossier		BLOB NOT NULL,			-- sealed JSON
	paper_received_on TEXT,				-- the stamped paper copy (申报方式), YYYY-MM-DD
	leaf_index	INTEGER,			-- receipt-log leaf of the application
	unit_id		INTEGER,			-- the unit it made (support_units.id), once certified
	submitted_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX unit_applications_state ON unit_applications (state, submitted_at);
CREATE INDEX unit_applications_org ON unit_applications (org_id, submitted_at);

-- One decided stage: who, when, outcome, notes (shown to the applicant),
-- and an optional date (the expert meeting, the site visit).
CREATE TABLE unit_app_stages (
	id		INTEGER PRIMARY KEY,
	application_id	TEXT NOT NULL REFERENCES unit_applications(id) ON DELETE CASCADE,
	stage		TEXT NOT NULL CHECK (stage IN ('material_review', 'expert_review',
			    'site_visit', 'certification', 'announcement', 'withdrawn')),
	outcome		TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'withdrawn')),
	reviewer_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	notes		TEXT NOT NULL DEFAULT '',
	held_on		TEXT,				-- YYYY-MM-DD of the meeting or visit
	score		INTEGER,			-- the experts' score, if any
	decided_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX unit_app_stages_app ON unit_app_stages (application_id, id);

-- Capability evidence files of an application, sealed like attachments.
CREATE TABLE unit_app_documents (
	id		INTEGER PRIMARY KEY,
	application_id	TEXT NOT NULL REFERENCES unit_applications(id) ON DELETE CASCADE,
	criterion	TEXT NOT NULL DEFAULT '',	-- the rating-method criterion it supports
	filename	TEXT NOT NULL,
	mime		TEXT NOT NULL,
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,
	dek_wrapped	BLOB NOT NULL,
	content		BLOB NOT NULL
) STRICT;
CREATE INDEX unit_app_documents_app ON unit_app_documents (application_id);

-- A support unit: an organisation certified for one type.  level is the
-- star level (1..4, 一星..四星); announced_at is when it went on the public
-- list (公告); valid_until is the current certificate's end.
CREATE TABLE support_units (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
	unit_type	TEXT NOT NULL CHECK (unit_type IN ('technical', 'governance')),
	name		TEXT NOT NULL,
	level		INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended',
			    'expired', 'revoked')),
	application_id	TEXT REFERENCES unit_applications(id) ON DELETE SET NULL,
	certified_on	TEXT NOT NULL,			-- YYYY-MM-DD
	valid_until	TEXT NOT NULL,			-- YYYY-MM-DD
	evaluated_on	TEXT,				-- the last annual evaluation
	announced_at	INTEGER,			-- NULL: not yet on the public list
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (org_id, unit_type)
) STRICT;
CREATE INDEX support_units_list ON support_units (status, level DESC, name);

-- Certificates: one per issue (certification, a level change at an
-- evaluation, a renewal); the previous one is then superseded.  The
-- public verification page reads this table.
CREATE TABLE unit_certificates (
	number		TEXT PRIMARY KEY,		-- <[units] certificate_prefix><YYYY><NNNN>
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	unit_name	TEXT NOT NULL,
	unit_type	TEXT NOT NULL CHECK (unit_type IN ('technical', 'governance')),
	level		INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	issued_on	TEXT NOT NULL,
	valid_until	TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'superseded',
			    'revoked')),
	issued_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX unit_certificates_unit ON unit_certificates (unit_id, created_at);

-- The contribution ledger: one row per credited piece of work, with the
-- points its kind and grade were worth ([units] weights) when credited.
--   report        an original report or 报送 of the unit accepted (grade)
--   warning       a warning (预警) the unit shared
--   verification  a verification task done and confirmed (漏洞审核与验证)
--   assistance    a handling-assistance task done and confirmed
CREATE TABLE unit_contributions (
	id		INTEGER PRIMARY KEY,
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('report', 'warning', 'verification',
			    'assistance')),
	grade		TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', 'critical', 'high',
			    'medium', 'low')),
	subject		TEXT NOT NULL,			-- submission:<id>, report:<id>, warning:<id>, task:<n>
	points		INTEGER NOT NULL,
	at		INTEGER NOT NULL,
	recorded_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	note		TEXT NOT NULL DEFAULT '',
	UNIQUE (unit_id, kind, subject)
) STRICT;
CREATE INDEX unit_contributions_time ON unit_contributions (unit_id, at);
CREATE INDEX unit_contributions_at ON unit_contributions (at);

-- Verification (技术支撑单位) and handling assistance (漏洞治理合作单位)
-- work the registry's staff give a unit; confirmed work is credited.
CREATE TABLE unit_tasks (
	id		INTEGER PRIMARY KEY,
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('verification', 'assistance')),
	subject		TEXT NOT NULL,			-- submission:<id> or report:<id>
	grade		TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', 'critical', 'high',
			    'medium', 'low')),
	state		TEXT NOT NULL DEFAULT 'assigned' CHECK (state IN ('assigned', 'done',
			    'confirmed', 'cancelled')),
	brief		TEXT NOT NULL DEFAULT '',	-- what the staff ask
	result		TEXT NOT NULL DEFAULT '',	-- what the unit answers
	assigned_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	assigned_at	INTEGER NOT NULL,
	done_at		INTEGER,
	confirmed_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	confirmed_at	INTEGER
) STRICT;
CREATE INDEX unit_tasks_unit ON unit_tasks (unit_id, state);

-- The annual re-evaluation (and any evaluation run by hand): the period,
-- the counts and points, the level before and after.
CREATE TABLE unit_evaluations (
	id		INTEGER PRIMARY KEY,
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	period_from	TEXT NOT NULL,			-- YYYY-MM-DD, inclusive
	period_to	TEXT NOT NULL,			-- YYYY-MM-DD, inclusive
	counts_json	TEXT NOT NULL,			-- {"critical":n,...,"warning":n,...}
	points		INTEGER NOT NULL,
	level_before	INTEGER NOT NULL,
	level_after	INTEGER NOT NULL,
	below_minimum	INTEGER NOT NULL DEFAULT 0,	-- points under the 一星 threshold
	evaluated_at	INTEGER NOT NULL,
	evaluated_by	INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX unit_evaluations_unit ON unit_evaluations (unit_id, evaluated_at);

-- Awards of a year: candidates computed by [units] award_rules, confirmed
-- (or dismissed) by staff, then published.
CREATE TABLE unit_awards (
	id		INTEGER PRIMARY KEY,
	year		INTEGER NOT NULL,
	award		TEXT NOT NULL CHECK (award IN ('most_contributing', 'special_contribution',
			    'practice_advanced', 'governance_most')),
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	metric		INTEGER NOT NULL,		-- the value the rule ranked by
	rank		INTEGER NOT NULL,
	state		TEXT NOT NULL DEFAULT 'candidate' CHECK (state IN ('candidate',
			    'confirmed', 'dismissed', 'published')),
	decided_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	decided_at	INTEGER,
	published_at	INTEGER,
	UNIQUE (year, award, unit_id)
) STRICT;
CREATE INDEX unit_awards_year ON unit_awards (year, award, rank);
