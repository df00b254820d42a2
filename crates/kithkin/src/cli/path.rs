//! `kithkin path TARGET [--max-hops 3]`: warm paths to a person or an organisation.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A person, or an organisation (`org:NAME`, or its name when no person matches).
    target: String,
    /// Longest path, in hops.
    #[arg(long, default_value_t = 3)]
    max_hops: usize,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (label, paths) = app.warm_paths(&a.target, a.max_hops).await?;
    if ctx.json {
        return output::json(&serde_json::json!({ "target": label, "paths": paths }));
    }
    if paths.is_empty() {
        return Err(
            output::Refused(format!("no path to {label} within {} hops", a.max_hops)).into(),
        );
    }
    let mut out = vec![format!("Warm paths to {label}:")];
    for (n, p) in paths.iter().enumerate() {
        let hops: Vec<String> = p
            .path
            .hops
            .iter()
            .zip(p.names.iter().skip(1))
            .map(|(h, name)| format!("{name} ({:.2})", h.strength))
            .collect();
        out.push(format!(
            "  {}. you → {}   strength {:.2}",
            n + 1,
            hops.join(" → "),
            p.path.strength
        ));
    }
    output::lines(out)
}
