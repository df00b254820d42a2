//! Give and take: needs and offers, the favour ledger, thanks.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::exchange::{Favour, FavourKind, HelpItem, HelpKind, HelpStatus, check_weight};
use kithkin_core::gratitude::{DraftInput, ThanksOwed, draft_thank_you, thanks_owed};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
use kithkin_core::reciprocity::{Balance, LedgerRules, NetworkTotals, balances, totals};
use kithkin_core::when::parse_when;
use kithkin_core::{FavourId, HelpItemId, InteractionId, PersonId, ValidationError, text};
use serde::Serialize;

/// A favour as the user describes it.
#[derive(Debug, Clone, Default)]
pub struct FavourRequest {
    /// advice, introduction, referral, feedback, resource, endorsement, time or other.
    pub kind: String,
    /// What it was.
    pub text: String,
    /// 1 (small) to 3 (large); default 1.
    pub weight: Option<u8>,
    /// The need it answered (id or its last characters).
    pub for_need: Option<String>,
    /// When (default now).
    pub at: Option<String>,
}

/// A favour with the names of both sides.
#[derive(Debug, Clone, Serialize)]
pub struct FavourView {
    /// The favour.
    #[serde(flatten)]
    pub favour: Favour,
    /// Giver's name.
    pub giver_name: String,
    /// Receiver's name.
    pub receiver_name: String,
}

/// What `thank` did.
#[derive(Debug, Clone, Serialize)]
pub struct Thanked {
    /// Whom.
    pub name: String,
    /// The thank-you, logged as an interaction.
    pub interaction: Interaction,
    /// The favours now thanked.
    pub favours: Vec<Favour>,
}

impl App {
    /// Records a need or an offer for a person (`me` included).
    pub async fn add_help(
        &self,
        query: &str,
        kind: HelpKind,
        text_: &str,
        tags: &[String],
    ) -> Result<(HelpItem, String)> {
        let person = self.resolve(query).await?;
        let now = self.timestamp();
        let item = HelpItem {
            id: HelpItemId(new_uuid()),
            person,
            kind,
            text: text_.trim().to_owned(),
            tags: tags
                .iter()
                .map(|t| text::label(t))
                .filter(|t| !t.is_empty())
                .collect(),
            status: HelpStatus::Open,
            created_at: now,
            closed_at: None,
        };
        item.validate()?;
        self.store
            .write(
                &Batch {
                    help_items: vec![item.clone()],
                    ..Batch::new()
                },
                now,
            )
            .await?;
        Ok((item, self.person(person).await?.profile.name))
    }

    /// Finds one need or offer by its id or last characters.
    pub async fn help_item(&self, id: &str) -> Result<HelpItem> {
        let found = self.store.help_items_by_tail(id).await?;
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(AppError::NotFound(format!(
                "no need or offer with id {id:?}; `kithkin show PERSON` lists them with their ids"
            ))),
            many => Err(AppError::Conflict(format!(
                "{id:?} matches {} needs and offers; give more of the id",
                many.len()
            ))),
        }
    }

    /// Marks a need or offer fulfilled or withdrawn (or open again).
    pub async fn set_help_status(&self, id: &str, status: HelpStatus) -> Result<HelpItem> {
        let mut item = self.help_item(id).await?;
        if item.status == status {
            return Err(AppError::Conflict(format!(
                "\"{}\" is already {}",
                item.text, status
            )));
        }
        let now = self.timestamp();
        self.store.set_help_status(item.id, status, now).await?;
        item.status = status;
        item.closed_at = if status == HelpStatus::Open {
            None
        } else {
            Some(now)
        };
        Ok(item)
    }

    /// Records a favour from `giver` to `receiver` (people, `me` included).
    pub async fn record_favour(
        &self,
        giver: &str,
        receiver: &str,
        req: &FavourRequest,
    ) -> Result<FavourView> {
        let giver = self.resolve(giver).await?;
        let receiver = self.resolve(receiver).await?;
        if giver == receiver {
            return Err(ValidationError::new(
                "favour",
                &req.text,
                "giver and receiver are the same person",
            )
            .into());
        }
        let kind: FavourKind = req.kind.parse()?;
        let weight = req.weight.unwrap_or(1);
        check_weight(weight)?;
        let occurred_at = match &req.at {
            Some(w) => parse_when(w, &self.now())?,
            None => self.timestamp(),
        };
        let for_need = match &req.for_need {
            Some(id) => {
                let need = self.help_item(id).await?;
                if need.kind != HelpKind::Need {
                    return Err(
                        ValidationError::new("for need", id, "is an offer, not a need").into(),
                    );
                }
                if need.person != receiver {
                    return Err(ValidationError::new(
                        "for need",
                        id,
                        "is a need of someone else than the receiver",
                    )
                    .into());
                }
                Some(need.id)
            }
            None => None,
        };
        let favour = Favour {
            id: FavourId(new_uuid()),
            giver,
            receiver,
            kind,
            text: req.text.trim().to_owned(),
            weight,
            occurred_at,
            for_need,
            thanked_at: None,
            thanked_in: None,
        };
        favour.validate()?;
        self.store
            .write(
                &Batch {
                    favours: vec![favour.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        self.favour_view(favour).await
    }

    async fn favour_view(&self, favour: Favour) -> Result<FavourView> {
        let names = self
            .store
            .names_of(&[favour.giver, favour.receiver])
            .await?;
        Ok(FavourView {
            giver_name: names.get(&favour.giver).cloned().unwrap_or_default(),
            receiver_name: names.get(&favour.receiver).cloned().unwrap_or_default(),
            favour,
        })
    }

    /// Thanks a person: logs the thank-you as an interaction (a message unless `via` says
    /// otherwise, outbound) and marks as thanked the given favour, or every unthanked favour
    /// they did for me up to now (what [`App::gratitude`] lists as owed).
    pub async fn thank(
        &self,
        query: &str,
        favour: Option<&str>,
        via: Option<&str>,
        note: Option<&str>,
    ) -> Result<Thanked> {
        let person = self.resolve(query).await?;
        let me = self.me().await?;
        if person == me {
            return Err(ValidationError::new("person", query, "is you; thank someone else").into());
        }
        let now = self.timestamp();
        let favours: Vec<Favour> = match favour {
            Some(id) => {
                let found = self.store.favours_by_tail(id).await?;
                let f = match found.as_slice() {
                    [one] => one.clone(),
                    [] => {
                        return Err(AppError::NotFound(format!(
                            "no favour with id {id:?}; `kithkin gratitude` lists them"
                        )));
                    }
                    many => {
                        return Err(AppError::Conflict(format!(
                            "{id:?} matches {} favours; give more of the id",
                            many.len()
                        )));
                    }
                };
                if f.giver != person || f.receiver != me {
                    return Err(ValidationError::new(
                        "for",
                        id,
                        "is not a favour this person did for you",
                    )
                    .into());
                }
                if f.thanked_at.is_some() {
                    return Err(AppError::Conflict(format!(
                        "you already thanked them for \"{}\"",
                        f.text
                    )));
                }
                vec![f]
            }
            None => self
                .store
                .favours(Some(person))
                .await?
                .into_iter()
                // what `gratitude` lists as owed: not a favour dated after now
                .filter(|f| {
                    f.giver == person
                        && f.receiver == me
                        && f.thanked_at.is_none()
                        && f.occurred_at <= now
                })
                .collect(),
        };
        let kind: InteractionKind = via.unwrap_or("message").parse()?;
        let summary = match favours.as_slice() {
            [] => "Thank-you".to_owned(),
            [one] => format!("Thank-you for: {}", one.text),
            many => format!("Thank-you for {} favours", many.len()),
        };
        let interaction = Interaction {
            id: InteractionId(new_uuid()),
            kind,
            occurred_at: now,
            minutes: None,
            direction: Direction::Outbound,
            participants: vec![person],
            note: Some(match note {
                Some(n) if !n.trim().is_empty() => format!("{summary}. {}", n.trim()),
                _ => summary,
            }),
            event: None,
            source_key: None,
        };
        interaction.validate()?;
        self.store
            .write(
                &Batch {
                    interactions: vec![interaction.clone()],
                    ..Batch::new()
                },
                now,
            )
            .await?;
        let ids: Vec<FavourId> = favours.iter().map(|f| f.id).collect();
        self.store
            .mark_thanked(&ids, now, Some(interaction.id))
            .await?;
        let favours = favours
            .into_iter()
            .map(|mut f| {
                f.thanked_at = Some(now);
                f.thanked_in = Some(interaction.id);
                f
            })
            .collect();
        Ok(Thanked {
            name: self.person(person).await?.profile.name,
            interaction,
            favours,
        })
    }

    /// Every favour involving `person` (or everyone), with names, newest first.
    pub async fn favour_log(&self, person: Option<PersonId>) -> Result<Vec<FavourView>> {
        let favours = self.store.favours(person).await?;
        let mut ids: Vec<PersonId> = favours.iter().flat_map(|f| [f.giver, f.receiver]).collect();
        ids.sort();
        ids.dedup();
        let names = self.store.names_of(&ids).await?;
        let mut out: Vec<FavourView> = favours
            .into_iter()
            .map(|f| FavourView {
                giver_name: names.get(&f.giver).cloned().unwrap_or_default(),
                receiver_name: names.get(&f.receiver).cloned().unwrap_or_default(),
                favour: f,
            })
            .collect();
        out.reverse();
        Ok(out)
    }
}

/// Thanks owed, with the giver's name.
#[derive(Debug, Clone, Serialize)]
pub struct OwedView {
    /// The favour and how long it has waited.
    #[serde(flatten)]
    pub owed: ThanksOwed,
    /// The giver's name.
    pub name: String,
}

/// The gratitude log: what is still owed, and what was thanked.
#[derive(Debug, Clone, Serialize)]
pub struct GratitudeLog {
    /// Favours received and not thanked yet, oldest first.
    pub owed: Vec<OwedView>,
    /// Favours received and thanked, most recently thanked first.
    pub thanked: Vec<FavourView>,
}

/// One person's balance with their name.
#[derive(Debug, Clone, Serialize)]
pub struct NamedBalance {
    /// Their name.
    pub name: String,
    /// Given, received, balance and flag.
    #[serde(flatten)]
    pub balance: Balance,
}

/// The reciprocity report.
#[derive(Debug, Clone, Serialize)]
pub struct ReciprocityReport {
    /// Per person, most lopsided first.
    pub people: Vec<NamedBalance>,
    /// The whole network.
    pub totals: NetworkTotals,
    /// The rules used (decay half-life, thresholds).
    pub half_life_days: f64,
    /// No flag below this decayed total.
    pub min_total: f64,
    /// Share of the total that makes a relationship one-sided.
    pub one_sided_share: f64,
}

impl App {
    /// Thanks owed now: favours received by me and not yet thanked, waiting at least
    /// `min_days` days.
    pub async fn thanks_owed(
        &self,
        until: jiff::Timestamp,
        min_days: i64,
    ) -> Result<Vec<OwedView>> {
        let Some(me) = self.store.me().await? else {
            return Ok(Vec::new());
        };
        let favours = self.store.favours(Some(me)).await?;
        let owed = thanks_owed(me, &favours, until, min_days);
        let ids: Vec<PersonId> = owed.iter().map(|o| o.person).collect();
        let names = self.store.names_of(&ids).await?;
        Ok(owed
            .into_iter()
            .map(|o| OwedView {
                name: names.get(&o.person).cloned().unwrap_or_default(),
                owed: o,
            })
            .collect())
    }

    /// The gratitude log.
    pub async fn gratitude(&self) -> Result<GratitudeLog> {
        let owed = self.thanks_owed(self.timestamp(), 0).await?;
        let Some(me) = self.store.me().await? else {
            return Ok(GratitudeLog {
                owed,
                thanked: Vec::new(),
            });
        };
        let mut thanked: Vec<FavourView> = self
            .favour_log(Some(me))
            .await?
            .into_iter()
            .filter(|f| f.favour.receiver == me && f.favour.thanked_at.is_some())
            .collect();
        thanked.sort_by_key(|f| std::cmp::Reverse(f.favour.thanked_at));
        Ok(GratitudeLog { owed, thanked })
    }

    /// A personal thank-you note for a person: cites what they did (the given favour, or
    /// their favours to me), their recent news and an interest we share. Records nothing.
    pub async fn thank_draft(&self, query: &str, favour: Option<&str>) -> Result<String> {
        let person = self.resolve(query).await?;
        let me = self.me().await?;
        let them = self.person(person).await?;
        let mine = self.person(me).await?;
        let mut favours: Vec<Favour> = self
            .store
            .favours(Some(person))
            .await?
            .into_iter()
            .filter(|f| f.giver == person && f.receiver == me)
            .collect();
        if let Some(id) = favour {
            let wanted = self.store.favours_by_tail(id).await?;
            favours.retain(|f| wanted.iter().any(|w| w.id == f.id));
            if favours.is_empty() {
                return Err(AppError::NotFound(format!(
                    "{} did no favour with id {id:?} for you",
                    them.profile.name
                )));
            }
        }
        favours.sort_by_key(|f| std::cmp::Reverse(f.occurred_at));
        let today = self.now().date();
        let news = self
            .store
            .life_events_of(person)
            .await?
            .into_iter()
            .find(|e| {
                (today - e.on).get_days()
                    <= i32::try_from(kithkin_core::agenda::LIFE_EVENT_WINDOW_DAYS).unwrap_or(90)
            });
        let shared = them
            .profile
            .interests
            .iter()
            .chain(them.profile.expertise.iter())
            .find(|t| mine.profile.interests.contains(t) || mine.profile.expertise.contains(t))
            .cloned();
        Ok(draft_thank_you(&DraftInput {
            their_name: &them.profile.name,
            my_name: &mine.profile.name,
            favours: &favours,
            recent_news: news.as_ref(),
            shared_interest: shared.as_deref(),
            nickname: them.profile.nickname.as_deref(),
        }))
    }

    /// Given and received per person, decayed, with one-sided relationships flagged, as of the
    /// end of a day (default today).
    pub async fn reciprocity_report(&self, at: Option<&str>) -> Result<ReciprocityReport> {
        let (_, until) = self.as_of(at)?;
        let me = self.me().await?;
        let rules = LedgerRules::default();
        let favours = self.store.favours(Some(me)).await?;
        let list = balances(me, &favours, until, &rules);
        let ids: Vec<PersonId> = list.iter().map(|b| b.person).collect();
        let names = self.store.names_of(&ids).await?;
        let totals = totals(&list);
        Ok(ReciprocityReport {
            people: list
                .into_iter()
                .map(|b| NamedBalance {
                    name: names.get(&b.person).cloned().unwrap_or_default(),
                    balance: b,
                })
                .collect(),
            totals,
            half_life_days: rules.half_life_days,
            min_total: rules.min_total,
            one_sided_share: rules.one_sided_share,
        })
    }
}
