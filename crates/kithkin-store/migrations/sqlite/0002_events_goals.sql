-- Events and organisations, time and goals (issue 6, parts 5 and 6). SQLite dialect; keep in
-- step with ../postgres/0002_events_goals.sql.

-- conference, meetup, dinner, workshop or other; minutes the user spent there, when known
ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE events ADD COLUMN minutes INTEGER;
CREATE INDEX events_organisation ON events(organisation_id);

-- when the user dismissed the follow-up with someone met at the event (`event done`)
ALTER TABLE event_attendees ADD COLUMN followed_up_at INTEGER;

-- memberships of people (the user above all) in organisations: clubs, associations,
-- employers; one row per person and organisation, `until` set when they left (kept, not
-- deleted); days are 'YYYY-MM-DD'
CREATE TABLE org_memberships (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role            TEXT,
    since           TEXT,
    until           TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, person_id)
) WITHOUT ROWID;
CREATE INDEX org_memberships_person ON org_memberships(person_id);
