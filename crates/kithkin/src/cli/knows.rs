//! `kithkin knows PERSON PERSON [--strength 0..1]`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One person.
    a: String,
    /// The other.
    b: String,
    /// How well they know each other, 0 to 1 [default: 0.5].
    #[arg(long)]
    strength: Option<f64>,
}

pub async fn run(a: Args, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let (link, [(ia, na), (ib, nb)]) = app.knows(&a.a, &a.b, a.strength).await?;
    if ctx.json {
        return output::json(&serde_json::json!({
            "a": { "id": ia, "name": na },
            "b": { "id": ib, "name": nb },
            "strength": link.strength,
            "source": link.source,
        }));
    }
    if !ctx.quiet {
        output::lines([format!(
            "{na} and {nb} know each other (strength {:.2})",
            link.strength
        )])?;
    }
    Ok(())
}
