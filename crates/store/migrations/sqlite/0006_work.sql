-- Distributed runs (issue 6): an explicit order key for documents stored by
-- workers, the size of the set the dossier was built from, worker progress,
-- failures, and the lease that lets one process link at a time.

-- The order in which documents were submitted (the queue's sequence number);
-- NULL for documents stored by `analyze`, which are ordered by `seq`.
ALTER TABLE documents ADD COLUMN position BIGINT;

-- How many analysed documents the stored dossier was built from (0: unknown).
ALTER TABLE dossier ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;

-- One row per worker process, updated after every batch. Times are Unix milliseconds.
CREATE TABLE workers (
    name TEXT PRIMARY KEY,
    started BIGINT NOT NULL,
    seen BIGINT NOT NULL,
    processed BIGINT NOT NULL DEFAULT 0,
    failed BIGINT NOT NULL DEFAULT 0,
    retried BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);

-- Work items given up on (bad message, analysis failure), with the reason.
CREATE TABLE failures (
    seq INTEGER PRIMARY KEY,
    worker TEXT NOT NULL,
    item TEXT NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- At most one linker at a time: the holder and when its lease runs out.
CREATE TABLE link_lease (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    holder TEXT,
    expires BIGINT NOT NULL DEFAULT 0
);
INSERT INTO link_lease (id) VALUES (1);
