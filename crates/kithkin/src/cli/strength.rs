//! `kithkin strength` and `kithkin reconnect`: tie strength for everyone, and strong ties gone quiet.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// As of the end of this day [default: today].
    #[arg(long, value_name = "DATE")]
    at: Option<String>,
    /// Only the strongest N.
    #[arg(long)]
    limit: Option<usize>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let mut list = app.strength_list(a.at.as_deref()).await?;
    if let Some(n) = a.limit {
        list.truncate(n);
    }
    if ctx.json {
        return output::json(&list);
    }
    let mut out = vec![format!(
        "{:<28} {:>5}  {:>7} {:>9} {:>11} {:>5} {:>8} {:>8}",
        "person", "score", "recency", "intensity", "reciprocity", "depth", "duration", "contexts"
    )];
    for p in &list {
        let c = &p.strength.components;
        out.push(format!(
            "{:<28} {:>5.0}  {:>7.2} {:>9.2} {:>11.2} {:>5.2} {:>8.2} {:>8.2}",
            truncate(&p.name, 28),
            p.strength.score,
            c.recency,
            c.intensity,
            c.reciprocity,
            c.depth,
            c.duration,
            c.contexts
        ));
    }
    output::lines(out)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

#[derive(Debug, clap::Args)]
pub struct ReconnectArgs {
    /// How many suggestions.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

pub async fn reconnect(a: ReconnectArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let ties = app.reconnect(a.limit).await?;
    if ctx.json {
        return output::json(&ties);
    }
    if ties.is_empty() {
        return output::lines([
            "No dormant strong ties: everyone you were close to is still in touch.".to_owned(),
        ]);
    }
    output::lines(
        ties.iter()
            .map(|t| format!("{:<28} {}", t.name, t.dormant.reason)),
    )
}
