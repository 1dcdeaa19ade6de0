-- A story part is kept LZ4-compressed (`packed`: its JSON in LZ4 frames)
-- instead of as JSON text: the part of a story of tens of thousands of
-- documents is hundreds of megabytes of JSON, which the writer would hold
-- whole, and the database driver a second time, while saving it. Parts
-- written before stay readable from `json`; exactly one of the two is set.
-- (SQLite cannot drop a NOT NULL: the table is made again.)
CREATE TABLE dossier_parts_packed (
    story BIGINT PRIMARY KEY,
    json TEXT,
    packed BLOB,
    CHECK ((json IS NULL) <> (packed IS NULL))
);
INSERT INTO dossier_parts_packed (story, json) SELECT story, json FROM dossier_parts;
DROP TABLE dossier_parts;
ALTER TABLE dossier_parts_packed RENAME TO dossier_parts;
