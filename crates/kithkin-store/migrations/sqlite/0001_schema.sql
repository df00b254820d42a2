-- Kithkin schema, SQLite dialect. Instants are INTEGER seconds since the Unix epoch (UTC);
-- calendar days are TEXT 'YYYY-MM-DD'; ids are TEXT UUIDs (version 7, time-ordered).
-- Keep in step with ../postgres/0001_schema.sql: same tables, same columns, same meaning.
-- Tables keyed by a composite of TEXT ids are WITHOUT ROWID: the key is the table, so each
-- row is stored once instead of twice (table plus primary-key index).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    domain     TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE people (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    nickname        TEXT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    title           TEXT,
    cadence_days    INTEGER,
    met_at          TEXT,
    met_on          TEXT,
    introduced_by   TEXT REFERENCES people(id) ON DELETE SET NULL,
    summary         TEXT,
    snoozed_until   TEXT,
    archived_at     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX people_name_key ON people(name_key);
CREATE INDEX people_organisation ON people(organisation_id);
CREATE INDEX people_introduced_by ON people(introduced_by);

-- email, phone, url, address; value_key is the normalised form matched on
CREATE TABLE person_contacts (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    value_key TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, value_key)
) WITHOUT ROWID;
CREATE INDEX person_contacts_lookup ON person_contacts(kind, value_key);

-- tag, interest, expertise, value, role
CREATE TABLE person_labels (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX person_labels_lookup ON person_labels(kind, value);

CREATE TABLE person_facets (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (person_id, key)
) WITHOUT ROWID;
CREATE INDEX person_facets_lookup ON person_facets(key, value);

-- facet values the user wants represented in their network
CREATE TABLE facet_wanted (
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (key, value)
) WITHOUT ROWID;

CREATE TABLE circles (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL UNIQUE,
    cadence_days INTEGER,
    created_at   INTEGER NOT NULL
);

CREATE TABLE circle_members (
    circle_id TEXT NOT NULL REFERENCES circles(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (circle_id, person_id)
) WITHOUT ROWID;
CREATE INDEX circle_members_person ON circle_members(person_id);

CREATE TABLE notes (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_person ON notes(person_id, created_at);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER,
    location        TEXT,
    organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
    note            TEXT,
    attended        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX events_starts ON events(starts_at);

CREATE TABLE event_attendees (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    met_there INTEGER NOT NULL,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX event_attendees_person ON event_attendees(person_id);

CREATE TABLE interactions (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    minutes     INTEGER,
    direction   TEXT NOT NULL,
    -- number of other people in it (participants rows), kept for per-person analytics
    participants INTEGER NOT NULL,
    note        TEXT,
    event_id    TEXT REFERENCES events(id) ON DELETE SET NULL,
    source_key  TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX interactions_occurred ON interactions(occurred_at);
-- imported interactions are unique by their source (Message-ID, ICS UID); most have none
CREATE UNIQUE INDEX interactions_source ON interactions(source_key) WHERE source_key IS NOT NULL;

-- when, channel, direction, length and group size are copied from the interaction (which
-- never changes them without rewriting these rows); the key puts each person's history in
-- time order, so "last contact per person" is one index step and strength reads everyone's
-- history in one sequential scan, without a join
CREATE TABLE interaction_participants (
    interaction_id TEXT NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
    person_id      TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    occurred_at    INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    direction      TEXT NOT NULL,
    minutes        INTEGER,
    participants   INTEGER NOT NULL,
    PRIMARY KEY (person_id, occurred_at, interaction_id)
) WITHOUT ROWID;
CREATE INDEX interaction_participants_interaction ON interaction_participants(interaction_id);

CREATE TABLE important_dates (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    label      TEXT,
    month      INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    year       INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX important_dates_person ON important_dates(person_id);
CREATE INDEX important_dates_day ON important_dates(month, day);

CREATE TABLE life_events (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    happened_on     TEXT NOT NULL,
    note            TEXT,
    acknowledged_at INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX life_events_person ON life_events(person_id);

-- needs and offers; tags are newline-separated labels
CREATE TABLE help_items (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    tags       TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    closed_at  INTEGER
);
CREATE INDEX help_items_person ON help_items(person_id);

CREATE TABLE favours (
    id          TEXT PRIMARY KEY,
    giver_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    receiver_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    weight      INTEGER NOT NULL,
    occurred_at INTEGER NOT NULL,
    for_need_id TEXT REFERENCES help_items(id) ON DELETE SET NULL,
    thanked_at  INTEGER,
    thanked_in  TEXT REFERENCES interactions(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX favours_giver ON favours(giver_id);
CREATE INDEX favours_receiver ON favours(receiver_id);

CREATE TABLE introductions (
    id            TEXT PRIMARY KEY,
    person_a      TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    person_b      TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason        TEXT,
    status        TEXT NOT NULL,
    suggested_at  INTEGER NOT NULL,
    asked_a_at    INTEGER,
    asked_b_at    INTEGER,
    introduced_at INTEGER,
    outcome       TEXT,
    outcome_at    INTEGER,
    declined_at   INTEGER,
    created_at    INTEGER NOT NULL
);
CREATE INDEX introductions_a ON introductions(person_a);
CREATE INDEX introductions_b ON introductions(person_b);

CREATE TABLE knows (
    person_a   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    person_b   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    strength   REAL NOT NULL,
    source     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX knows_b ON knows(person_b);

CREATE TABLE collaborations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    status     TEXT NOT NULL,
    outcome    TEXT,
    note       TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE collaboration_members (
    collaboration_id TEXT NOT NULL REFERENCES collaborations(id) ON DELETE CASCADE,
    person_id        TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (collaboration_id, person_id)
) WITHOUT ROWID;
CREATE INDEX collaboration_members_person ON collaboration_members(person_id);

CREATE TABLE goals (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    metric       TEXT NOT NULL,
    target       INTEGER NOT NULL,
    period       TEXT NOT NULL,
    facet_filter TEXT,
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER
);
CREATE INDEX goals_owner ON goals(owner_id);

CREATE TABLE follow_ups (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    due_on     TEXT NOT NULL,
    text       TEXT NOT NULL,
    done_at    INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX follow_ups_person ON follow_ups(person_id);
CREATE INDEX follow_ups_due ON follow_ups(due_on);

-- Full-text search: one document per person profile (note_id NULL) and one per note.
-- `folded` is the text with accents and case folded by kithkin-core, so both backends
-- match the same way; `body` keeps the original for display.
CREATE TABLE search_docs (
    doc_id    INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    note_id   TEXT REFERENCES notes(id) ON DELETE CASCADE,
    body      TEXT NOT NULL,
    folded    TEXT NOT NULL
);
CREATE INDEX search_docs_person ON search_docs(person_id);
CREATE INDEX search_docs_note ON search_docs(note_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    folded,
    content = 'search_docs',
    content_rowid = 'doc_id',
    tokenize = "unicode61 remove_diacritics 2 tokenchars '+#@'"
);
-- deleted documents leave no words behind in the index (forget must really erase)
INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts(rowid, folded) VALUES (new.doc_id, new.folded);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.doc_id, old.folded);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.doc_id, old.folded);
    INSERT INTO search_fts(rowid, folded) VALUES (new.doc_id, new.folded);
END;
