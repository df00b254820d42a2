//! `kithkin brief PERSON`: what to know before meeting someone.

use crate::App;
use crate::error::Result;
use crate::exchange::FavourView;
use crate::people::{InteractionView, KnownPerson};
use crate::value::{Direction, ValueMatch};
use jiff::ToSpan;
use kithkin_core::exchange::{HelpItem, HelpKind, HelpStatus};
use kithkin_core::follow_up::FollowUp;
use kithkin_core::life_event::LifeEvent;
use kithkin_core::note::Note;
use kithkin_core::person::Person;
use kithkin_core::strength::Strength;
use serde::Serialize;

/// How far back the strength trend looks, in days.
pub const TREND_DAYS: i64 = 90;

/// Everything worth knowing before meeting a person.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    /// Who they are.
    pub person: Person,
    /// Who introduced them.
    pub introduced_by: Option<String>,
    /// Strength now.
    pub strength: Option<Strength>,
    /// Strength [`TREND_DAYS`] days ago.
    pub strength_before: Option<f64>,
    /// The last three interactions, newest first.
    pub last_interactions: Vec<InteractionView>,
    /// Their open needs.
    pub open_needs: Vec<HelpItem>,
    /// Their open offers.
    pub open_offers: Vec<HelpItem>,
    /// Their open goals.
    pub goals: Vec<String>,
    /// Life events since we last spoke (or in the last 90 days, if we never did).
    pub life_events: Vec<LifeEvent>,
    /// Favours between us, newest first.
    pub favours: Vec<FavourView>,
    /// Favours they did for me that I have not thanked.
    pub thanks_owed: Vec<FavourView>,
    /// Ways I could help them.
    pub ways_to_help: Vec<ValueMatch>,
    /// Ways they could help me.
    pub ways_they_help: Vec<ValueMatch>,
    /// Things to ask about: recent notes.
    pub recent_notes: Vec<Note>,
    /// Open follow-ups with them.
    pub open_follow_ups: Vec<FollowUp>,
    /// People we both know (their knows links), strongest first.
    pub mutual_connections: Vec<KnownPerson>,
}

impl App {
    /// The pre-meeting brief for a person.
    pub async fn brief(&self, query: &str) -> Result<Brief> {
        let view = self.show(query).await?;
        let id = view.person.id;
        let me = self.me().await?;
        let before_day = self
            .now()
            .date()
            .checked_sub(TREND_DAYS.days())
            .ok()
            .map(|d| d.to_string());
        let strength_before = match before_day {
            Some(day) if !view.is_me => {
                let (_, until) = self.as_of(Some(&day))?;
                self.strengths_of(Some(&[id]), until)
                    .await?
                    .get(&id)
                    .map(|s| s.score)
            }
            _ => None,
        };
        let help = self.store.help_items_of(id).await?;
        let open = |k: HelpKind| {
            help.iter()
                .filter(|h| h.kind == k && h.status == HelpStatus::Open)
                .cloned()
                .collect()
        };
        let last_contact = view.stats.as_ref().map(|s| s.last_at);
        let window_start = self.now().date().checked_sub(90.days()).ok();
        let life_events = view
            .life_events
            .iter()
            .filter(|e| match last_contact {
                Some(t) => e.on >= t.to_zoned(self.now().time_zone().clone()).date(),
                None => window_start.is_some_and(|w| e.on >= w),
            })
            .cloned()
            .collect();
        let favours: Vec<FavourView> = self
            .favour_log(Some(id))
            .await?
            .into_iter()
            .filter(|f| (f.favour.giver == me) || (f.favour.receiver == me))
            .collect();
        let thanks_owed = favours
            .iter()
            .filter(|f| {
                f.favour.giver == id && f.favour.receiver == me && f.favour.thanked_at.is_none()
            })
            .cloned()
            .collect();
        let value = if view.is_me {
            Vec::new()
        } else {
            self.ways_to_add_value(Some(id)).await?
        };
        let (ways_to_help, ways_they_help): (Vec<ValueMatch>, Vec<ValueMatch>) = value
            .into_iter()
            .partition(|m| m.direction == Direction::IHelpThem);
        Ok(Brief {
            introduced_by: view.introduced_by.as_ref().map(|c| c.name.clone()),
            strength: view.strength,
            strength_before,
            last_interactions: view.interactions.iter().take(3).cloned().collect(),
            open_needs: open(HelpKind::Need),
            open_offers: open(HelpKind::Offer),
            goals: self.store.open_goals_of(id).await?,
            life_events,
            favours,
            thanks_owed,
            ways_to_help,
            ways_they_help,
            recent_notes: view.notes.iter().take(3).cloned().collect(),
            open_follow_ups: view
                .follow_ups
                .iter()
                .filter(|f| f.done_at.is_none())
                .cloned()
                .collect(),
            mutual_connections: view.knows.clone(),
            person: view.person,
        })
    }
}
