-- crosscheck store, PostgreSQL schema v1 (same tables as the SQLite one;
-- full-text search through a generated tsvector column instead of FTS5).

CREATE TABLE documents (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    url TEXT,
    title TEXT,
    source TEXT,
    published TEXT,
    author TEXT,
    text TEXT NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);

CREATE INDEX documents_tsv ON documents USING GIN (tsv);

CREATE TABLE analyses (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, version)
);

CREATE TABLE dossier (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);

CREATE TABLE skipped (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL
);
