//! Backups as JSON files: writing one (`kithkin export json`), reading one back with errors
//! that say where the file is wrong, and restoring it (`kithkin import json FILE`).

use super::Ctx;
use super::output::{self, Refused};
use kithkin_app::App;
use kithkin_app::backup::RestoreReport;
use kithkin_core::backup::{Backup, BackupCounts, check_header};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A backup as pretty-printed JSON (two-space indents, fields in a fixed order, lists in the
/// backup's canonical order), ending with a newline.
pub fn to_json(backup: &Backup) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(backup)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Reads a backup from JSON. What is not one is refused with the file, and for JSON that
/// is broken or of the wrong shape, the line and column: a file cut short, another kind of
/// JSON file, another format, a newer version.
pub fn parse(bytes: &[u8], origin: &Path) -> Result<Backup, Refused> {
    serde_json::from_slice::<Backup>(bytes).map_err(|e| Refused(explain(bytes, origin, &e)))
}

/// The first fields of a backup, read on their own when the whole does not parse, to tell
/// "not a backup" and "a newer backup" from a damaged one.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

fn explain(bytes: &[u8], origin: &Path, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let file = origin.display();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return format!(
            "{file}: is empty; a Kithkin backup is a JSON object with \"format\": \"kithkin-backup\""
        );
    }
    let (line, column) = (e.line(), e.column());
    // serde_json ends its message with " at line L column C"; the position is said once
    let full = e.to_string();
    let what = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full);
    match e.classify() {
        Category::Eof => format!(
            "{file}: the JSON ends too early, at line {line}, column {column} ({what}); the file looks cut short"
        ),
        Category::Syntax | Category::Io => {
            format!("{file}: not valid JSON at line {line}, column {column}: {what}")
        }
        Category::Data => match serde_json::from_slice::<Header>(bytes) {
            Ok(h) => {
                let format = h.format.as_ref().and_then(serde_json::Value::as_str);
                let version = h.version.as_ref().and_then(serde_json::Value::as_u64);
                match check_header(format, version) {
                    Err(refusal) => format!("{file}: {refusal}"),
                    Ok(()) => format!(
                        "{file}: not a valid Kithkin backup at line {line}, column {column}: {what}"
                    ),
                }
            }
            Err(_) => format!(
                "{file}: not a Kithkin backup (one is a JSON object with \"format\": \"kithkin-backup\"): {what}"
            ),
        },
    }
}

/// `kithkin import json FILE [--dry-run]`: restores a backup into the (empty) database.
pub async fn restore(path: PathBuf, dry_run: bool, app: &App, ctx: &Ctx) -> anyhow::Result<()> {
    let bytes = std::fs::read(&path)
        .map_err(|e| Refused(format!("cannot read {}: {e}", path.display())))?;
    let backup = parse(&bytes, &path)?;
    let report = app.import_json(&backup, dry_run).await?;
    if ctx.json {
        return output::json(&Restored {
            file: path.display().to_string(),
            report: &report,
        });
    }
    if ctx.quiet {
        return Ok(());
    }
    let what = summary(&report.restored);
    let line = if dry_run {
        format!(
            "Dry run: {} holds {what}; all of it would be restored. Nothing was written.",
            path.display()
        )
    } else {
        format!(
            "Restored {what} from {} (backup of {}).",
            path.display(),
            report.exported_at
        )
    };
    output::lines([line])
}

/// `import json --json`: the report and the file it came from.
#[derive(serde::Serialize)]
struct Restored<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a RestoreReport,
}

/// The kinds a backup holds, in words (`61 people, 3 circles, 412 interactions`), empty
/// kinds left out.
pub fn summary(c: &BackupCounts) -> String {
    let kinds = [
        (c.people, "person", "people"),
        (c.organisations, "organisation", "organisations"),
        (c.circles, "circle", "circles"),
        (c.notes, "note", "notes"),
        (c.events, "event", "events"),
        (c.interactions, "interaction", "interactions"),
        (c.knows, "knows link", "knows links"),
        (c.dates, "important date", "important dates"),
        (c.life_events, "life event", "life events"),
        (c.help_items, "need or offer", "needs and offers"),
        (c.favours, "favour", "favours"),
        (c.introductions, "introduction", "introductions"),
        (c.collaborations, "collaboration", "collaborations"),
        (c.goals, "goal", "goals"),
        (c.follow_ups, "follow-up", "follow-ups"),
        (c.facet_wanted, "wanted facet value", "wanted facet values"),
        (c.org_memberships, "membership", "memberships"),
        (c.person_sources, "source key", "source keys"),
        (c.settings, "setting", "settings"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use kithkin_app::FixedClock;
    use kithkin_core::knows::{KnowsLink, KnowsSource};

    const NOW: &str = "2026-03-10T09:00:00Z";

    async fn app(path: &Path) -> App {
        let now: jiff::Timestamp = NOW.parse().unwrap();
        let clock = FixedClock(now.to_zoned(jiff::tz::TimeZone::UTC));
        App::open(&path.display().to_string(), Box::new(clock))
            .await
            .unwrap()
    }

    fn ctx() -> Ctx {
        Ctx {
            json: false,
            quiet: true,
            db: None,
        }
    }

    /// Exports the demo (plus a strength the default JSON parser would misread), restores
    /// the file into a new database, and exports that: the same bytes.
    #[tokio::test]
    async fn export_restore_export_gives_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = app(&dir.path().join("a.db")).await;
        a.demo().await.unwrap();
        let people = a.store().all_people().await.unwrap();
        let tricky = 0.945_270_695_553_922_3;
        let link =
            KnowsLink::new(people[1].id, people[2].id, tricky, KnowsSource::Imported).unwrap();
        a.store().set_knows(&link, a.timestamp()).await.unwrap();
        let first = to_json(&a.export_json().await.unwrap()).unwrap();
        a.close().await;
        let file = dir.path().join("backup.json");
        std::fs::write(&file, &first).unwrap();

        let b = app(&dir.path().join("b.db")).await;
        restore(file.clone(), true, &b, &ctx()).await.unwrap();
        assert_eq!(
            b.store().counts().await.unwrap().people,
            0,
            "a dry run writes nothing"
        );
        restore(file.clone(), false, &b, &ctx()).await.unwrap();
        let second = to_json(&b.export_json().await.unwrap()).unwrap();
        assert!(first == second, "the second export differs from the first");
        let back = parse(&second, &file).unwrap();
        assert!(back.knows.iter().any(|k| k.link.strength == tricky));
        assert!(back.people.len() > 50);

        // and a database that is not empty any more is refused
        let err = restore(file, false, &b, &ctx()).await.unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        b.close().await;
    }

    fn refusal(bytes: &[u8]) -> String {
        parse(bytes, Path::new("b.json")).unwrap_err().0
    }

    #[test]
    fn a_file_cut_short_names_the_line_and_column() {
        let whole = to_json(&Backup::new(NOW.parse().unwrap())).unwrap();
        let msg = refusal(&whole[..whole.len() / 2]);
        assert!(
            msg.starts_with("b.json: the JSON ends too early, at line "),
            "{msg}"
        );
        assert!(msg.contains("column"), "{msg}");
        assert!(msg.contains("cut short"), "{msg}");
        assert_eq!(
            refusal(b"\n"),
            "b.json: is empty; a Kithkin backup is a JSON object with \"format\": \"kithkin-backup\""
        );
        let msg = refusal(b"{\n  \"format\": \"kithkin-backup\",\n  \"version\": 1,,\n}");
        assert!(msg.contains("not valid JSON at line 3, column 16"), "{msg}");
    }

    #[test]
    fn other_json_and_newer_versions_are_refused_by_what_they_are() {
        let msg = refusal(b"[1, 2, 3]");
        assert!(msg.contains("not a Kithkin backup"), "{msg}");
        let msg = refusal(br#"{"nodes": [], "edges": []}"#);
        assert!(msg.contains("backup format \"\": is missing"), "{msg}");
        let msg =
            refusal(br#"{"format": "kithkin-backup", "version": 2, "people": {"new": "shape"}}"#);
        assert!(
            msg.contains("backup version \"2\": is newer than this kithkin"),
            "{msg}"
        );
        let msg = refusal(br#"{"format": "kithkin-backup", "version": 1, "exported_at": "2026-03-10T09:00:00Z", "people": 7}"#);
        assert!(
            msg.contains("not a valid Kithkin backup at line 1, column"),
            "{msg}"
        );
        assert!(msg.contains("invalid type: integer `7`"), "{msg}");
    }

    #[tokio::test]
    async fn a_newer_version_that_parses_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let b = app(&dir.path().join("b.db")).await;
        let mut backup = Backup::new(NOW.parse().unwrap());
        backup.version = 2;
        let file = dir.path().join("v2.json");
        std::fs::write(&file, to_json(&backup).unwrap()).unwrap();
        let err = restore(file, false, &b, &ctx()).await.unwrap_err();
        assert!(err.to_string().contains("newer than this kithkin"), "{err}");
        let err = restore(dir.path().join("missing.json"), false, &b, &ctx())
            .await
            .unwrap_err();
        assert!(err.to_string().starts_with("cannot read "), "{err}");
        b.close().await;
    }

    #[test]
    fn numbers_are_read_back_exactly() {
        let v: f64 = serde_json::from_str("0.9452706955539223").unwrap();
        assert_eq!(v, 0.945_270_695_553_922_3);
    }

    #[test]
    fn summaries_name_what_is_there() {
        let c = BackupCounts {
            people: 2,
            circles: 1,
            ..BackupCounts::default()
        };
        assert_eq!(summary(&c), "2 people, 1 circle");
        assert_eq!(summary(&BackupCounts::default()), "nothing");
    }
}
