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
            "  {} interactions over the last year, {} notes, {} knows links",
            c.interactions, c.notes, c.knows
        ),
        format!(
            "  {} important dates, {} life events, {} needs and offers, {} favours",
            c.dates, c.life_events, c.help_items, c.favours
        ),
        format!(
            "  {} event, {} introduction in progress, {} collaboration, {} goals, {} follow-up",
            c.events, c.introductions, c.collaborations, c.goals, c.follow_ups
        ),
        String::new(),
        "  Most in touch:".to_owned(),
    ];
    for (name, n) in &overview.closest {
        out.push(format!("    {name:<24} {n} interactions"));
    }
    let shares = |v: &[(String, usize)]| {
        v.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push(format!("  Industries: {}", shares(&overview.industries)));
    out.push(format!("  Regions:    {}", shares(&overview.regions)));
    out.push(String::new());
    out.push("Try:".to_owned());
    for cmd in [
        "list --circle \"Climate founders\"",
        "show zoe",
        "search rust",
        "list --facet region=africa",
    ] {
        out.push(format!("  kithkin --db {location} {cmd}"));
    }
    output::lines(out)
}
