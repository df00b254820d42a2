//! Calendar in: each meeting of an iCalendar file (recurring ones expanded up to now) becomes
//! a meeting interaction with the people on it.
//!
//! - Organiser and attendees are matched to people by email (created only when asked); me
//!   by my own addresses (`kithkin me --email`), which the import needs.
//! - Skipped: cancelled meetings, meetings I declined, meetings with no one else known, and
//!   meetings already imported — the source key is `ics:<UID>:<RECURRENCE-ID>` (for an
//!   event without UID, its start and a hash of its summary), so a re-import adds nothing.
//! - Minutes are the meeting's length (all-day events have none), at most a day.

use crate::error::Result;
use crate::import::{Addresses, ImportProblem, ImportReport, person_from_address};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::{InteractionId, PersonId, text};
use kithkin_formats::ics_read::{Meeting, read_meetings};
use std::collections::HashSet;

/// Occurrences expanded per recurring event at most.
pub const MAX_OCCURRENCES: usize = 20_000;

impl App {
    /// Imports the meetings of one iCalendar file's bytes, named `file` in the report.
    pub async fn import_ics(
        &self,
        bytes: &[u8],
        file: &str,
        create_people: bool,
        report: &mut ImportReport,
    ) -> Result<()> {
        let Addresses {
            me: _,
            mine,
            mut by_email,
        } = self
            .addresses("meetings you declined cannot be told apart")
            .await?;
        let now = self.now();
        let read = read_meetings(bytes, now.timestamp(), now.time_zone(), MAX_OCCURRENCES);
        report.files += 1;
        report.read_errors(file, read.errors);
        let existing: HashSet<String> = self
            .store
            .interaction_source_keys("ics:")
            .await?
            .into_iter()
            .collect();
        let mut batch = Batch::new();
        let mut seen: HashSet<String> = HashSet::new();
        for m in &read.meetings {
            if m.status.as_deref() == Some("CANCELLED") {
                continue;
            }
            let declined = m.attendees.iter().any(|a| {
                mine.contains(&text::email_key(&a.email))
                    && a.partstat.as_deref() == Some("DECLINED")
            });
            if declined {
                continue;
            }
            let key = source_key(m);
            if existing.contains(&key) || !seen.insert(key.clone()) {
                report.interactions_skipped += 1;
                continue;
            }
            let mut people: Vec<PersonId> = Vec::new();
            for a in m.organizer.iter().chain(&m.attendees) {
                let email = text::email_key(&a.email);
                if email.is_empty() || mine.contains(&email) {
                    continue;
                }
                let person = match by_email.get(&email) {
                    Some(p) => Some(*p),
                    None if create_people => {
                        let person =
                            person_from_address(a.name.as_deref(), &email, now.timestamp());
                        let id = person.id;
                        batch.people.push(person);
                        report.created += 1;
                        by_email.insert(email.clone(), id);
                        Some(id)
                    }
                    None => None,
                };
                if let Some(p) = person
                    && !people.contains(&p)
                {
                    people.push(p);
                }
            }
            if people.is_empty() {
                continue;
            }
            people.sort();
            let minutes = match (m.all_day, m.end) {
                (false, Some(end)) => {
                    let mins = (end.as_second() - m.start.as_second()) / 60;
                    u32::try_from(mins).ok().filter(|&n| n > 0 && n <= 24 * 60)
                }
                _ => None,
            };
            let interaction = Interaction {
                id: InteractionId(new_uuid()),
                kind: InteractionKind::Meeting,
                occurred_at: m.start,
                minutes,
                direction: Direction::Mutual,
                participants: people,
                note: m
                    .summary
                    .as_deref()
                    .map(|s| s.chars().take(200).collect())
                    .filter(|s: &String| !s.trim().is_empty()),
                event: None,
                source_key: Some(key),
            };
            if let Err(problems) = interaction.validate() {
                report.failed.push(ImportProblem {
                    file: file.to_owned(),
                    line: m.line,
                    message: problems
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                });
                continue;
            }
            batch.interactions.push(interaction);
            report.interactions += 1;
        }
        if !report.dry_run && !batch.is_empty() {
            self.store.write(&batch, now.timestamp()).await?;
        }
        Ok(())
    }
}

/// `ics:<UID>:<RECURRENCE-ID>`, or for an event without UID its start and a stable hash of
/// its summary.
fn source_key(m: &Meeting) -> String {
    match &m.uid {
        Some(uid) => format!("ics:{uid}:{}", m.recurrence_id.as_deref().unwrap_or("")),
        None => {
            // FNV-1a: stable across runs and versions
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in m.summary.as_deref().unwrap_or("").bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("ics:no-uid:{}:{h:016x}", m.start.as_second())
        }
    }
}
