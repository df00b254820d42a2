//! `kithkin network import-edges FILE.csv` and `kithkin network export --format
//! csv|graphml|json [-o FILE]`: the graph of who knows whom among my contacts.

use super::Ctx;
use super::output;
use anyhow::Context;
use kithkin_app::App;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read links between contacts from a CSV with the header `source,target[,weight]`
    /// (names; weight in (0, 1], 1 when absent). People no one has the name of are created.
    ImportEdges {
        /// The CSV file.
        file: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the graph between contacts (explicit links and links from shared interactions).
    Export {
        /// csv (the layout import-edges reads), graphml or json.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Graphml,
    Json,
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    match c {
        Command::ImportEdges { file, dry_run } => {
            let reader = std::fs::File::open(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let name = file.display().to_string();
            let report = app
                .import_edges(std::io::BufReader::new(reader), &name, dry_run)
                .await?;
            if ctx.json {
                return output::json(&report);
            }
            for e in &report.errors {
                eprintln!("{name}:{}: skipped: {}", e.line, e.message);
            }
            if !ctx.quiet {
                let verb = if dry_run { "would add" } else { "added" };
                output::lines([format!(
                    "{name}: {} links read; {verb} {} links, {} stronger, {} unchanged; {} people created; {} records skipped",
                    report.read,
                    report.links_added,
                    report.links_strengthened,
                    report.links_unchanged,
                    report.people_created.len(),
                    report.errors.len()
                )])?;
            }
            Ok(())
        }
        Command::Export { format, output } => {
            let graph = app.contact_graph().await?;
            let (nodes, edges) = graph.export(None);
            let mut bytes = Vec::new();
            match format {
                Format::Csv => kithkin_formats::edges::write_edges_csv(&mut bytes, &nodes, &edges)?,
                Format::Graphml => {
                    kithkin_formats::edges::write_graphml(&mut bytes, &nodes, &edges)?
                }
                Format::Json => {
                    serde_json::to_writer_pretty(
                        &mut bytes,
                        &serde_json::json!({ "nodes": nodes, "edges": edges }),
                    )?;
                    bytes.push(b'\n');
                }
            }
            match &output {
                Some(path) => {
                    std::fs::write(path, &bytes)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    if !ctx.quiet {
                        eprintln!(
                            "Wrote {} people and {} links to {}",
                            nodes.len(),
                            edges.len(),
                            path.display()
                        );
                    }
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes)?;
                    out.flush()?;
                }
            }
            Ok(())
        }
    }
}
