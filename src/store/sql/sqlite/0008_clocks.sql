-- Clocks and federation (issue 6): deadlines with their reminders, the
-- 报送 (Art. 7(2)) a provider or platform sends to the national library,
-- what a registry receives and forwards (同步通报, R7, R17), notices of
-- risk and remedy to users and downstream vendors (Art. 7(3)), and an
-- outbox that also carries HTTP deliveries.

-- When the platform or provider knew of the vulnerability (R5): the first
-- report's receipt unless staff record an earlier time.
ALTER TABLE cases ADD COLUMN known_at INTEGER;
UPDATE cases SET known_at = (SELECT min(r.received_at) FROM case_reports cr
    JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = cases.id);
UPDATE cases SET known_at = created_at WHERE known_at IS NULL;

-- Every clock (domain/deadline.h).  subject: report:<id>, case:<id> or
-- vendor:<case>/<org slug>; one clock of a kind per subject.
CREATE TABLE deadlines (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('ack', 'vendor_response', 'submission',
			    'publication')),
	subject		TEXT NOT NULL,
	case_id		TEXT REFERENCES cases(id) ON DELETE CASCADE,
	report_id	TEXT REFERENCES reports(id) ON DELETE CASCADE,
	basis_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	period		TEXT NOT NULL,			-- "48h", "3wd"
	rule		TEXT NOT NULL,			-- "R5 (Art. 7(2))"
	calendar_version TEXT NOT NULL,			-- R26
	provisional	INTEGER NOT NULL DEFAULT 0,	-- a day outside the calendar data was used
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'met', 'missed',
			    'paused', 'waived')),
	paused_at	INTEGER,
	met_at		INTEGER,			-- also set when met late (state missed)
	missed_at	INTEGER,
	reason		TEXT NOT NULL DEFAULT '',	-- a waiver's reason
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,	-- who waived
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (kind, subject)
) STRICT;
CREATE INDEX deadlines_due ON deadlines (state, due_at);
CREATE INDEX deadlines_case ON deadlines (case_id);
CREATE INDEX deadlines_report ON deadlines (report_id);

-- Reminders before a clock's due time, each fired once: fired_at is set in
-- the transaction that queues its notices and mail, so a restart neither
-- loses nor repeats one.  told = 0 with fired_at set: passed over because a
-- later reminder of the same clock was due at the same run.
CREATE TABLE deadline_reminders (
	deadline_id	INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
	offset_s	INTEGER NOT NULL,		-- seconds before due_at
	fire_at		INTEGER NOT NULL,
	fired_at	INTEGER,
	told		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (deadline_id, offset_s)
) STRICT;
CREATE INDEX deadline_reminders_due ON deadline_reminders (fired_at, fire_at);

-- The outbox carries HTTP deliveries too.  An HTTP row's body is empty: the
-- document is rendered from `ref` (submission:<id>, forward:<id>) when it is
-- sent, so undisclosed content stays sealed at rest.  The answer is kept as
-- delivery evidence.
CREATE TABLE outbox_new (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('mail', 'http')),
	recipient	TEXT NOT NULL,			-- mail: the address; http: the URL
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	ref		TEXT NOT NULL DEFAULT '',
	idem_key	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt_at	INTEGER NOT NULL,
	last_error	TEXT NOT NULL DEFAULT '',
	http_status	INTEGER,
	response	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER
) STRICT;
INSERT INTO outbox_new (id, kind, recipient, subject, body, status, attempts,
    next_attempt_at, last_error, created_at, sent_at)
    SELECT id, kind, recipient, subject, body, status, attempts, next_attempt_at,
    last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_ref ON outbox (ref) WHERE ref <> '';

-- The 报送 of a case (provider role, optional for platforms).  The record
-- itself (domain/submission.h fields) is sealed; the name and product are
-- kept in the clear for listing.  idem_key goes with every delivery
-- attempt, so a retry never makes a second record at the registry.
CREATE TABLE submissions (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
	state		TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'queued',
			    'sent', 'accepted', 'rejected', 'waived')),
	target_library	TEXT NOT NULL,
	title		TEXT NOT NULL,
	product_name	TEXT NOT NULL,
	dek_wrapped	BLOB NOT NULL,
	fields		BLOB NOT NULL,			-- sealed
	idem_key	TEXT NOT NULL UNIQUE,
	manual		INTEGER NOT NULL DEFAULT 0,	-- no registry: a file for manual upload
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
	library_id	TEXT NOT NULL DEFAULT '',	-- the registry's id, once accepted
	reason		TEXT NOT NULL DEFAULT '',	-- rejected: the registry's; waived: why
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	sent_by		INTEGER REFERENCES users(id) ON DELETE SET NULL,
	sent_at		INTEGER,
	uploaded_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	uploaded_at	INTEGER,
	decided_at	INTEGER
) STRICT;
CREATE INDEX submissions_state ON submissions (state, updated_at);

-- Registry role: 报送 received from member organisations.  Library ids
-- <PREFIX>-<YYYY>-<seq>, one counter per year, never reused.
CREATE TABLE library_seq (
	year		INTEGER PRIMARY KEY,
	last		INTEGER NOT NULL
) STRICT;

CREATE TABLE received_submissions (
	id		TEXT PRIMARY KEY,		-- NVDB-2026-000001
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
	submitter_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	idem_key	TEXT NOT NULL,
	target_library	TEXT NOT NULL,
	title		TEXT NOT NULL,
	product_name	TEXT NOT NULL,
	dek_wrapped	BLOB NOT NULL,
	fields		BLOB NOT NULL,			-- sealed
	payload_sha256	TEXT NOT NULL,
	leaf_index	INTEGER NOT NULL UNIQUE,
	state		TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received',
			    'verified', 'rejected')),
	reason		TEXT NOT NULL DEFAULT '',
	received_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	verified_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	verified_at	INTEGER,
	UNIQUE (org_id, idem_key),
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX received_submissions_time ON received_submissions (received_at);

-- 同步通报 (R7) and forwarding on request (R17): one row per recipient of
-- a received 报送, its delivery in the outbox.
CREATE TABLE submission_forwards (
	id		INTEGER PRIMARY KEY,
	submission_id	TEXT NOT NULL REFERENCES received_submissions(id) ON DELETE CASCADE,
	recipient	TEXT NOT NULL,			-- the configured name
	target		TEXT NOT NULL,			-- URL or mailto:address
	on_request	INTEGER NOT NULL DEFAULT 0,	-- the submitter asked (R17)
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (submission_id, recipient)
) STRICT;

-- Notices of risk and remedy to users and downstream vendors (Art. 7(3),
-- R6): sent once a fix exists, one outbox mail per recipient (the delivery
-- evidence).
CREATE TABLE user_notices (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	support_channel	TEXT NOT NULL DEFAULT '',	-- where users get technical support (R6)
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX user_notices_case ON user_notices (case_id, id);

CREATE TABLE user_notice_recipients (
	notice_id	INTEGER NOT NULL REFERENCES user_notices(id) ON DELETE CASCADE,
	address		TEXT NOT NULL,
	source		TEXT NOT NULL CHECK (source IN ('downstream', 'manual')),
	org_id		INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
	PRIMARY KEY (notice_id, address)
) STRICT;

-- The timeline learns the clock and federation events.
CREATE TABLE case_timeline_new (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('created', 'report_added',
			    'transition', 'vendor_added', 'vendor_notified', 'vendor_status',
			    'statement_approved', 'vendor_seen', 'vendor_unresponsive',
			    'participant_added', 'participant_removed', 'product_added',
			    'message', 'retest', 'deadline', 'submission', 'user_notice',
			    'known_at')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_timeline_new SELECT * FROM case_timeline;
DROP TABLE case_timeline;
ALTER TABLE case_timeline_new RENAME TO case_timeline;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

-- Clocks for what is already open: reports waiting for acknowledgement and
-- vendors waiting to answer get theirs at the next start (svc/deadlines.c
-- backfills: it needs the calendar, which SQL does not have).
