//! `kithkin import vcard|csv|google-csv|outlook-csv|linkedin|ics|mbox|json …`: a person's data in,
//! matched to who is already known, reported record by record.

use super::Ctx;
use super::output;
use anyhow::Context;
use kithkin_app::App;
use kithkin_app::import::ImportReport;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// vCard files (2.1, 3.0, 4.0; several cards per file), or folders of them (.vcf, .vcard).
    Vcard {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// A Google Contacts CSV export (current or legacy layout).
    GoogleCsv {
        /// The CSV file.
        file: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// An Outlook contacts CSV export (desktop or Outlook.com layout).
    OutlookCsv {
        /// The CSV file.
        file: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Mail: mbox files (streamed, any size) and .eml files, or folders of them. Each message
    /// becomes an email interaction with the people on it; a thread counts once per day.
    Mbox {
        /// Files or folders (.mbox, .mbx, .eml).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Create people for addresses no one has (default: only match known people).
        #[arg(long)]
        create_people: bool,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Any contacts CSV whose layout Kithkin knows (Google, Outlook, LinkedIn, Thunderbird),
    /// recognised from its header.
    Csv {
        /// The CSV file.
        file: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Calendar files (.ics): meetings become interactions with the people on them;
    /// recurring ones expanded up to now; cancelled and declined ones skipped.
    Ics {
        /// Files or folders (.ics).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Create people for attendees no one has the address of.
        #[arg(long)]
        create_people: bool,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// A backup made by `kithkin export json`, into an empty database.
    Json {
        /// The backup file.
        file: PathBuf,
        /// Check the backup and show what it holds without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// LinkedIn: Connections.csv (2018 or 2024 layout), or the unpacked export folder
    /// (connections, messages, invitations, recommendations, endorsements, events).
    Linkedin {
        /// Connections.csv or the export folder.
        path: PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(c: Command, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let report = match c {
        Command::Vcard { paths, dry_run } => {
            let mut report = ImportReport::new("vcard", dry_run);
            let files = collect(&paths, &["vcf", "vcard"])?;
            if files.is_empty() {
                return Err(
                    output::Refused(format!("no .vcf or .vcard file in {}", list(&paths))).into(),
                );
            }
            for file in files {
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let cards = kithkin_formats::vcard::stream_vcards(bytes);
                let count = cards.cards();
                app.import_contact_stream(cards, count, &file.display().to_string(), &mut report)
                    .await?;
            }
            report
        }
        Command::GoogleCsv { file, dry_run } => {
            csv_import(app, "google-csv", &file, dry_run, |r| {
                kithkin_formats::contacts_csv::read_google_csv(r)
            })
            .await?
        }
        Command::OutlookCsv { file, dry_run } => {
            csv_import(app, "outlook-csv", &file, dry_run, |r| {
                kithkin_formats::contacts_csv::read_outlook_csv(r)
            })
            .await?
        }
        Command::Csv { file, dry_run } => {
            csv_import(app, "csv", &file, dry_run, |r| {
                kithkin_formats::contacts_csv::read_contacts_csv(r)
            })
            .await?
        }
        Command::Json { file, dry_run } => {
            return super::backup::restore(file, dry_run, app, ctx).await;
        }
        Command::Ics {
            paths,
            create_people,
            dry_run,
        } => {
            let mut report = ImportReport::new("ics", dry_run);
            for file in collect(&paths, &["ics", "ical", "ifb", "icalendar"])? {
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                app.import_ics(
                    &bytes,
                    &file.display().to_string(),
                    create_people,
                    &mut report,
                )
                .await?;
            }
            report
        }
        Command::Mbox {
            paths,
            create_people,
            dry_run,
        } => return mbox(app, ctx, &paths, create_people, dry_run).await,
        Command::Linkedin { path, dry_run } => {
            if path.is_dir() {
                app.import_linkedin_export(&path, dry_run).await?
            } else {
                csv_import(app, "linkedin", &path, dry_run, |r| {
                    kithkin_formats::contacts_csv::read_linkedin_connections(r)
                })
                .await?
            }
        }
    };
    render(&report, ctx)
}

async fn csv_import(
    app: &App,
    kind: &str,
    file: &Path,
    dry_run: bool,
    read: impl FnOnce(
        std::io::BufReader<std::fs::File>,
    ) -> Result<
        kithkin_formats::contacts_csv::CsvRead,
        kithkin_formats::contacts_csv::CsvError,
    >,
) -> anyhow::Result<ImportReport> {
    let f = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    let read = read(std::io::BufReader::new(f))
        .map_err(|e| output::Refused(format!("{}: {e}", file.display())))?;
    let mut report = ImportReport::new(kind, dry_run);
    app.import_contacts(
        read.records,
        read.errors,
        &file.display().to_string(),
        &mut report,
    )
    .await?;
    Ok(report)
}

/// Every file under `paths` (folders walked recursively, in name order) whose extension is
/// one of `extensions`; files named directly are taken whatever their extension.
pub fn collect(paths: &[PathBuf], extensions: &[&str]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("cannot read {}", p.display()))?;
        if meta.is_dir() {
            walk(p, extensions, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, extensions, out)?;
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            out.push(p);
        }
    }
    Ok(())
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints the report: failures and warnings with file:line on stderr, the counts on stdout.
pub fn render(report: &ImportReport, ctx: &Ctx) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(report);
    }
    for f in &report.failed {
        eprintln!("{}:{}: failed: {}", f.file, f.line, f.message);
    }
    for w in &report.warnings {
        eprintln!("{}:{}: warning: {}", w.file, w.line, w.message);
    }
    if ctx.quiet {
        return Ok(());
    }
    let would = if report.dry_run { "would be " } else { "" };
    let mut line = format!(
        "{} file(s): {} people {would}created, {} {would}updated, {} unchanged, {} failed",
        report.files,
        report.created,
        report.updated,
        report.unchanged,
        report.failed.len()
    );
    if report.interactions + report.interactions_skipped > 0 {
        line.push_str(&format!(
            "; {} interactions {would}added, {} already there",
            report.interactions, report.interactions_skipped
        ));
    }
    if report.favours > 0 {
        line.push_str(&format!("; {} favours {would}added", report.favours));
    }
    if report.dry_run {
        line.push_str(" (dry run: nothing written)");
    }
    output::lines([line])
}

async fn mbox(
    app: &App,
    ctx: &Ctx,
    paths: &[PathBuf],
    create_people: bool,
    dry_run: bool,
) -> anyhow::Result<()> {
    use std::io::{IsTerminal, Write};
    let files = collect(paths, &["mbox", "mbx", "eml"])?;
    let options = kithkin_app::mail_import::MailOptions {
        create_people,
        dry_run,
    };
    let mut import = app.mail_import(options).await?;
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let show_progress = !ctx.quiet && !ctx.json && std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut done: u64 = 0;
    for file in &files {
        let name = file.display().to_string();
        let is_eml = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
        if is_eml {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            done += bytes.len() as u64;
            import
                .add(kithkin_formats::mail::read_eml(&bytes, 1), &name)
                .await?;
            import.report.files += 1;
            continue;
        }
        let f =
            std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
        let mut reader =
            kithkin_formats::mail::MboxReader::new(std::io::BufReader::with_capacity(1 << 20, f));
        let mut last_shown = 0u64;
        while let Some(item) = reader.next() {
            import.add(item, &name).await?;
            let now = done + reader.bytes_read();
            if show_progress && total > 0 && now - last_shown > total / 200 {
                last_shown = now;
                let pct = now as f64 * 100.0 / total as f64;
                let bar = "#".repeat((pct / 2.5) as usize);
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                eprint!(
                    "\r[{bar:<40}] {pct:5.1}%  {:.0} MB  {:.1} MB/s",
                    now as f64 / 1e6,
                    now as f64 / 1e6 / secs
                );
                std::io::stderr().flush().ok();
            }
        }
        done += reader.bytes_read();
        import.report.files += 1;
    }
    import.flush().await?;
    if show_progress {
        eprintln!();
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    import.counts.bytes = done;
    if ctx.json {
        return output::json(&serde_json::json!({
            "report": import.report,
            "mail": import.counts,
            "seconds": secs,
            "mb_per_second": done as f64 / 1e6 / secs,
        }));
    }
    render(&import.report, ctx)?;
    if !ctx.quiet {
        let c = &import.counts;
        output::lines([format!(
            "{} messages read ({:.1} MB in {:.1} s, {:.1} MB/s): {} bulk or list mail skipped, {} with no one known on them, {} unknown addresses{}",
            c.messages,
            done as f64 / 1e6,
            secs,
            done as f64 / 1e6 / secs,
            c.bulk,
            c.no_one,
            c.unknown_addresses,
            if create_people {
                ""
            } else {
                " (--create-people adds them)"
            }
        )])?;
    }
    Ok(())
}
