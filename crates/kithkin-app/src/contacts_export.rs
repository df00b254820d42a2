//! Contacts out: every person (me left out) as a neutral contact record, for the vCard
//! export. The person's Kithkin id is the card's UID, so importing the file into an empty
//! database gives the same people with the same ids, and exporting again the same file.

use crate::App;
use crate::error::Result;
use crate::import::linkedin_key;
use kithkin_core::dates::DateKind;
use kithkin_formats::contact::ContactRecord;

impl App {
    /// Every person but me (archived ones too), by name, as contact records.
    pub async fn export_contacts(&self) -> Result<Vec<ContactRecord>> {
        let me = self.store.me().await?;
        let mut entries = self.store.name_entries(None).await?;
        entries.sort_by(|a, b| a.key.cmp(&b.key).then(a.id.cmp(&b.id)));
        let mut out = Vec::with_capacity(entries.len());
        for e in entries.into_iter().filter(|e| Some(e.id) != me) {
            let Some(person) = self.store.person(e.id).await? else {
                continue;
            };
            let p = person.profile;
            let mut record = ContactRecord {
                uid: Some(person.id.to_string()),
                name: p.name,
                nickname: p.nickname,
                emails: p.emails,
                phones: p.phones,
                organisation: p.organisation,
                title: p.title,
                addresses: p.addresses,
                categories: p.tags,
                connected_on: p.met_on,
                ..ContactRecord::default()
            };
            for url in p.urls {
                if record.linkedin.is_none() && linkedin_key(&url).is_some() {
                    record.linkedin = Some(url);
                } else {
                    record.urls.push(url);
                }
            }
            for d in self.store.dates_of(person.id).await? {
                match d.kind {
                    DateKind::Birthday if record.birthday.is_none() => {
                        record.birthday = Some(d.day)
                    }
                    DateKind::Anniversary if record.anniversary.is_none() => {
                        record.anniversary = Some(d.day)
                    }
                    _ => {}
                }
            }
            let mut notes = self.store.notes_of(person.id, i64::MAX).await?;
            notes.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
            record.notes = notes.into_iter().map(|n| n.body).collect();
            out.push(record);
        }
        Ok(out)
    }
}
