//! A batch of new records written together in one transaction: what the CLI, the demo, the
//! generator and the importers all hand to the store.

use crate::ValidationError;
use crate::circle::Circle;
use crate::collaboration::Collaboration;
use crate::dates::ImportantDate;
use crate::event::Event;
use crate::exchange::{Favour, HelpItem};
use crate::follow_up::FollowUp;
use crate::goal::Goal;
use crate::id::{CircleId, PersonId};
use crate::interaction::Interaction;
use crate::introduction::Introduction;
use crate::knows::KnowsLink;
use crate::life_event::LifeEvent;
use crate::note::Note;
use crate::person::Person;
use serde::{Deserialize, Serialize};

/// New records, in dependency order: people and circles first, then what refers to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// New circles.
    pub circles: Vec<Circle>,
    /// New people (their circle names must exist in the store or in `circles`).
    pub people: Vec<Person>,
    /// New circle memberships.
    pub memberships: Vec<(CircleId, PersonId)>,
    /// New notes.
    pub notes: Vec<Note>,
    /// New interactions.
    pub interactions: Vec<Interaction>,
    /// New or updated knows links (a stronger link replaces a weaker one).
    pub knows: Vec<KnowsLink>,
    /// New important dates.
    pub dates: Vec<ImportantDate>,
    /// New life events.
    pub life_events: Vec<LifeEvent>,
    /// New needs and offers.
    pub help_items: Vec<HelpItem>,
    /// New favours.
    pub favours: Vec<Favour>,
    /// New introductions.
    pub introductions: Vec<Introduction>,
    /// New events.
    pub events: Vec<Event>,
    /// New collaborations.
    pub collaborations: Vec<Collaboration>,
    /// New goals.
    pub goals: Vec<Goal>,
    /// New follow-ups.
    pub follow_ups: Vec<FollowUp>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Total number of records.
    pub fn len(&self) -> usize {
        self.circles.len()
            + self.people.len()
            + self.memberships.len()
            + self.notes.len()
            + self.interactions.len()
            + self.knows.len()
            + self.dates.len()
            + self.life_events.len()
            + self.help_items.len()
            + self.favours.len()
            + self.introductions.len()
            + self.events.len()
            + self.collaborations.len()
            + self.goals.len()
            + self.follow_ups.len()
    }

    /// True when there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes every record that names `from` name `to` instead (participants, givers,
    /// owners, links…). Used to attach a batch built around one "me" to another.
    pub fn replace_person(&mut self, from: PersonId, to: PersonId) {
        let swap = |p: &mut PersonId| {
            if *p == from {
                *p = to;
            }
        };
        for p in &mut self.people {
            if let Some(i) = p.profile.introduced_by.as_mut() {
                swap(i);
            }
        }
        for (_, p) in &mut self.memberships {
            swap(p);
        }
        for n in &mut self.notes {
            swap(&mut n.person);
        }
        for i in &mut self.interactions {
            i.participants.iter_mut().for_each(swap);
        }
        for k in &mut self.knows {
            if k.a == from || k.b == from {
                let (x, y) = (
                    if k.a == from { to } else { k.a },
                    if k.b == from { to } else { k.b },
                );
                if let Ok(l) = KnowsLink::new(x, y, k.strength, k.source) {
                    *k = l;
                }
            }
        }
        for d in &mut self.dates {
            swap(&mut d.person);
        }
        for e in &mut self.life_events {
            swap(&mut e.person);
        }
        for h in &mut self.help_items {
            swap(&mut h.person);
        }
        for f in &mut self.favours {
            swap(&mut f.giver);
            swap(&mut f.receiver);
        }
        for i in &mut self.introductions {
            swap(&mut i.a);
            swap(&mut i.b);
        }
        for e in &mut self.events {
            e.attendees.iter_mut().for_each(|a| swap(&mut a.person));
        }
        for c in &mut self.collaborations {
            c.members.iter_mut().for_each(swap);
        }
        for g in &mut self.goals {
            swap(&mut g.owner);
        }
        for f in &mut self.follow_ups {
            swap(&mut f.person);
        }
    }

    /// Validates every record that has rules, naming the first bad one.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        for p in &self.people {
            if let Err(mut e) = p.profile.validate() {
                errors.append(&mut e);
            }
        }
        for c in &self.circles {
            if let Err(e) = c.validate() {
                errors.push(e);
            }
        }
        for n in &self.notes {
            if let Err(e) = n.validate() {
                errors.push(e);
            }
        }
        for i in &self.interactions {
            if let Err(mut e) = i.validate() {
                errors.append(&mut e);
            }
        }
        for h in &self.help_items {
            if let Err(mut e) = h.validate() {
                errors.append(&mut e);
            }
        }
        for f in &self.favours {
            if let Err(mut e) = f.validate() {
                errors.append(&mut e);
            }
        }
        for ev in &self.events {
            if let Err(e) = ev.validate() {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
