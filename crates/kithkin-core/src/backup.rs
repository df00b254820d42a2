//! A complete backup of a Kithkin database as plain data: every record of every table, with
//! the bookkeeping the domain types leave out (when circles, events, interactions… were
//! created, when a knows link last changed), in a stable order, so that exporting, restoring
//! into an empty database and exporting again gives the same document.
//!
//! The store reads a [`Backup`] in bulk and writes one back in one transaction; the app checks
//! its header ([`check_header`]) and its references ([`Backup::check`]) first. Serialised as
//! JSON it is `kithkin export json` (documented in `docs/json.md`).
//!
//! Version policy: [`VERSION`] changes when a reader of the previous version would lose or
//! misread data (a field renamed, removed or changing meaning). Adding a record kind or an
//! optional field does not change it. A reader refuses a newer version instead of guessing.

use crate::ValidationError;
use crate::batch::Batch;
use crate::circle::Circle;
use crate::collaboration::Collaboration;
use crate::dates::ImportantDate;
use crate::event::Event;
use crate::exchange::{Favour, HelpItem};
use crate::follow_up::FollowUp;
use crate::goal::Goal;
use crate::id::{OrganisationId, PersonId};
use crate::interaction::Interaction;
use crate::introduction::Introduction;
use crate::knows::KnowsLink;
use crate::life_event::LifeEvent;
use crate::note::Note;
use crate::organisation::Organisation;
use crate::person::Person;
use crate::text;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

/// The value of [`Backup::format`]: what marks a file as a Kithkin backup.
pub const FORMAT: &str = "kithkin-backup";

/// The version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// Everything in a Kithkin database. Lists are in a canonical order (see
/// [`Backup::canonicalise`]): by id, or by their key where records have no id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version of this layout, [`VERSION`] when written by this build.
    pub version: u32,
    /// When the backup was made.
    pub exported_at: Timestamp,
    /// Who "me" is, when set.
    #[serde(default)]
    pub me: Option<PersonId>,
    /// Other settings, by key (`me` is the field above, never here).
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// Organisations, including those nobody works at.
    #[serde(default)]
    pub organisations: Vec<Stamped<Organisation>>,
    /// Circles.
    #[serde(default)]
    pub circles: Vec<Stamped<Circle>>,
    /// People ("me" included, archived people included), with their whole profile and the
    /// names of their circles (circle memberships live there).
    #[serde(default)]
    pub people: Vec<Person>,
    /// Notes.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Events with their attendees.
    #[serde(default)]
    pub events: Vec<EventRecord>,
    /// Interactions with their participants.
    #[serde(default)]
    pub interactions: Vec<Stamped<Interaction>>,
    /// Knows links.
    #[serde(default)]
    pub knows: Vec<KnowsRecord>,
    /// Important dates.
    #[serde(default)]
    pub dates: Vec<Stamped<ImportantDate>>,
    /// Life events.
    #[serde(default)]
    pub life_events: Vec<Stamped<LifeEvent>>,
    /// Needs and offers.
    #[serde(default)]
    pub help_items: Vec<HelpItem>,
    /// Favours.
    #[serde(default)]
    pub favours: Vec<Stamped<Favour>>,
    /// Introductions.
    #[serde(default)]
    pub introductions: Vec<Stamped<Introduction>>,
    /// Collaborations with their members.
    #[serde(default)]
    pub collaborations: Vec<Collaboration>,
    /// Goals.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Follow-up reminders.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Facet values the user wants represented in their network.
    #[serde(default)]
    pub facet_wanted: Vec<FacetWanted>,
    /// Memberships of people in organisations (clubs, associations, past employers).
    #[serde(default)]
    pub org_memberships: Vec<OrgMembership>,
    /// Where imported people came from (source keys that make re-imports idempotent).
    #[serde(default)]
    pub person_sources: Vec<PersonSource>,
}

/// A record with the moment it was created, which its domain type does not carry. In JSON
/// the record's fields and `created_at` sit side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The record.
    #[serde(flatten)]
    pub record: T,
    /// When it was created.
    pub created_at: Timestamp,
}

impl<T> Stamped<T> {
    /// `record`, created at `created_at`.
    pub fn new(record: T, created_at: Timestamp) -> Self {
        Self { record, created_at }
    }
}

/// An event, when it was created, and the attendees whose follow-up the user dismissed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The event with its attendees.
    #[serde(flatten)]
    pub event: Event,
    /// When it was created.
    pub created_at: Timestamp,
    /// Attendees whose follow-up was dismissed (`kithkin event done`), and when; each is
    /// one of the event's attendees.
    #[serde(default)]
    pub followed_up: Vec<FollowedUp>,
}

/// A dismissed follow-up with someone met at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedUp {
    /// The attendee.
    pub person: PersonId,
    /// When the follow-up was dismissed.
    pub at: Timestamp,
}

/// A knows link with the moment it last changed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KnowsRecord {
    /// The link.
    #[serde(flatten)]
    pub link: KnowsLink,
    /// When it was last set.
    pub updated_at: Timestamp,
}

/// A facet value the user wants represented.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FacetWanted {
    /// The facet key (`industry`).
    pub key: String,
    /// The value (`climate`).
    pub value: String,
}

/// A person's membership of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgMembership {
    /// The organisation.
    pub organisation: OrganisationId,
    /// The member.
    pub person: PersonId,
    /// Their role there (`member`, `treasurer`).
    pub role: Option<String>,
    /// Since when.
    pub since: Option<Date>,
    /// Until when, once they left (memberships are kept).
    pub until: Option<Date>,
    /// When the membership was recorded.
    pub created_at: Timestamp,
}

/// A source's own key for a person (a vCard UID, a LinkedIn profile address).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PersonSource {
    /// The source (`vcard-uid`, `linkedin`).
    pub source: String,
    /// The source's key.
    pub key: String,
    /// The person it names.
    pub person: PersonId,
}

/// How many records of each kind a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct BackupCounts {
    /// People, "me" included.
    pub people: usize,
    /// Organisations.
    pub organisations: usize,
    /// Circles.
    pub circles: usize,
    /// Circle memberships.
    pub circle_members: usize,
    /// Notes.
    pub notes: usize,
    /// Events.
    pub events: usize,
    /// Event attendees.
    pub event_attendees: usize,
    /// Interactions.
    pub interactions: usize,
    /// Knows links.
    pub knows: usize,
    /// Important dates.
    pub dates: usize,
    /// Life events.
    pub life_events: usize,
    /// Needs and offers.
    pub help_items: usize,
    /// Favours.
    pub favours: usize,
    /// Introductions.
    pub introductions: usize,
    /// Collaborations.
    pub collaborations: usize,
    /// Goals.
    pub goals: usize,
    /// Follow-ups.
    pub follow_ups: usize,
    /// Wanted facet values.
    pub facet_wanted: usize,
    /// Organisation memberships.
    pub org_memberships: usize,
    /// Source keys of people.
    pub person_sources: usize,
    /// Settings, "me" included.
    pub settings: usize,
}

/// Checks what a backup says it is before anything else is read: `format` must be
/// [`FORMAT`] and `version` between 1 and [`VERSION`]. `None` stands for a field that is
/// missing or not of the right JSON type.
pub fn check_header(format: Option<&str>, version: Option<u64>) -> Result<(), ValidationError> {
    match format {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ValidationError::new(
                "backup format",
                other,
                format!("is not {FORMAT:?}: this file is not a Kithkin backup"),
            ));
        }
        None => {
            return Err(ValidationError::new(
                "backup format",
                "",
                format!(
                    "is missing: a Kithkin backup is a JSON object with \"format\": {FORMAT:?}; this file is not one"
                ),
            ));
        }
    }
    match version {
        Some(v) if v >= 1 && v <= u64::from(VERSION) => Ok(()),
        Some(v) if v > u64::from(VERSION) => Err(ValidationError::new(
            "backup version",
            v.to_string(),
            format!(
                "is newer than this kithkin can restore (up to version {VERSION}); upgrade kithkin to restore it"
            ),
        )),
        Some(v) => Err(ValidationError::new(
            "backup version",
            v.to_string(),
            format!("is not a known version (1 to {VERSION})"),
        )),
        None => Err(ValidationError::new(
            "backup version",
            "",
            "is missing or not a whole number",
        )),
    }
}

impl Backup {
    /// An empty backup made at `exported_at`, of this build's format and version.
    pub fn new(exported_at: Timestamp) -> Self {
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at,
            me: None,
            settings: BTreeMap::new(),
            organisations: Vec::new(),
            circles: Vec::new(),
            people: Vec::new(),
            notes: Vec::new(),
            events: Vec::new(),
            interactions: Vec::new(),
            knows: Vec::new(),
            dates: Vec::new(),
            life_events: Vec::new(),
            help_items: Vec::new(),
            favours: Vec::new(),
            introductions: Vec::new(),
            collaborations: Vec::new(),
            goals: Vec::new(),
            follow_ups: Vec::new(),
            facet_wanted: Vec::new(),
            org_memberships: Vec::new(),
            person_sources: Vec::new(),
        }
    }

    /// [`check_header`] on this backup's own format and version.
    pub fn check_header(&self) -> Result<(), ValidationError> {
        check_header(Some(&self.format), Some(u64::from(self.version)))
    }

    /// Puts every list in the canonical order: records by id; links, memberships, wanted
    /// facets and source keys by their key; participants, attendees, dismissed follow-ups
    /// and collaboration members by person; a person's circles by folded name. Lists a user
    /// orders (a person's emails, tags…) keep their order.
    pub fn canonicalise(&mut self) {
        self.organisations.sort_by_key(|o| o.record.id);
        self.circles.sort_by_key(|c| c.record.id);
        self.people.sort_by_key(|p| p.id);
        for p in &mut self.people {
            p.circles.sort_by_cached_key(|c| text::name_key(c));
        }
        self.notes.sort_by_key(|n| n.id);
        self.events.sort_by_key(|e| e.event.id);
        for e in &mut self.events {
            e.event.attendees.sort_by_key(|a| a.person);
            e.followed_up.sort_by_key(|f| f.person);
        }
        self.interactions.sort_by_key(|i| i.record.id);
        for i in &mut self.interactions {
            i.record.participants.sort();
        }
        self.knows.sort_by_key(|k| (k.link.a, k.link.b));
        self.dates.sort_by_key(|d| d.record.id);
        self.life_events.sort_by_key(|e| e.record.id);
        self.help_items.sort_by_key(|h| h.id);
        self.favours.sort_by_key(|f| f.record.id);
        self.introductions.sort_by_key(|i| i.record.id);
        self.collaborations.sort_by_key(|c| c.id);
        for c in &mut self.collaborations {
            c.members.sort();
        }
        self.goals.sort_by_key(|g| g.id);
        self.follow_ups.sort_by_key(|f| f.id);
        self.facet_wanted.sort();
        self.org_memberships
            .sort_by_key(|m| (m.organisation, m.person));
        self.person_sources.sort();
    }

    /// The records the store's batch writer takes: everything but organisations, settings,
    /// wanted facets, memberships, source keys and the bookkeeping instants, which a restore
    /// writes itself.
    pub fn batch(&self) -> Batch {
        Batch {
            circles: self.circles.iter().map(|c| c.record.clone()).collect(),
            people: self.people.clone(),
            memberships: Vec::new(),
            notes: self.notes.clone(),
            interactions: self.interactions.iter().map(|i| i.record.clone()).collect(),
            knows: self.knows.iter().map(|k| k.link).collect(),
            dates: self.dates.iter().map(|d| d.record.clone()).collect(),
            life_events: self.life_events.iter().map(|e| e.record.clone()).collect(),
            help_items: self.help_items.clone(),
            favours: self.favours.iter().map(|f| f.record.clone()).collect(),
            introductions: self
                .introductions
                .iter()
                .map(|i| i.record.clone())
                .collect(),
            events: self.events.iter().map(|e| e.event.clone()).collect(),
            collaborations: self.collaborations.clone(),
            goals: self.goals.clone(),
            follow_ups: self.follow_ups.clone(),
        }
    }

    /// How many records of each kind it holds.
    pub fn counts(&self) -> BackupCounts {
        BackupCounts {
            people: self.people.len(),
            organisations: self.organisations.len(),
            circles: self.circles.len(),
            circle_members: self.people.iter().map(|p| p.circles.len()).sum(),
            notes: self.notes.len(),
            events: self.events.len(),
            event_attendees: self.events.iter().map(|e| e.event.attendees.len()).sum(),
            interactions: self.interactions.len(),
            knows: self.knows.len(),
            dates: self.dates.len(),
            life_events: self.life_events.len(),
            help_items: self.help_items.len(),
            favours: self.favours.len(),
            introductions: self.introductions.len(),
            collaborations: self.collaborations.len(),
            goals: self.goals.len(),
            follow_ups: self.follow_ups.len(),
            facet_wanted: self.facet_wanted.len(),
            org_memberships: self.org_memberships.len(),
            person_sources: self.person_sources.len(),
            settings: self.settings.len() + usize::from(self.me.is_some()),
        }
    }

    /// Checks that the backup is whole: ids are unique, names that must be unique are, and
    /// every reference (a note's person, a favour's need, a person's circle or organisation…)
    /// names a record in the backup. Each problem says where it is (`notes[3].person`), the
    /// value and why. Field contents are not validated again: they were accepted when they
    /// were stored, and a backup must restore even after a rule has tightened.
    pub fn check(&self) -> Result<(), Vec<ValidationError>> {
        let mut c = Checker::default();

        let people: HashSet<PersonId> = self.people.iter().map(|p| p.id).collect();
        c.unique("people", self.people.iter().map(|p| p.id));
        c.unique(
            "organisations",
            self.organisations.iter().map(|o| o.record.id),
        );
        c.unique_names(
            "organisations",
            self.organisations.iter().map(|o| o.record.name.as_str()),
        );
        c.unique("circles", self.circles.iter().map(|x| x.record.id));
        c.unique_names(
            "circles",
            self.circles.iter().map(|x| x.record.name.as_str()),
        );
        let org_ids: HashSet<OrganisationId> =
            self.organisations.iter().map(|o| o.record.id).collect();
        let org_names: HashSet<String> = self
            .organisations
            .iter()
            .map(|o| text::name_key(&o.record.name))
            .collect();
        let circle_names: HashSet<String> = self
            .circles
            .iter()
            .map(|x| text::name_key(&x.record.name))
            .collect();

        if let Some(me) = self.me {
            c.person("me", &me, &people);
        }
        if self.settings.contains_key("me") {
            c.push(
                "settings.me",
                self.settings.get("me").map_or("", String::as_str),
                "\"me\" belongs in the top-level \"me\" field, not in settings",
            );
        }
        for (i, p) in self.people.iter().enumerate() {
            if let Some(by) = &p.profile.introduced_by {
                c.person(&format!("people[{i}].profile.introduced_by"), by, &people);
            }
            if let Some(org) = &p.profile.organisation
                && !org_names.contains(&text::name_key(org))
            {
                c.push(
                    &format!("people[{i}].profile.organisation"),
                    org,
                    "is not in organisations",
                );
            }
            for name in &p.circles {
                if !circle_names.contains(&text::name_key(name)) {
                    c.push(&format!("people[{i}].circles"), name, "is not in circles");
                }
            }
        }
        c.unique("notes", self.notes.iter().map(|n| n.id));
        for (i, n) in self.notes.iter().enumerate() {
            c.person(&format!("notes[{i}].person"), &n.person, &people);
        }
        c.unique("events", self.events.iter().map(|e| e.event.id));
        for (i, e) in self.events.iter().enumerate() {
            if let Some(org) = &e.event.organisation
                && !org_names.contains(&text::name_key(org))
            {
                c.push(
                    &format!("events[{i}].organisation"),
                    org,
                    "is not in organisations",
                );
            }
            c.unique(
                &format!("events[{i}].attendees"),
                e.event.attendees.iter().map(|a| a.person),
            );
            for (j, a) in e.event.attendees.iter().enumerate() {
                c.person(
                    &format!("events[{i}].attendees[{j}].person"),
                    &a.person,
                    &people,
                );
            }
            for (j, f) in e.followed_up.iter().enumerate() {
                if !e.event.attendees.iter().any(|a| a.person == f.person) {
                    c.push(
                        &format!("events[{i}].followed_up[{j}].person"),
                        &f.person.to_string(),
                        "is not an attendee of the event",
                    );
                }
            }
        }
        let events: HashSet<_> = self.events.iter().map(|e| e.event.id).collect();
        c.unique(
            "interactions",
            self.interactions.iter().map(|x| x.record.id),
        );
        c.unique(
            "interaction source keys",
            self.interactions
                .iter()
                .filter_map(|x| x.record.source_key.clone()),
        );
        for (i, x) in self.interactions.iter().enumerate() {
            for (j, p) in x.record.participants.iter().enumerate() {
                c.person(&format!("interactions[{i}].participants[{j}]"), p, &people);
            }
            if let Some(e) = &x.record.event
                && !events.contains(e)
            {
                c.push(
                    &format!("interactions[{i}].event"),
                    &e.to_string(),
                    "is not in events",
                );
            }
        }
        c.unique("knows", self.knows.iter().map(|k| (k.link.a, k.link.b)));
        for (i, k) in self.knows.iter().enumerate() {
            c.person(&format!("knows[{i}].a"), &k.link.a, &people);
            c.person(&format!("knows[{i}].b"), &k.link.b, &people);
            if k.link.a >= k.link.b {
                c.push(
                    &format!("knows[{i}]"),
                    &format!("{} {}", k.link.a, k.link.b),
                    "a must sort before b (each pair is stored once, smaller id first)",
                );
            }
        }
        c.unique("dates", self.dates.iter().map(|d| d.record.id));
        for (i, d) in self.dates.iter().enumerate() {
            c.person(&format!("dates[{i}].person"), &d.record.person, &people);
        }
        c.unique("life_events", self.life_events.iter().map(|e| e.record.id));
        for (i, e) in self.life_events.iter().enumerate() {
            c.person(
                &format!("life_events[{i}].person"),
                &e.record.person,
                &people,
            );
        }
        c.unique("help_items", self.help_items.iter().map(|h| h.id));
        for (i, h) in self.help_items.iter().enumerate() {
            c.person(&format!("help_items[{i}].person"), &h.person, &people);
        }
        let needs: HashSet<_> = self.help_items.iter().map(|h| h.id).collect();
        let interactions: HashSet<_> = self.interactions.iter().map(|x| x.record.id).collect();
        c.unique("favours", self.favours.iter().map(|f| f.record.id));
        for (i, f) in self.favours.iter().enumerate() {
            let f = &f.record;
            c.person(&format!("favours[{i}].giver"), &f.giver, &people);
            c.person(&format!("favours[{i}].receiver"), &f.receiver, &people);
            if let Some(n) = &f.for_need
                && !needs.contains(n)
            {
                c.push(
                    &format!("favours[{i}].for_need"),
                    &n.to_string(),
                    "is not in help_items",
                );
            }
            if let Some(t) = &f.thanked_in
                && !interactions.contains(t)
            {
                c.push(
                    &format!("favours[{i}].thanked_in"),
                    &t.to_string(),
                    "is not in interactions",
                );
            }
        }
        c.unique(
            "introductions",
            self.introductions.iter().map(|x| x.record.id),
        );
        for (i, x) in self.introductions.iter().enumerate() {
            c.person(&format!("introductions[{i}].a"), &x.record.a, &people);
            c.person(&format!("introductions[{i}].b"), &x.record.b, &people);
        }
        c.unique("collaborations", self.collaborations.iter().map(|x| x.id));
        for (i, x) in self.collaborations.iter().enumerate() {
            for (j, m) in x.members.iter().enumerate() {
                c.person(&format!("collaborations[{i}].members[{j}]"), m, &people);
            }
        }
        c.unique("goals", self.goals.iter().map(|g| g.id));
        for (i, g) in self.goals.iter().enumerate() {
            c.person(&format!("goals[{i}].owner"), &g.owner, &people);
        }
        c.unique("follow_ups", self.follow_ups.iter().map(|f| f.id));
        for (i, f) in self.follow_ups.iter().enumerate() {
            c.person(&format!("follow_ups[{i}].person"), &f.person, &people);
        }
        c.unique("facet_wanted", self.facet_wanted.iter().cloned());
        c.unique(
            "org_memberships",
            self.org_memberships
                .iter()
                .map(|m| (m.organisation, m.person)),
        );
        for (i, m) in self.org_memberships.iter().enumerate() {
            if !org_ids.contains(&m.organisation) {
                c.push(
                    &format!("org_memberships[{i}].organisation"),
                    &m.organisation.to_string(),
                    "is not in organisations",
                );
            }
            c.person(&format!("org_memberships[{i}].person"), &m.person, &people);
        }
        c.unique(
            "person_sources",
            self.person_sources
                .iter()
                .map(|s| (s.source.clone(), s.key.clone())),
        );
        for (i, s) in self.person_sources.iter().enumerate() {
            c.person(&format!("person_sources[{i}].person"), &s.person, &people);
        }
        c.finish()
    }
}

/// Collects the problems [`Backup::check`] finds.
#[derive(Debug, Default)]
struct Checker(Vec<ValidationError>);

impl Checker {
    fn push(&mut self, field: &str, value: &str, reason: &str) {
        self.0.push(ValidationError::new(field, value, reason));
    }

    fn person(&mut self, field: &str, id: &PersonId, people: &HashSet<PersonId>) {
        if !people.contains(id) {
            self.push(field, &id.to_string(), "is not in people");
        }
    }

    fn unique<K: Eq + Hash + std::fmt::Debug>(
        &mut self,
        what: &str,
        keys: impl Iterator<Item = K>,
    ) {
        let mut seen: HashSet<K> = HashSet::new();
        let mut reported: HashSet<String> = HashSet::new();
        for k in keys {
            if seen.contains(&k) {
                let shown = format!("{k:?}");
                if reported.insert(shown.clone()) {
                    self.push(what, &shown, "appears more than once");
                }
            } else {
                seen.insert(k);
            }
        }
    }

    fn unique_names<'a>(&mut self, what: &str, names: impl Iterator<Item = &'a str>) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for n in names {
            if let Some(first) = seen.insert(text::name_key(n), n) {
                self.push(
                    &format!("{what} names"),
                    n,
                    &format!(
                        "is the same name as {first:?} (names are compared without case or accents)"
                    ),
                );
            }
        }
    }

    fn finish(self) -> Result<(), Vec<ValidationError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::dates::{DateKind, YearlyDay};
    use crate::event::{EventAttendee, EventKind};
    use crate::interaction::{Direction, InteractionKind};
    use crate::knows::KnowsSource;
    use crate::person::PersonProfile;
    use crate::{DateId, EventId, InteractionId, NoteId};
    use uuid::Uuid;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_767_225_600 + s).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn person(n: u128, name: &str) -> Person {
        Person {
            id: PersonId(id(n)),
            profile: PersonProfile::named(name),
            circles: Vec::new(),
            archived_at: None,
            snoozed_until: None,
            created_at: at(0),
            updated_at: at(1),
        }
    }

    fn sample() -> Backup {
        let mut b = Backup::new(at(100));
        let mut ana = person(1, "Ana");
        ana.profile.organisation = Some("Northwind".into());
        ana.circles = vec!["Friends".into()];
        b.people = vec![ana, person(2, "Ben")];
        b.me = Some(PersonId(id(1)));
        b.organisations = vec![Stamped::new(
            Organisation {
                id: OrganisationId(id(10)),
                name: "Northwind".into(),
                domain: Some("northwind.example".into()),
            },
            at(2),
        )];
        b.circles = vec![Stamped::new(
            Circle {
                id: crate::CircleId(id(20)),
                name: "Friends".into(),
                cadence: None,
            },
            at(3),
        )];
        b.events = vec![EventRecord {
            event: Event {
                id: EventId(id(30)),
                name: "Meetup".into(),
                kind: EventKind::Meetup,
                starts_at: at(10),
                ends_at: None,
                minutes: Some(90),
                location: None,
                organisation: Some("northwind".into()),
                note: None,
                attended: true,
                attendees: vec![EventAttendee {
                    person: PersonId(id(2)),
                    met_there: true,
                }],
            },
            created_at: at(4),
            followed_up: vec![FollowedUp {
                person: PersonId(id(2)),
                at: at(20),
            }],
        }];
        b.interactions = vec![Stamped::new(
            Interaction {
                id: InteractionId(id(40)),
                kind: InteractionKind::Meeting,
                occurred_at: at(11),
                minutes: None,
                direction: Direction::Mutual,
                participants: vec![PersonId(id(2))],
                note: None,
                event: Some(EventId(id(30))),
                source_key: None,
            },
            at(5),
        )];
        b.knows = vec![KnowsRecord {
            link: KnowsLink::new(
                PersonId(id(2)),
                PersonId(id(1)),
                0.1 + 0.2,
                KnowsSource::Explicit,
            )
            .unwrap(),
            updated_at: at(6),
        }];
        b.dates = vec![Stamped::new(
            ImportantDate {
                id: DateId(id(50)),
                person: PersonId(id(2)),
                kind: DateKind::Other("Name day".into()),
                day: YearlyDay::new(2, 29, None).unwrap(),
            },
            at(7),
        )];
        b.notes = vec![Note {
            id: NoteId(id(60)),
            person: PersonId(id(2)),
            body: "likes tea".into(),
            created_at: at(8),
        }];
        b
    }

    #[test]
    fn a_whole_backup_passes_the_check() {
        assert_eq!(sample().check(), Ok(()));
    }

    #[test]
    fn json_keeps_every_field_including_the_stamps() {
        let b = sample();
        let json = serde_json::to_value(&b).unwrap();
        assert_eq!(json["format"], "kithkin-backup");
        assert_eq!(json["version"], 1);
        assert_eq!(
            json["interactions"][0]["created_at"],
            "2026-01-01T00:00:05Z"
        );
        assert_eq!(json["interactions"][0]["kind"], "meeting");
        assert_eq!(json["dates"][0]["kind"], "other");
        assert_eq!(json["dates"][0]["label"], "Name day");
        assert_eq!(json["dates"][0]["created_at"], "2026-01-01T00:00:07Z");
        assert_eq!(
            json["events"][0]["followed_up"][0]["at"],
            "2026-01-01T00:00:20Z"
        );
        assert_eq!(json["knows"][0]["updated_at"], "2026-01-01T00:00:06Z");
        assert_eq!(json["organisations"][0]["domain"], "northwind.example");
        let back: Backup = serde_json::from_value(json).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn a_minimal_document_reads_with_empty_lists() {
        let b: Backup = serde_json::from_str(
            r#"{"format": "kithkin-backup", "version": 1, "exported_at": "2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(b, Backup::new(at(0)));
        assert_eq!(b.counts(), BackupCounts::default());
    }

    #[test]
    fn headers_other_than_this_format_and_version_are_refused() {
        assert_eq!(check_header(Some(FORMAT), Some(1)), Ok(()));
        let e = check_header(Some("vcard"), Some(1)).unwrap_err();
        assert!(e.to_string().contains("not a Kithkin backup"), "{e}");
        let e = check_header(None, Some(1)).unwrap_err();
        assert!(e.to_string().contains("is missing"), "{e}");
        let e = check_header(Some(FORMAT), Some(2)).unwrap_err();
        assert_eq!(e.field, "backup version");
        assert!(e.to_string().contains("newer than this kithkin"), "{e}");
        assert!(check_header(Some(FORMAT), Some(0)).is_err());
        assert!(check_header(Some(FORMAT), None).is_err());
    }

    #[test]
    fn dangling_references_and_duplicates_are_named() {
        let mut b = sample();
        b.notes[0].person = PersonId(id(99));
        b.people.push(person(2, "Ben again"));
        b.events[0].followed_up[0].person = PersonId(id(1));
        b.interactions[0].record.event = Some(EventId(id(98)));
        b.people[0].circles.push("Nobody".into());
        b.knows[0].link.a = PersonId(id(3));
        let problems = b.check().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"notes[0].person"), "{fields:?}");
        assert!(fields.contains(&"people"), "{fields:?}");
        assert!(
            fields.contains(&"events[0].followed_up[0].person"),
            "{fields:?}"
        );
        assert!(fields.contains(&"interactions[0].event"), "{fields:?}");
        assert!(fields.contains(&"people[0].circles"), "{fields:?}");
        assert!(fields.contains(&"knows[0].a"), "{fields:?}");
        assert!(fields.contains(&"knows[0]"), "{fields:?}");
        let note = problems
            .iter()
            .find(|p| p.field == "notes[0].person")
            .unwrap();
        assert_eq!(note.reason, "is not in people");
        assert_eq!(note.value, PersonId(id(99)).to_string());
    }

    #[test]
    fn organisations_are_matched_by_folded_name() {
        let mut b = sample();
        b.people[0].profile.organisation = Some("NORTHWIND".into());
        assert_eq!(b.check(), Ok(()));
        b.people[0].profile.organisation = Some("Southwind".into());
        let problems = b.check().unwrap_err();
        assert_eq!(problems[0].field, "people[0].profile.organisation");
    }

    #[test]
    fn canonical_order_is_by_id_and_key() {
        let mut b = sample();
        b.people.reverse();
        b.facet_wanted = vec![
            FacetWanted {
                key: "region".into(),
                value: "asia".into(),
            },
            FacetWanted {
                key: "industry".into(),
                value: "tech".into(),
            },
        ];
        b.interactions[0].record.participants = vec![PersonId(id(2)), PersonId(id(1))];
        b.canonicalise();
        assert_eq!(b.people[0].id, PersonId(id(1)));
        assert_eq!(b.facet_wanted[0].key, "industry");
        assert_eq!(
            b.interactions[0].record.participants,
            vec![PersonId(id(1)), PersonId(id(2))]
        );
    }

    #[test]
    fn the_batch_holds_what_the_batch_writer_takes() {
        let b = sample();
        let batch = b.batch();
        assert_eq!(batch.people.len(), 2);
        assert_eq!(batch.circles.len(), 1);
        assert_eq!(batch.events[0].attendees.len(), 1);
        assert_eq!(batch.knows[0].strength, 0.1 + 0.2);
        assert!(batch.memberships.is_empty());
        let counts = b.counts();
        assert_eq!(counts.people, 2);
        assert_eq!(counts.circle_members, 1);
        assert_eq!(counts.event_attendees, 1);
        assert_eq!(counts.settings, 1);
    }
}
