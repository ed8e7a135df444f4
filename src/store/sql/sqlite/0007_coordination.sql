-- Coordination (issue 5): the supply chain of products (Art. 7(1), R4),
-- the parties of a case and their roles (Art. 11, R35), the conversation of
-- a case (R42) with sealed bodies and attachments, and in-app notices.

-- A product may name its CPE 2.3 and Package URL, and list the products it
-- is built from (its components, possibly other vendors').
ALTER TABLE products ADD COLUMN cpe TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN purl TEXT NOT NULL DEFAULT '';

CREATE TABLE product_components (
	product_id	INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
	component_id	INTEGER NOT NULL REFERENCES products(id) ON DELETE RESTRICT,
	versions	TEXT NOT NULL DEFAULT '',	-- the component versions it ships
	added_at	INTEGER NOT NULL,
	PRIMARY KEY (product_id, component_id),
	CHECK (product_id <> component_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX product_components_component ON product_components (component_id);

-- The products a case affects.  upstream = 1: the flaw is in this product
-- as a component of others (a triager's finding), so its vendor is the
-- upstream supplier to notify and the products that include it are the
-- downstream ones.
CREATE TABLE case_products (
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	product_id	INTEGER NOT NULL REFERENCES products(id) ON DELETE RESTRICT,
	versions	TEXT NOT NULL DEFAULT '',	-- affected versions
	upstream	INTEGER NOT NULL DEFAULT 0,
	added_at	INTEGER NOT NULL,
	added_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	PRIMARY KEY (case_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_products_product ON case_products (product_id);

-- A vendor organisation's role in a case: the affected product's own
-- vendor, the upstream supplier of a flawed component, or a downstream
-- vendor whose product includes the affected one; and its party type
-- (R35), from the organisation's kind unless the coordinator says
-- otherwise.
ALTER TABLE case_vendors ADD COLUMN role TEXT NOT NULL DEFAULT 'vendor'
    CHECK (role IN ('vendor', 'upstream', 'downstream'));
ALTER TABLE case_vendors ADD COLUMN party_type TEXT NOT NULL DEFAULT 'provider'
    CHECK (party_type IN ('user', 'provider', 'operator', 'repository_org',
    'emergency_org', 'reporter'));
-- When the vendor was found unresponsive (the periodic check), 0 if not.
ALTER TABLE case_vendors ADD COLUMN unresponsive_at INTEGER;

-- People in a case besides the vendors' members: its reporters (added when
-- their report joins), the coordinators in charge, and observers (for
-- example an emergency organisation's analyst), each with a party type.
CREATE TABLE case_participants (
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role		TEXT NOT NULL CHECK (role IN ('reporter', 'coordinator', 'observer')),
	party_type	TEXT NOT NULL CHECK (party_type IN ('user', 'provider', 'operator',
			    'repository_org', 'emergency_org', 'reporter')),
	added_at	INTEGER NOT NULL,
	added_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	PRIMARY KEY (case_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_participants_user ON case_participants (user_id, case_id);

-- The conversation (R42).  A message belongs to a case, or, before there is
-- one, to a report (triage's question to the reporter and the answer).
-- visibility: internal (staff only), participants (everyone in the case),
-- reporter (the case's reporters and staff), vendor (one vendor
-- organisation, vendor_org_id, and staff).  kind: message; question (triage
-- asks the reporter); reply (the reporter answers); retest_confirmed and
-- retest_disputed (a reporter on the fix).  The body is sealed like report
-- details; an inbound message (from a reporter or a vendor) has a receipt-
-- log leaf (leaf_index), as a report does.
CREATE TABLE messages (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT REFERENCES cases(id) ON DELETE CASCADE,
	report_id	TEXT REFERENCES reports(id) ON DELETE CASCADE,
	author_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	author_org_id	INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('message', 'question', 'reply',
			    'retest_confirmed', 'retest_disputed')),
	visibility	TEXT NOT NULL CHECK (visibility IN ('internal', 'participants',
			    'reporter', 'vendor')),
	vendor_org_id	INTEGER REFERENCES orgs(id) ON DELETE CASCADE,
	dek_wrapped	BLOB NOT NULL,
	body		BLOB NOT NULL,		-- sealed Markdown
	body_sha256	TEXT NOT NULL,		-- of the exact inbound payload
	leaf_index	INTEGER UNIQUE,		-- inbound only
	created_at	INTEGER NOT NULL,
	CHECK (case_id IS NOT NULL OR report_id IS NOT NULL),
	CHECK ((visibility = 'vendor') = (vendor_org_id IS NOT NULL))
) STRICT;
CREATE INDEX messages_case ON messages (case_id, id);
CREATE INDEX messages_report ON messages (report_id, id);

CREATE TABLE message_attachments (
	id		INTEGER PRIMARY KEY,
	message_id	INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
	filename	TEXT NOT NULL,
	mime		TEXT NOT NULL,		-- sniffed, not as claimed
	size		INTEGER NOT NULL,
	sha256		TEXT NOT NULL,		-- of the plaintext
	dek_wrapped	BLOB NOT NULL,
	content		BLOB NOT NULL		-- sealed
) STRICT;
CREATE INDEX message_attachments_message ON message_attachments (message_id);

-- In-app notices: what a user is told inside Loudong (besides mail), with
-- when they saw it.  subject: "case:<id>" or "report:<id>".
CREATE TABLE notices (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL,	-- vendor_notified, vendor_unresponsive, message, ...
	subject		TEXT NOT NULL,
	text		TEXT NOT NULL,	-- no undisclosed details
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER
) STRICT;
CREATE INDEX notices_user ON notices (user_id, seen_at, id);

-- The timeline learns the coordination events: rebuild it with the wider check.
CREATE TABLE case_timeline_new (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('created', 'report_added',
			    'transition', 'vendor_added', 'vendor_notified', 'vendor_status',
			    'statement_approved', 'vendor_seen', 'vendor_unresponsive',
			    'participant_added', 'participant_removed', 'product_added',
			    'message', 'retest')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_timeline_new SELECT * FROM case_timeline;
DROP TABLE case_timeline;
ALTER TABLE case_timeline_new RENAME TO case_timeline;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);

-- Reporters already in cases become participants.
INSERT OR IGNORE INTO case_participants (case_id, user_id, role, party_type, added_at)
    SELECT cr.case_id, r.reporter_id, 'reporter', 'reporter', cr.added_at
    FROM case_reports cr JOIN reports r ON r.id = cr.report_id
    WHERE r.reporter_id IS NOT NULL;
