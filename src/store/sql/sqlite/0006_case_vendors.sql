-- Vendors in a case (issue 5): each provider (or, for an incident, the
-- operator) organisation brought into a case, where it stands (VINCE-style
-- status, a VEX justification for not_affected), its statement and whether
-- a coordinator approved it for the other participants, and when it was
-- first contacted and first looked.

CREATE TABLE case_vendors (
	case_id			TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	org_id			INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
	status			TEXT NOT NULL DEFAULT 'not_contacted' CHECK (status IN
				    ('not_contacted', 'notified', 'unresponsive', 'investigating',
				    'affected', 'not_affected', 'fixed', 'wont_fix')),
	justification		TEXT NOT NULL DEFAULT '',	-- VEX, for not_affected
	fixed_version		TEXT NOT NULL DEFAULT '',
	statement		TEXT NOT NULL DEFAULT '',
	statement_approved	INTEGER NOT NULL DEFAULT 0,
	notified_at		INTEGER,			-- first contact
	first_seen_at		INTEGER,			-- first read by a member
	added_at		INTEGER NOT NULL,
	updated_at		INTEGER NOT NULL,
	PRIMARY KEY (case_id, org_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_vendors_org ON case_vendors (org_id, case_id);

-- The timeline learns the vendor events: rebuild it with the wider check.
CREATE TABLE case_timeline_new (
	id		INTEGER PRIMARY KEY,
	case_id		TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	event		TEXT NOT NULL CHECK (event IN ('created', 'report_added',
			    'transition', 'vendor_added', 'vendor_notified', 'vendor_status',
			    'statement_approved')),
	from_state	TEXT NOT NULL DEFAULT '',
	to_state	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO case_timeline_new SELECT * FROM case_timeline;
DROP TABLE case_timeline;
ALTER TABLE case_timeline_new RENAME TO case_timeline;
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);
