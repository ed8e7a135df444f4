-- Complaints (举报, issue 8; 办法 第九条): the registry's channel where the
-- public reports a vulnerability collection platform suspected of breaking
-- the law.  Each complaint gets a tracking id, a receipt-log leaf (Art. 5)
-- and a secret status token (only its SHA-256 is kept), and goes
-- submitted -> assigned -> investigating -> closed with an outcome
-- (domain/complaint.h lists the categories, channels and outcomes).  What
-- the complainant wrote, how to reach them and the staff's notes are sealed
-- at rest (svc/seal.h); the platform complained about is kept in the clear
-- for the filters and the statistics.

-- Tracking ids <PREFIX>-<YYYY>-<seq> with [complaints] id_prefix, one
-- counter per year, never reused.
CREATE TABLE complaint_seq (
	year		INTEGER PRIMARY KEY,
	last		INTEGER NOT NULL
) STRICT;

-- filing_number: the platform's 备案编号 as the complainant gave it, opaque
-- text (R41); the filing registry lands later, so no foreign key yet.
-- reporter_id: the complainant's account, NULL when anonymous (no account,
-- or the person asked not to be linked).  recorded_by: the staff member
-- who entered a complaint received by phone or e-mail.  addr_hash: the
-- SHA-256 of the client address, kept only for the submission throttle's
-- window and then erased (svc/complaints.c), so an anonymous complainant
-- is not traceable through this table.
CREATE TABLE complaints (
	id		TEXT PRIMARY KEY,		-- JB-2026-000001
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	platform_name	TEXT NOT NULL,
	platform_url	TEXT NOT NULL DEFAULT '',
	filing_number	TEXT NOT NULL DEFAULT '' CHECK (length(CAST(filing_number AS BLOB)) <= 64),
	category	TEXT NOT NULL CHECK (category IN ('illegal_collection',
			    'sale_of_vulnerabilities', 'unauthorised_publication',
			    'foreign_transfer', 'no_filing', 'false_filing', 'mismanagement',
			    'other')),
	channel		TEXT NOT NULL CHECK (channel IN ('web', 'api', 'phone', 'email')),
	anonymous	INTEGER NOT NULL DEFAULT 1,
	reporter_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	recorded_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	text_dek	BLOB NOT NULL,			-- the complaint, sealed
	text		BLOB NOT NULL,
	contact_dek	BLOB,				-- contact details, sealed; NULL: none
	contact		BLOB,
	token_hash	TEXT NOT NULL UNIQUE,		-- SHA-256 (hex) of the status token
	addr_hash	TEXT,				-- throttle only; NULL after its window
	payload_sha256	TEXT NOT NULL,			-- of the exact request received
	received_at	INTEGER NOT NULL,
	leaf_index	INTEGER NOT NULL UNIQUE,	-- receipt-log leaf
	state		TEXT NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted',
			    'assigned', 'investigating', 'closed')),
	assignee_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	outcome		TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'substantiated',
			    'unsubstantiated', 'referred', 'duplicate', 'withdrawn')),
	outcome_dek	BLOB,				-- the outcome note, sealed; NULL until closed
	outcome_note	BLOB,
	closed_at	INTEGER,
	updated_at	INTEGER NOT NULL,
	UNIQUE (seq_year, seq),
	CHECK ((state = 'closed') = (outcome <> ''))
) STRICT;
CREATE INDEX complaints_state ON complaints (state, received_at);
CREATE INDEX complaints_platform ON complaints (platform_name COLLATE NOCASE);
CREATE INDEX complaints_addr ON complaints (addr_hash, received_at) WHERE addr_hash IS NOT NULL;

-- Every step of a complaint: who, what, when.  event: submitted, assigned
-- (detail: the assignee's login), note (an investigation note, sealed),
-- closed (detail: the outcome).  Ids are taken inside the writing
-- transaction, so a note's seal is bound to its own row.
CREATE TABLE complaint_events (
	id		INTEGER PRIMARY KEY,
	complaint_id	TEXT NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('submitted', 'assigned', 'note',
			    'closed')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	note_dek	BLOB,				-- sealed note; NULL: none
	note		BLOB
) STRICT;
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);
