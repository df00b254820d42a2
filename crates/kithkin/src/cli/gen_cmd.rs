//! `kithkin gen --people N [--seed S] [--truth FILE]`: a synthetic network for benchmarks.

use super::Ctx;
use super::output;
use anyhow::Context;
use kithkin_app::App;
use kithkin_formats::truth::{TruthRow, write_truth};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many people to generate.
    #[arg(long)]
    people: usize,
    /// Seed: the same seed gives the same network.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Write the planted truth (name,closeness,community) to this CSV file.
    #[arg(long, value_name = "FILE")]
    truth: Option<PathBuf>,
}

pub async fn run(a: Args, ctx: &Ctx) -> anyhow::Result<()> {
    let location = ctx.location()?;
    // The truth file is opened (not yet truncated) before anything is generated, so that an
    // unwritable path is refused while the database is still empty and `gen` can be run again.
    let truth_file = match &a.truth {
        Some(path) => {
            let existed = path.exists();
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Some((file, existed))
        }
        None => None,
    };
    let started = Instant::now();
    let generated = match generate(&a, &location, ctx).await {
        Ok(g) => g,
        Err(e) => {
            // Leave no empty truth file behind when nothing was generated.
            if let (Some(path), Some((_, false))) = (&a.truth, &truth_file) {
                let _ = std::fs::remove_file(path);
            }
            return Err(e);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    if let (Some(path), Some((file, _))) = (&a.truth, truth_file) {
        file.set_len(0)
            .with_context(|| format!("cannot write {}", path.display()))?;
        let rows = generated.planted.iter().map(|p| TruthRow {
            name: &p.name,
            closeness: p.closeness,
            community: p.community,
        });
        write_truth(std::io::BufWriter::new(file), rows)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if ctx.json {
        return output::json(
            &serde_json::json!({ "database": location, "generated": generated, "seconds": seconds }),
        );
    }
    if !ctx.quiet {
        output::lines([
            format!("Generated into {location} in {seconds:.1} s:"),
            format!(
                "  {} people, {} interactions, {} knows links, {} notes, {} needs and offers, {} favours, {} dates",
                generated.people,
                generated.interactions,
                generated.knows,
                generated.notes,
                generated.help_items,
                generated.favours,
                generated.dates
            ),
        ])?;
    }
    Ok(())
}

/// Opens the database and generates the network into it.
async fn generate(
    a: &Args,
    location: &str,
    ctx: &Ctx,
) -> anyhow::Result<kithkin_app::generate::Generated> {
    let app = App::open(location, super::clock()?).await?;
    let show_progress = !ctx.quiet && !ctx.json && std::io::stderr().is_terminal();
    let total = a.people;
    let result = app
        .generate(a.people, a.seed, |done| {
            if show_progress {
                eprint!("\r  {done}/{total} people");
            }
        })
        .await;
    app.close().await;
    if show_progress {
        eprintln!();
    }
    Ok(result?)
}
