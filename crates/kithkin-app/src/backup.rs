//! Backups: everything out as a [`Backup`] (`kithkin export json`), a backup back into an
//! empty database (`kithkin import json`), and a one-row-per-person view for spreadsheets
//! (`kithkin export csv`).

use crate::App;
use crate::error::{AppError, Result};
use jiff::Timestamp;
use kithkin_core::backup::{Backup, BackupCounts};
use kithkin_core::{PersonId, ValidationError, text};
use kithkin_store::StoreError;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// At most this many problems of an inconsistent backup are listed (then a count).
pub const PROBLEMS_SHOWN: usize = 20;

/// What a restore did, or would do (`dry_run`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreReport {
    /// True when nothing was written.
    pub dry_run: bool,
    /// The backup's format version.
    pub version: u32,
    /// When the backup was made.
    pub exported_at: Timestamp,
    /// The records restored (or that would be), by kind.
    pub restored: BackupCounts,
}

/// One person as a spreadsheet row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpreadsheetRow {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Email addresses, preferred first.
    pub emails: Vec<String>,
    /// Phone numbers, preferred first.
    pub phones: Vec<String>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Circles, by name.
    pub circles: Vec<String>,
    /// Facets, by key.
    pub facets: BTreeMap<String, String>,
    /// Their own keep-in-touch cadence in days (circle cadences are not folded in).
    pub cadence_days: Option<u32>,
    /// The latest interaction with them.
    pub last_contact: Option<Timestamp>,
    /// Relationship strength today, 0 to 100 (none for archived people).
    pub strength: Option<f64>,
    /// When they were archived.
    pub archived_at: Option<Timestamp>,
}

impl App {
    /// Everything in the database, as of now.
    pub async fn export_json(&self) -> Result<Backup> {
        Ok(self.store.dump(self.timestamp()).await?)
    }

    /// Restores `backup` into this database, which must be empty, in one transaction; with
    /// `dry_run`, everything is checked and written, then rolled back. Refused, before
    /// anything is written: another format, a newer version, a backup that is not whole (a
    /// note about someone it does not hold…), and a database that is not empty.
    pub async fn import_json(&self, backup: &Backup, dry_run: bool) -> Result<RestoreReport> {
        backup.check_header()?;
        backup
            .check()
            .map_err(|problems| AppError::Invalid(shorten(problems)))?;
        match self.store.restore(backup, dry_run).await {
            Ok(()) => {}
            // the database is not empty: the store checks in the restore's own transaction
            Err(StoreError::Conflict(msg)) => return Err(AppError::Conflict(msg)),
            Err(e) => return Err(e.into()),
        }
        Ok(RestoreReport {
            dry_run,
            version: backup.version,
            exported_at: backup.exported_at,
            restored: backup.counts(),
        })
    }

    /// One row per person (not me; archived people included), by name: the contact details,
    /// organisation, labels, circles and facets, own cadence, last contact and today's
    /// strength. A constant number of queries.
    pub async fn spreadsheet(&self) -> Result<Vec<SpreadsheetRow>> {
        let me = self.store.me().await?;
        let people = self.store.all_people().await?;
        let last: HashMap<PersonId, Timestamp> = self
            .store
            .contact_stats()
            .await?
            .into_iter()
            .map(|s| (s.person, s.last_at))
            .collect();
        let (_, until) = self.as_of(None)?;
        let strengths = self.strengths_of(None, until).await?;
        let mut rows: Vec<(String, SpreadsheetRow)> = people
            .into_iter()
            .filter(|p| Some(p.id) != me)
            .map(|p| {
                let key = text::name_key(&p.profile.name);
                let pr = p.profile;
                let row = SpreadsheetRow {
                    id: p.id,
                    name: pr.name,
                    emails: pr.emails,
                    phones: pr.phones,
                    organisation: pr.organisation,
                    title: pr.title,
                    tags: pr.tags,
                    circles: p.circles,
                    facets: pr.facets,
                    cadence_days: pr.cadence.map(|c| c.days()),
                    last_contact: last.get(&p.id).copied(),
                    strength: strengths.get(&p.id).map(|s| s.score),
                    archived_at: p.archived_at,
                };
                (key, row)
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        Ok(rows.into_iter().map(|(_, r)| r).collect())
    }
}

/// The first [`PROBLEMS_SHOWN`] problems, then how many more there are.
fn shorten(mut problems: Vec<ValidationError>) -> Vec<ValidationError> {
    if problems.len() > PROBLEMS_SHOWN {
        let more = problems.len() - PROBLEMS_SHOWN;
        problems.truncate(PROBLEMS_SHOWN);
        problems.push(ValidationError::new(
            "backup",
            "",
            format!("and {more} more problems; the backup is not whole and was not restored"),
        ));
    }
    problems
}
