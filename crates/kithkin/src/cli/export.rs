//! `kithkin export ics [-o FILE]`: data out of Kithkin (more formats arrive with imports).

use super::Ctx;
use anyhow::Context;
use kithkin_app::App;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The keeping-in-touch calendar (RFC 5545): birthdays and anniversaries yearly, check-ins
    /// and follow-ups as to-dos. UIDs are stable, so re-importing updates.
    Ics {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::Ics { output } => {
            let feed = app.calendar().await?;
            match &output {
                Some(path) => {
                    let mut bytes = Vec::new();
                    feed.write_to(&mut bytes)?;
                    std::fs::write(path, &bytes)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    if !ctx.quiet {
                        eprintln!(
                            "Wrote {} calendar entries to {}",
                            feed.entries.len(),
                            path.display()
                        );
                    }
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    feed.write_to(&mut out)?;
                    out.flush()?;
                }
            }
            Ok(())
        }
    }
}
