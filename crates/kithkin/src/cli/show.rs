//! `kithkin show PERSON`

use super::Ctx;
use super::output::{self, ago, day, joined, when};
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person (name, email or id).
    person: String,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let view = app.show(&a.person).await?;
    if ctx.json {
        return output::json(&view);
    }
    let now = app.now();
    let tz = now.time_zone();
    let p = &view.person;
    let pr = &p.profile;
    let mut out = Vec::new();
    let headline = match (&pr.title, &pr.organisation) {
        (Some(t), Some(o)) => format!(" — {t}, {o}"),
        (Some(t), None) => format!(" — {t}"),
        (None, Some(o)) => format!(" — {o}"),
        (None, None) => String::new(),
    };
    let me = if view.is_me { " (me)" } else { "" };
    let archived = if p.archived_at.is_some() {
        " [archived]"
    } else {
        ""
    };
    out.push(format!("{}{me}{headline}{archived}", pr.name));
    let mut field = |label: &str, value: String| {
        if value != "-" && !value.is_empty() {
            out.push(format!("  {label:<14}{value}"));
        }
    };
    field("id", p.id.to_string());
    field("nickname", pr.nickname.clone().unwrap_or_default());
    field("email", joined(&pr.emails));
    field("phone", joined(&pr.phones));
    field("url", joined(&pr.urls));
    field(
        "roles",
        joined(&pr.roles.iter().map(ToString::to_string).collect::<Vec<_>>()),
    );
    field("tags", joined(&pr.tags));
    field("interests", joined(&pr.interests));
    field("expertise", joined(&pr.expertise));
    field("values", joined(&pr.values));
    field(
        "facets",
        joined(
            &pr.facets
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
        ),
    );
    field("circles", joined(&p.circles));
    field(
        "cadence",
        pr.cadence.map(|c| format!("every {c}")).unwrap_or_default(),
    );
    let met = match (&pr.met_at, pr.met_on) {
        (Some(a), Some(d)) => format!("{a} ({d})"),
        (Some(a), None) => a.clone(),
        (None, Some(d)) => d.to_string(),
        (None, None) => String::new(),
    };
    field("met", met);
    field(
        "introduced by",
        view.introduced_by
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    );
    field("summary", pr.summary.clone().unwrap_or_default());
    if let Some(s) = &view.stats {
        field(
            "interactions",
            format!(
                "{} since {}, last {} ({})",
                s.interactions,
                day(s.first_at, tz),
                day(s.last_at, tz),
                ago(s.last_at, &now)
            ),
        );
    } else if !view.is_me {
        field("interactions", "none yet".to_owned());
    }
    if let Some(s) = &view.strength {
        out.push(String::new());
        out.push(format!("Strength {:.0}/100", s.score));
        for line in &view.strength_explained {
            out.push(format!("  {line}"));
        }
    }
    if !view.interactions.is_empty() {
        out.push(String::new());
        out.push("Recent interactions".to_owned());
        for iv in &view.interactions {
            let i = &iv.interaction;
            let minutes = i.minutes.map(|m| format!(" {m} min")).unwrap_or_default();
            let others: Vec<String> = iv.with.iter().filter(|n| **n != pr.name).cloned().collect();
            let with = if others.is_empty() {
                String::new()
            } else {
                format!(" with {}", others.join(", "))
            };
            let note = i
                .note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            out.push(format!(
                "  {}  {} {}{minutes}{with}{note}",
                when(i.occurred_at, tz),
                i.kind,
                i.direction
            ));
        }
    }
    if !view.notes.is_empty() {
        out.push(String::new());
        out.push("Notes".to_owned());
        for n in &view.notes {
            out.push(format!("  {}  {}", day(n.created_at, tz), n.body));
        }
    }
    if !view.dates.is_empty() {
        out.push(String::new());
        out.push("Dates".to_owned());
        for d in &view.dates {
            out.push(format!("  {:<14}{}", d.kind.label(), d.day));
        }
    }
    if !view.life_events.is_empty() {
        out.push(String::new());
        out.push("Life events".to_owned());
        for e in &view.life_events {
            let note = e
                .note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            let ack = if e.acknowledged_at.is_some() {
                " (acknowledged)"
            } else {
                ""
            };
            out.push(format!("  {}  {}{note}{ack}", e.on, e.kind));
        }
    }
    if !view.follow_ups.is_empty() {
        out.push(String::new());
        out.push("Follow-ups".to_owned());
        for f in &view.follow_ups {
            let state = if f.done_at.is_some() { "done" } else { "open" };
            out.push(format!("  {}  {} ({state})", f.due_on, f.text));
        }
    }
    if !view.knows.is_empty() {
        out.push(String::new());
        out.push("Knows".to_owned());
        for k in &view.knows {
            out.push(format!("  {:<28}{:.2} ({})", k.name, k.strength, k.source));
        }
    }
    output::lines(out)
}
