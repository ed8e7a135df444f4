-- Cases (处置, R34) and triage (issue 5): what triage decides about each
-- report, the cases reports join, and every step of a case on its
-- timeline.  The workflow itself is domain/case.c; the database keeps the
-- state names it allows.

-- Case ids <PREFIX>-C-<YYYY>-<seq>: one counter per year, never reused.
CREATE TABLE case_seq (
	year		INTEGER PRIMARY KEY,
	last		INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
	id			TEXT PRIMARY KEY,		-- LD-C-2026-000001
	seq_year		INTEGER NOT NULL,
	seq			INTEGER NOT NULL,
	kind			TEXT NOT NULL CHECK (kind IN ('generic', 'incident')),
	state			TEXT NOT NULL CHECK (state IN ('verified', 'graded',
				    'vendor_notified', 'in_remediation', 'fix_available',
				    'published', 'tracking', 'closed', 'reopened',
				    'operator_notified', 'fixed')),
	title			TEXT NOT NULL,
	vendor_unresponsive	INTEGER NOT NULL DEFAULT 0,
	created_at		INTEGER NOT NULL,
	created_by		INTEGER REFERENCES users(id) ON DELETE SET NULL,
	updated_at		INTEGER NOT NULL,
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX cases_state ON cases (state, updated_at);

-- The reports of a case; a report is in at most one case.
CREATE TABLE case_reports (
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	report_id	TEXT NOT NULL UNIQUE REFERENCES reports(id) ON DELETE CASCADE,
	added_at	INTEGER NOT NULL,
	PRIMARY KEY (case_id, report_id)
) STRICT;

-- Every step of a case: created, report added, state moved (from -> to),
-- with who, when and why.
CREATE TABLE case_timeline (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('created', 'report_added',
			    'transition')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',	-- the report id, or the reason
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

-- What triage decided about each report, every time (a needs_info answered
-- goes back to triage and is decided again).  duplicate_of: the original;
-- reject_reason: a reject_reason name; case_id: the case it joined.
CREATE TABLE report_triage (
	id		INTEGER PRIMARY KEY,
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	decision	TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'duplicate',
			    'needs_info')),
	reject_reason	TEXT NOT NULL DEFAULT '',
	duplicate_of	TEXT REFERENCES reports(id) ON DELETE SET NULL,
	case_id		TEXT REFERENCES cases(id) ON DELETE SET NULL,
	reason		TEXT NOT NULL DEFAULT ''	-- the note, or the question to the reporter
) STRICT;
CREATE INDEX report_triage_report ON report_triage (report_id, id);
CREATE INDEX report_triage_duplicate ON report_triage (duplicate_of);
