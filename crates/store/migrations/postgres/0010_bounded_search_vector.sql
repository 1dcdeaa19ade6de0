-- A tsvector holds at most 1 MB: one very long document (a book, a dump)
-- made its row impossible to insert, and a worker's whole batch with it.
-- Search now indexes the first 100,000 characters of each document, more
-- than a long feature article, well under the limit whatever the words.
DROP INDEX IF EXISTS documents_tsv;
ALTER TABLE documents DROP COLUMN tsv;
ALTER TABLE documents
    ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', left(text, 100000))) STORED;
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
