-- The disclosure gate and advisories (issue 7; Art. 9, R10-R15, R31-R33,
-- R43-R44).  The gate itself is domain/policy.c; these tables hold what it
-- reads (a person's jurisdiction, an attachment's class, the case's Art. 9
-- records, the major-event windows) and what it decides (every decision is
-- logged), and the advisories it lets out.

-- A person's jurisdiction (Art. 9(7)): ISO 3166-1 alpha-2, or '' for "that
-- of the person's organisation, else [policy] default_country".
ALTER TABLE users ADD COLUMN country TEXT NOT NULL DEFAULT ''
    CHECK (country = '' OR length(country) = 2);

-- What an attachment is (Art. 9(4), R12): a triager marks exploit tools and
-- weaponised proofs of concept, which never reach public output.
ALTER TABLE attachments ADD COLUMN class TEXT NOT NULL DEFAULT ''
    CHECK (class IN ('', 'document', 'exploit', 'poc_tool'));
ALTER TABLE message_attachments ADD COLUMN class TEXT NOT NULL DEFAULT ''
    CHECK (class IN ('', 'document', 'exploit', 'poc_tool'));

-- The records Art. 9 asks a case to keep before an exception applies:
--   joint_assessment   9(1): assessed jointly with the product's provider
--   authority_report   9(1): reported to 工业和信息化部 and 公安部
--   authority_outcome  9(1): the authorities' assessment outcome (allow = 1: they agree)
--   mps_consent        9(6): 公安部 consent to publish during a major event
-- reference: the document number; issued_on: its date (YYYY-MM-DD); scope:
-- what it covers (for mps_consent: the window's name, or '' for any).
CREATE TABLE case_disclosure_records (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('joint_assessment', 'authority_report',
			    'authority_outcome', 'mps_consent')),
	reference	TEXT NOT NULL,
	issued_on	TEXT NOT NULL,
	scope		TEXT NOT NULL DEFAULT '',
	approver	TEXT NOT NULL DEFAULT '',
	allow		INTEGER NOT NULL DEFAULT 1,
	note		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX case_disclosure_records_case ON case_disclosure_records (case_id, kind);

-- Major-event windows (重大活动期间, Art. 9(6), R43): entered by admins or
-- pushed by a registry (source = the registry's name).  scope: '' for all
-- publication, else a comma-separated list of product vendors' org slugs
-- or grades the window covers.  A withdrawn window no longer holds.
CREATE TABLE major_event_windows (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL,
	scope		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL DEFAULT 'local',
	external_id	TEXT NOT NULL DEFAULT '',	-- the registry's id, for updates
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	withdrawn_at	INTEGER,
	CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX major_event_windows_span ON major_event_windows (ends_at, starts_at);
CREATE UNIQUE INDEX major_event_windows_ext ON major_event_windows (source, external_id)
    WHERE external_id <> '';

-- Every decision of the gate (R44: "log every decision").  subject: what
-- would leave ("case:<id>", "advisory:<id>"); recipient: to whom ("public",
-- "user:<login>", "org:<slug>", "mailto:…", "library:<name>").
CREATE TABLE policy_decisions (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	action		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	recipient	TEXT NOT NULL DEFAULT '',
	allowed		INTEGER NOT NULL,
	rule		TEXT NOT NULL DEFAULT '',
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX policy_decisions_subject ON policy_decisions (subject, id);
CREATE INDEX policy_decisions_at ON policy_decisions (at);

-- Advisories (公告, R31-R33).  Ids <PREFIX>-<YYYY>-<seq> with
-- [advisories] id_prefix, one counter per year, never reused.
CREATE TABLE advisory_seq (
	year		INTEGER PRIMARY KEY,
	last		INTEGER NOT NULL
) STRICT;

-- state: draft -> in_review -> approved -> (scheduled ->) published ->
-- withdrawn (domain/advisory.c).  version: the current version's number.
-- publish_at: a scheduled publication's time; held_by: the window holding
-- it, if any.
CREATE TABLE advisories (
	id		TEXT PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
	state		TEXT NOT NULL CHECK (state IN ('draft', 'in_review', 'approved',
			    'scheduled', 'published', 'withdrawn')),
	version		INTEGER NOT NULL DEFAULT 1,
	publish_at	INTEGER,
	held_by		INTEGER REFERENCES major_event_windows(id) ON DELETE SET NULL,
	published_at	INTEGER,
	withdrawn_at	INTEGER,
	withdrawn_reason TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX advisories_case ON advisories (case_id);
CREATE INDEX advisories_scheduled ON advisories (publish_at) WHERE state = 'scheduled';

-- Every version of an advisory: the record (formats/advisory_json.c's
-- JSON), sealed until published; who wrote it, who reviewed it and when.
-- A version once approved is never changed: an edit makes the next one.
CREATE TABLE advisory_versions (
	advisory_id	TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	dek_wrapped	BLOB NOT NULL,
	doc		BLOB NOT NULL,		-- sealed JSON
	doc_sha256	TEXT NOT NULL,		-- of the plaintext JSON
	summary		TEXT NOT NULL DEFAULT '',	-- what changed (CSAF revision history)
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	reviewed_at	INTEGER,
	reviewed_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	review		TEXT NOT NULL DEFAULT '' CHECK (review IN ('', 'approved', 'changes_requested')),
	review_note	TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (advisory_id, version)
) STRICT, WITHOUT ROWID;

-- What the world sees: each published advisory's current public JSON, in
-- the clear (it is public), and what the public site and every export read.
-- Nothing else is read by a public path, so an unpublished case cannot
-- reach the feed or the public API.  A withdrawal keeps the row with
-- withdrawn_at set (the public page says so; feeds list it as withdrawn).
CREATE TABLE advisory_public (
	id		TEXT PRIMARY KEY REFERENCES advisories(id) ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	doc		TEXT NOT NULL,		-- public JSON (formats/advisory_json.c)
	title		TEXT NOT NULL,
	grade		TEXT NOT NULL DEFAULT '',
	vendors		TEXT NOT NULL DEFAULT '',	-- '\n'-joined, for the filters
	products	TEXT NOT NULL DEFAULT '',
	search		TEXT NOT NULL DEFAULT '',	-- lower-cased text searched with instr()
	published_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	withdrawn_at	INTEGER
) STRICT;
CREATE INDEX advisory_public_published ON advisory_public (published_at DESC, id);

-- The case timeline learns the disclosure events.
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
			    'known_at', 'disclosure_record', 'policy_denied', 'advisory')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_timeline_new SELECT * FROM case_timeline;
DROP TABLE case_timeline;
ALTER TABLE case_timeline_new RENAME TO case_timeline;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);
