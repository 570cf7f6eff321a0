-- How many usage batches each instance has committed: its row's seq grows by one in the same
-- transaction as every batch it commits, so a snapshot that reads this table knows exactly which of an
-- instance's batches it contains (those up to seq). Cluster mode seeds its Redis budgets from such a
-- snapshot, and a charge replayed into Redis after an outage is added only if its batch is not in the
-- budget's seed. updated_at (microseconds): instances that drained nothing for a day are left out of seeds.
CREATE TABLE drain_marks (
    instance_id  TEXT     PRIMARY KEY,
    seq          INTEGER  NOT NULL,
    updated_at   INTEGER  NOT NULL
) WITHOUT ROWID;
