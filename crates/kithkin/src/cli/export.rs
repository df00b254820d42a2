//! `kithkin export ics|json|csv [-o FILE]`: data out of Kithkin.

use super::Ctx;
use super::backup;
use super::output;
use anyhow::Context;
use kithkin_app::App;
use kithkin_app::backup::SpreadsheetRow;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// The keeping-in-touch calendar (RFC 5545): birthdays and anniversaries yearly, check-ins
    /// and follow-ups as to-dos. UIDs are stable, so re-importing updates.
    Ics {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Everything, as a complete and versioned JSON backup (see docs/json.md): `kithkin
    /// import json FILE` restores it into an empty database, and exporting that gives the
    /// same file.
    Json {
        /// Write to this file instead of standard output (replaced only once complete).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every person (you left out) as vCard 4.0; the Kithkin id is each card's UID, so
    /// `kithkin import vcard` of this file into an empty database gives the same people.
    Vcard {
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One row per person for spreadsheets (you left out, archived people included): name,
    /// emails, phones, organisation, title, tags, circles, facets, own cadence in days, last
    /// contact, strength today.
    Csv {
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
        Command::Json { output } => {
            let backup = app.export_json().await?;
            let bytes = backup::to_json(&backup)?;
            let counts = backup.counts();
            let what = format!("a backup of {}", backup::summary(&counts));
            let summary = serde_json::json!({ "counts": counts });
            emit(output.as_deref(), &bytes, &what, summary, ctx)
        }
        Command::Vcard { output } => {
            let records = app.export_contacts().await?;
            let mut bytes = Vec::new();
            kithkin_formats::vcard::write_vcards(&mut bytes, &records)?;
            let what = format!("{} people", records.len());
            let summary = serde_json::json!({ "people": records.len() });
            emit(output.as_deref(), &bytes, &what, summary, ctx)
        }
        Command::Csv { output } => {
            let rows = app.spreadsheet().await?;
            let bytes = spreadsheet(&rows, &app.now().time_zone().clone())?;
            let what = format!("{} people", rows.len());
            let summary = serde_json::json!({ "rows": rows.len() });
            emit(output.as_deref(), &bytes, &what, summary, ctx)
        }
    }
}

/// Writes `bytes` to standard output, or to `path` (through a temporary file beside it, so
/// an earlier file there is replaced only by a complete one) and says `what` it wrote on
/// standard error; with `--json`, `{"file", …summary}` goes to standard output instead.
fn emit(
    path: Option<&Path>,
    bytes: &[u8],
    what: &str,
    mut summary: serde_json::Value,
    ctx: &Ctx,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    if ctx.json {
        if let Some(fields) = summary.as_object_mut() {
            fields.insert("file".into(), path.display().to_string().into());
        }
        return output::json(&summary);
    }
    if !ctx.quiet {
        eprintln!("Wrote {what} to {}", path.display());
    }
    Ok(())
}

/// The spreadsheet columns, in order.
const COLUMNS: [&str; 13] = [
    "id",
    "name",
    "emails",
    "phones",
    "organisation",
    "title",
    "tags",
    "circles",
    "facets",
    "cadence_days",
    "last_contact",
    "strength",
    "archived_on",
];

/// People as CSV (RFC 4180, a header row, lists joined by "; ", days in the user's zone).
pub(crate) fn spreadsheet(
    rows: &[SpreadsheetRow],
    tz: &jiff::tz::TimeZone,
) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for r in rows {
        let facets: Vec<String> = r.facets.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let record = [
            r.id.to_string(),
            r.name.clone(),
            r.emails.join("; "),
            r.phones.join("; "),
            r.organisation.clone().unwrap_or_default(),
            r.title.clone().unwrap_or_default(),
            r.tags.join("; "),
            r.circles.join("; "),
            facets.join("; "),
            r.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            r.last_contact
                .map(|t| output::day(t, tz))
                .unwrap_or_default(),
            r.strength.map(|s| format!("{s:.0}")).unwrap_or_default(),
            r.archived_at
                .map(|t| output::day(t, tz))
                .unwrap_or_default(),
        ];
        w.write_record(record.map(inert))?;
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write the CSV: {}", e.error()))
}

/// A cell a spreadsheet will not run as a formula: one that starts with `=`, `@`, a tab or
/// a carriage return, or with `+` or `-` followed by anything but phone-number characters,
/// gets a leading `'` (imported names and notes come from outside).
fn inert(cell: String) -> String {
    let phone_like = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || " +-().x/;".contains(c))
    };
    let risky = match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !phone_like(&cell),
        _ => false,
    };
    if risky { format!("'{cell}") } else { cell }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_are_defused_and_phone_numbers_kept() {
        assert_eq!(inert("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(inert("+cmd|' /C calc'!A0".into()), "'+cmd|' /C calc'!A0");
        assert_eq!(inert("-2+3+cmd".into()), "'-2+3+cmd");
        assert_eq!(
            inert("+1 (555) 010-1234; +44 20 7946 0000".into()),
            "+1 (555) 010-1234; +44 20 7946 0000"
        );
        assert_eq!(inert("Ana Lima".into()), "Ana Lima");
        assert_eq!(inert(String::new()), "");
    }
}
