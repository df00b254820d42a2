//! `kithkin org list|show|join|leave`: organisations, their people and events, and your
//! memberships.

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_store::Membership;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Organisations with the people you know there, their events and your membership.
    List,
    /// One organisation: people there with their titles, its events, your membership.
    Show {
        /// Its name (or words of it).
        org: String,
    },
    /// Record that you are a member (created when missing).
    Join {
        /// Its name.
        org: String,
        /// Your role there (member, board, volunteer…).
        #[arg(long)]
        role: Option<String>,
        /// Since when: 2024-01-15, 2y ago…
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
    },
    /// Record that you left (the membership is kept, with today as its end).
    Leave {
        /// Its name (or words of it).
        org: String,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::List => {
            let list = app.org_list().await?;
            if ctx.json {
                return output::json(&list);
            }
            if list.is_empty() {
                return output::lines([
                    "No organisations yet: they come from people's profiles (`--org`), events and `kithkin org join`".to_owned(),
                ]);
            }
            output::lines(list.iter().map(|o| {
                let member = o
                    .membership
                    .as_ref()
                    .map(|m| format!("  [{}]", membership(m)))
                    .unwrap_or_default();
                format!(
                    "{:<32} {} {}, {} {}{member}",
                    o.organisation.name,
                    o.people,
                    if o.people == 1 { "person" } else { "people" },
                    o.events,
                    if o.events == 1 { "event" } else { "events" },
                )
            }))
        }
        Command::Show { org } => {
            let v = app.org_show(&org).await?;
            if ctx.json {
                return output::json(&v);
            }
            let tz = app.now().time_zone().clone();
            let mut out = vec![v.organisation.name.clone()];
            if let Some(d) = &v.organisation.domain {
                out.push(format!("  domain: {d}"));
            }
            out.push(format!(
                "  you: {}",
                v.membership
                    .as_ref()
                    .map(membership)
                    .unwrap_or_else(|| "not a member".to_owned())
            ));
            out.push(String::new());
            out.push(format!("People ({})", v.people.len()));
            if v.people.is_empty() {
                out.push("  none".to_owned());
            }
            for p in &v.people {
                out.push(format!(
                    "  {}{}",
                    p.name,
                    p.title
                        .as_ref()
                        .map(|t| format!(", {t}"))
                        .unwrap_or_default()
                ));
            }
            out.push(String::new());
            out.push(format!("Events ({})", v.events.len()));
            if v.events.is_empty() {
                out.push("  none".to_owned());
            }
            for e in &v.events {
                out.push(format!(
                    "  {}  {} [{}]{}",
                    output::when(e.starts_at, &tz),
                    e.name,
                    e.kind,
                    if e.upcoming { " (upcoming)" } else { "" }
                ));
            }
            output::lines(out)
        }
        Command::Join { org, role, since } => {
            let (m, created) = app
                .org_join(&org, role.as_deref(), since.as_deref())
                .await?;
            if ctx.json {
                return output::json(&serde_json::json!({
                    "membership": m,
                    "organisation_created": created,
                }));
            }
            if ctx.quiet {
                return Ok(());
            }
            let mut out = vec![format!(
                "You are a member of {}: {}",
                m.organisation.name,
                membership(&m)
            )];
            if created {
                out.push(format!(
                    "  created the organisation {}",
                    m.organisation.name
                ));
            }
            output::lines(out)
        }
        Command::Leave { org } => {
            let m = app.org_leave(&org).await?;
            if ctx.json {
                return output::json(&m);
            }
            if ctx.quiet {
                return Ok(());
            }
            output::lines([format!(
                "You left {}: {}",
                m.organisation.name,
                membership(&m)
            )])
        }
    }
}

/// "member since 2024-01-15", "board, 2020-01-01 to 2026-03-10".
fn membership(m: &Membership) -> String {
    let role = m.role.clone().unwrap_or_else(|| "member".to_owned());
    match (m.since, m.until) {
        (Some(s), Some(u)) => format!("{role}, {s} to {u}"),
        (None, Some(u)) => format!("{role}, left {u}"),
        (Some(s), None) => format!("{role} since {s}"),
        (None, None) => role,
    }
}
