-- Intake: reports, their attachments, the receipt log (漏洞信息接收日志,
-- Art. 5) as a Merkle tree with signed tree heads, and the outbox.
-- Undisclosed details are stored only sealed (XChaCha20-Poly1305 under a
-- per-report key that is itself sealed with the instance data key, which
-- lives in DIR/keys/ and never in this database).

-- Tracking ids <PREFIX>-<YYYY>-<seq>: one counter per year, never reused.
CREATE TABLE report_seq (
	year		INTEGER PRIMARY KEY,
	last		INTEGER NOT NULL
) STRICT;

CREATE TABLE reports (
	id		TEXT PRIMARY KEY,		-- LD-2026-000001
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	reporter_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,	-- NULL: anonymous
	channel		TEXT NOT NULL CHECK (channel IN ('web', 'api', 'email', 'federation')),
	status		TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received',
			    'acknowledged', 'triage', 'accepted', 'duplicate', 'rejected',
			    'needs_info')),
	kind		TEXT NOT NULL CHECK (kind IN ('generic', 'incident')),
	title		TEXT NOT NULL,
	vendor		TEXT NOT NULL DEFAULT '',
	product		TEXT NOT NULL,
	model		TEXT NOT NULL DEFAULT '',
	versions	TEXT NOT NULL DEFAULT '',
	weakness	TEXT NOT NULL DEFAULT '',
	cvss_vector	TEXT NOT NULL DEFAULT '',
	discovered_at	TEXT NOT NULL DEFAULT '',
	vendor_contacted INTEGER NOT NULL DEFAULT 0,
	credit		TEXT NOT NULL DEFAULT 'name' CHECK (credit IN ('name', 'alias', 'anonymous')),
	credit_alias	TEXT NOT NULL DEFAULT '',
	dek_wrapped	BLOB NOT NULL,		-- the report key, sealed with the data key
	details		BLOB NOT NULL,		-- sealed JSON: description, reproduction, ...
	payload_sha256	TEXT NOT NULL,
	received_at	INTEGER NOT NULL,
	leaf_index	INTEGER NOT NULL UNIQUE,
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX reports_reporter ON reports (reporter_id, received_at);
CREATE INDEX reports_status ON reports (status, received_at);

CREATE TABLE attachments (
	id		INTEGER PRIMARY KEY,
	report_id	TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	filename	TEXT NOT NULL,
	mime		TEXT NOT NULL,		-- sniffed, not as claimed
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,		-- of the plaintext
	dek_wrapped	BLOB NOT NULL,		-- a key per file
	content		BLOB NOT NULL		-- sealed
) STRICT;
CREATE INDEX attachments_report ON attachments (report_id);

-- The receipt log.  leaf is the exact JSON the leaf hash covers; a purge
-- (after the retention period) empties it but keeps leaf_hash, so the tree
-- and every signed tree head stay verifiable.
CREATE TABLE log_leaves (
	idx		INTEGER PRIMARY KEY,	-- 0-based leaf index
	leaf		BLOB,			-- NULL once purged
	leaf_hash	BLOB NOT NULL,
	report_id	TEXT,			-- the report it stands for
	received_at	INTEGER NOT NULL,
	purged_at	INTEGER
) STRICT;

-- Complete subtrees: (level, idx) hashes leaves [idx*2^level, (idx+1)*2^level).
CREATE TABLE log_nodes (
	level		INTEGER NOT NULL,
	idx		INTEGER NOT NULL,
	hash		BLOB NOT NULL,
	PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

-- Signed tree heads, one per tree size.
CREATE TABLE log_sth (
	tree_size	INTEGER PRIMARY KEY,
	timestamp	INTEGER NOT NULL,	-- milliseconds since the epoch
	root_hash	BLOB NOT NULL,
	signature	BLOB NOT NULL
) STRICT;

-- Durable outbox: messages to send, with retries and backoff.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('mail')),
	recipient	TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt_at	INTEGER NOT NULL,
	last_error	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
