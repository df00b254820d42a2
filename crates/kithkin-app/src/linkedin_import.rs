//! A whole LinkedIn data export: connections become people, messages and invitations
//! become interactions (one conversation per day), recommendations and endorsements become
//! favours — received ones start as thanks owed — and events become events.
//!
//! People in messages are matched by LinkedIn profile address, then by a name only one
//! person has; messages with no one matched are skipped. Recommenders and endorsers no one
//! matches are created (they did something for me). Re-importing adds nothing: interactions
//! carry source keys (`linkedin:<conversation>:<day>`, `linkedin-invitation:<profile>`),
//! favours and events are compared with those already stored.

use crate::error::Result;
use crate::import::{Identity, ImportProblem, ImportReport};
use crate::{App, new_uuid};
use jiff::Timestamp;
use kithkin_core::batch::Batch;
use kithkin_core::event::{Event, EventKind};
use kithkin_core::exchange::{Favour, FavourKind};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::{EventId, FavourId, InteractionId, PersonId, text};
use kithkin_formats::linkedin::read_export_folder;
use std::collections::{HashMap, HashSet};
use std::path::Path;

impl App {
    /// Imports an unpacked LinkedIn export folder.
    pub async fn import_linkedin_export(&self, dir: &Path, dry_run: bool) -> Result<ImportReport> {
        let export = read_export_folder(dir);
        let mut report = ImportReport::new("linkedin", dry_run);
        for (file, e) in export.errors {
            report.failed.push(ImportProblem {
                file: dir.join(&file).display().to_string(),
                line: e.line,
                message: e.message,
            });
        }
        let connections = dir.join("Connections.csv").display().to_string();
        self.import_contacts(export.connections, Vec::new(), &connections, &mut report)
            .await?;
        let me = self.me().await?;
        let mut identity = Identity::load(self).await?;
        let now = self.timestamp();
        let tz = self.now().time_zone().clone();
        let owner_url = export
            .owner_url
            .as_deref()
            .and_then(crate::import::linkedin_key);
        let owner_name = export.owner_name.as_deref().map(text::name_key);
        let is_owner = |url: Option<&str>, name: &str| {
            url.and_then(crate::import::linkedin_key)
                .is_some_and(|k| Some(&k) == owner_url.as_ref())
                || (owner_name.as_deref() == Some(text::name_key(name).as_str())
                    && !name.trim().is_empty())
        };
        let existing: HashSet<String> = self
            .store
            .interaction_source_keys("linkedin")
            .await?
            .into_iter()
            .collect();
        let mut batch = Batch::new();
        let mut pending: HashMap<String, usize> = HashMap::new();
        let find = |identity: &Identity, url: Option<&str>, name: &str| {
            url.and_then(|u| identity.by_linkedin(u))
                .or_else(|| identity.by_name(name))
        };
        for m in export.messages.iter().filter(|m| !m.draft) {
            let mut people: Vec<PersonId> = Vec::new();
            let from_me = is_owner(m.from_url.as_deref(), &m.from_name);
            if !from_me && let Some(p) = find(&identity, m.from_url.as_deref(), &m.from_name) {
                people.push(p);
            }
            for (i, name) in m.to_names.iter().enumerate() {
                let url = m.to_urls.get(i).map(String::as_str);
                if is_owner(url, name) {
                    continue;
                }
                if let Some(p) = find(&identity, url, name)
                    && !people.contains(&p)
                {
                    people.push(p);
                }
            }
            people.retain(|p| *p != me);
            if people.is_empty() {
                continue;
            }
            let day = m.at.to_zoned(tz.clone()).date();
            let conversation = if m.conversation_id.is_empty() {
                m.conversation_title.clone().unwrap_or_default()
            } else {
                m.conversation_id.clone()
            };
            let key = format!("linkedin:{conversation}:{day}");
            if existing.contains(&key) {
                report.interactions_skipped += 1;
                continue;
            }
            if let Some(&i) = pending.get(&key) {
                let it: &mut Interaction = &mut batch.interactions[i];
                for p in people {
                    if !it.participants.contains(&p) {
                        it.participants.push(p);
                    }
                }
                it.participants.sort();
                continue;
            }
            people.sort();
            pending.insert(key.clone(), batch.interactions.len());
            batch.interactions.push(Interaction {
                id: InteractionId(new_uuid()),
                kind: InteractionKind::Message,
                occurred_at: m.at,
                minutes: None,
                direction: if from_me {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                participants: people,
                note: m.subject.clone().filter(|s| !s.trim().is_empty()),
                event: None,
                source_key: Some(key),
            });
            report.interactions += 1;
        }
        for inv in &export.invitations {
            let (Some(url), Some(at)) = (inv.other_url.as_deref(), inv.at) else {
                continue;
            };
            let name = if inv.direction_incoming {
                &inv.from
            } else {
                &inv.to
            };
            let Some(p) = find(&identity, Some(url), name) else {
                continue;
            };
            let key = format!(
                "linkedin-invitation:{}",
                crate::import::linkedin_key(url).unwrap_or_else(|| url.to_owned())
            );
            if existing.contains(&key) || pending.contains_key(&key) {
                report.interactions_skipped += 1;
                continue;
            }
            pending.insert(key.clone(), batch.interactions.len());
            batch.interactions.push(Interaction {
                id: InteractionId(new_uuid()),
                kind: InteractionKind::Message,
                occurred_at: at,
                minutes: None,
                direction: if inv.direction_incoming {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                },
                participants: vec![p],
                note: Some(
                    match inv.message.as_deref().filter(|m| !m.trim().is_empty()) {
                        Some(m) => format!(
                            "LinkedIn invitation: {}",
                            m.chars().take(180).collect::<String>()
                        ),
                        None => "LinkedIn invitation".to_owned(),
                    },
                ),
                event: None,
                source_key: Some(key),
            });
            report.interactions += 1;
        }

        // favours: recommendations (weight 3) and endorsements (weight 1)
        let known: HashSet<(PersonId, PersonId, String, i64)> = self
            .store
            .favours(None)
            .await?
            .into_iter()
            .map(|f| (f.giver, f.receiver, f.text, f.occurred_at.as_second()))
            .collect();
        let mut created: HashMap<String, PersonId> = HashMap::new();
        let mut person_for =
            |identity: &mut Identity, batch: &mut Batch, name: &str, url: Option<&str>| {
                if let Some(p) = find(identity, url, name) {
                    return Some(p);
                }
                let key = text::name_key(name);
                if key.is_empty() {
                    return None;
                }
                if let Some(p) = created.get(&key) {
                    return Some(*p);
                }
                let mut profile = PersonProfile::named(name.trim());
                if let Some(u) = url {
                    profile.urls.push(u.to_owned());
                }
                profile.normalise();
                if profile.validate().is_err() {
                    return None;
                }
                let id = PersonId(new_uuid());
                batch.people.push(Person {
                    id,
                    profile,
                    circles: Vec::new(),
                    archived_at: None,
                    snoozed_until: None,
                    created_at: now,
                    updated_at: now,
                });
                created.insert(key, id);
                Some(id)
            };
        let favour = |batch: &mut Batch,
                      giver: PersonId,
                      receiver: PersonId,
                      text: String,
                      weight: u8,
                      at: Timestamp| {
            if known.contains(&(giver, receiver, text.clone(), at.as_second())) {
                return false;
            }
            batch.favours.push(Favour {
                id: FavourId(new_uuid()),
                giver,
                receiver,
                kind: FavourKind::Endorsement,
                text,
                weight,
                occurred_at: at,
                for_need: None,
                thanked_at: None,
                thanked_in: None,
            });
            true
        };
        // hidden or rejected ones were not accepted: no favour
        let accepted = |status: Option<&str>| {
            status.is_none_or(|s| {
                !["rejected", "hidden", "declined"].contains(&s.trim().to_lowercase().as_str())
            })
        };
        for r in export
            .recommendations
            .iter()
            .filter(|r| accepted(r.status.as_deref()))
        {
            let Some(p) = person_for(&mut identity, &mut batch, &r.name, None) else {
                continue;
            };
            let text: String = match r.text.as_deref().filter(|t| !t.trim().is_empty()) {
                Some(t) => format!(
                    "LinkedIn recommendation: {}",
                    t.chars().take(300).collect::<String>()
                ),
                None => "LinkedIn recommendation".to_owned(),
            };
            let at = r.at.unwrap_or(now);
            let (giver, receiver) = if r.given { (me, p) } else { (p, me) };
            if favour(&mut batch, giver, receiver, text, 3, at) {
                report.favours += 1;
            }
        }
        for e in export
            .endorsements
            .iter()
            .filter(|e| accepted(e.status.as_deref()))
        {
            let Some(p) = person_for(&mut identity, &mut batch, &e.name, e.url.as_deref()) else {
                continue;
            };
            let at = e.at.unwrap_or(now);
            let (giver, receiver) = if e.given { (me, p) } else { (p, me) };
            if favour(
                &mut batch,
                giver,
                receiver,
                format!("LinkedIn endorsement: {}", e.skill),
                1,
                at,
            ) {
                report.favours += 1;
            }
        }
        report.created += created.len();

        // events
        let known_events: HashSet<(String, i64)> = self
            .store
            .events()
            .await?
            .into_iter()
            .map(|e| (text::name_key(&e.name), e.starts_at.as_second()))
            .collect();
        for ev in &export.events {
            let Some(at) = ev.at else { continue };
            if known_events.contains(&(text::name_key(&ev.name), at.as_second())) {
                continue;
            }
            batch.events.push(Event {
                id: EventId(new_uuid()),
                name: ev.name.clone(),
                kind: EventKind::Other,
                starts_at: at,
                ends_at: None,
                minutes: None,
                location: None,
                organisation: None,
                note: ev.url.clone(),
                attended: ev
                    .status
                    .as_deref()
                    .is_none_or(|s| !s.eq_ignore_ascii_case("declined")),
                attendees: Vec::new(),
            });
        }
        if !dry_run && !batch.is_empty() {
            self.store.write(&batch, now).await?;
        }
        Ok(report)
    }
}
