//! Keeping in touch: cadences and snoozes, the day's agenda, follow-ups, life events,
//! relationship strength and dormant ties.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan, Zoned};
use kithkin_core::agenda::{
    AgendaItem, CheckinInput, DueFollowUp, due_checkins, pending_life_events, upcoming_dates,
};
use kithkin_core::batch::Batch;
use kithkin_core::cadence::{Cadence, parse_days};
use kithkin_core::follow_up::FollowUp;
use kithkin_core::life_event::{LifeEvent, LifeEventKind};
use kithkin_core::strength::{
    Dormant, DormantRule, FavourFlow, Strength, StrengthInput, StrengthModel, dormant, strength,
};
use kithkin_core::when::parse_day;
use kithkin_core::{FollowUpId, LifeEventId, PersonId, ValidationError};
use kithkin_store::FollowUpView;
use serde::Serialize;
use std::collections::HashMap;

/// The agenda of one day.
#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    /// The day.
    pub day: Date,
    /// What to do, by kind: life events, dates, follow-ups, then check-ins (each kind in its
    /// own order).
    pub items: Vec<AgendaItem>,
}

/// A person's strength.
#[derive(Debug, Clone, Serialize)]
pub struct PersonStrength {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Score and components.
    pub strength: Strength,
}

/// A dormant tie worth reviving.
#[derive(Debug, Clone, Serialize)]
pub struct DormantTie {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Why.
    #[serde(flatten)]
    pub dormant: Dormant,
}

/// When the user has known someone, for strength: the day they met, at its start (UTC).
fn known_since(met_on: Option<Date>) -> Option<Timestamp> {
    met_on
        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
}

/// The last instant of `day` in the zone of `now`: "as of a day" includes all of it.
pub(crate) fn end_of_day(day: Date, now: &Zoned) -> Result<Timestamp> {
    let next = day
        .checked_add(1.days())
        .map_err(|e| ValidationError::new("date", day.to_string(), e.to_string()))?;
    let start = next
        .to_datetime(Time::midnight())
        .to_zoned(now.time_zone().clone())
        .map_err(|e| ValidationError::new("date", day.to_string(), e.to_string()))?;
    Ok(start
        .timestamp()
        .checked_sub(1.second())
        .unwrap_or(start.timestamp()))
}

impl App {
    /// The day `at` names (default today) and the instant that ends it.
    pub(crate) fn as_of(&self, at: Option<&str>) -> Result<(Date, Timestamp)> {
        let now = self.now();
        let day = match at {
            Some(s) => parse_day(s, &now)?,
            None => now.date(),
        };
        Ok((day, end_of_day(day, &now)?))
    }

    /// Strength as of `at` for the given people (everyone not archived with `None`), in
    /// bulk: a constant number of queries whatever the number of people. For one person,
    /// only that person's favours and contexts are read.
    pub async fn strengths_of(
        &self,
        people: Option<&[PersonId]>,
        at: Timestamp,
    ) -> Result<HashMap<PersonId, Strength>> {
        let model = StrengthModel::default();
        let touches = self.store.touches(people, at).await?;
        let (favours, contexts) = match people {
            Some(&[one]) => {
                let (favours, contexts) = self.favours_and_contexts_of(one, at).await?;
                (
                    HashMap::from([(one, favours)]),
                    HashMap::from([(one, contexts)]),
                )
            }
            _ => {
                let favours = match self.store.me().await? {
                    Some(me) => self.store.favour_flows(me, at).await?,
                    None => HashMap::new(),
                };
                (favours, self.store.shared_contexts().await?)
            }
        };
        let basics = match people {
            Some(ids) => self.store.basics_of(ids).await?,
            None => self.store.active_people().await?,
        };
        let mut out = HashMap::with_capacity(basics.len());
        for b in basics {
            let input = StrengthInput {
                touches: touches.get(&b.person).map(Vec::as_slice).unwrap_or(&[]),
                favours: favours.get(&b.person).map(Vec::as_slice).unwrap_or(&[]),
                known_since: known_since(b.met_on),
                shared_contexts: contexts.get(&b.person).copied().unwrap_or(0),
            };
            out.insert(b.person, strength(&input, at, &model));
        }
        Ok(out)
    }

    /// The agenda for a day (default today): every computation as of the end of that day.
    pub async fn today(&self, at: Option<&str>) -> Result<Agenda> {
        let now = self.now();
        let tz = now.time_zone().clone();
        let (day, until) = self.as_of(at)?;
        let candidates = self.store.checkin_candidates(until).await?;
        let ids: Vec<PersonId> = candidates.iter().map(|c| c.person).collect();
        let strengths = self.strengths_of(Some(&ids), until).await?;
        let mut roles = self.store.roles_of(&ids).await?;
        let inputs: Vec<CheckinInput> = candidates
            .into_iter()
            .map(|facts| CheckinInput {
                strength: strengths.get(&facts.person).map(|s| s.score).unwrap_or(0.0),
                roles: roles.remove(&facts.person).unwrap_or_default(),
                facts,
            })
            .collect();
        let mut items: Vec<AgendaItem> = Vec::new();
        let events = self.store.open_life_events(until).await?;
        items.extend(
            pending_life_events(&events, day, &tz)
                .into_iter()
                .map(AgendaItem::LifeEvent),
        );
        let dates = self.store.all_dates().await?;
        items.extend(
            upcoming_dates(&dates, day, 7)
                .into_iter()
                .map(AgendaItem::Date),
        );
        items.extend(self.store.due_follow_ups(day).await?.into_iter().map(|f| {
            AgendaItem::FollowUp(DueFollowUp {
                id: f.follow_up.id,
                person: f.follow_up.person,
                name: f.name,
                days_overdue: (day - f.follow_up.due_on).get_days().into(),
                text: f.follow_up.text,
                due_on: f.follow_up.due_on,
            })
        }));
        // people met at events: from the event until 48 hours after it, as of now for
        // today's agenda, from the start of the day for another day's
        let from = match at {
            None => self.timestamp().min(until),
            Some(_) => kithkin_core::period::start_of_day(day, &tz).unwrap_or(until),
        };
        items.extend(
            self.event_follow_ups(from, until)
                .await?
                .into_iter()
                .map(AgendaItem::EventFollowUp),
        );
        items.extend(
            self.thanks_owed(until, kithkin_core::gratitude::THANKS_GRACE_DAYS)
                .await?
                .into_iter()
                .map(|o| {
                    AgendaItem::ThanksOwed(kithkin_core::agenda::PendingThanks {
                        owed: o.owed,
                        name: o.name,
                    })
                }),
        );
        for v in self.intros_waiting(until).await? {
            let since = v.introduction.since();
            items.push(AgendaItem::Introduction(
                kithkin_core::agenda::WaitingIntroduction {
                    id: v.introduction.id,
                    a_name: v.a_name,
                    b_name: v.b_name,
                    status: v.introduction.status,
                    days_waiting: (until.as_second() - since.as_second()) / 86_400,
                },
            ));
        }
        items.extend(
            due_checkins(&inputs, day, &tz)
                .into_iter()
                .map(AgendaItem::CheckIn),
        );
        Ok(Agenda { day, items })
    }

    /// Sets (or with `None` clears) a person's own cadence.
    pub async fn set_cadence(
        &self,
        query: &str,
        cadence: Option<&str>,
    ) -> Result<(PersonId, String, Option<Cadence>)> {
        let id = self.resolve(query).await?;
        let cadence = cadence.map(str::parse::<Cadence>).transpose()?;
        self.store
            .set_cadence(id, cadence, self.timestamp())
            .await?;
        Ok((id, self.person(id).await?.profile.name, cadence))
    }

    /// Sets (or clears) a circle's cadence.
    pub async fn set_circle_cadence(
        &self,
        name: &str,
        cadence: Option<&str>,
    ) -> Result<(String, Option<Cadence>)> {
        let circle = self.store.circle_by_name(name).await?.ok_or_else(|| {
            AppError::NotFound(format!(
                "no circle named {name:?}; see `kithkin circle list`"
            ))
        })?;
        let cadence = cadence.map(str::parse::<Cadence>).transpose()?;
        self.store.set_circle_cadence(circle.id, cadence).await?;
        Ok((circle.name, cadence))
    }

    /// Snoozes a person's check-ins for a span (`1w`, `10d`) or until a day
    /// (`2026-04-01`); `None` wakes them up again. Returns the name and the day.
    pub async fn snooze(&self, query: &str, span: Option<&str>) -> Result<(String, Option<Date>)> {
        let id = self.resolve(query).await?;
        let now = self.now();
        let until = match span {
            None => None,
            Some(s) => Some(match parse_days("snooze", s) {
                Ok(0) => {
                    return Err(
                        ValidationError::new("snooze", s, "must be at least one day").into(),
                    );
                }
                Ok(days) => now
                    .date()
                    .checked_add(i64::from(days).days())
                    .map_err(|e| ValidationError::new("snooze", s, e.to_string()))?,
                Err(_) => {
                    let d = parse_day(s, &now).map_err(|_| {
                        ValidationError::new(
                            "snooze",
                            s,
                            "expected a span (1w, 10d) or a day (2026-04-01)",
                        )
                    })?;
                    if d <= now.date() {
                        return Err(
                            ValidationError::new("snooze", s, "is not in the future").into()
                        );
                    }
                    d
                }
            }),
        };
        self.store.set_snooze(id, until, self.timestamp()).await?;
        Ok((self.person(id).await?.profile.name, until))
    }

    /// Records a follow-up: do `text` for the person on the day `when` names.
    pub async fn remind(&self, query: &str, when: &str, text: &str) -> Result<FollowUpView> {
        let person = self.resolve(query).await?;
        let due_on = parse_day(when, &self.now())?;
        kithkin_core::error::check_text("reminder", text, 2000)?;
        let follow_up = FollowUp {
            id: FollowUpId(new_uuid()),
            person,
            due_on,
            text: text.trim().to_owned(),
            done_at: None,
            created_at: self.timestamp(),
        };
        self.store
            .write(
                &Batch {
                    follow_ups: vec![follow_up.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        Ok(FollowUpView {
            follow_up,
            name: self.person(person).await?.profile.name,
        })
    }

    /// Marks a follow-up done, by its id or its last characters (as `today` shows them).
    pub async fn done(&self, id: &str) -> Result<FollowUpView> {
        let found = if id.trim().len() < 4 {
            Vec::new()
        } else {
            self.store.follow_ups_by_tail(id.trim()).await?
        };
        let mut one = match found.as_slice() {
            [] => {
                return Err(AppError::NotFound(format!(
                    "no follow-up with id {id:?}; `kithkin today` lists them"
                )));
            }
            [one] => one.clone(),
            many => {
                return Err(AppError::Conflict(format!(
                    "{id:?} matches {} follow-ups; give more of the id",
                    many.len()
                )));
            }
        };
        if one.follow_up.done_at.is_some() {
            return Err(AppError::Conflict(format!(
                "the follow-up \"{}\" is already done",
                one.follow_up.text
            )));
        }
        let now = self.timestamp();
        self.store.complete_follow_up(one.follow_up.id, now).await?;
        one.follow_up.done_at = Some(now);
        Ok(one)
    }

    /// Records a life event (default: today).
    pub async fn record_life_event(
        &self,
        query: &str,
        kind: &str,
        on: Option<&str>,
        note: Option<&str>,
    ) -> Result<(LifeEvent, String)> {
        let person = self.resolve(query).await?;
        let kind: LifeEventKind = kind.parse()?;
        let now = self.now();
        let on = match on {
            Some(s) => parse_day(s, &now)?,
            None => now.date(),
        };
        if let Some(n) = note {
            kithkin_core::error::check_text("note", n, 2000)?;
        }
        let event = LifeEvent {
            id: LifeEventId(new_uuid()),
            person,
            kind,
            on,
            note: note.map(|n| n.trim().to_owned()),
            acknowledged_at: None,
        };
        self.store
            .write(
                &Batch {
                    life_events: vec![event.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        Ok((event, self.person(person).await?.profile.name))
    }

    /// Acknowledges a life event explicitly, by its id or its last characters.
    pub async fn acknowledge(&self, id: &str) -> Result<(LifeEvent, String)> {
        let found = if id.trim().len() < 4 {
            Vec::new()
        } else {
            self.store.life_events_by_tail(id.trim()).await?
        };
        let (mut event, name) = match found.as_slice() {
            [] => {
                return Err(AppError::NotFound(format!(
                    "no life event with id {id:?}; `kithkin today` lists them"
                )));
            }
            [one] => one.clone(),
            many => {
                return Err(AppError::Conflict(format!(
                    "{id:?} matches {} life events; give more of the id",
                    many.len()
                )));
            }
        };
        if event.acknowledged_at.is_some() {
            return Err(AppError::Conflict(format!(
                "{name}'s {} is already acknowledged",
                event.kind
            )));
        }
        let now = self.timestamp();
        self.store.acknowledge_life_event(event.id, now).await?;
        event.acknowledged_at = Some(now);
        Ok((event, name))
    }

    /// Everyone's strength as of a day (default today), strongest first.
    pub async fn strength_list(&self, at: Option<&str>) -> Result<Vec<PersonStrength>> {
        let (_, until) = self.as_of(at)?;
        let strengths = self.strengths_of(None, until).await?;
        let basics = self.store.active_people().await?;
        let mut out: Vec<PersonStrength> = basics
            .into_iter()
            .filter_map(|b| {
                strengths.get(&b.person).map(|s| PersonStrength {
                    person: b.person,
                    name: b.name,
                    strength: *s,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.strength
                .score
                .total_cmp(&a.strength.score)
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(out)
    }

    /// One person's strength now, with a line per component for people.
    pub async fn strength_of(&self, person: PersonId) -> Result<(Strength, Vec<String>)> {
        let (_, now) = self.as_of(None)?;
        let model = StrengthModel::default();
        let touches = self.store.touches(Some(&[person]), now).await?;
        let (favours, shared_contexts) = self.favours_and_contexts_of(person, now).await?;
        let met_on = self.person(person).await?.profile.met_on;
        let input = StrengthInput {
            touches: touches.get(&person).map(Vec::as_slice).unwrap_or(&[]),
            favours: &favours,
            known_since: known_since(met_on),
            shared_contexts,
        };
        let s = strength(&input, now, &model);
        let lines = s.explain(&input, now);
        Ok((s, lines))
    }

    /// One person's favours with the user up to `at` and the contexts they share, as the
    /// bulk reads answer them for that person, from that person's rows only.
    async fn favours_and_contexts_of(
        &self,
        person: PersonId,
        at: Timestamp,
    ) -> Result<(Vec<FavourFlow>, u32)> {
        let favours = match self.store.me().await? {
            Some(me) => self.store.favour_flows_with(me, person, at).await?,
            None => Vec::new(),
        };
        Ok((favours, self.store.shared_contexts_of(person).await?))
    }

    /// Strong ties gone quiet, most worth reviving first.
    pub async fn reconnect(&self, limit: usize) -> Result<Vec<DormantTie>> {
        let now = self.timestamp();
        let model = StrengthModel::default();
        let rule = DormantRule::default();
        let touches = self.store.touches(None, now).await?;
        let favours = match self.store.me().await? {
            Some(me) => self.store.favour_flows(me, now).await?,
            None => HashMap::new(),
        };
        let contexts = self.store.shared_contexts().await?;
        let mut out: Vec<DormantTie> = Vec::new();
        for b in self.store.active_people().await? {
            let Some(t) = touches.get(&b.person) else {
                continue;
            };
            let input = StrengthInput {
                touches: t,
                favours: favours.get(&b.person).map(Vec::as_slice).unwrap_or(&[]),
                known_since: known_since(b.met_on),
                shared_contexts: contexts.get(&b.person).copied().unwrap_or(0),
            };
            if let Some(d) = dormant(&input, now, &model, &rule) {
                out.push(DormantTie {
                    person: b.person,
                    name: b.name,
                    dormant: d,
                });
            }
        }
        out.sort_by(|a, b| {
            b.dormant
                .priority
                .total_cmp(&a.dormant.priority)
                .then_with(|| a.name.cmp(&b.name))
        });
        out.truncate(limit);
        Ok(out)
    }
}
