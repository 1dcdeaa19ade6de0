-- The dossier kept by story (`Store::put_parts_at`): one row per story part,
-- and in `dossier.json` what holds across stories (entities, source
-- profiles). One more article rewrites the parts of the stories it touched,
-- and no stored value grows with the whole store. `parted` tells the two
-- forms apart: 0, `dossier.json` is a whole dossier (`Store::put_dossier`);
-- 1, it is the globals and the stories are in `dossier_parts`.
ALTER TABLE dossier ADD COLUMN parted BIGINT NOT NULL DEFAULT 0;
CREATE TABLE dossier_parts (
    story BIGINT PRIMARY KEY,
    json TEXT NOT NULL
);
