-- Several gateway processes share this database, each with its own usage journal in its own data
-- directory: a checkpoint belongs to the instance whose journal holds the segment (the id kept in
-- <data-dir>/instance-id), so an instance reads, advances and deletes only its own. Rows from before
-- this migration get '' and are adopted by the next process to open the store.
ALTER TABLE journal_checkpoints ADD COLUMN instance_id TEXT NOT NULL DEFAULT '';
ALTER TABLE journal_checkpoints ALTER COLUMN instance_id DROP DEFAULT;
ALTER TABLE journal_checkpoints DROP CONSTRAINT journal_checkpoints_pkey;
ALTER TABLE journal_checkpoints ADD PRIMARY KEY (instance_id, segment);
