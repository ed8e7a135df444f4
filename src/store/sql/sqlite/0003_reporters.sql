-- Reporter identity (备案管理办法: 用户身份核实规则) and levels.  The real
-- name, identity number and phone are personal data: sealed together under
-- a per-profile key; only masked forms are stored in the clear.
CREATE TABLE reporter_profiles (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	id_type		TEXT NOT NULL,
	id_masked	TEXT NOT NULL,
	phone_masked	TEXT NOT NULL,
	dek_wrapped	BLOB NOT NULL,
	pii		BLOB NOT NULL,		-- sealed: real name, id number, phone
	status		TEXT NOT NULL DEFAULT 'pending'
			    CHECK (status IN ('pending', 'verified', 'rejected')),
	reason		TEXT NOT NULL DEFAULT '',
	reviewed_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	reviewed_at	INTEGER,
	level		INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 3),
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX reporter_profiles_status ON reporter_profiles (status, updated_at);
