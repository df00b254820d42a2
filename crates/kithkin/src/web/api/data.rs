//! Data: me, duplicates and merging, export (backup, spreadsheet, vCard, calendar, network)
//! and import of an uploaded file.

use super::{
    Answer, ApiError, ApiResult, ErrorBody, Fields, ListAnswer, Routes, St, limit, list, ok,
};
use crate::cli::{backup, export};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kithkin_app::import::ImportReport;
use kithkin_app::people::ProfileChanges;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

/// The largest file an import accepts.
const MAX_UPLOAD: usize = 256 * 1024 * 1024;

pub(super) fn routes() -> Routes {
    let imports = Routes::new()
        .routes(routes!(import))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD));
    Routes::new()
        .routes(routes!(me, edit_me))
        .routes(routes!(dupes))
        .routes(routes!(merge))
        .routes(routes!(export_json))
        .routes(routes!(export_csv))
        .routes(routes!(export_vcard))
        .routes(routes!(export_ics))
        .routes(routes!(export_network_csv))
        .routes(routes!(export_graphml))
        .merge(imports)
}

/// Who you are.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeAnswer {
    /// Your id.
    id: String,
    /// Your name.
    name: String,
    /// Your own email addresses (mail import tells sent from received mail by them).
    emails: Vec<String>,
}

async fn me_answer(state: &crate::web::State) -> ApiResult<Json<MeAnswer>> {
    let me = state.app.person(state.app.me().await?).await?;
    Ok(Json(MeAnswer {
        id: me.id.to_string(),
        name: me.profile.name,
        emails: me.profile.emails,
    }))
}

/// Who you are, and your own email addresses (`kithkin me`).
#[utoipa::path(
    get,
    path = "/me",
    tag = "data",
    responses((status = 200, description = "Me", body = MeAnswer))
)]
async fn me(State(state): St) -> ApiResult<Json<MeAnswer>> {
    me_answer(&state).await
}

/// Your own addresses to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeChanges {
    /// Email addresses of yours to add.
    emails: Vec<String>,
}

/// Adds email addresses of yours (`kithkin me --email`).
#[utoipa::path(
    put,
    path = "/me",
    tag = "data",
    request_body = MeChanges,
    responses(
        (status = 200, description = "Me", body = MeAnswer),
        (status = 409, description = "An address belongs to someone else", body = ErrorBody),
        (status = 422, description = "Not an email address", body = ErrorBody)
    )
)]
async fn edit_me(
    State(state): St,
    body: Result<Json<MeChanges>, JsonRejection>,
) -> ApiResult<Json<MeAnswer>> {
    let Json(b) = body?;
    if !b.emails.is_empty() {
        let changes = ProfileChanges {
            emails: b.emails,
            ..ProfileChanges::default()
        };
        state
            .app
            .edit_person("me", &changes)
            .await
            .fields(&[("email", "emails")])?;
    }
    me_answer(&state).await
}

/// How many.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// At most this many pairs (1 to 1000; default 50).
    limit: Option<usize>,
}

/// Likely duplicate people, with a score and the reasons (`kithkin dupes`).
#[utoipa::path(
    get,
    path = "/dupes",
    tag = "data",
    params(LimitQuery),
    responses(
        (status = 200, description = "Pairs, likeliest first", body = ListAnswer),
        (status = 422, description = "Invalid limit", body = ErrorBody)
    )
)]
async fn dupes(
    State(state): St,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> ApiResult<Json<ListAnswer>> {
    let Query(q) = query?;
    let limit = limit(q.limit, 50)?;
    list(&state.app.dupes(limit).await?)
}

/// Two people to merge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The person to keep: id, email or name.
    keep: String,
    /// The duplicate, merged into `keep` and then removed.
    other: String,
}

/// Merges a duplicate into the person to keep: everything moves, nothing is lost (`kithkin
/// merge`).
#[utoipa::path(
    post,
    path = "/merge",
    tag = "data",
    request_body = MergeBody,
    responses(
        (status = 200, description = "What moved", body = Answer),
        (status = 404, description = "Nobody matches keep or other", body = ErrorBody),
        (status = 409, description = "A name matches several people", body = ErrorBody),
        (status = 422, description = "The same person twice, or me as the duplicate", body = ErrorBody)
    )
)]
async fn merge(
    State(state): St,
    body: Result<Json<MergeBody>, JsonRejection>,
) -> ApiResult<Json<Answer>> {
    let Json(b) = body?;
    let keep = super::required("keep", &b.keep)?;
    let other = super::required("other", &b.other)?;
    ok(&state.app.merge(keep, other).await?)
}

/// A file to download.
fn file(content_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn failed(what: &str, e: impl std::fmt::Display) -> ApiError {
    eprintln!("kithkin serve: error: cannot write {what}: {e}");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("cannot write {what}"),
    )
}

/// A complete backup as JSON (`kithkin export json`); `POST /import/json` restores it.
#[utoipa::path(
    get,
    path = "/export/json",
    tag = "data",
    responses((status = 200, description = "The backup", content_type = "application/json", body = Object))
)]
async fn export_json(State(state): St) -> ApiResult<Response> {
    let b = state.app.export_json().await?;
    let bytes = backup::to_json(&b).map_err(|e| failed("the backup", e))?;
    Ok(file("application/json", "kithkin-backup.json", bytes))
}

/// Everyone as a spreadsheet (`kithkin export csv`).
#[utoipa::path(
    get,
    path = "/export/csv",
    tag = "data",
    responses((status = 200, description = "One row per person", content_type = "text/csv", body = String))
)]
async fn export_csv(State(state): St) -> ApiResult<Response> {
    let rows = state.app.spreadsheet().await?;
    let tz = state.app.now().time_zone().clone();
    let bytes = export::spreadsheet(&rows, &tz).map_err(|e| failed("the CSV", e))?;
    Ok(file("text/csv; charset=utf-8", "kithkin.csv", bytes))
}

/// Everyone as vCards 4.0 (`kithkin export vcard`).
#[utoipa::path(
    get,
    path = "/export/vcard",
    tag = "data",
    responses((status = 200, description = "The cards", content_type = "text/vcard", body = String))
)]
async fn export_vcard(State(state): St) -> ApiResult<Response> {
    let records = state.app.export_contacts().await?;
    let mut bytes = Vec::new();
    kithkin_formats::vcard::write_vcards(&mut bytes, &records)
        .map_err(|e| failed("the vCards", e))?;
    Ok(file("text/vcard; charset=utf-8", "kithkin.vcf", bytes))
}

/// The keeping-in-touch calendar (`kithkin export ics`).
#[utoipa::path(
    get,
    path = "/export/ics",
    tag = "data",
    responses((status = 200, description = "The calendar", content_type = "text/calendar", body = String))
)]
async fn export_ics(State(state): St) -> ApiResult<Response> {
    let feed = state.app.calendar().await?;
    let mut bytes = Vec::new();
    feed.write_to(&mut bytes)
        .map_err(|e| failed("the calendar", e))?;
    Ok(file("text/calendar; charset=utf-8", "kithkin.ics", bytes))
}

/// Who knows whom, as an edge list (`kithkin network export --format csv`).
#[utoipa::path(
    get,
    path = "/export/network-csv",
    tag = "data",
    responses((status = 200, description = "The edge list", content_type = "text/csv", body = String))
)]
async fn export_network_csv(State(state): St) -> ApiResult<Response> {
    let graph = state.app.contact_graph().await?;
    let (nodes, edges) = graph.export(None);
    let mut bytes = Vec::new();
    kithkin_formats::edges::write_edges_csv(&mut bytes, &nodes, &edges)
        .map_err(|e| failed("the edge list", e))?;
    Ok(file(
        "text/csv; charset=utf-8",
        "kithkin-network.csv",
        bytes,
    ))
}

/// Who knows whom, as GraphML (`kithkin network export --format graphml`).
#[utoipa::path(
    get,
    path = "/export/graphml",
    tag = "data",
    responses((status = 200, description = "The graph", content_type = "application/graphml+xml", body = String))
)]
async fn export_graphml(State(state): St) -> ApiResult<Response> {
    let graph = state.app.contact_graph().await?;
    let (nodes, edges) = graph.export(None);
    let mut bytes = Vec::new();
    kithkin_formats::edges::write_graphml(&mut bytes, &nodes, &edges)
        .map_err(|e| failed("the GraphML", e))?;
    Ok(file(
        "application/graphml+xml; charset=utf-8",
        "kithkin-network.graphml",
        bytes,
    ))
}

/// What a file to import is.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ImportFormat {
    /// vCard (2.1 to 4.0), one or many cards.
    Vcard,
    /// Kithkin's own contacts CSV.
    Csv,
    /// A Google Contacts CSV export.
    GoogleCsv,
    /// An Outlook contacts CSV export.
    OutlookCsv,
    /// LinkedIn's Connections.csv.
    Linkedin,
    /// An iCalendar file: meetings become interactions.
    Ics,
    /// An mbox file: mail with known people becomes interactions.
    Mbox,
    /// One email message (.eml).
    Eml,
    /// A Kithkin backup (`GET /export/json`), restored into an empty database.
    Json,
    /// An edge list `a,b[,strength]` of who knows whom.
    Edges,
}

impl ImportFormat {
    fn parse(s: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
    }
}

/// How to import.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Report what would happen and write nothing.
    dry_run: Option<bool>,
    /// ics, mbox and eml: create people for unknown addresses.
    create_people: Option<bool>,
}

/// Imports the file in the request body (`kithkin import FORMAT FILE`) and answers with the
/// report: created, updated, unchanged, failed record by record (for `json`, what was
/// restored; for `edges`, the links added).
#[utoipa::path(
    post,
    path = "/import/{format}",
    tag = "data",
    params(
        ("format" = inline(ImportFormat), Path, description = "What the file is"),
        ImportQuery
    ),
    request_body(content = String, content_type = "text/plain", description = "The file"),
    responses(
        (status = 200, description = "The import report", body = Answer),
        (status = 409, description = "A backup restored into a database that is not empty", body = ErrorBody),
        (status = 422, description = "Unknown format, or a file that cannot be read as one", body = ErrorBody)
    )
)]
async fn import(
    State(state): St,
    format: Result<Path<String>, PathRejection>,
    query: Result<Query<ImportQuery>, QueryRejection>,
    body: Bytes,
) -> ApiResult<Json<Answer>> {
    let Path(format) = format?;
    let Query(q) = query?;
    let format = ImportFormat::parse(&format).ok_or_else(|| {
        ApiError::field(
            "format",
            format!(
                "{format:?} is not one of vcard, csv, google-csv, outlook-csv, linkedin, ics, mbox, eml, json, edges"
            ),
        )
    })?;
    let dry_run = q.dry_run.unwrap_or(false);
    let create_people = q.create_people.unwrap_or(false);
    let app = &state.app;
    let name = "upload";
    let unreadable = |e: &dyn std::fmt::Display| ApiError::field("body", format!("{name}: {e}"));
    let csv = |kind: &str| ImportReport::new(kind, dry_run);
    let report = match format {
        ImportFormat::Vcard => {
            let mut report = csv("vcard");
            let read = kithkin_formats::vcard::read_vcards(&body);
            app.import_contacts(read.records, read.errors, name, &mut report)
                .await?;
            report
        }
        ImportFormat::Csv
        | ImportFormat::GoogleCsv
        | ImportFormat::OutlookCsv
        | ImportFormat::Linkedin => {
            use kithkin_formats::contacts_csv as c;
            let input = body.as_ref();
            let (kind, read) = match format {
                ImportFormat::GoogleCsv => ("google-csv", c::read_google_csv(input)),
                ImportFormat::OutlookCsv => ("outlook-csv", c::read_outlook_csv(input)),
                ImportFormat::Linkedin => ("linkedin", c::read_linkedin_connections(input)),
                _ => ("csv", c::read_contacts_csv(input)),
            };
            let read = read.map_err(|e| unreadable(&e))?;
            let mut report = csv(kind);
            app.import_contacts(read.records, read.errors, name, &mut report)
                .await?;
            report
        }
        ImportFormat::Ics => {
            let mut report = csv("ics");
            app.import_ics(&body, name, create_people, &mut report)
                .await?;
            report
        }
        ImportFormat::Mbox | ImportFormat::Eml => {
            let options = kithkin_app::mail_import::MailOptions {
                create_people,
                dry_run,
            };
            let mut import = app.mail_import(options).await?;
            if matches!(format, ImportFormat::Eml) {
                import
                    .add(kithkin_formats::mail::read_eml(&body, 1), name)
                    .await?;
            } else {
                let reader = kithkin_formats::mail::MboxReader::new(body.as_ref());
                for item in reader {
                    import.add(item, name).await?;
                }
            }
            import.report.files += 1;
            import.flush().await?;
            return ok(&serde_json::json!({ "report": import.report, "mail": import.counts }));
        }
        ImportFormat::Json => {
            let b = backup::parse(&body, std::path::Path::new(name)).map_err(|e| unreadable(&e))?;
            return ok(&app.import_json(&b, dry_run).await?);
        }
        ImportFormat::Edges => {
            return ok(&app
                .import_edges(body.as_ref(), name, dry_run)
                .await
                .fields(&[("file", "body")])?);
        }
    };
    ok(&report)
}
