-- Faster bulk writes (imports of tens of thousands of contacts).
--
-- New search documents are added to the full-text index by the store, in one statement per
-- write (`Dialect::index_search_docs`), instead of by a trigger per row: FTS5 flushes its
-- pending terms at the end of every statement that touches it, so a per-row trigger fired by
-- single-row inserts writes one index segment per document. Deleting and updating documents
-- still go through the triggers (deletes cascade from people and notes).
DROP TRIGGER search_docs_ai;

-- Most people were introduced by nobody and most documents are profiles (no note): index only
-- the rows that have a value. `introduced_by = ?` and `note_id = ?` (the lookups, and the
-- foreign-key actions when a person or a note is deleted) imply NOT NULL, so they still use
-- these indexes.
DROP INDEX people_introduced_by;
CREATE INDEX people_introduced_by ON people(introduced_by) WHERE introduced_by IS NOT NULL;
DROP INDEX search_docs_note;
CREATE INDEX search_docs_note ON search_docs(note_id) WHERE note_id IS NOT NULL;
