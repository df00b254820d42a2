//! `kithkin circle create|add|remove|list`

use super::Ctx;
use super::output;
use kithkin_app::App;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Create a circle.
    Create {
        /// Its name.
        name: String,
        /// Default cadence for members without their own: 30d, 2w, 3m.
        #[arg(long, value_name = "30d|2w|3m")]
        cadence: Option<String>,
    },
    /// Add people to a circle.
    Add {
        /// The circle.
        circle: String,
        /// People to add.
        #[arg(required = true, num_args = 1..)]
        people: Vec<String>,
    },
    /// Remove people from a circle.
    Remove {
        /// The circle.
        circle: String,
        /// People to remove.
        #[arg(required = true, num_args = 1..)]
        people: Vec<String>,
    },
    /// List circles with their member counts.
    List,
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::Create { name, cadence } => {
            let circle = app.create_circle(&name, cadence.as_deref()).await?;
            if ctx.json {
                return output::json(&circle);
            }
            if !ctx.quiet {
                let cad = circle
                    .cadence
                    .map(|c| format!(", every {c}"))
                    .unwrap_or_default();
                output::lines([format!("Created circle \"{}\"{cad}", circle.name)])?;
            }
        }
        Command::Add { circle, people } => {
            let (circle, n, named) = app.circle_add(&circle, &people).await?;
            if ctx.json {
                return output::json(&serde_json::json!({ "circle": circle, "added": n }));
            }
            if !ctx.quiet {
                output::lines([format!(
                    "Added {n} to \"{}\" ({} already there)",
                    circle.name,
                    named.saturating_sub(n)
                )])?;
            }
        }
        Command::Remove { circle, people } => {
            let (circle, n) = app.circle_remove(&circle, &people).await?;
            if ctx.json {
                return output::json(&serde_json::json!({ "circle": circle, "removed": n }));
            }
            if !ctx.quiet {
                output::lines([format!("Removed {n} from \"{}\"", circle.name)])?;
            }
        }
        Command::List => {
            let circles = app.circles().await?;
            if ctx.json {
                return output::json(&circles);
            }
            output::lines(circles.iter().map(|c| {
                let cad = c
                    .circle
                    .cadence
                    .map(|c| format!("every {c}"))
                    .unwrap_or_else(|| "no cadence".into());
                format!("{:<30} {:>5} members  {cad}", c.circle.name, c.members)
            }))?;
        }
    }
    Ok(())
}
