//! The import page (`/import`): upload a file in one of the formats `kithkin import` reads,
//! optionally as a dry run, and see the report (created, updated, unchanged, failed with line
//! and reason). The same `App` functions as the CLI do the work; the upload is read into
//! memory (every reader takes bytes or a reader), up to [`UPLOAD_LIMIT`].

use super::State;
use super::pages::page;
use askama::Template;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::multipart::MultipartRejection;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use kithkin_app::AppError;
use kithkin_app::import::ImportReport;
use std::io::Cursor;

/// The largest upload accepted. Tests use a small one to exercise the refusal.
#[cfg(not(test))]
pub const UPLOAD_LIMIT: usize = 256 * 1024 * 1024;
#[cfg(test)]
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024;

/// Room for the multipart framing and the other fields around the file.
const FRAMING: usize = 64 * 1024;

/// The formats offered, as `kithkin import` names them, with their descriptions.
pub const FORMATS: [(&str, &str); 8] = [
    (
        "vcard",
        "vCard (.vcf), from Apple, Google, Outlook, Android, Nextcloud",
    ),
    ("google-csv", "Google Contacts CSV"),
    ("outlook-csv", "Outlook contacts CSV"),
    ("csv", "Any contacts CSV Kithkin recognises from its header"),
    ("linkedin", "LinkedIn Connections.csv"),
    ("ics", "Calendar (.ics): meetings become interactions"),
    ("mbox", "Mail (.mbox or .eml): messages become interactions"),
    (
        "json",
        "Kithkin backup (export json), into an empty database",
    ),
];

/// The import routes, with the upload limit.
pub fn router() -> Router<State> {
    Router::new()
        .route("/import", get(form).post(upload))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT + FRAMING))
}

/// One format in the select.
#[derive(Debug)]
struct FormatOption {
    value: &'static str,
    label: &'static str,
    selected: bool,
}

/// One failed record or warning.
#[derive(Debug)]
struct Problem {
    file: String,
    line: u64,
    message: String,
}

/// The report, ready to show.
#[derive(Debug, Default)]
struct Shown {
    /// "people created" and so on, one line each.
    counts: Vec<(String, String)>,
    failed: Vec<Problem>,
    warnings: Vec<Problem>,
    /// One sentence for imports that are not contacts (a backup, mail).
    summary: String,
    dry_run: bool,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    formats: Vec<FormatOption>,
    dry_run: bool,
    create_people: bool,
    limit_mib: usize,
    error: String,
    report: Option<Shown>,
}

fn formats(selected: &str) -> Vec<FormatOption> {
    FORMATS
        .iter()
        .map(|(value, label)| FormatOption {
            value,
            label,
            selected: *value == selected,
        })
        .collect()
}

fn blank(format: &str, dry_run: bool, create_people: bool) -> ImportPage {
    ImportPage {
        formats: formats(format),
        dry_run,
        create_people,
        limit_mib: UPLOAD_LIMIT / (1024 * 1024),
        error: String::new(),
        report: None,
    }
}

async fn form() -> Response {
    page(StatusCode::OK, &blank("vcard", false, false))
}

/// What the upload's form held.
#[derive(Debug, Default)]
struct Upload {
    format: String,
    dry_run: bool,
    create_people: bool,
    file_name: String,
    bytes: Vec<u8>,
    has_file: bool,
}

/// The response for a refused upload: the form again with the message.
fn refused(status: StatusCode, u: &Upload, message: String) -> Response {
    let mut p = blank(&u.format, u.dry_run, u.create_people);
    p.error = message;
    page(status, &p)
}

fn too_large() -> String {
    format!(
        "The file is larger than the {} MiB an upload may be. Import it with the command line instead: kithkin import FORMAT FILE.",
        UPLOAD_LIMIT / (1024 * 1024)
    )
}

/// Reads the form's fields, the file in full; `Err` holds the status and the message.
async fn read(multipart: &mut Multipart, u: &mut Upload) -> Result<(), (StatusCode, String)> {
    let failed = |e: MultipartError| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            (status, too_large())
        } else {
            (
                StatusCode::BAD_REQUEST,
                format!("The upload could not be read: {}", e.body_text()),
            )
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(failed)? {
        match field.name().unwrap_or_default() {
            "format" => u.format = field.text().await.map_err(failed)?.trim().to_owned(),
            "dry_run" => u.dry_run = true,
            "create_people" => u.create_people = true,
            "file" => {
                u.file_name = field
                    .file_name()
                    .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| "upload".to_owned());
                while let Some(chunk) = field.chunk().await.map_err(failed)? {
                    if u.bytes.len() + chunk.len() > UPLOAD_LIMIT {
                        return Err((StatusCode::PAYLOAD_TOO_LARGE, too_large()));
                    }
                    u.bytes.extend_from_slice(&chunk);
                }
                u.has_file = true;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Imports the uploaded file and shows the report (200), or the form with the reason it
/// was refused: 413 too large, 422 no file, an unknown format or a file that is not in it,
/// 409 a backup into a database that is not empty.
async fn upload(
    axum::extract::State(state): axum::extract::State<State>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut u = Upload::default();
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => {
            return refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                &u,
                format!("Send the form as multipart/form-data: {}", e.body_text()),
            );
        }
    };
    if let Err((status, message)) = read(&mut multipart, &mut u).await {
        return refused(status, &u, message);
    }
    if !FORMATS.iter().any(|(f, _)| *f == u.format) {
        let message = format!("Choose a format; {:?} is not one Kithkin reads.", u.format);
        return refused(StatusCode::UNPROCESSABLE_ENTITY, &u, message);
    }
    if !u.has_file || u.bytes.is_empty() {
        let message = "Choose a file to import (it is empty or missing).".to_owned();
        return refused(StatusCode::UNPROCESSABLE_ENTITY, &u, message);
    }
    match import(&state, &u).await {
        Ok(shown) => {
            let mut p = blank(&u.format, u.dry_run, u.create_people);
            p.report = Some(shown);
            page(StatusCode::OK, &p)
        }
        Err(Refusal::User(status, message)) => refused(status, &u, message),
        Err(Refusal::App(e)) => super::pages::error_page(&e),
    }
}

/// Why an import did not happen.
enum Refusal {
    /// The user's file or choice: the status and the message.
    User(StatusCode, String),
    /// The database failed.
    App(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Conflict(m) => Refusal::User(StatusCode::CONFLICT, m),
            e if e.is_user_error() => {
                Refusal::User(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            }
            e => Refusal::App(e),
        }
    }
}

fn user(message: String) -> Refusal {
    Refusal::User(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// Runs the import the CLI's `kithkin import FORMAT` runs, on the uploaded bytes.
async fn import(state: &State, u: &Upload) -> Result<Shown, Refusal> {
    use kithkin_formats::contacts_csv as csv;
    let app = &state.app;
    let name = u.file_name.as_str();
    let mut report = ImportReport::new(&u.format, u.dry_run);
    let contacts =
        |read: Result<csv::CsvRead, csv::CsvError>| read.map_err(|e| user(format!("{name}: {e}")));
    match u.format.as_str() {
        "vcard" => {
            let read = kithkin_formats::vcard::read_vcards(&u.bytes);
            app.import_contacts(read.records, read.errors, name, &mut report)
                .await?;
        }
        "google-csv" | "outlook-csv" | "csv" | "linkedin" => {
            let input = Cursor::new(&u.bytes);
            let read = contacts(match u.format.as_str() {
                "google-csv" => csv::read_google_csv(input),
                "outlook-csv" => csv::read_outlook_csv(input),
                "linkedin" => csv::read_linkedin_connections(input),
                _ => csv::read_contacts_csv(input),
            })?;
            app.import_contacts(read.records, read.errors, name, &mut report)
                .await?;
        }
        "ics" => {
            app.import_ics(&u.bytes, name, u.create_people, &mut report)
                .await?;
        }
        "mbox" => return mail(state, u).await,
        "json" => {
            let backup = serde_json::from_slice::<kithkin_core::backup::Backup>(&u.bytes)
                .map_err(|e| user(format!("{name}: not a Kithkin backup (export json): {e}")))?;
            let r = app.import_json(&backup, u.dry_run).await?;
            let what = crate::cli::backup::summary(&r.restored);
            return Ok(Shown {
                summary: if u.dry_run {
                    format!(
                        "Dry run: {name} holds {what}; all of it would be restored. Nothing was written."
                    )
                } else {
                    format!("Restored {what} from {name} (backup of {}).", r.exported_at)
                },
                dry_run: u.dry_run,
                ..Shown::default()
            });
        }
        _ => {
            return Err(user(format!(
                "{:?} is not a format Kithkin reads",
                u.format
            )));
        }
    }
    report.files = report.files.max(1);
    Ok(shown(report, String::new()))
}

/// Mail: an mbox, or one message (.eml).
async fn mail(state: &State, u: &Upload) -> Result<Shown, Refusal> {
    let options = kithkin_app::mail_import::MailOptions {
        create_people: u.create_people,
        dry_run: u.dry_run,
    };
    let mut import = state.app.mail_import(options).await?;
    let name = u.file_name.as_str();
    let is_eml = name.to_ascii_lowercase().ends_with(".eml");
    if is_eml {
        import
            .add(kithkin_formats::mail::read_eml(&u.bytes, 1), name)
            .await?;
    } else {
        let reader = kithkin_formats::mail::MboxReader::new(Cursor::new(&u.bytes));
        for item in reader {
            import.add(item, name).await?;
        }
    }
    import.report.files += 1;
    import.flush().await?;
    let c = &import.counts;
    let summary = format!(
        "{} messages read: {} bulk or list mail skipped, {} with no one known on them, {} unknown addresses{}.",
        c.messages,
        c.bulk,
        c.no_one,
        c.unknown_addresses,
        if u.create_people {
            ""
        } else {
            " (tick “Create people” to add them)"
        }
    );
    Ok(shown(import.report.clone(), summary))
}

fn shown(r: ImportReport, summary: String) -> Shown {
    let would = if r.dry_run { "would be " } else { "" };
    let mut counts = vec![
        (format!("People {would}created"), r.created.to_string()),
        (format!("People {would}updated"), r.updated.to_string()),
        ("Unchanged".to_owned(), r.unchanged.to_string()),
        ("Failed".to_owned(), r.failed.len().to_string()),
    ];
    if r.interactions + r.interactions_skipped > 0 {
        counts.push((
            format!("Interactions {would}added"),
            r.interactions.to_string(),
        ));
        counts.push((
            "Interactions already there".to_owned(),
            r.interactions_skipped.to_string(),
        ));
    }
    if r.favours > 0 {
        counts.push((format!("Favours {would}added"), r.favours.to_string()));
    }
    let problems = |v: Vec<kithkin_app::import::ImportProblem>| {
        v.into_iter()
            .map(|p| Problem {
                file: p.file,
                line: p.line,
                message: p.message,
            })
            .collect()
    };
    Shown {
        counts,
        failed: problems(r.failed),
        warnings: problems(r.warnings),
        summary,
        dry_run: r.dry_run,
    }
}
