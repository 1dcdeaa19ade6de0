-- A linker reads the analysed documents a page at a time in link order
-- (`Store::linkable_page`): an index on that order finds each page without
-- sorting the store.
CREATE INDEX documents_link_order ON documents ((COALESCE(position, seq)), seq);
