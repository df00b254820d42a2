//! `kithkin demo [--db PATH]`: a demo network in a fresh database.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_a: Args, ctx: &Ctx) -> anyhow::Result<()> {
    let location = match &ctx.db {
        Some(db) => db.clone(),
        None => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            std::env::temp_dir()
                .join(format!("kithkin-demo-{}-{stamp}.db", std::process::id()))
                .display()
                .to_string()
        }
    };
    let app = App::open(&location, super::clock()?).await?;
    let result = app.demo().await;
    app.close().await;
    let overview = result?;
    if ctx.json {
        return output::json(&serde_json::json!({ "database": location, "overview": overview }));
    }
    if ctx.quiet {
        return Ok(());
    }
    let c = &overview.counts;
    let mut out = vec![
        format!("Demo network written to {location}"),
        String::new(),
        format!(
            "  {} people ({} archived), {} organisations, {} circles",
            c.people, c.archived, c.organisations, c.circles
        ),
        format!(
            "  {} interactions, {} notes, {} knows links",
            c.interactions, c.notes, c.knows
        ),
        format!(
            "  {} important dates, {} life events, {} needs and offers, {} favours",
            c.dates, c.life_events, c.help_items, c.favours
        ),
        format!(
            "  {} events, {} introduction in progress, {} collaboration, {} goals, {} follow-up",
            c.events, c.introductions, c.collaborations, c.goals, c.follow_ups
        ),
        String::new(),
        "  Strongest ties:".to_owned(),
    ];
    for (name, score) in &overview.strongest {
        out.push(format!("    {name:<24} {score:.0}/100"));
    }
    let shares = |v: &[(String, usize)]| {
        v.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push(format!("  Industries: {}", shares(&overview.industries)));
    out.push(format!("  Regions:    {}", shares(&overview.regions)));
    let count = |kind: &str| {
        overview
            .agenda
            .items
            .iter()
            .filter(|i| {
                serde_json::to_value(i)
                    .ok()
                    .and_then(|v| v.get("type").cloned())
                    == Some(kind.into())
            })
            .count()
    };
    out.push(format!(
        "  Today: {} check-ins due, {} dates this week, {} life events to acknowledge, {} follow-ups due, {} thank-yous owed, {} people met at events to follow up",
        count("check_in"),
        count("date"),
        count("life_event"),
        count("follow_up"),
        count("thanks_owed"),
        count("event_follow_up")
    ));
    let r = &overview.reciprocity;
    out.push(format!(
        "  Give and take: given {:.1}, received {:.1} (decayed weights); {} one-sided; {} thanks owed",
        r.totals.given,
        r.totals.received,
        r.totals.one_sided,
        overview.thanks_owed.len()
    ));
    for b in r.people.iter().filter(|b| b.balance.flag.is_some()).take(2) {
        out.push(format!(
            "    {}: {}",
            b.name,
            b.balance.reason.clone().unwrap_or_default()
        ));
    }
    for t in &overview.reconnect {
        out.push(format!(
            "  Worth reviving: {} — {}",
            t.name, t.dormant.reason
        ));
    }
    out.push(String::new());
    out.push("Try:".to_owned());
    for cmd in [
        "today",
        "show zoe",
        "strength --limit 10",
        "reconnect",
        "review",
        "goal status",
        "event list",
        "org show \"Climate Collective\"",
        "time",
        "brief zoe",
        "value",
        "report reciprocity",
        "gratitude",
        "thank --draft margaret",
        "list --circle \"Climate founders\"",
        "search rust",
        "export ics -o kithkin.ics",
    ] {
        out.push(format!("  kithkin --db {location} {cmd}"));
    }
    output::lines(out)
}
