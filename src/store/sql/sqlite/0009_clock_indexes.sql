-- Fewer B-trees per report (issue 6): the acknowledgement clock is written
-- in every intake batch, and each index it touches costs the batch's
-- writer.  Measured with bench/intake.sh (docs/PERFORMANCE.md).
--
-- A report's clock has no case: index only the clocks that have one.  A
-- listing by report is rare (the report page) and the clock table is small
-- beside the reports: it needs no index of its own.
DROP INDEX deadlines_case;
CREATE INDEX deadlines_case ON deadlines (case_id) WHERE case_id IS NOT NULL;
DROP INDEX deadlines_report;

-- Reminders keyed by their primary key only (no separate rowid tree), and
-- the due index holds only those still to fire.
CREATE TABLE deadline_reminders_new (
	deadline_id	INTEGER NOT NULL REFERENCES deadlines(id) ON DELETE CASCADE,
	offset_s	INTEGER NOT NULL,
	fire_at		INTEGER NOT NULL,
	fired_at	INTEGER,
	told		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (deadline_id, offset_s)
) STRICT, WITHOUT ROWID;
INSERT INTO deadline_reminders_new SELECT deadline_id, offset_s, fire_at, fired_at, told
    FROM deadline_reminders;
DROP TABLE deadline_reminders;
ALTER TABLE deadline_reminders_new RENAME TO deadline_reminders;
CREATE INDEX deadline_reminders_due ON deadline_reminders (fire_at) WHERE fired_at IS NULL;
