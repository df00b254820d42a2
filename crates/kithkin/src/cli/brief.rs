//! `kithkin brief PERSON [--md]` and `kithkin value [PERSON]`.

use super::Ctx;
use super::output::{self, day};
use kithkin_app::App;
use kithkin_app::brief::{Brief, TREND_DAYS};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person you are about to meet.
    person: String,
    /// Markdown (the default text is Markdown too; this flag is for symmetry with --json).
    #[arg(long)]
    md: bool,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let brief = app.brief(&a.person).await?;
    if ctx.json {
        return output::json(&brief);
    }
    let _ = a.md;
    output::lines(markdown(&brief, app))
}

fn section(out: &mut Vec<String>, title: &str, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(format!("## {title}"));
    out.push(String::new());
    out.extend(lines.into_iter().map(|l| format!("- {l}")));
}

fn markdown(b: &Brief, app: &App) -> Vec<String> {
    let tz = app.now().time_zone().clone();
    let pr = &b.person.profile;
    let mut out = vec![format!("# Brief: {}", pr.name)];
    let mut who = Vec::new();
    let work = [pr.title.clone(), pr.organisation.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !work.is_empty() {
        who.push(work);
    }
    if !pr.roles.is_empty() {
        who.push(format!(
            "roles: {}",
            pr.roles
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(m) = &pr.met_at {
        who.push(format!(
            "met: {m}{}",
            pr.met_on.map(|d| format!(" ({d})")).unwrap_or_default()
        ));
    }
    if let Some(i) = &b.introduced_by {
        who.push(format!("introduced by {i}"));
    }
    if !pr.interests.is_empty() {
        who.push(format!("interests: {}", pr.interests.join(", ")));
    }
    if let Some(s) = &b.strength {
        let trend = match b.strength_before {
            Some(p) => format!(" ({:+.0} over {TREND_DAYS} days)", s.score - p),
            None => String::new(),
        };
        who.push(format!("strength {:.0}/100{trend}", s.score));
    }
    section(&mut out, "Who they are", who);
    section(
        &mut out,
        "Last conversations",
        b.last_interactions
            .iter()
            .map(|iv| {
                let i = &iv.interaction;
                let note = i
                    .note
                    .as_ref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default();
                format!("{} {}{note}", day(i.occurred_at, &tz), i.kind)
            })
            .collect(),
    );
    let mut now = Vec::new();
    now.extend(b.open_needs.iter().map(|h| format!("needs: {}", h.text)));
    now.extend(b.goals.iter().map(|g| format!("goal: {g}")));
    now.extend(b.life_events.iter().map(|e| {
        format!(
            "{} on {}{}",
            e.kind,
            e.on,
            e.note
                .as_ref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        )
    }));
    section(&mut out, "What is going on for them", now);
    let mut ledger: Vec<String> = b
        .favours
        .iter()
        .take(5)
        .map(|f| {
            format!(
                "{} → {}: {} ({})",
                f.giver_name,
                f.receiver_name,
                f.favour.text,
                day(f.favour.occurred_at, &tz)
            )
        })
        .collect();
    ledger.extend(
        b.thanks_owed
            .iter()
            .map(|f| format!("thanks owed for: {}", f.favour.text)),
    );
    section(&mut out, "Give and take", ledger);
    let mut help: Vec<String> = b.ways_to_help.iter().map(|m| m.reason.clone()).collect();
    help.extend(b.ways_they_help.iter().map(|m| m.reason.clone()));
    section(&mut out, "Ways to help", help);
    let mut ask: Vec<String> = b
        .recent_notes
        .iter()
        .map(|n| format!("{} — {}", day(n.created_at, &tz), n.body))
        .collect();
    ask.extend(
        b.open_follow_ups
            .iter()
            .map(|f| format!("open: {} (due {})", f.text, f.due_on)),
    );
    section(&mut out, "Things to ask about", ask);
    section(
        &mut out,
        "Mutual connections",
        b.mutual_connections
            .iter()
            .take(8)
            .map(|k| format!("{} ({:.2})", k.name, k.strength))
            .collect(),
    );
    out
}

#[derive(Debug, clap::Args)]
pub struct ValueArgs {
    /// Only with this person [default: everyone].
    person: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

pub async fn value(a: ValueArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let with = match &a.person {
        Some(p) => Some(app.resolve(p).await?),
        None => None,
    };
    let mut matches = app.ways_to_add_value(with).await?;
    matches.truncate(a.limit);
    if ctx.json {
        return output::json(&matches);
    }
    if matches.is_empty() {
        return output::lines([
            "No matches yet: record needs and offers (`kithkin need`, `kithkin offer`), yours too."
                .to_owned(),
        ]);
    }
    output::lines(
        matches
            .iter()
            .map(|m| format!("{:.2}  {}", m.score, m.reason)),
    )
}
