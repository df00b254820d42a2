//! Row types as both backends return them, and their conversion into core records. Columns
//! hold only types both SQLite and PostgreSQL decode the same way: TEXT, BIGINT, DOUBLE, and
//! ids as [`Key`].

use crate::convert::{instant, narrow, opt_instant, parse, parse_opt};
use crate::error::StoreError;
use crate::key::Key;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_core::dates::{DateKind, ImportantDate, YearlyDay};
use kithkin_core::interaction::Interaction;
use kithkin_core::knows::KnowsLink;
use kithkin_core::note::Note;
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::{CircleId, PersonId};

fn cadence(table: &'static str, days: Option<i64>) -> Result<Option<Cadence>, StoreError> {
    days.map(|d| {
        let d: u32 = narrow(table, "cadence_days", d)?;
        Cadence::from_days(d).map_err(|e| StoreError::Corrupt {
            table,
            column: "cadence_days",
            value: d.to_string(),
            reason: e.reason,
        })
    })
    .transpose()
}

/// A `people` row joined with its organisation's name.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PersonRow {
    pub id: Key,
    pub name: String,
    pub nickname: Option<String>,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub cadence_days: Option<i64>,
    pub met_at: Option<String>,
    pub met_on: Option<String>,
    pub introduced_by: Option<Key>,
    pub summary: Option<String>,
    pub snoozed_until: Option<String>,
    pub archived_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl PersonRow {
    /// The person without the side tables (contacts, labels, facets, circles), which the caller
    /// fills in.
    pub fn into_person(self) -> Result<Person, StoreError> {
        const T: &str = "people";
        let profile = PersonProfile {
            name: self.name,
            nickname: self.nickname,
            organisation: self.organisation,
            title: self.title,
            cadence: cadence(T, self.cadence_days)?,
            met_at: self.met_at,
            met_on: parse_opt(T, "met_on", self.met_on.as_deref())?,
            introduced_by: parse_opt::<PersonId>(
                T,
                "introduced_by",
                self.introduced_by.as_deref(),
            )?,
            summary: self.summary,
            ..PersonProfile::default()
        };
        Ok(Person {
            id: parse(T, "id", &self.id)?,
            profile,
            circles: Vec::new(),
            archived_at: opt_instant(T, "archived_at", self.archived_at)?,
            snoozed_until: parse_opt(T, "snoozed_until", self.snoozed_until.as_deref())?,
            created_at: instant(T, "created_at", self.created_at)?,
            updated_at: instant(T, "updated_at", self.updated_at)?,
        })
    }
}

/// A side-table value of a person: a contact point, a label or a facet.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PersonValueRow {
    pub kind: String,
    pub value: String,
}

/// Adds a side-table value to the profile it belongs to.
pub(crate) fn apply_value(
    person: &mut Person,
    table: &'static str,
    row: PersonValueRow,
) -> Result<(), StoreError> {
    let p = &mut person.profile;
    match (table, row.kind.as_str()) {
        ("person_contacts", "email") => p.emails.push(row.value),
        ("person_contacts", "phone") => p.phones.push(row.value),
        ("person_contacts", "url") => p.urls.push(row.value),
        ("person_contacts", "address") => p.addresses.push(row.value),
        ("person_labels", "tag") => p.tags.push(row.value),
        ("person_labels", "interest") => p.interests.push(row.value),
        ("person_labels", "expertise") => p.expertise.push(row.value),
        ("person_labels", "value") => p.values.push(row.value),
        ("person_labels", "role") => p.roles.push(parse(table, "value", &row.value)?),
        ("person_facets", _) => {
            p.facets.insert(row.kind, row.value);
        }
        ("circle_members", _) => person.circles.push(row.value),
        _ => {
            return Err(StoreError::Corrupt {
                table,
                column: "kind",
                value: row.kind,
                reason: "unknown kind".into(),
            });
        }
    }
    Ok(())
}

/// A `circles` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CircleRow {
    pub id: Key,
    pub name: String,
    pub cadence_days: Option<i64>,
    pub members: i64,
}

impl CircleRow {
    pub fn into_circle(self) -> Result<(Circle, i64), StoreError> {
        Ok((
            Circle {
                id: parse::<CircleId>("circles", "id", &self.id)?,
                name: self.name,
                cadence: cadence("circles", self.cadence_days)?,
            },
            self.members,
        ))
    }
}

/// A `notes` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NoteRow {
    pub id: Key,
    pub person_id: Key,
    pub body: String,
    pub created_at: i64,
}

impl NoteRow {
    pub fn into_note(self) -> Result<Note, StoreError> {
        Ok(Note {
            id: parse("notes", "id", &self.id)?,
            person: parse("notes", "person_id", &self.person_id)?,
            body: self.body,
            created_at: instant("notes", "created_at", self.created_at)?,
        })
    }
}

/// An `interactions` row with its participants, newline-separated.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct InteractionRow {
    pub id: Key,
    pub kind: String,
    pub occurred_at: i64,
    pub minutes: Option<i64>,
    pub direction: String,
    pub note: Option<String>,
    pub event_id: Option<Key>,
    pub source_key: Option<String>,
}

impl InteractionRow {
    pub fn into_interaction(self, participants: Vec<PersonId>) -> Result<Interaction, StoreError> {
        const T: &str = "interactions";
        Ok(Interaction {
            id: parse(T, "id", &self.id)?,
            kind: parse(T, "kind", &self.kind)?,
            occurred_at: instant(T, "occurred_at", self.occurred_at)?,
            minutes: self.minutes.map(|m| narrow(T, "minutes", m)).transpose()?,
            direction: parse(T, "direction", &self.direction)?,
            participants,
            note: self.note,
            event: parse_opt(T, "event_id", self.event_id.as_deref())?,
            source_key: self.source_key,
        })
    }
}

/// An `important_dates` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DateRow {
    pub id: Key,
    pub person_id: Key,
    pub kind: String,
    pub label: Option<String>,
    pub month: i64,
    pub day: i64,
    pub year: Option<i64>,
}

impl DateRow {
    pub fn into_date(self) -> Result<ImportantDate, StoreError> {
        const T: &str = "important_dates";
        let kind = match (self.kind.as_str(), self.label) {
            ("birthday", _) => DateKind::Birthday,
            ("anniversary", _) => DateKind::Anniversary,
            ("other", Some(l)) => DateKind::Other(l),
            (k, _) => {
                return Err(StoreError::Corrupt {
                    table: T,
                    column: "kind",
                    value: k.to_owned(),
                    reason: "unknown".into(),
                });
            }
        };
        let month: i32 = narrow(T, "month", self.month)?;
        let day: i32 = narrow(T, "day", self.day)?;
        let year: Option<i32> = self.year.map(|y| narrow(T, "year", y)).transpose()?;
        let day = YearlyDay::new(month, day, year).map_err(|e| StoreError::Corrupt {
            table: T,
            column: "day",
            value: e.value,
            reason: e.reason,
        })?;
        Ok(ImportantDate {
            id: parse(T, "id", &self.id)?,
            person: parse(T, "person_id", &self.person_id)?,
            kind,
            day,
        })
    }
}

/// A `knows` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct KnowsRow {
    pub person_a: Key,
    pub person_b: Key,
    pub strength: f64,
    pub source: String,
}

impl KnowsRow {
    pub fn into_link(self) -> Result<KnowsLink, StoreError> {
        const T: &str = "knows";
        Ok(KnowsLink {
            a: parse(T, "person_a", &self.person_a)?,
            b: parse(T, "person_b", &self.person_b)?,
            strength: self.strength,
            source: parse(T, "source", &self.source)?,
        })
    }
}
