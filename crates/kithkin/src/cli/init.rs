//! `kithkin init [--me NAME]`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Your own name ("me").
    #[arg(long, value_name = "NAME")]
    me: Option<String>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (me, created) = app.init(a.me.as_deref()).await?;
    let location = app.store().location().display();
    if ctx.json {
        return output::json(&serde_json::json!({
            "database": location,
            "backend": app.store().backend_name(),
            "me": { "id": me.id, "name": me.profile.name },
            "created": created,
        }));
    }
    if !ctx.quiet {
        let verb = if created { "Created" } else { "Using" };
        output::lines([
            format!(
                "{verb} {} database at {location}",
                app.store().backend_name()
            ),
            format!("You are {} ({})", me.profile.name, me.id),
        ])?;
    }
    Ok(())
}
