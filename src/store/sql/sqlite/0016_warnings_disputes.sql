-- Warnings (预警) and disputes (争议协调) of a specialised library's support
-- units (issue 9; R40; the CAPPVD notice, seeds/004: units share major
-- vulnerability and incident warnings, get early access to what they are
-- entitled to, and have priority in the coordination of disclosure and
-- handling disputes).  The clock kinds 'warning_ack' and 'dispute' are in
-- 0015.

-- Ids <[units] warning_prefix>-YYYY-NNNNNN and <[units] dispute_prefix>-...,
-- one counter per kind and year, never reused.
CREATE TABLE wd_seq (
	what		TEXT NOT NULL CHECK (what IN ('warning', 'dispute')),
	year		INTEGER NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (what, year)
) STRICT, WITHOUT ROWID;

-- A warning, issued by staff (issuer_org_id NULL) or by a member of an
-- active unit (issuer_org_id: the unit's organisation, never delivered
-- back to).  The body (Markdown, the details) is sealed; the rest names the
-- matter in the clear, as a report's product does.  audience: the unit
-- types it is for ('' : only the units named in unit_ids, a
-- comma-separated list), min_level the least star level.  public_at: when
-- the public may see title, kind, severity, the summary and the date (never
-- the body; entitled units see it at once); never for an incident, an
-- operator's live system (规定 Art. 9(2)).
CREATE TABLE warnings (
	id		TEXT PRIMARY KEY,
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('vulnerability', 'incident', 'activity')),
	severity	TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
	title		TEXT NOT NULL,
	summary		TEXT NOT NULL DEFAULT '',
	related		TEXT NOT NULL DEFAULT '',
	affected	TEXT NOT NULL DEFAULT '',
	audience	TEXT NOT NULL CHECK (audience IN ('', 'technical', 'governance', 'both')),
	min_level	INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 4),
	unit_ids	TEXT NOT NULL DEFAULT '',
	body_dek	BLOB NOT NULL,
	body		BLOB NOT NULL,
	public_at	INTEGER,
	issuer_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	issuer_org_id	INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
	state		TEXT NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'withdrawn')),
	withdrawn_at	INTEGER,
	withdrawn_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	withdraw_reason	TEXT NOT NULL DEFAULT '',
	issued_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (seq_year, seq),
	CHECK (kind <> 'incident' OR public_at IS NULL)
) STRICT;
CREATE INDEX warnings_public ON warnings (public_at) WHERE public_at IS NOT NULL;
CREATE INDEX warnings_issuer ON warnings (issuer_org_id) WHERE issuer_org_id IS NOT NULL;

-- One row per entitled unit: delivered (its members told, a warning_ack
-- clock "warning:<id>/<unit id>" running), acknowledged (by whom, when), or
-- refused by the Art. 9(7) gate (rule; nothing was sent).
CREATE TABLE warning_deliveries (
	warning_id	TEXT NOT NULL REFERENCES warnings(id) ON DELETE CASCADE,
	unit_id		INTEGER NOT NULL REFERENCES support_units(id) ON DELETE CASCADE,
	state		TEXT NOT NULL CHECK (state IN ('delivered', 'acknowledged', 'refused')),
	rule		TEXT NOT NULL DEFAULT '',
	delivered_at	INTEGER,
	acknowledged_at	INTEGER,
	acknowledged_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (warning_id, unit_id),
	CHECK ((state = 'refused') = (rule <> ''))
) STRICT, WITHOUT ROWID;
CREATE INDEX warning_deliveries_unit ON warning_deliveries (unit_id, state);

-- A dispute about the disclosure (披露) or handling (处置) of a
-- vulnerability, filed by an account of an organisation, or by staff for
-- one (recorded_by).  priority: the filer organisation's highest active
-- unit level + 1 at filing (0: none), kept; the queue orders by it.  The
-- statement, the outcome wanted and the resolution are sealed.
CREATE TABLE disputes (
	id		TEXT PRIMARY KEY,
	seq_year	INTEGER NOT NULL,
	seq		INTEGER NOT NULL,
	category	TEXT NOT NULL CHECK (category IN ('disclosure', 'handling')),
	subject_ref	TEXT NOT NULL CHECK (length(CAST(subject_ref AS BLOB)) <= 64),
	other_party	TEXT NOT NULL,
	title		TEXT NOT NULL,
	statement_dek	BLOB NOT NULL,
	statement	BLOB NOT NULL,
	wanted_dek	BLOB,
	wanted		BLOB,
	filer_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	filer_org_id	INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
	recorded_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	priority	INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 5),
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'coordinating',
			    'resolved', 'withdrawn')),
	assignee_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	resolution_dek	BLOB,
	resolution	BLOB,
	payload_sha256	TEXT NOT NULL,
	leaf_index	INTEGER NOT NULL UNIQUE,
	filed_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	closed_at	INTEGER,
	UNIQUE (seq_year, seq)
) STRICT;
CREATE INDEX disputes_queue ON disputes (state, priority DESC, filed_at);
CREATE INDEX disputes_filer ON disputes (filer_id, filed_at);

-- Every step of a dispute (its timeline): filed, assigned (detail: the
-- assignee's login), note (by staff or the filer), party (the other
-- party's statement, entered by staff), resolved, withdrawn; a sealed text
-- where there is one.
CREATE TABLE dispute_events (
	id		INTEGER PRIMARY KEY,
	dispute_id	TEXT NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('filed', 'assigned', 'note', 'party',
			    'resolved', 'withdrawn')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	note_dek	BLOB,
	note		BLOB
) STRICT;
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, id);
