//! Imports: contacts from any source (vCard, LinkedIn, Google, Outlook) become people,
//! matched to the people already known — by source id (vCard UID), email, normalised phone,
//! LinkedIn profile, then exact name — so that importing twice adds nothing, and importing
//! the same person from two sources gives one person.
//!
//! Every import reports what it created, updated, left unchanged and could not read (with
//! file and line), never aborts a file for one bad record, and writes in batches of
//! [`BATCH`] records, one being written while the next fills: a crash loses at most those
//! two, and a re-run completes them (matching makes re-running harmless). `dry_run` reads and
//! matches everything and writes nothing.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use jiff::Timestamp;
use kithkin_core::batch::Batch;
use kithkin_core::dates::{DateKind, ImportantDate};
use kithkin_core::note::Note;
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::{DateId, NoteId, PersonId, text};
use kithkin_formats::contact::ContactRecord;
use kithkin_formats::edges::RecordError;
use kithkin_store::{PreparedBatch, Store};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Files with at least this many records load everyone once instead of per match.
const BULK_FROM: usize = 500;

/// Records written per transaction.
pub const BATCH: usize = 10_000;

/// Source key kinds recorded in `person_sources`.
const VCARD_UID: &str = "vcard-uid";
const LINKEDIN: &str = "linkedin";

/// A record that could not be imported, or a value that was dropped from one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportProblem {
    /// The file.
    pub file: String,
    /// Its line (1-based; 0 when the whole file is concerned).
    pub line: u64,
    /// What went wrong, and what was done.
    pub message: String,
}

/// What an import did (or, with a dry run, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// What was imported (`vcard`, `linkedin`, …).
    pub kind: String,
    /// Nothing was written.
    pub dry_run: bool,
    /// Files read.
    pub files: usize,
    /// People created.
    pub created: usize,
    /// People who gained something (an email, a phone, a birthday, a note…).
    pub updated: usize,
    /// Records matching someone who already had everything in them.
    pub unchanged: usize,
    /// Interactions added (mail, meetings, messages).
    pub interactions: usize,
    /// Interactions already imported before (skipped).
    pub interactions_skipped: usize,
    /// Favours added (recommendations, endorsements).
    pub favours: usize,
    /// Records that could not be imported, with file, line and why.
    pub failed: Vec<ImportProblem>,
    /// Values dropped from records that were imported (an invalid email…), with why.
    pub warnings: Vec<ImportProblem>,
}

impl ImportReport {
    /// A report for one kind of import.
    pub fn new(kind: &str, dry_run: bool) -> Self {
        ImportReport {
            kind: kind.to_owned(),
            dry_run,
            ..ImportReport::default()
        }
    }

    /// Adds the per-record errors a reader reported for `file`.
    pub fn read_errors(&mut self, file: &str, errors: Vec<RecordError>) {
        self.failed
            .extend(errors.into_iter().map(|e| ImportProblem {
                file: file.to_owned(),
                line: e.line,
                message: e.message,
            }));
    }
}

/// Who is already known, by every key a contact can be matched on.
#[derive(Debug, Default)]
pub(crate) struct Identity {
    by_uid: HashMap<String, PersonId>,
    by_email: HashMap<String, PersonId>,
    by_phone: HashMap<String, PersonId>,
    by_linkedin: HashMap<String, PersonId>,
    by_name: HashMap<String, Vec<PersonId>>,
    ids: HashSet<PersonId>,
}

/// How a record was matched to a known person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchedBy {
    Uid,
    Email,
    Phone,
    LinkedIn,
    Name,
}

impl Identity {
    pub(crate) async fn load(app: &App) -> Result<Identity> {
        let mut id = Identity::default();
        for (kind, key, person) in app.store.contact_keys().await? {
            match kind.as_str() {
                "email" => {
                    id.by_email.entry(key).or_insert(person);
                }
                "phone" if !key.is_empty() => {
                    id.by_phone.entry(key).or_insert(person);
                }
                "url" => {
                    if let Some(k) = linkedin_key(&key) {
                        id.by_linkedin.entry(k).or_insert(person);
                    }
                }
                _ => {}
            }
        }
        for (source, key, person) in app.store.source_keys().await? {
            match source.as_str() {
                VCARD_UID => {
                    id.by_uid.insert(key, person);
                }
                LINKEDIN => {
                    id.by_linkedin.insert(key, person);
                }
                _ => {}
            }
        }
        for e in app.store.name_entries(None).await? {
            id.ids.insert(e.id);
            id.by_name.entry(e.key).or_default().push(e.id);
        }
        Ok(id)
    }

    /// The person this record is, if known: by UID, email, phone, LinkedIn, then a name only
    /// one person has.
    pub(crate) fn find(&self, r: &ContactRecord) -> Option<(PersonId, MatchedBy)> {
        if let Some(p) = r.uid.as_ref().and_then(|u| self.by_uid.get(u.trim())) {
            return Some((*p, MatchedBy::Uid));
        }
        for e in &r.emails {
            if let Some(p) = self.by_email.get(&text::email_key(e)) {
                return Some((*p, MatchedBy::Email));
            }
        }
        for ph in &r.phones {
            let key = text::phone_key(ph);
            if let Some(p) = self.by_phone.get(&key).filter(|_| key.len() >= 6) {
                return Some((*p, MatchedBy::Phone));
            }
        }
        if let Some(p) = r
            .linkedin
            .as_deref()
            .and_then(linkedin_key)
            .and_then(|k| self.by_linkedin.get(&k))
        {
            return Some((*p, MatchedBy::LinkedIn));
        }
        match self
            .by_name
            .get(&text::name_key(&r.name))
            .map(Vec::as_slice)
        {
            Some([one]) => Some((*one, MatchedBy::Name)),
            _ => None,
        }
    }

    /// The person with this LinkedIn profile address, if known.
    pub(crate) fn by_linkedin(&self, url: &str) -> Option<PersonId> {
        linkedin_key(url).and_then(|k| self.by_linkedin.get(&k).copied())
    }

    /// The one person with this exact name, if exactly one has it.
    pub(crate) fn by_name(&self, name: &str) -> Option<PersonId> {
        match self.by_name.get(&text::name_key(name)).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    /// Remembers every key of a person just created or updated.
    pub(crate) fn remember(&mut self, person: PersonId, r: &ContactRecord) {
        self.ids.insert(person);
        if let Some(u) = &r.uid {
            self.by_uid.entry(u.trim().to_owned()).or_insert(person);
        }
        for e in &r.emails {
            self.by_email.entry(text::email_key(e)).or_insert(person);
        }
        for ph in &r.phones {
            let key = text::phone_key(ph);
            if key.len() >= 6 {
                self.by_phone.entry(key).or_insert(person);
            }
        }
        if let Some(k) = r.linkedin.as_deref().and_then(linkedin_key) {
            self.by_linkedin.entry(k).or_insert(person);
        }
        let names = self.by_name.entry(text::name_key(&r.name)).or_default();
        if !names.contains(&person) {
            names.push(person);
        }
    }
}

/// A LinkedIn profile URL as a key: `linkedin.com/in/<handle>`, lowercased, without scheme,
/// `www.`, query or trailing slash; `None` for anything else.
pub fn linkedin_key(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_end_matches('/');
    let handle = rest.strip_prefix("linkedin.com/in/")?;
    (!handle.is_empty() && !handle.contains('/')).then(|| format!("linkedin.com/in/{handle}"))
}

/// What mail and calendar imports need of me: who I am, my own addresses (normalised), and
/// everyone else by email.
pub(crate) struct Addresses {
    pub(crate) me: PersonId,
    pub(crate) mine: HashSet<String>,
    pub(crate) by_email: HashMap<String, PersonId>,
}

impl App {
    /// Me, my addresses and the people by email; refused when my addresses are unknown
    /// (`purpose` says what they are needed for).
    pub(crate) async fn addresses(&self, purpose: &str) -> Result<Addresses> {
        let me = self.me().await?;
        let mine: HashSet<String> = self
            .person(me)
            .await?
            .profile
            .emails
            .iter()
            .map(|e| text::email_key(e))
            .collect();
        if mine.is_empty() {
            return Err(crate::error::AppError::NotFound(format!(
                "your own email addresses are not known, so {purpose}; declare them with `kithkin me --email ADDRESS`"
            )));
        }
        let mut by_email = HashMap::new();
        for (kind, key, person) in self.store.contact_keys().await? {
            if kind == "email" && person != me {
                by_email.entry(key).or_insert(person);
            }
        }
        Ok(Addresses { me, mine, by_email })
    }
}

/// A new person for an address no one has: named by the display name when it is a name,
/// else by the address itself.
pub(crate) fn person_from_address(name: Option<&str>, email: &str, now: Timestamp) -> Person {
    let key = text::email_key(email);
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty() && text::name_key(n).len() > 1)
        .map_or_else(|| key.clone(), str::to_owned);
    let mut profile = PersonProfile::named(name);
    profile.emails = vec![key.clone()];
    profile.normalise();
    if profile.validate().is_err() {
        profile = PersonProfile::named(key.clone());
        profile.emails = vec![key];
    }
    Person {
        id: PersonId(new_uuid()),
        profile,
        circles: Vec::new(),
        archived_at: None,
        snoozed_until: None,
        created_at: now,
        updated_at: now,
    }
}

/// The pending writes of an import, flushed every [`BATCH`] records.
#[derive(Default)]
struct Pending {
    batch: Batch,
    sources: Vec<(String, String, PersonId)>,
    updates: Vec<Person>,
    /// Index in `batch.people` of people created in this batch.
    created: HashMap<PersonId, usize>,
    records: usize,
}

/// A full batch on its way to the writer, its rows computed on the matching thread
/// ([`PreparedBatch`]).
struct Flushed {
    batch: PreparedBatch,
    sources: Vec<(String, String, PersonId)>,
    updates: Vec<Person>,
}

impl Flushed {
    /// Writes everything: the new people and their rows in one transaction, then the updated
    /// people and the source keys. Hands the new people back, for later records to merge into.
    async fn write(self, store: &Store, now: Timestamp) -> Result<Vec<Person>> {
        if !self.batch.batch().is_empty() {
            store.write_prepared(&self.batch, now).await?;
        }
        for person in &self.updates {
            store.update_person(person).await?;
        }
        store.add_source_keys(&self.sources).await?;
        Ok(self.batch.into_batch().people)
    }
}

/// Writes an import's batches on a task of its own, so that the next batch is read and
/// matched while the previous one is being written: at most one batch is being written while
/// the next one fills.
struct Writer {
    store: Store,
    in_flight: Option<tokio::task::JoinHandle<Result<Vec<Person>>>>,
}

impl Writer {
    fn new(store: &Store) -> Self {
        Writer {
            store: store.clone(),
            in_flight: None,
        }
    }

    /// Starts writing `pending` once the batch before it is written; returns the people that
    /// batch created.
    async fn send(&mut self, pending: Flushed, now: Timestamp) -> Result<Vec<Person>> {
        let written = self.finish().await?;
        let store = self.store.clone();
        self.in_flight = Some(tokio::spawn(
            async move { pending.write(&store, now).await },
        ));
        Ok(written)
    }

    /// Whether a batch is being written.
    fn busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Waits until every batch sent is written; returns the people the last one created.
    async fn finish(&mut self) -> Result<Vec<Person>> {
        match self.in_flight.take() {
            None => Ok(Vec::new()),
            Some(task) => match task.await {
                Ok(written) => written,
                Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                Err(e) => Err(AppError::Conflict(format!(
                    "the import stopped before its last batch was written ({e}); run it again \
                     to complete it"
                ))),
            },
        }
    }
}

impl App {
    /// Imports contact records read from `file` (with the reader's per-record `errors`).
    pub async fn import_contacts(
        &self,
        records: Vec<ContactRecord>,
        errors: Vec<RecordError>,
        file: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        let count = records.len();
        let read = errors
            .into_iter()
            .map(Err)
            .chain(records.into_iter().map(Ok));
        self.import_contact_stream(read, count, file, report).await
    }

    /// Imports contact records of `file` as a reader hands them out (a record, or why one
    /// could not be read), matching and writing the first ones while the reader reads on
    /// ([`kithkin_formats::vcard::stream_vcards`]). `count` is about how many there are: from
    /// a few hundred on, everyone already stored is read at once rather than one by one.
    /// The reader's errors are reported first, as [`App::import_contacts`] does.
    pub async fn import_contact_stream(
        &self,
        records: impl Iterator<Item = std::result::Result<ContactRecord, RecordError>> + Send,
        count: usize,
        file: &str,
        report: &mut ImportReport,
    ) -> Result<()> {
        report.files += 1;
        let failed_before = report.failed.len();
        let mut read_errors = Vec::new();
        self.import_read(records, count, file, report, &mut read_errors)
            .await?;
        // the reader's errors first, then what matching refused, as for a file read whole
        let refused = report.failed.split_off(failed_before);
        report.read_errors(file, read_errors);
        report.failed.extend(refused);
        Ok(())
    }

    /// The matching and writing of [`App::import_contact_stream`]; the reader's errors go to
    /// `read_errors`.
    async fn import_read(
        &self,
        records: impl Iterator<Item = std::result::Result<ContactRecord, RecordError>> + Send,
        count: usize,
        file: &str,
        report: &mut ImportReport,
        read_errors: &mut Vec<RecordError>,
    ) -> Result<()> {
        let mut identity = Identity::load(self).await?;
        let now = self.timestamp();
        let mut pending = Pending::default();
        let mut writer = Writer::new(&self.store);
        // people created or updated in this import, by id: later records merge into the same
        // copy (kept after their batch is written, so a later record of theirs finds them)
        let mut touched: HashMap<PersonId, Person> = HashMap::new();
        let mut dates_known: HashMap<PersonId, HashSet<String>> = HashMap::new();
        let mut notes_known: HashMap<PersonId, HashSet<String>> = HashMap::new();
        // a big file reads everyone at once instead of one person at a time
        let bulk = count >= BULK_FROM;
        let mut stored: HashMap<PersonId, Person> = HashMap::new();
        if bulk {
            stored = self
                .store
                .all_people()
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            for (p, kind) in self.store.date_kinds().await? {
                dates_known.entry(p).or_default().insert(kind);
            }
            for (p, body) in self.store.note_bodies().await? {
                notes_known
                    .entry(p)
                    .or_default()
                    .insert(body.trim().to_owned());
            }
        }
        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    read_errors.push(e);
                    continue;
                }
            };
            if record.is_empty() {
                report.failed.push(ImportProblem {
                    file: file.to_owned(),
                    line: record.line,
                    message: "no name, email or phone".into(),
                });
                continue;
            }
            let matched = identity.find(&record);
            let outcome = match matched {
                Some((id, _)) => {
                    let mut found = touched.remove(&id);
                    if found.is_none()
                        && writer.busy()
                        && !pending.created.contains_key(&id)
                        && !stored.contains_key(&id)
                    {
                        // someone in the batch being written: wait for it to come back
                        keep(&mut touched, writer.finish().await?);
                        found = touched.remove(&id);
                    }
                    let mut person = match found {
                        Some(p) => p,
                        None => match pending.created.get(&id) {
                            Some(&i) => pending.batch.people[i].clone(),
                            None => match stored.remove(&id) {
                                Some(p) => p,
                                None if bulk => continue,
                                None => match self.store.person(id).await? {
                                    Some(p) => p,
                                    None => continue,
                                },
                            },
                        },
                    };
                    let before = person.profile.clone();
                    merge_into(&mut person.profile, &record);
                    let mut warnings = Vec::new();
                    clean(&mut person.profile, &mut warnings);
                    if !bulk && !dates_known.contains_key(&id) && !pending.created.contains_key(&id)
                    {
                        let known = self
                            .store
                            .dates_of(id)
                            .await?
                            .into_iter()
                            .map(|d| date_kind_key(&d.kind))
                            .collect();
                        dates_known.insert(id, known);
                        let notes = self
                            .store
                            .notes_of(id, 10_000)
                            .await?
                            .into_iter()
                            .map(|n| n.body.trim().to_owned())
                            .collect();
                        notes_known.insert(id, notes);
                    }
                    let extra = extras(
                        id,
                        &record,
                        now,
                        dates_known.entry(id).or_default(),
                        notes_known.entry(id).or_default(),
                        &mut pending.batch,
                    );
                    let changed = person.profile != before;
                    for w in warnings {
                        report.warnings.push(ImportProblem {
                            file: file.to_owned(),
                            line: record.line,
                            message: w,
                        });
                    }
                    if let Some(&i) = pending.created.get(&id) {
                        pending.batch.people[i] = person.clone();
                    } else if changed {
                        person.updated_at = now;
                        pending.updates.retain(|p| p.id != id);
                        pending.updates.push(person.clone());
                    }
                    touched.insert(id, person);
                    identity.remember(id, &record);
                    source_keys(id, &record, &mut pending.sources);
                    if changed || extra {
                        Outcome::Updated
                    } else {
                        Outcome::Unchanged
                    }
                }
                None => {
                    let mut profile = PersonProfile::default();
                    merge_into(&mut profile, &record);
                    if profile.name.trim().is_empty() {
                        profile.name = record
                            .emails
                            .first()
                            .or(record.phones.first())
                            .cloned()
                            .unwrap_or_default();
                    }
                    let mut warnings = Vec::new();
                    clean(&mut profile, &mut warnings);
                    if let Err(problems) = profile.validate() {
                        report.failed.push(ImportProblem {
                            file: file.to_owned(),
                            line: record.line,
                            message: problems
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("; "),
                        });
                        continue;
                    }
                    for w in warnings {
                        report.warnings.push(ImportProblem {
                            file: file.to_owned(),
                            line: record.line,
                            message: w,
                        });
                    }
                    // a UID that is a Kithkin id no one here has keeps it (exports round-trip)
                    let from_uid = match record
                        .uid
                        .as_deref()
                        .map(|u| u.trim().trim_start_matches("urn:uuid:").parse::<PersonId>())
                    {
                        Some(Ok(id)) if !identity.ids.contains(&id) => Some(id),
                        _ => None,
                    };
                    let id = from_uid.unwrap_or_else(|| PersonId(new_uuid()));
                    pending.created.insert(id, pending.batch.people.len());
                    pending.batch.people.push(Person {
                        id,
                        profile,
                        circles: Vec::new(),
                        archived_at: None,
                        snoozed_until: None,
                        created_at: now,
                        updated_at: now,
                    });
                    extras(
                        id,
                        &record,
                        now,
                        dates_known.entry(id).or_default(),
                        notes_known.entry(id).or_default(),
                        &mut pending.batch,
                    );
                    identity.remember(id, &record);
                    source_keys(id, &record, &mut pending.sources);
                    Outcome::Created
                }
            };
            match outcome {
                Outcome::Created => report.created += 1,
                Outcome::Updated => report.updated += 1,
                Outcome::Unchanged => report.unchanged += 1,
            }
            pending.records += 1;
            if pending.records >= BATCH {
                flush(&mut pending, &mut touched, &mut writer, report.dry_run, now).await?;
            }
        }
        flush(&mut pending, &mut touched, &mut writer, report.dry_run, now).await?;
        writer.finish().await.map(drop)
    }
}

/// Keeps `people` (created by a batch) in `touched`, where later records matching them find
/// them; a copy already there is as new or newer.
fn keep(touched: &mut HashMap<PersonId, Person>, people: Vec<Person>) {
    for person in people {
        touched.entry(person.id).or_insert(person);
    }
}

/// Hands the pending batch to the writer (unless this is a dry run); the people it creates
/// join `touched` once written (at once in a dry run).
async fn flush(
    pending: &mut Pending,
    touched: &mut HashMap<PersonId, Person>,
    writer: &mut Writer,
    dry_run: bool,
    now: Timestamp,
) -> Result<()> {
    let Pending {
        batch,
        sources,
        updates,
        ..
    } = std::mem::take(pending);
    if dry_run {
        keep(touched, batch.people);
        return Ok(());
    }
    let flushed = Flushed {
        batch: PreparedBatch::new(batch),
        sources,
        updates,
    };
    keep(touched, writer.send(flushed, now).await?);
    Ok(())
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

fn date_kind_key(k: &DateKind) -> String {
    match k {
        DateKind::Birthday => "birthday".into(),
        DateKind::Anniversary => "anniversary".into(),
        DateKind::Other(l) => text::label(l),
    }
}

/// The source keys a record carries.
fn source_keys(id: PersonId, r: &ContactRecord, out: &mut Vec<(String, String, PersonId)>) {
    if let Some(u) = r.uid.as_ref().map(|u| u.trim()).filter(|u| !u.is_empty()) {
        out.push((VCARD_UID.into(), u.to_owned(), id));
    }
    if let Some(k) = r.linkedin.as_deref().and_then(linkedin_key) {
        out.push((LINKEDIN.into(), k, id));
    }
}

/// Adds what the record has and the profile lacks: missing single fields are filled (never
/// overwritten), list values added when new (compared without case).
pub(crate) fn merge_into(p: &mut PersonProfile, r: &ContactRecord) {
    let fill = |slot: &mut Option<String>, value: &Option<String>| {
        if slot.as_deref().is_none_or(|s| s.trim().is_empty())
            && let Some(v) = value.as_ref().map(|v| v.trim()).filter(|v| !v.is_empty())
        {
            *slot = Some(v.to_owned());
        }
    };
    if p.name.trim().is_empty() {
        p.name = r.name.trim().to_owned();
    }
    fill(&mut p.nickname, &r.nickname);
    fill(&mut p.organisation, &r.organisation);
    fill(&mut p.title, &r.title);
    let add = |list: &mut Vec<String>, values: &[String], key: fn(&str) -> String| {
        for v in values {
            let v = v.trim();
            if !v.is_empty() && !list.iter().any(|x| key(x) == key(v)) {
                list.push(v.to_owned());
            }
        }
    };
    add(&mut p.emails, &r.emails, text::email_key);
    add(&mut p.phones, &r.phones, text::phone_key);
    add(&mut p.addresses, &r.addresses, text::fold);
    add(&mut p.urls, &r.urls, |s| s.trim().to_lowercase());
    if let Some(l) = &r.linkedin {
        add(&mut p.urls, std::slice::from_ref(l), |s| {
            linkedin_key(s).unwrap_or_else(|| s.trim().to_lowercase())
        });
    }
    add(&mut p.tags, &r.categories, text::label);
    if p.met_on.is_none()
        && let Some(d) = r.connected_on
    {
        p.met_on = Some(d);
        if p.met_at.is_none() && r.linkedin.is_some() {
            p.met_at = Some("Connected on LinkedIn".into());
        }
    }
}

/// Drops the values validation refuses (an email without @, a tag too long…), saying which.
fn clean(p: &mut PersonProfile, warnings: &mut Vec<String>) {
    p.normalise();
    let Err(problems) = p.validate() else {
        return;
    };
    for e in problems {
        let drop = |list: &mut Vec<String>| list.retain(|v| v != &e.value);
        match e.field.as_str() {
            "email" => drop(&mut p.emails),
            "phone" => drop(&mut p.phones),
            "url" => drop(&mut p.urls),
            "address" => drop(&mut p.addresses),
            "tag" => drop(&mut p.tags),
            "nickname" => p.nickname = None,
            "organisation" => p.organisation = None,
            "title" => p.title = None,
            _ => continue, // the name: validated by the caller
        }
        warnings.push(format!("{} {:?} dropped: {}", e.field, e.value, e.reason));
    }
}

/// Adds the record's birthday, anniversary and notes when the person lacks them; says
/// whether anything was added.
fn extras(
    id: PersonId,
    r: &ContactRecord,
    now: Timestamp,
    dates: &mut HashSet<String>,
    notes: &mut HashSet<String>,
    batch: &mut Batch,
) -> bool {
    let mut added = false;
    for (kind, day) in [
        (DateKind::Birthday, r.birthday),
        (DateKind::Anniversary, r.anniversary),
    ] {
        let Some(day) = day else { continue };
        let key = date_kind_key(&kind);
        // one birthday per person: a second, different one is not added
        if !dates.insert(key) {
            continue;
        }
        batch.dates.push(ImportantDate {
            id: DateId(new_uuid()),
            person: id,
            kind,
            day,
        });
        added = true;
    }
    for n in &r.notes {
        let body = n.trim();
        if body.is_empty() || !notes.insert(body.to_owned()) {
            continue;
        }
        let note = Note {
            id: NoteId(new_uuid()),
            person: id,
            body: body.to_owned(),
            created_at: now,
        };
        if note.validate().is_ok() {
            batch.notes.push(note);
            added = true;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_keys() {
        for url in [
            "https://www.linkedin.com/in/ana-lima/",
            "http://linkedin.com/in/Ana-Lima?trk=x",
            "www.linkedin.com/in/ana-lima",
        ] {
            assert_eq!(
                linkedin_key(url).as_deref(),
                Some("linkedin.com/in/ana-lima")
            );
        }
        assert_eq!(linkedin_key("https://linkedin.com/company/acme"), None);
        assert_eq!(linkedin_key("https://example.com/in/x"), None);
        assert_eq!(linkedin_key("https://linkedin.com/in/"), None);
    }

    #[test]
    fn merge_fills_gaps_and_never_overwrites() {
        let mut p = PersonProfile::named("Ana Lima");
        p.emails = vec!["ana@x.org".into()];
        p.organisation = Some("Acme".into());
        let r = ContactRecord {
            name: "Ana L.".into(),
            emails: vec!["ANA@x.org".into(), "ana@home.org".into()],
            organisation: Some("Other".into()),
            title: Some("CTO".into()),
            categories: vec!["Friends".into()],
            linkedin: Some("https://www.linkedin.com/in/ana".into()),
            ..ContactRecord::default()
        };
        merge_into(&mut p, &r);
        assert_eq!(p.name, "Ana Lima");
        assert_eq!(p.emails, vec!["ana@x.org", "ana@home.org"]);
        assert_eq!(p.organisation.as_deref(), Some("Acme"));
        assert_eq!(p.title.as_deref(), Some("CTO"));
        assert_eq!(p.tags, vec!["Friends"]);
        assert_eq!(p.urls, vec!["https://www.linkedin.com/in/ana"]);
        let again = p.clone();
        merge_into(&mut p, &r);
        assert_eq!(p, again, "merging twice changes nothing");
    }

    #[test]
    fn clean_drops_only_bad_values() {
        let mut p = PersonProfile::named("Ana");
        p.emails = vec!["not an email".into(), "ana@x.org".into()];
        let mut w = Vec::new();
        clean(&mut p, &mut w);
        assert_eq!(p.emails, vec!["ana@x.org"]);
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("not an email"), "{w:?}");
    }
}
