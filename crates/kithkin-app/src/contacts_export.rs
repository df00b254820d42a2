//! Contacts out: every person (me left out) as a neutral contact record, for the vCard
//! export. The person's Kithkin id is the card's UID, so importing the file into an empty
//! database gives the same people with the same ids, and exporting again the same file.

use crate::App;
use crate::error::Result;
use crate::import::linkedin_key;
use kithkin_core::PersonId;
use kithkin_core::dates::{DateKind, ImportantDate};
use kithkin_core::note::Note;
use kithkin_core::person::Person;
use kithkin_core::text;
use kithkin_formats::contact::ContactRecord;
use std::collections::HashMap;

impl App {
    /// Every person but me (archived ones too), by name, as contact records: read in one
    /// consistent pass (the backup's dump), whatever the number of people.
    pub async fn export_contacts(&self) -> Result<Vec<ContactRecord>> {
        let dump = self.store.dump(self.timestamp()).await?;
        let mut dates: HashMap<PersonId, Vec<&ImportantDate>> = HashMap::new();
        for d in &dump.dates {
            dates.entry(d.record.person).or_default().push(&d.record);
        }
        let mut notes: HashMap<PersonId, Vec<&Note>> = HashMap::new();
        for n in &dump.notes {
            notes.entry(n.person).or_default().push(n);
        }
        let mut people: Vec<&Person> = dump
            .people
            .iter()
            .filter(|p| Some(p.id) != dump.me)
            .collect();
        people.sort_by_cached_key(|p| (text::name_key(&p.profile.name), p.id));
        let mut out = Vec::with_capacity(people.len());
        for person in people {
            let p = person.profile.clone();
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
            for d in dates.get(&person.id).into_iter().flatten() {
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
            let mut own: Vec<&&Note> = notes.get(&person.id).into_iter().flatten().collect();
            own.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
            record.notes = own.into_iter().map(|n| n.body.clone()).collect();
            out.push(record);
        }
        Ok(out)
    }
}
