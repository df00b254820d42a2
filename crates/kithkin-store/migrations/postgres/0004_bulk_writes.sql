-- Same partial indexes as SQLite's 0004: most people were introduced by nobody and most
-- search documents are profiles (no note), so only rows with a value are indexed.
-- (SQLite's 0004 also drops its full-text insert trigger; PostgreSQL's tsvector column is
-- generated, with no trigger.)
DROP INDEX people_introduced_by;
CREATE INDEX people_introduced_by ON people(introduced_by) WHERE introduced_by IS NOT NULL;
DROP INDEX search_docs_note;
CREATE INDEX search_docs_note ON search_docs(note_id) WHERE note_id IS NOT NULL;
