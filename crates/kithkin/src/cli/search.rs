//! `kithkin search QUERY`

use super::Ctx;
use super::output;
use kithkin_app::App;
use kithkin_store::Matched;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find (every word must match; word starts count: "clim" finds "climate").
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// At most this many people.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let hits = app.search(&a.query.join(" "), a.limit).await?;
    if ctx.json {
        return output::json(&hits);
    }
    if hits.is_empty() {
        return Err(
            super::output::Refused(format!("nothing matches {:?}", a.query.join(" "))).into(),
        );
    }
    output::lines(hits.iter().map(|h| match &h.matched {
        Matched::Profile => h.name.clone(),
        Matched::Note { excerpt, .. } => format!("{}  (note: {excerpt})", h.name),
    }))
}
