-- A certificate's PDF, kept once rendered (issue 9).  Rendering costs
-- tens of milliseconds of CPU, and cairo 1.16 loses 768 bytes in each PDF
-- that embeds an OpenType/CFF font (docs/PERFORMANCE.md): keeping the
-- document makes a public download a read, and bounds both by the number
-- of certificates.  pdf_key is the SHA-256 of everything the page shows
-- that the row does not (library, issuer, verification URL, font): a
-- change of configuration renders it again.
ALTER TABLE unit_certificates ADD COLUMN pdf BLOB;
ALTER TABLE unit_certificates ADD COLUMN pdf_key TEXT NOT NULL DEFAULT '';
