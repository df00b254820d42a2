//! `kithkin today [--at DATE]`: the day's agenda.

use super::Ctx;
use super::output::{self, day};
use kithkin_app::App;
use kithkin_core::agenda::AgendaItem;
use kithkin_core::life_event::Valence;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The day to plan, as of its end: 2026-03-01, tomorrow, 3d ago… [default: today].
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let agenda = app.today(a.at.as_deref()).await?;
    if ctx.json {
        return output::json(&agenda);
    }
    let tz = app.now().time_zone().clone();
    let mut out = vec![format!(
        "Today, {} {}",
        agenda.day.strftime("%A"),
        agenda.day
    )];
    if agenda.items.is_empty() {
        out.push(
            "  Nothing due. A good day to reach out to someone you miss: `kithkin reconnect`."
                .to_owned(),
        );
    }
    let mut section = "";
    for item in &agenda.items {
        let (title, line) = match item {
            AgendaItem::LifeEvent(e) => {
                let verb = if e.valence == Valence::Support {
                    "offer support"
                } else {
                    "congratulate"
                };
                let note = e
                    .note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default();
                let when = if e.days_ago == 0 {
                    "today".to_owned()
                } else {
                    format!("{} days ago", e.days_ago)
                };
                (
                    "Life events",
                    format!(
                        "{}: {} ({when}){note} — {verb}  [ack {}]",
                        e.name,
                        e.kind,
                        short(&e.id.to_string())
                    ),
                )
            }
            AgendaItem::Date(d) => {
                let when = match d.in_days {
                    0 => "today".to_owned(),
                    1 => "tomorrow".to_owned(),
                    n => format!("in {n} days, {}", d.on.strftime("%a %d %b")),
                };
                let years = d.years.map(|y| format!(" ({y})")).unwrap_or_default();
                ("Dates", format!("{}'s {}{years} {when}", d.name, d.kind))
            }
            AgendaItem::FollowUp(f) => {
                let late = if f.days_overdue > 0 {
                    format!(" ({} days late)", f.days_overdue)
                } else {
                    String::new()
                };
                (
                    "Follow-ups",
                    format!(
                        "{}: {}{late}  [done {}]",
                        f.name,
                        f.text,
                        short(&f.id.to_string())
                    ),
                )
            }
            AgendaItem::ThanksOwed(t) => (
                "Thanks owed",
                format!(
                    "{}: {} ({}, {} days ago)  [kithkin thank \"{}\"]",
                    t.name, t.owed.text, t.owed.kind, t.owed.days_waiting, t.name
                ),
            ),
            AgendaItem::Introduction(i) => (
                "Introductions waiting",
                format!(
                    "{} ↔ {}: {} for {} days  [kithkin intro list]",
                    i.a_name, i.b_name, i.status, i.days_waiting
                ),
            ),
            AgendaItem::EventFollowUp(f) => (
                "Follow up after events",
                format!(
                    "follow up with {}, met at {} ({} h left)  [kithkin event done \"{}\" \"{}\"]",
                    f.name, f.event_name, f.hours_left, f.event_name, f.name
                ),
            ),
            AgendaItem::CheckIn(c) => {
                let last = match c.last_contact {
                    Some(t) => format!("last {}", day(t, &tz)),
                    None => "never contacted".to_owned(),
                };
                let late = if c.days_overdue > 0 {
                    format!(", {} days overdue", c.days_overdue)
                } else {
                    String::new()
                };
                (
                    "Check in",
                    format!(
                        "{:<26} every {}, {last}{late}  (strength {:.0})",
                        c.name, c.cadence, c.strength
                    ),
                )
            }
        };
        if title != section {
            out.push(String::new());
            out.push(title.to_owned());
            section = title;
        }
        out.push(format!("  {line}"));
    }
    output::lines(out)
}

/// The last 8 characters of an id (its random part): enough to type back
/// (`kithkin done 9f3c2a1b`).
fn short(id: &str) -> String {
    let simple: String = id.chars().filter(|c| *c != '-').collect();
    simple
        .chars()
        .rev()
        .take(8)
        .collect::<String>()
        .chars()
        .rev()
        .collect()
}
