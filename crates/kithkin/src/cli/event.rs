//! `kithkin event add|list|show|met|done`: events and the people met there.

use super::Ctx;
use super::output::{self, when};
use kithkin_app::App;
use kithkin_app::events::{EventRequest, EventSummary, short_id};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add an event you go to or went to (its organisation is created when missing).
    Add {
        /// Its name.
        name: String,
        /// When it starts: 2026-03-10, "2026-03-10 18:30", yesterday, in 2w…
        #[arg(long, value_name = "DATE")]
        on: String,
        /// The organisation that runs it.
        #[arg(long, value_name = "ORG")]
        org: Option<String>,
        /// conference, meetup, dinner, workshop or other [default: other].
        #[arg(long)]
        kind: Option<String>,
        /// Minutes you spent there (for `kithkin time`).
        #[arg(long, value_name = "N")]
        minutes: Option<u32>,
        /// Where.
        #[arg(long, value_name = "PLACE")]
        location: Option<String>,
        /// Notes.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Events, newest first.
    List,
    /// One event: who was there, whom you met, follow-ups still open.
    Show {
        /// Its name (or words of it), or its id's last characters.
        event: String,
    },
    /// Record people you met at an event: matched by name, created when nobody matches.
    Met {
        /// Its name (or words of it), or its id's last characters.
        event: String,
        /// The people you met.
        #[arg(required = true, num_args = 1..)]
        people: Vec<String>,
        /// Match only exact names and create everyone else (even names close to someone's).
        #[arg(long)]
        create: bool,
    },
    /// Mark the follow-ups with people met at an event done (all of them without names).
    Done {
        /// Its name (or words of it), or its id's last characters.
        event: String,
        /// Only these people.
        people: Vec<String>,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let tz = app.now().time_zone().clone();
    match c {
        Command::Add {
            name,
            on,
            org,
            kind,
            minutes,
            location,
            note,
        } => {
            let req = EventRequest {
                name,
                on,
                org,
                kind,
                minutes,
                location,
                note,
            };
            let (e, org_created) = app.event_add(&req).await?;
            if ctx.json {
                return output::json(&serde_json::json!({
                    "event": e,
                    "organisation_created": org_created,
                }));
            }
            if ctx.quiet {
                return Ok(());
            }
            let mut out = vec![format!("Added {}", line(&e, &tz))];
            if org_created && let Some(o) = &e.organisation {
                out.push(format!("  created the organisation {o}"));
            }
            output::lines(out)
        }
        Command::List => {
            let list = app.event_list().await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No events yet: `kithkin event add NAME --on DATE`".to_owned()
                ]);
            }
            output::lines(list.iter().map(|e| line(e, &tz)))
        }
        Command::Show { event } => {
            let v = app.event_show(&event).await?;
            if ctx.json {
                return output::json(&v);
            }
            let e = &v.event;
            let mut out = vec![format!("{} ({})", e.name, e.kind)];
            out.push(format!(
                "  when:  {}{}{}",
                when(e.starts_at, &tz),
                v.ends_at
                    .map(|t| format!(" to {}", when(t, &tz)))
                    .unwrap_or_default(),
                if e.upcoming { " (upcoming)" } else { "" }
            ));
            if let Some(l) = &v.location {
                out.push(format!("  where: {l}"));
            }
            if let Some(o) = &e.organisation {
                out.push(format!("  by:    {o}"));
            }
            if let Some(m) = e.minutes {
                out.push(format!("  time:  {m} minutes"));
            }
            if let Some(n) = &v.note {
                out.push(format!("  note:  {n}"));
            }
            out.push(format!("  id:    {}", e.id));
            let met: Vec<String> = v
                .attendees
                .iter()
                .filter(|a| a.met_there)
                .map(|a| a.name.clone())
                .collect();
            let seen: Vec<String> = v
                .attendees
                .iter()
                .filter(|a| !a.met_there)
                .map(|a| a.name.clone())
                .collect();
            out.push(format!("  met there: {}", output::joined(&met)));
            out.push(format!("  also there: {}", output::joined(&seen)));
            for f in &v.follow_ups {
                out.push(format!(
                    "  follow up with {} ({} h left)",
                    f.name, f.hours_left
                ));
            }
            output::lines(out)
        }
        Command::Met {
            event,
            people,
            create,
        } => {
            let outcome = app.event_met(&event, &people, create).await?;
            if ctx.json {
                return output::json(&outcome);
            }
            if ctx.quiet {
                return Ok(());
            }
            let mut out = vec![format!("At {} ({}):", outcome.event.name, outcome.event.on)];
            for p in &outcome.people {
                let what = if p.created {
                    "created, met there"
                } else if p.already {
                    "already recorded as met there"
                } else if p.how_we_met_set {
                    "met there (how we met set)"
                } else {
                    "met there"
                };
                out.push(format!("  {}: {what}", p.name));
            }
            output::lines(out)
        }
        Command::Done { event, people } => {
            let (e, names) = app.event_done(&event, &people).await?;
            if ctx.json {
                return output::json(&serde_json::json!({ "event": e, "done": names }));
            }
            if ctx.quiet {
                return Ok(());
            }
            output::lines([if names.is_empty() {
                format!("Nobody met at {} to follow up with", e.name)
            } else {
                format!("Followed up after {}: {}", e.name, output::joined(&names))
            }])
        }
    }
}

fn line(e: &EventSummary, tz: &jiff::tz::TimeZone) -> String {
    let org = e
        .organisation
        .as_ref()
        .map(|o| format!(" by {o}"))
        .unwrap_or_default();
    let people = match (e.people, e.met) {
        (0, _) => String::new(),
        (n, 0) => format!(", {n} there"),
        (n, m) => format!(", {n} there, {m} met"),
    };
    let when = if e.upcoming { " (upcoming)" } else { "" };
    format!(
        "{}  {}  {} [{}]{org}{people}{when}",
        short_id(&e.id.to_string()),
        output::when(e.starts_at, tz),
        e.name,
        e.kind
    )
}
