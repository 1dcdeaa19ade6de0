-- A story part is kept LZ4-compressed (`packed`: its JSON in LZ4 frames)
-- instead of as JSON text: the part of a story of tens of thousands of
-- documents is hundreds of megabytes of JSON, which the writer would hold
-- whole, and the database driver a second time, while saving it. Parts
-- written before stay readable from `json`; exactly one of the two is set.
-- The compressed bytes are stored as they are (no second compression).
ALTER TABLE dossier_parts ALTER COLUMN json DROP NOT NULL;
ALTER TABLE dossier_parts ADD COLUMN packed BYTEA;
ALTER TABLE dossier_parts ALTER COLUMN packed SET STORAGE EXTERNAL;
ALTER TABLE dossier_parts ADD CONSTRAINT dossier_parts_one_form
    CHECK ((json IS NULL) <> (packed IS NULL));
