//! Give and take: needs and offers, the favour ledger, thanks.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::exchange::{Favour, FavourKind, HelpItem, HelpKind, HelpStatus, check_weight};
use kithkin_core::interaction::{Direction, Interaction, InteractionKind};
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
    /// they did for me.
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
                .filter(|f| f.giver == person && f.receiver == me && f.thanked_at.is_none())
                .collect(),
        };
        let kind: InteractionKind = via.unwrap_or("message").parse()?;
        let now = self.timestamp();
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
