-- Organisations, products, users, sessions, API tokens, login throttling,
-- the audit log and instance metadata.  Times are unix seconds (UTC).

CREATE TABLE orgs (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN
			    ('provider', 'operator', 'platform', 'authority', 'support_unit')),
	country		TEXT NOT NULL CHECK (length(country) = 2),
	created_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE products (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES orgs(id) ON DELETE RESTRICT,
	name		TEXT NOT NULL,
	model		TEXT NOT NULL DEFAULT '',
	versions	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	UNIQUE (org_id, name, model)
) STRICT;

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE,
	display_name	TEXT NOT NULL,
	email		TEXT NOT NULL DEFAULT '',
	role		TEXT NOT NULL CHECK (role IN ('reporter', 'triager',
			    'coordinator', 'vendor', 'regulator', 'auditor', 'admin')),
	org_id		INTEGER REFERENCES orgs(id) ON DELETE RESTRICT,
	password_hash	TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 0,
	disabled	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE) WHERE email <> '';

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
	token_hash	TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	label		TEXT NOT NULL,
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	last_used_at	INTEGER,
	revoked_at	INTEGER
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_failures (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('account', 'address')),
	key		TEXT NOT NULL,
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_key ON login_failures (kind, key, at);

-- Who did what (R18).  Append-only from the application's side.
CREATE TABLE audit_log (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	action		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT '',
	addr		TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE meta (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) STRICT, WITHOUT ROWID;
