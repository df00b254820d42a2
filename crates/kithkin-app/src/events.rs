//! Events and organisations: adding events, recording the people met there (who then come up
//! for a follow-up within 48 hours), the organisations people work at and the user's own
//! memberships.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use kithkin_core::batch::Batch;
use kithkin_core::error::check_text;
use kithkin_core::event::{Event, EventFollowUp, EventKind, FOLLOW_UP_HOURS, event_follow_ups};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::period::local_day;
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::resolve::words_match;
use kithkin_core::when::{parse_day, parse_when};
use kithkin_core::{EventId, InteractionId, PersonId, ValidationError, text};
use kithkin_store::{Membership, OrgPerson, OrgSummary};
use serde::Serialize;
use std::collections::HashMap;

/// An event as the user describes it.
#[derive(Debug, Clone, Default)]
pub struct EventRequest {
    /// Its name.
    pub name: String,
    /// When it starts (a day, or a day and time).
    pub on: String,
    /// The organisation that runs it (created when missing).
    pub org: Option<String>,
    /// conference, meetup, dinner, workshop or other [default: other].
    pub kind: Option<String>,
    /// Minutes the user spent there.
    pub minutes: Option<u32>,
    /// Where.
    pub location: Option<String>,
    /// Notes.
    pub note: Option<String>,
}

/// One line of the event list.
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    /// Identity.
    pub id: EventId,
    /// Name.
    pub name: String,
    /// Conference, meetup…
    pub kind: EventKind,
    /// When it starts.
    pub starts_at: Timestamp,
    /// The day it starts, in the user's zone.
    pub on: Date,
    /// Organisation.
    pub organisation: Option<String>,
    /// Minutes spent there, when recorded.
    pub minutes: Option<u32>,
    /// Whether the user goes or went.
    pub attended: bool,
    /// Whether it is still ahead.
    pub upcoming: bool,
    /// People recorded there.
    pub people: usize,
    /// People met there for the first time.
    pub met: usize,
}

/// Someone at an event.
#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Met there for the first time.
    pub met_there: bool,
}

/// Everything `event show` displays.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// The event.
    pub event: EventSummary,
    /// When it ends.
    pub ends_at: Option<Timestamp>,
    /// Where.
    pub location: Option<String>,
    /// Notes.
    pub note: Option<String>,
    /// Everyone recorded there, by name.
    pub attendees: Vec<AttendeeView>,
    /// Follow-ups with people met there that are still open now.
    pub follow_ups: Vec<EventFollowUp>,
}

/// One person named to `event met`.
#[derive(Debug, Clone, Serialize)]
pub struct MetPerson {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Added to Kithkin now.
    pub created: bool,
    /// Was already recorded as met there (nothing new was logged).
    pub already: bool,
    /// Their profile's "how we met" was empty and now names the event.
    pub how_we_met_set: bool,
}

/// What `event met` did.
#[derive(Debug, Clone, Serialize)]
pub struct MetOutcome {
    /// The event.
    pub event: EventSummary,
    /// Each person named, in the order given.
    pub people: Vec<MetPerson>,
}

/// Everything `org show` displays.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    /// The organisation.
    pub organisation: kithkin_core::organisation::Organisation,
    /// The user's membership, current or past.
    pub membership: Option<Membership>,
    /// People who work there (not archived, not the user), by name.
    pub people: Vec<OrgPerson>,
    /// Its events, newest first.
    pub events: Vec<EventSummary>,
}

/// The last eight characters of an id, as lists show them to type back.
pub fn short_id(id: &str) -> String {
    let simple: String = id.chars().filter(|c| *c != '-').collect();
    simple[simple.len().saturating_sub(8)..].to_owned()
}

impl App {
    fn summary(&self, e: &Event, now: Timestamp) -> EventSummary {
        let tz = self.now().time_zone().clone();
        EventSummary {
            id: e.id,
            name: e.name.clone(),
            kind: e.kind,
            starts_at: e.starts_at,
            on: local_day(e.starts_at, &tz),
            organisation: e.organisation.clone(),
            minutes: e.minutes,
            attended: e.attended,
            upcoming: e.starts_at > now,
            people: e.attendees.len(),
            met: e.attendees.iter().filter(|a| a.met_there).count(),
        }
    }

    /// Adds an event (its organisation is created when missing). The user goes to the events
    /// they add; one whose start is ahead is upcoming. The same name on the same day twice is
    /// refused.
    pub async fn event_add(&self, req: &EventRequest) -> Result<(EventSummary, bool)> {
        let now = self.now();
        let name = req.name.trim().to_owned();
        check_text("event", &name, 200)?;
        let starts_at = parse_when(&req.on, &now)?;
        let kind: EventKind = match &req.kind {
            Some(k) => k.parse()?,
            None => EventKind::Other,
        };
        let organisation = match req.org.as_deref().map(str::trim) {
            Some(o) => {
                check_text("organisation", o, 200)?;
                match self.find_org(o).await? {
                    Some(found) => Some((found.organisation.name, false)),
                    None => Some((o.to_owned(), true)),
                }
            }
            None => None,
        };
        let tz = now.time_zone().clone();
        let day = local_day(starts_at, &tz);
        let key = text::name_key(&name);
        if let Some(twin) = self
            .store
            .events()
            .await?
            .into_iter()
            .find(|e| text::name_key(&e.name) == key && local_day(e.starts_at, &tz) == day)
        {
            return Err(AppError::Conflict(format!(
                "there is already an event \"{}\" on {day} (id …{}); `kithkin event show` it",
                twin.name,
                short_id(&twin.id.to_string())
            )));
        }
        let event = Event {
            id: EventId(new_uuid()),
            name,
            kind,
            starts_at,
            ends_at: None,
            minutes: req.minutes,
            location: req
                .location
                .as_ref()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty()),
            organisation: organisation.as_ref().map(|(n, _)| n.clone()),
            note: req
                .note
                .as_ref()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            attended: true,
            attendees: Vec::new(),
        };
        event.validate()?;
        if let Some(l) = &event.location {
            check_text("location", l, 200)?;
        }
        if let Some(n) = &event.note {
            check_text("note", n, kithkin_core::note::MAX_NOTE)?;
        }
        let now_ts = self.timestamp();
        self.store
            .write(
                &Batch {
                    events: vec![event.clone()],
                    ..Batch::new()
                },
                now_ts,
            )
            .await?;
        let created = organisation.is_some_and(|(_, c)| c);
        Ok((self.summary(&event, now_ts), created))
    }

    /// Every event, newest first.
    pub async fn event_list(&self) -> Result<Vec<EventSummary>> {
        let now = self.timestamp();
        Ok(self
            .store
            .events()
            .await?
            .iter()
            .map(|e| self.summary(e, now))
            .collect())
    }

    /// The one event `query` names: its id (or the id's last 8+ characters), its exact name
    /// (without case or accents), or words that start words of its name. Several matches
    /// are refused with the candidates listed.
    pub async fn find_event(&self, query: &str) -> Result<Event> {
        let q = query.trim();
        if q.is_empty() {
            return Err(ValidationError::new("event", query, "is empty").into());
        }
        let all = self.store.events().await?;
        let tail: String = q
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_lowercase();
        let by_id: Vec<&Event> = if tail.len() >= 8 && tail.chars().all(|c| c.is_ascii_hexdigit()) {
            all.iter()
                .filter(|e| e.id.to_string().replace('-', "").ends_with(&tail))
                .collect()
        } else {
            Vec::new()
        };
        let key = text::name_key(q);
        let exact: Vec<&Event> = all
            .iter()
            .filter(|e| text::name_key(&e.name) == key)
            .collect();
        let candidates = if !by_id.is_empty() {
            by_id
        } else if !exact.is_empty() {
            exact
        } else {
            all.iter().filter(|e| words_match(q, &e.name)).collect()
        };
        let tz = self.now().time_zone().clone();
        match candidates.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(AppError::NotFound(format!(
                "no event matches {q:?}; `kithkin event list` shows them, `kithkin event add` adds one"
            ))),
            many => {
                let listed: Vec<String> = many
                    .iter()
                    .take(8)
                    .map(|e| {
                        format!(
                            "\"{}\" on {} (…{})",
                            e.name,
                            local_day(e.starts_at, &tz),
                            short_id(&e.id.to_string())
                        )
                    })
                    .collect();
                Err(AppError::Conflict(format!(
                    "{q:?} matches {} events: {}; give more of the name or the id's last characters",
                    many.len(),
                    listed.join(", ")
                )))
            }
        }
    }

    /// One event with its attendees and the follow-ups still open.
    pub async fn event_show(&self, query: &str) -> Result<EventView> {
        let e = self.find_event(query).await?;
        let ids: Vec<PersonId> = e.attendees.iter().map(|a| a.person).collect();
        let names = self.store.names_of(&ids).await?;
        let mut attendees: Vec<AttendeeView> = e
            .attendees
            .iter()
            .map(|a| AttendeeView {
                person: a.person,
                name: names.get(&a.person).cloned().unwrap_or_default(),
                met_there: a.met_there,
            })
            .collect();
        attendees.sort_by(|a, b| {
            b.met_there
                .cmp(&a.met_there)
                .then_with(|| a.name.cmp(&b.name))
        });
        let now = self.timestamp();
        let follow_ups = self
            .event_follow_ups(now, now)
            .await?
            .into_iter()
            .filter(|f| f.event == e.id)
            .collect();
        Ok(EventView {
            event: self.summary(&e, now),
            ends_at: e.ends_at,
            location: e.location,
            note: e.note,
            attendees,
            follow_ups,
        })
    }

    /// Follow-ups with people met at events for the span `[from, to]` (see
    /// [`event_follow_ups`]).
    pub(crate) async fn event_follow_ups(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<EventFollowUp>> {
        let over_since = from
            .checked_sub(SignedDuration::from_hours(FOLLOW_UP_HOURS))
            .unwrap_or(Timestamp::MIN);
        let met = self.store.met_at_events(over_since, to).await?;
        Ok(event_follow_ups(&met, from, to))
    }

    /// The person `typed` names for `event met`: someone known (by the resolver, or with
    /// `create` by exact name only), or a new person when nobody matches. Returns the id and
    /// the new person, if any.
    async fn met_person(
        &self,
        typed: &str,
        create: bool,
        now: Timestamp,
    ) -> Result<(PersonId, Option<Person>)> {
        let q = typed.trim();
        let new_person = |name: &str| -> Result<(PersonId, Option<Person>)> {
            let profile = PersonProfile::named(name);
            profile.validate()?;
            let person = Person {
                id: PersonId(new_uuid()),
                profile,
                circles: Vec::new(),
                archived_at: None,
                snoozed_until: None,
                created_at: now,
                updated_at: now,
            };
            Ok((person.id, Some(person)))
        };
        // An id or an email names someone already known, even when creating: never a name.
        if create && (q.parse::<PersonId>().is_ok() || q.contains('@')) {
            return Ok((self.resolve(q).await?, None));
        }
        if create {
            let key = text::name_key(q);
            let longest = key.split(' ').max_by_key(|w| w.len()).unwrap_or_default();
            let same: Vec<_> = self
                .store
                .name_entries(Some(longest))
                .await?
                .into_iter()
                .filter(|e| e.key == key && !key.is_empty())
                .collect();
            return match same.as_slice() {
                [one] => Ok((one.id, None)),
                [] => new_person(q),
                many => Err(AppError::AmbiguousPerson {
                    query: q.to_owned(),
                    candidates: many
                        .iter()
                        .map(|e| crate::error::Candidate {
                            name: e.name.clone(),
                            id: e.id.to_string(),
                        })
                        .collect(),
                }),
            };
        }
        match self.resolve(q).await {
            Ok(id) => Ok((id, None)),
            Err(AppError::UnknownPerson { suggestions, .. })
                if suggestions.is_empty() && !q.contains('@') && q.parse::<PersonId>().is_err() =>
            {
                new_person(q)
            }
            Err(e @ AppError::UnknownPerson { .. }) => Err(AppError::NotFound(format!(
                "{e}; to add them as someone new, run again with --create"
            ))),
            Err(e) => Err(e),
        }
    }

    /// Records the people the user met at an event: each is matched by name (or created when
    /// nobody matches), becomes an attendee met there, gets the event as how we met when
    /// their profile has none, and an interaction at the event is logged with them (so
    /// strength and recency count it). People already recorded as met there are left as they
    /// are. Refused for an event that has not started by the end of today.
    pub async fn event_met(
        &self,
        query: &str,
        people: &[String],
        create: bool,
    ) -> Result<MetOutcome> {
        if people.is_empty() {
            return Err(
                ValidationError::new("person", "", "name at least one person you met").into(),
            );
        }
        let event = self.find_event(query).await?;
        let (today, end_of_today) = self.as_of(None)?;
        let tz = self.now().time_zone().clone();
        let day = local_day(event.starts_at, &tz);
        if event.starts_at > end_of_today {
            return Err(AppError::Conflict(format!(
                "\"{}\" is on {day}, after today ({today}); record who you met once it has happened",
                event.name
            )));
        }
        let now = self.timestamp();
        let me = self.store.me().await?;
        let already: HashMap<PersonId, bool> = event
            .attendees
            .iter()
            .map(|a| (a.person, a.met_there))
            .collect();
        let mut batch = Batch::new();
        let mut updated: Vec<Person> = Vec::new();
        let mut met: Vec<PersonId> = Vec::new();
        let mut out: Vec<MetPerson> = Vec::new();
        for typed in people {
            let (id, new) = self.met_person(typed, create, now).await?;
            if Some(id) == me {
                return Err(ValidationError::new(
                    "person",
                    typed,
                    "is you; name the people you met",
                )
                .into());
            }
            if met.contains(&id) {
                continue;
            }
            met.push(id);
            let was_met = already.get(&id).copied().unwrap_or(false);
            let (name, created, how_set) = match new {
                Some(mut p) => {
                    p.profile.met_at = Some(event.name.clone());
                    p.profile.met_on = Some(day);
                    let name = p.profile.name.clone();
                    batch.people.push(p);
                    (name, true, true)
                }
                None => {
                    let mut p = self.person(id).await?;
                    let mut set = false;
                    if p.profile.met_at.is_none() && !was_met {
                        p.profile.met_at = Some(event.name.clone());
                        if p.profile.met_on.is_none() {
                            p.profile.met_on = Some(day);
                        }
                        p.updated_at = now;
                        set = true;
                        updated.push(p.clone());
                    }
                    (p.profile.name, false, set)
                }
            };
            if !was_met {
                batch.interactions.push(Interaction {
                    id: InteractionId(new_uuid()),
                    kind: InteractionKind::Event,
                    occurred_at: event.starts_at,
                    minutes: None,
                    direction: Direction::Mutual,
                    participants: vec![id],
                    note: Some(format!("Met at {}", event.name)),
                    event: Some(event.id),
                    source_key: None,
                });
            }
            out.push(MetPerson {
                person: id,
                name,
                created,
                already: was_met,
                how_we_met_set: how_set,
            });
        }
        batch.validate()?;
        self.store
            .record_met(event.id, &batch, &met, &updated, now)
            .await?;
        let event = self.store.event(event.id).await?.unwrap_or(event);
        Ok(MetOutcome {
            event: self.summary(&event, now),
            people: out,
        })
    }

    /// Dismisses the follow-ups with people met at an event (all of them without names);
    /// returns the event and the names dismissed.
    pub async fn event_done(
        &self,
        query: &str,
        people: &[String],
    ) -> Result<(EventSummary, Vec<String>)> {
        let event = self.find_event(query).await?;
        let met: Vec<PersonId> = event
            .attendees
            .iter()
            .filter(|a| a.met_there)
            .map(|a| a.person)
            .collect();
        let chosen = if people.is_empty() {
            met.clone()
        } else {
            let ids = self.resolve_all(people).await?;
            if let Some(stranger) = ids.iter().find(|p| !met.contains(p)) {
                let name = self.person(*stranger).await?.profile.name;
                return Err(AppError::Conflict(format!(
                    "{name} is not recorded as met at \"{}\"; `kithkin event met` records them",
                    event.name
                )));
            }
            ids
        };
        let now = self.timestamp();
        self.store.set_followed_up(event.id, &chosen, now).await?;
        let names = self.store.names_of(&chosen).await?;
        let mut list: Vec<String> = chosen
            .iter()
            .filter_map(|p| names.get(p).cloned())
            .collect();
        list.sort();
        Ok((self.summary(&event, now), list))
    }

    /// The organisation `query` names: exactly (without case or accents), else the one whose
    /// name has words starting with the words typed; `None` when none does; several matches
    /// are refused with the candidates listed.
    pub async fn find_org(&self, query: &str) -> Result<Option<OrgSummary>> {
        let me = self.store.me().await?;
        let all = self.store.organisations(me).await?;
        let key = text::name_key(query);
        if key.is_empty() {
            return Err(ValidationError::new("organisation", query, "is empty").into());
        }
        if let Some(o) = all
            .iter()
            .find(|o| text::name_key(&o.organisation.name) == key)
        {
            return Ok(Some(o.clone()));
        }
        let fuzzy: Vec<&OrgSummary> = all
            .iter()
            .filter(|o| words_match(query, &o.organisation.name))
            .collect();
        match fuzzy.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some((*one).clone())),
            many => Err(AppError::Conflict(format!(
                "{:?} matches {} organisations: {}; give more of the name",
                query.trim(),
                many.len(),
                many.iter()
                    .take(8)
                    .map(|o| format!("\"{}\"", o.organisation.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    async fn org_must(&self, query: &str) -> Result<OrgSummary> {
        self.find_org(query).await?.ok_or_else(|| {
            AppError::NotFound(format!(
                "no organisation matches {:?}; `kithkin org list` shows them",
                query.trim()
            ))
        })
    }

    /// Every organisation with its people and events counts and the user's membership.
    pub async fn org_list(&self) -> Result<Vec<OrgSummary>> {
        let me = self.store.me().await?;
        Ok(self.store.organisations(me).await?)
    }

    /// One organisation: who works there, its events, the user's membership.
    pub async fn org_show(&self, query: &str) -> Result<OrgView> {
        let summary = self.org_must(query).await?;
        let me = self.store.me().await?;
        let people = self
            .store
            .org_people(summary.organisation.id)
            .await?
            .into_iter()
            .filter(|p| Some(p.id) != me)
            .collect();
        let now = self.timestamp();
        let key = text::name_key(&summary.organisation.name);
        let events = self
            .store
            .events()
            .await?
            .iter()
            .filter(|e| {
                e.organisation
                    .as_deref()
                    .is_some_and(|o| text::name_key(o) == key)
            })
            .map(|e| self.summary(e, now))
            .collect();
        Ok(OrgView {
            organisation: summary.organisation,
            membership: summary.membership,
            people,
            events,
        })
    }

    /// Makes the user a member of an organisation (created when missing), with a role and a
    /// day since (parsed like every day). Returns the membership and whether the organisation
    /// was created.
    pub async fn org_join(
        &self,
        query: &str,
        role: Option<&str>,
        since: Option<&str>,
    ) -> Result<(Membership, bool)> {
        let name = query.trim();
        check_text("organisation", name, 200)?;
        let role = role.map(str::trim).filter(|r| !r.is_empty());
        if let Some(r) = role {
            check_text("role", r, 100)?;
        }
        let since = match since {
            Some(s) => Some(parse_day(s, &self.now())?),
            None => None,
        };
        let target = match self.find_org(name).await? {
            Some(o) => o.organisation.name,
            None => name.to_owned(),
        };
        let me = self.me().await?;
        let (org, created) = self
            .store
            .join_org(&target, me, role, since, self.timestamp())
            .await?;
        let membership = self
            .store
            .memberships_of(me)
            .await?
            .into_iter()
            .find(|m| m.organisation.id == org.id)
            .ok_or_else(|| {
                AppError::NotFound(format!("the membership of {} was not saved", org.name))
            })?;
        Ok((membership, created))
    }

    /// Ends the user's membership of an organisation today (kept, with its end).
    pub async fn org_leave(&self, query: &str) -> Result<Membership> {
        let org = self.org_must(query).await?;
        let me = self.me().await?;
        let today = self.now().date();
        if !self.store.leave_org(org.organisation.id, me, today).await? {
            return Err(AppError::Conflict(format!(
                "you are not a member of {}; `kithkin org join` makes you one",
                org.organisation.name
            )));
        }
        self.store
            .memberships_of(me)
            .await?
            .into_iter()
            .find(|m| m.organisation.id == org.organisation.id)
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "the membership of {} is gone",
                    org.organisation.name
                ))
            })
    }

    /// The user's memberships, current first.
    pub async fn my_memberships(&self) -> Result<Vec<Membership>> {
        match self.store.me().await? {
            Some(me) => Ok(self.store.memberships_of(me).await?),
            None => Ok(Vec::new()),
        }
    }
}
