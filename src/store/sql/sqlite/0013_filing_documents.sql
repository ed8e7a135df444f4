-- 备案, registry side (issue 8; 《网络产品安全漏洞收集平台备案管理办法》
-- 第四条-第七条, R16, R24, R41): what 0012 left to the registry's use cases.

-- The documents of an application (第四条 (三), (四), (六): the rules, the
-- classified-protection materials, other material), one per document field
-- of the dossier.  The bytes are sealed (svc/seal.h), bound to their
-- application, field and hash; the type is what the bytes are (libmagic),
-- the applicant's claim is kept beside it.  A resubmission replaces them.
CREATE TABLE filing_documents (
	application_id	TEXT NOT NULL REFERENCES filing_applications(id) ON DELETE CASCADE,
	field		TEXT NOT NULL,			-- the dossier's key (a document field)
	name		TEXT NOT NULL,			-- the file's name as sent
	media_type	TEXT NOT NULL,			-- sniffed from the bytes
	claimed_type	TEXT NOT NULL DEFAULT '',	-- what the applicant said
	sha256		TEXT NOT NULL,			-- hex, of the bytes
	size		INTEGER NOT NULL,
	content_dek	BLOB NOT NULL,
	content		BLOB NOT NULL,
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (application_id, field)
) STRICT, WITHOUT ROWID;

-- Sequences: application ids (<application_prefix>-YYYY-NNNNNN) per year,
-- and 备案编号 per approval year ({YYYY} in [filing] number_template) or,
-- for a template without {YYYY}, one sequence for all years (year 0), so
-- a number never repeats.
CREATE TABLE filing_seq (
	what		TEXT NOT NULL CHECK (what IN ('application', 'number')),
	year		INTEGER NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (what, year)
) STRICT, WITHOUT ROWID;

-- What an application carries besides its sealed dossier.
ALTER TABLE filing_applications ADD COLUMN submitter_id INTEGER
    REFERENCES users(id) ON DELETE SET NULL;		-- the account that sent it
ALTER TABLE filing_applications ADD COLUMN given_number TEXT NOT NULL DEFAULT '';
							-- change, deregistration: the 备案编号 named
ALTER TABLE filing_applications ADD COLUMN changed TEXT NOT NULL DEFAULT '';
							-- change: the keys changed, comma-separated
ALTER TABLE filing_applications ADD COLUMN note TEXT NOT NULL DEFAULT '';
							-- the applicant's note
ALTER TABLE filing_applications ADD COLUMN payload_sha256 TEXT NOT NULL DEFAULT '';
							-- of the last body received
ALTER TABLE filing_applications ADD COLUMN reviews INTEGER NOT NULL DEFAULT 0;
							-- review clocks started (their subjects)
ALTER TABLE filing_applications ADD COLUMN rounds INTEGER NOT NULL DEFAULT 0;
							-- 补正 rounds requested (their clocks' subjects)
CREATE INDEX filing_applications_org ON filing_applications (org_id, state);

-- A 补正 round's own words beside its items (items_json: [{"field",
-- "problem", "note"}]; problem null when the staff wrote the note), and
-- the Idempotency-Key of the resubmission that answered it, so that a
-- retried resubmission is answered again instead of read twice.
ALTER TABLE filing_deficiencies ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE filing_deficiencies ADD COLUMN answer_key TEXT NOT NULL DEFAULT '';

CREATE INDEX filed_platforms_org ON filed_platforms (org_id) WHERE org_id IS NOT NULL;
