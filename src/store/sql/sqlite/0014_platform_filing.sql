-- 备案, platform side (issue 8; 办法 第四条-第八条; R20-R23, R25, R41): the
-- platform's own dossier beside what was filed, its documents, the
-- application under way at the registry, its change tasks and the cases
-- handed over before a deregistration.
--
-- The three tables of 0012 were never written before this migration (the
-- platform side had no code), but they are rebuilt with their rows copied
-- all the same, the way 0008 rebuilt the outbox.

-- The dossier, one row.  Three sealed copies of the field values (JSON
-- object, ID numbers included), each under its own key and bound to its
-- role (R22: a change takes effect only once the registry approved it):
--   work    what the administrator edits
--   sent    what the application under way carries (rendered at send time)
--   filed   what the registry approved last
-- public_json keeps the listable part of the working copy in the clear
-- (name, URL, ICP number, sponsor's name: never an ID number).
CREATE TABLE platform_filing_new (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted',
			    'supplement_requested', 'resubmitted', 'filed', 'change_pending',
			    'deregistration_pending', 'deregistered')),
	fieldset	TEXT NOT NULL,			-- version of the field set of the working copy
	fields_nonce	BLOB NOT NULL,			-- work: the wrapped key
	fields_sealed	BLOB NOT NULL,			-- work: the ciphertext
	public_json	TEXT NOT NULL,
	sent_nonce	BLOB,
	sent_sealed	BLOB,
	filed_fieldset	TEXT NOT NULL DEFAULT '',
	filed_nonce	BLOB,
	filed_sealed	BLOB,
	number		TEXT NOT NULL DEFAULT '',	-- 备案编号 once filed (R41: opaque, <= 64 bytes)
	filed_on	TEXT,				-- YYYY-MM-DD, the registry's
	end_date	TEXT,				-- deregistration: the business's last day (第七条)
	application_id	TEXT NOT NULL DEFAULT '',	-- the registry's id of the current application
	app_kind	TEXT NOT NULL DEFAULT '' CHECK (app_kind IN ('', 'initial', 'change',
			    'deregistration')),
	app_state	TEXT NOT NULL DEFAULT '',	-- the registry's state, as last read
	manual		INTEGER NOT NULL DEFAULT 0,	-- handed in by hand (no registry_url)
	sent_event	INTEGER NOT NULL DEFAULT 0,	-- the event whose delivery carries it
	submitted_at	INTEGER,
	poll_at		INTEGER,			-- when to read the status back; NULL: not
	polled_at	INTEGER,
	answer_json	TEXT NOT NULL DEFAULT '{}',	-- the registry's 补正 items and due times
	reason		TEXT NOT NULL DEFAULT '',	-- a rejection's or refusal's reasons
	change_date	TEXT,				-- a change under way: declared date (第六条)
	changed		TEXT NOT NULL DEFAULT '',	-- a change under way: its keys, comma-separated
	updated_at	INTEGER NOT NULL
) STRICT;
INSERT INTO platform_filing_new (id, status, fieldset, fields_nonce, fields_sealed, public_json,
    number, application_id, filed_on, end_date, updated_at)
    SELECT id, status, fieldset, fields_nonce, fields_sealed, public_json, number,
    application_id, filed_on, end_date, updated_at FROM platform_filing;
DROP TABLE platform_filing;
ALTER TABLE platform_filing_new RENAME TO platform_filing;

-- Each delivery to the registry and each answer read back, in order.  A
-- delivery's outbox row has ref "pfiling:<event id>".
CREATE TABLE platform_filing_events_new (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL,			-- submitted, delivered, refused, status, ...
	kind		TEXT NOT NULL DEFAULT '',	-- the application's kind
	resubmission	INTEGER NOT NULL DEFAULT 0,	-- an answer to a 补正
	application_id	TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	outbox_id	INTEGER REFERENCES outbox(id) ON DELETE SET NULL
) STRICT;
INSERT INTO platform_filing_events_new (id, at, actor_id, event, note, outbox_id)
    SELECT id, at, actor_id, event, note, outbox_id FROM platform_filing_events;
DROP TABLE platform_filing_events;
ALTER TABLE platform_filing_events_new RENAME TO platform_filing_events;

-- A change of filed information (第六条, R22): its keys and declared date;
-- the change_filing clock is on subject "change:<id>".  undone: the
-- working copy went back to what was filed before the change was filed.
CREATE TABLE platform_filing_changes_new (
	id		INTEGER PRIMARY KEY,
	fields		TEXT NOT NULL,			-- the keys changed, comma-separated
	change_date	TEXT NOT NULL,			-- declared (YYYY-MM-DD)
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'filed',
			    'confirmed', 'rejected', 'undone')),
	application_id	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
INSERT INTO platform_filing_changes_new SELECT id, fields, change_date, state, application_id,
    created_at, updated_at FROM platform_filing_changes;
DROP TABLE platform_filing_changes;
ALTER TABLE platform_filing_changes_new RENAME TO platform_filing_changes;
CREATE INDEX platform_filing_changes_state ON platform_filing_changes (state, id);

-- The documents of the dossier (R21: the rules 验证评估规则 ... as files), one
-- row per version a field's value ("<name> sha256:<hex>") names; versions
-- no copy names any more are removed.  The bytes are sealed, bound to the
-- key and hash.
CREATE TABLE platform_filing_documents (
	key		TEXT NOT NULL,			-- a document field of the field set
	sha256		TEXT NOT NULL,			-- hex, of the bytes
	name		TEXT NOT NULL,			-- file name, no spaces
	media_type	TEXT NOT NULL,			-- sniffed, never the client's claim
	size		INTEGER NOT NULL,
	content_key	BLOB NOT NULL,
	content		BLOB NOT NULL,
	uploaded_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	uploaded_at	INTEGER NOT NULL,
	PRIMARY KEY (key, sha256)
) STRICT;

-- Before a deregistration (第七条) every open case is handed over to
-- another organisation or closed: the handovers, one per case.
CREATE TABLE platform_filing_handovers (
	case_id		TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
	to_org		TEXT NOT NULL,			-- the receiving organisation
	note		TEXT NOT NULL DEFAULT '',
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	at		INTEGER NOT NULL
) STRICT;

-- The case timeline learns the handover (第七条: recorded on the case, with
-- the receiving organisation in detail).
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
			    'known_at', 'disclosure_record', 'policy_denied', 'advisory',
			    'handover')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_timeline_new SELECT * FROM case_timeline;
DROP TABLE case_timeline;
ALTER TABLE case_timeline_new RENAME TO case_timeline;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);
