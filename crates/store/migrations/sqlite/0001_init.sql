-- crosscheck store, SQLite schema v1.
-- Documents are keyed by their content hash (`id`); `seq` keeps insertion order.

CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    author TEXT,
    text TEXT NOT NULL
);

-- Full-text index over document text, kept in step with `documents` by triggers
-- (external content: the text is stored once, in `documents`).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    text,
    content = 'documents',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, text) VALUES (new.seq, new.text);
END;

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    INSERT INTO documents_fts (rowid, text) VALUES (new.seq, new.text);
END;

-- One analysis per (document, analyzer version), as JSON.
CREATE TABLE analyses (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);

-- The dossier of the store as a whole: at most one row.
CREATE TABLE dossier (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);

-- Inputs that were skipped, with the reason.
CREATE TABLE skipped (
    seq INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL
);
