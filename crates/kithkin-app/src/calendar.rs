//! The keeping-in-touch calendar: birthdays and anniversaries as yearly all-day events, the
//! next check-in with each person who has a cadence and every open follow-up as to-dos. UIDs
//! come from record ids, so a calendar that imports the file again updates its entries.

use crate::App;
use crate::error::Result;
use kithkin_core::agenda::checkin_due_on;
use kithkin_core::dates::DateKind;
use kithkin_formats::ics::{Calendar, Entry, uid, write_calendar};
use std::io::Write;

impl App {
    /// The calendar's entries as of now.
    pub async fn calendar_entries(&self) -> Result<Vec<Entry>> {
        let now = self.now();
        let today = now.date();
        let tz = now.time_zone().clone();
        let mut entries = Vec::new();
        for (date, name) in self.store.all_dates().await? {
            // Without a known year, the latest year (up to this one) in which the day exists:
            // a 29 February must start on a 29 February for its rule to recur on the last day
            // of February, 28 February in common years and 29 February in leap years.
            let year = date.day.year.unwrap_or_else(|| {
                (0..8)
                    .map(|back| today.year().saturating_sub(back))
                    .find(|y| jiff::civil::Date::new(*y, date.day.month, date.day.day).is_ok())
                    .unwrap_or(today.year())
            });
            let Some(first) = date.day.in_year(year) else {
                continue;
            };
            let summary = match &date.kind {
                DateKind::Birthday => format!("{name}'s birthday"),
                DateKind::Anniversary => format!("{name}'s anniversary"),
                DateKind::Other(label) => format!("{name}: {label}"),
            };
            let description = date.day.year.map(|y| format!("Since {y}"));
            entries.push(Entry::Yearly {
                uid: uid(date.kind.code(), &date.id),
                summary,
                description,
                first,
            });
        }
        let candidates = self.store.checkin_candidates(self.timestamp()).await?;
        for c in candidates {
            let Some((due, cadence, _)) = checkin_due_on(&c, today, &tz) else {
                continue;
            };
            let last = match c.last_contact {
                Some(t) => format!("last contact {}", t.to_zoned(tz.clone()).date()),
                None => "no contact yet".to_owned(),
            };
            entries.push(Entry::Todo {
                uid: uid("checkin", &c.person),
                summary: format!("Check in with {}", c.name),
                description: Some(format!("Every {cadence}; {last}")),
                due,
                priority: None,
            });
        }
        for f in self.store.open_follow_ups().await? {
            entries.push(Entry::Todo {
                uid: uid("followup", &f.follow_up.id),
                summary: format!("{}: {}", f.name, f.follow_up.text),
                description: None,
                due: f.follow_up.due_on,
                priority: Some(5),
            });
        }
        Ok(entries)
    }

    /// The keeping-in-touch calendar as of now, ready to be written.
    pub async fn calendar(&self) -> Result<CalendarFeed> {
        Ok(CalendarFeed {
            generated_at: self.timestamp(),
            entries: self.calendar_entries().await?,
        })
    }
}

/// A calendar to write: the CLI exports it, the web server will serve it as a feed.
#[derive(Debug, Clone)]
pub struct CalendarFeed {
    /// When it was made (every entry's DTSTAMP).
    pub generated_at: jiff::Timestamp,
    /// Its entries.
    pub entries: Vec<Entry>,
}

impl CalendarFeed {
    /// Writes the calendar as iCalendar (RFC 5545).
    pub fn write_to<W: Write>(&self, out: W) -> std::io::Result<()> {
        let calendar = Calendar {
            name: "Kithkin: keeping in touch",
            product: concat!("-//Kithkin//Kithkin ", env!("CARGO_PKG_VERSION"), "//EN"),
            generated_at: self.generated_at,
        };
        write_calendar(out, &calendar, &self.entries)
    }
}
