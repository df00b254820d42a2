//! Mail in: each message of an mbox (or `.eml` file) becomes an email interaction with the
//! people on its From/To/Cc lines, threads counted as one conversation per day.
//!
//! - Me: my addresses are the emails on my own profile (`kithkin me --email ADDR`); a message
//!   from one of them is outbound, any other inbound. Importing needs at least one.
//! - People are matched by email; unknown addresses create people only when asked
//!   (`create_people`), named by the display name or the address.
//! - A thread (References / In-Reply-To, see `kithkin_formats::mail::thread_root`) is one
//!   interaction per local day: its source key is `mail:<thread root>:<day>`, which makes a
//!   re-import add nothing. Messages of the same thread and day read in the same batch add
//!   their people to it.
//! - Bulk and list mail (List-Id, Precedence: bulk, no-reply senders…) is skipped, and so is
//!   mail with no other person on it or no date.
//! - Streaming: messages are read one at a time and written in batches, whatever the size
//!   of the file.

use crate::error::Result;
use crate::import::{Addresses, BATCH, ImportProblem, ImportReport, person_from_address};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::{InteractionId, PersonId, text};
use kithkin_formats::mail::{Address, MailItem, MailRecord, thread_root};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Mail-specific counts, beside the common report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MailCounts {
    /// Messages read.
    pub messages: u64,
    /// Bulk or list mail skipped.
    pub bulk: u64,
    /// Messages with no one else on them (or only unknown addresses) skipped.
    pub no_one: u64,
    /// Addresses seen that matched no one (and were not created).
    pub unknown_addresses: u64,
    /// Bytes read.
    pub bytes: u64,
}

/// How to import mail.
#[derive(Debug, Clone, Copy, Default)]
pub struct MailOptions {
    /// Create people for unknown addresses.
    pub create_people: bool,
    /// Write nothing.
    pub dry_run: bool,
}

/// The state of one mail import across files.
pub struct MailImport<'a> {
    app: &'a App,
    options: MailOptions,
    me: PersonId,
    mine: HashSet<String>,
    by_email: HashMap<String, PersonId>,
    existing: HashSet<String>,
    /// source key → index in `batch.interactions`
    pending: HashMap<String, usize>,
    batch: Batch,
    /// The report so far.
    pub report: ImportReport,
    /// Mail counts so far.
    pub counts: MailCounts,
}

impl std::fmt::Debug for MailImport<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailImport")
            .field("options", &self.options)
            .field("report", &self.report)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Starts a mail import: loads my addresses, the people by email and the threads already
    /// imported.
    pub async fn mail_import(&self, options: MailOptions) -> Result<MailImport<'_>> {
        let Addresses { me, mine, by_email } = self
            .addresses("sent and received mail cannot be told apart")
            .await?;
        let existing = self
            .store
            .interaction_source_keys("mail:")
            .await?
            .into_iter()
            .collect();
        Ok(MailImport {
            app: self,
            options,
            me,
            mine,
            by_email,
            existing,
            pending: HashMap::new(),
            batch: Batch::new(),
            report: ImportReport::new("mbox", options.dry_run),
            counts: MailCounts::default(),
        })
    }
}

impl MailImport<'_> {
    /// Imports one message (or records the reader's error for it) from `file`.
    pub async fn add(&mut self, item: MailItem, file: &str) -> Result<()> {
        self.counts.messages += 1;
        let record = match item {
            Ok(r) => r,
            Err(e) => {
                self.report.failed.push(ImportProblem {
                    file: file.to_owned(),
                    line: e.line,
                    message: e.message,
                });
                return Ok(());
            }
        };
        if record.bulk.is_some() {
            self.counts.bulk += 1;
            return Ok(());
        }
        let Some(at) = record.sent_at() else {
            self.report.failed.push(ImportProblem {
                file: file.to_owned(),
                line: record.line,
                message: "no readable Date header: the message is not placed in time".into(),
            });
            return Ok(());
        };
        let outbound = record
            .from
            .iter()
            .any(|a| self.mine.contains(&text::email_key(&a.email)));
        let mut people: Vec<PersonId> = Vec::new();
        let addresses = record.from.iter().chain(&record.to).chain(&record.cc);
        for a in addresses {
            let key = text::email_key(&a.email);
            if key.is_empty() || self.mine.contains(&key) {
                continue;
            }
            let person = match self.by_email.get(&key) {
                Some(p) => Some(*p),
                None if self.options.create_people => Some(self.create(a, key)),
                None => {
                    self.counts.unknown_addresses += 1;
                    None
                }
            };
            if let Some(p) = person
                && p != self.me
                && !people.contains(&p)
            {
                people.push(p);
            }
        }
        if people.is_empty() {
            self.counts.no_one += 1;
            return Ok(());
        }
        let day = at.to_zoned(self.app.now().time_zone().clone()).date();
        let key = format!("mail:{}:{day}", thread_root(&record));
        if self.existing.contains(&key) {
            self.report.interactions_skipped += 1;
            return Ok(());
        }
        if let Some(&i) = self.pending.get(&key) {
            let it = &mut self.batch.interactions[i];
            for p in people {
                if !it.participants.contains(&p) {
                    it.participants.push(p);
                }
            }
            it.participants.sort();
            return Ok(());
        }
        people.sort();
        self.pending
            .insert(key.clone(), self.batch.interactions.len());
        self.batch.interactions.push(Interaction {
            id: InteractionId(new_uuid()),
            kind: InteractionKind::Email,
            occurred_at: at,
            minutes: None,
            direction: if outbound {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            participants: people,
            note: subject_note(&record),
            event: None,
            source_key: Some(key),
        });
        self.report.interactions += 1;
        if self.batch.interactions.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    fn create(&mut self, a: &Address, key: String) -> PersonId {
        let person = person_from_address(a.name.as_deref(), &a.email, self.app.timestamp());
        let id = person.id;
        self.batch.people.push(person);
        self.report.created += 1;
        self.by_email.insert(key, id);
        id
    }

    /// Writes what is pending.
    pub async fn flush(&mut self) -> Result<()> {
        let batch = std::mem::replace(&mut self.batch, Batch::new());
        for key in self.pending.drain().map(|(k, _)| k) {
            self.existing.insert(key);
        }
        if !self.options.dry_run && !batch.is_empty() {
            self.app.store.write(&batch, self.app.timestamp()).await?;
        }
        Ok(())
    }
}

/// The subject as the interaction's note (`Re:`/`Fwd:` prefixes dropped), cut to 200
/// characters.
fn subject_note(r: &MailRecord) -> Option<String> {
    let mut s = r.subject.as_deref()?.trim();
    loop {
        let lower = s.to_lowercase();
        let cut = ["re:", "fwd:", "fw:", "aw:", "tr:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => s = s.get(n..).unwrap_or("").trim_start(),
            None => break,
        }
    }
    (!s.is_empty()).then(|| s.chars().take(200).collect())
}
