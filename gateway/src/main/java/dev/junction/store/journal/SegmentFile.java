package dev.junction.store.journal;

/** A journal segment file this process owns (holds the lock of): being written, or recovered at open. */
sealed interface SegmentFile permits LiveSegment, RecoveredSegment {
    /** The file name; the key of its checkpoint row. */
    String name();

    /** Unmaps, unlocks and deletes the file: every record in it is durably in the database. */
    void delete();

    /** Unmaps and unlocks the file but leaves it for the next open to replay. */
    void abandon();
}
