//! `kithkin dupes [--limit N]` and `kithkin merge KEEP OTHER`: find and merge duplicates.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show at most this many pairs.
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The person to keep.
    keep: String,
    /// The person to merge into them (deleted once everything has moved).
    other: String,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let pairs = app.dupes(a.limit).await?;
    if ctx.json {
        return output::json(&pairs);
    }
    if pairs.is_empty() {
        return output::lines(["No likely duplicates.".to_owned()]);
    }
    let mut out = Vec::new();
    for p in &pairs {
        out.push(format!(
            "{:>3.0}%  {} ({})  ~  {} ({})",
            p.score * 100.0,
            p.a.name,
            short(&p.a.id.to_string()),
            p.b.name,
            short(&p.b.id.to_string())
        ));
        out.push(format!("      {}", p.reasons.join("; ")));
    }
    out.push(String::new());
    out.push("Merge one pair with `kithkin merge KEEP OTHER` (ids work).".into());
    output::lines(out)
}

pub async fn merge(a: MergeArgs, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let report = app.merge(&a.keep, &a.other).await?;
    if ctx.json {
        return output::json(&report);
    }
    if ctx.quiet {
        return Ok(());
    }
    let mut out = vec![format!(
        "Merged {} into {}",
        report.merged.name, report.kept.name
    )];
    for (what, n) in &report.moved {
        out.push(format!("  moved {n} {what}"));
    }
    for g in &report.profile_gained {
        out.push(format!("  gained {g}"));
    }
    output::lines(out)
}

fn short(id: &str) -> &str {
    id.get(id.len().saturating_sub(8)..).unwrap_or(id)
}
