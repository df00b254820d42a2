-- Where people came from, for idempotent imports: a source ("vcard-uid", "linkedin") and the
-- source's own key for the person (the vCard UID, the LinkedIn profile URL without scheme).
CREATE TABLE person_sources (
    source    TEXT NOT NULL,
    key       TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (source, key)
);
CREATE INDEX person_sources_person ON person_sources(person_id);
