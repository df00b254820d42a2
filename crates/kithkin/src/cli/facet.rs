//! `kithkin facet list|want`: the dimensions people are described by.

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Every facet key with its values and how many people hold each (wanted values marked).
    List,
    /// Mark a value you want represented in your network (diversity reports flag it while
    /// it is below an even share), or unmark it with --remove.
    Want {
        /// The facet key, e.g. region.
        key: String,
        /// The value, e.g. africa.
        value: String,
        /// Unmark it.
        #[arg(long)]
        remove: bool,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::List => {
            let facets = app.facets().await?;
            if ctx.json {
                return output::json(&facets);
            }
            if facets.is_empty() {
                return output::lines([
                    "No facets yet: add one with `kithkin edit NAME --facet industry=fintech`."
                        .to_owned(),
                ]);
            }
            let mut out = Vec::new();
            for f in &facets {
                out.push(format!(
                    "{} ({} people, {} values)",
                    f.key,
                    f.people,
                    f.values.len()
                ));
                for v in &f.values {
                    out.push(format!(
                        "  {:<28} {:>5}{}",
                        v.value,
                        v.people,
                        if v.wanted { "  (wanted)" } else { "" }
                    ));
                }
            }
            output::lines(out)
        }
        Command::Want { key, value, remove } => {
            let changed = app.want_facet(&key, &value, !remove).await?;
            if ctx.json {
                return output::json(&serde_json::json!({
                    "key": key, "value": value, "wanted": !remove, "changed": changed,
                }));
            }
            if !ctx.quiet {
                let msg = match (remove, changed) {
                    (false, true) => format!("Wanted: {key}={value}"),
                    (false, false) => format!("{key}={value} was already wanted"),
                    (true, true) => format!("No longer wanted: {key}={value}"),
                    (true, false) => format!("{key}={value} was not wanted"),
                };
                output::lines([msg])?;
            }
            Ok(())
        }
    }
}
