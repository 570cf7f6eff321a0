-- Several gateway processes may share a database, each with its own usage journal in its own data
-- directory: a checkpoint belongs to the instance whose journal holds the segment (the id kept in
-- <data-dir>/instance-id), so an instance reads, advances and deletes only its own. Rows from before
-- this migration get '' and are adopted by the next process to open the store. SQLite cannot change
-- a primary key in place: the table is rebuilt.
CREATE TABLE journal_checkpoints_v3 (
    segment      TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    retired_at   INTEGER,
    instance_id  TEXT    NOT NULL,
    PRIMARY KEY (instance_id, segment)
) WITHOUT ROWID;

INSERT INTO journal_checkpoints_v3 (segment, position, retired_at, instance_id)
SELECT segment, position, retired_at, '' FROM journal_checkpoints;

DROP TABLE journal_checkpoints;
ALTER TABLE journal_checkpoints_v3 RENAME TO journal_checkpoints;
