//! Building bridges: double-opt-in introductions between contacts, and warm paths to people
//! the user cannot reach directly.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::exchange::{Favour, FavourKind};
use kithkin_core::introduction::{
    FOLLOW_UP_AFTER_DAYS, IntroOutcome, IntroStep, Introduction, introduction_message,
    opt_in_message,
};
use kithkin_core::knows::{KnowsLink, KnowsSource};
use kithkin_core::paths::{Graph, PathOptions, WarmPath, warm_paths};
use kithkin_core::person::Person;
use kithkin_core::{FavourId, IntroductionId, PersonId, ValidationError};
use serde::Serialize;
use std::collections::HashMap;

/// An introduction with both names and what can happen next.
#[derive(Debug, Clone, Serialize)]
pub struct IntroView {
    /// The introduction.
    #[serde(flatten)]
    pub introduction: Introduction,
    /// A's name.
    pub a_name: String,
    /// B's name.
    pub b_name: String,
    /// The steps allowed now.
    pub next: Vec<&'static str>,
    /// Waiting for an answer or an outcome for more than the follow-up delay.
    pub needs_follow_up: bool,
}

/// A warm path with names.
#[derive(Debug, Clone, Serialize)]
pub struct NamedPath {
    /// The path.
    #[serde(flatten)]
    pub path: WarmPath,
    /// Names along it, me first.
    pub names: Vec<String>,
}

fn blurb(p: &Person) -> Option<String> {
    let parts: Vec<&str> = [
        p.profile.title.as_deref(),
        p.profile.organisation.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn first_name(p: &Person) -> String {
    p.profile.nickname.clone().unwrap_or_else(|| {
        p.profile
            .name
            .split(' ')
            .next()
            .unwrap_or(&p.profile.name)
            .to_owned()
    })
}

impl App {
    async fn intro_view(&self, introduction: Introduction) -> Result<IntroView> {
        let names = self
            .store
            .names_of(&[introduction.a, introduction.b])
            .await?;
        Ok(IntroView {
            a_name: names.get(&introduction.a).cloned().unwrap_or_default(),
            b_name: names.get(&introduction.b).cloned().unwrap_or_default(),
            next: introduction.next_steps(),
            needs_follow_up: introduction
                .waiting_longer_than(FOLLOW_UP_AFTER_DAYS, self.timestamp()),
            introduction,
        })
    }

    /// Starts an introduction between two contacts (asked in the order given).
    pub async fn intro_start(&self, a: &str, b: &str, reason: Option<&str>) -> Result<IntroView> {
        let pa = self.resolve(a).await?;
        let pb = self.resolve(b).await?;
        let me = self.store.me().await?;
        if Some(pa) == me || Some(pb) == me {
            return Err(ValidationError::new(
                "introduction",
                "me",
                "introduce two other people, not yourself",
            )
            .into());
        }
        let open = self.store.introductions(None).await?.into_iter().find(|i| {
            ((i.a == pa && i.b == pb) || (i.a == pb && i.b == pa))
                && !matches!(
                    i.status,
                    kithkin_core::introduction::IntroStatus::Closed
                        | kithkin_core::introduction::IntroStatus::Declined
                )
        });
        if let Some(i) = open {
            return Err(AppError::Conflict(format!(
                "an introduction between them is already under way ({}, {})",
                i.status, i.id
            )));
        }
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        let intro =
            Introduction::start(IntroductionId(new_uuid()), pa, pb, reason, self.timestamp())?;
        self.store
            .write(
                &Batch {
                    introductions: vec![intro.clone()],
                    ..Batch::new()
                },
                self.timestamp(),
            )
            .await?;
        self.intro_view(intro).await
    }

    /// Finds one introduction by its id or last characters.
    pub async fn introduction(&self, id: &str) -> Result<Introduction> {
        let found = self.store.introductions_by_tail(id).await?;
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(AppError::NotFound(format!(
                "no introduction with id {id:?}; `kithkin intro list` shows them"
            ))),
            many => Err(AppError::Conflict(format!(
                "{id:?} matches {} introductions; give more of the id",
                many.len()
            ))),
        }
    }

    /// Moves an introduction one step. Making it records a favour from me to each of them
    /// and a knows link between them.
    pub async fn intro_step(&self, id: &str, step: IntroStep) -> Result<IntroView> {
        let mut intro = self.introduction(id).await?;
        let now = self.timestamp();
        let made = matches!(step, IntroStep::Made);
        intro.apply(step, now)?;
        self.store.save_introduction(&intro).await?;
        if made {
            let me = self.me().await?;
            let names = self.store.names_of(&[intro.a, intro.b]).await?;
            let name = |p: PersonId| names.get(&p).cloned().unwrap_or_default();
            let favour = |to: PersonId, other: PersonId| Favour {
                id: FavourId(new_uuid()),
                giver: me,
                receiver: to,
                kind: FavourKind::Introduction,
                text: format!("Introduced them to {}", name(other)),
                weight: 2,
                occurred_at: now,
                for_need: None,
                thanked_at: None,
                thanked_in: None,
            };
            let link = KnowsLink::new(intro.a, intro.b, 0.3, KnowsSource::Derived)?;
            let batch = Batch {
                favours: vec![favour(intro.a, intro.b), favour(intro.b, intro.a)],
                knows: vec![link],
                ..Batch::new()
            };
            self.store.write(&batch, now).await?;
        }
        self.intro_view(intro).await
    }

    /// Every introduction (or those in one status), newest first.
    pub async fn intro_list(&self, status: Option<&str>) -> Result<Vec<IntroView>> {
        if let Some(s) = status {
            s.parse::<kithkin_core::introduction::IntroStatus>()?;
        }
        let mut out = Vec::new();
        for i in self.store.introductions(status).await? {
            out.push(self.intro_view(i).await?);
        }
        Ok(out)
    }

    /// The message to send next: the opt-in question to A or B, or the introduction itself.
    pub async fn intro_draft(&self, id: &str) -> Result<String> {
        use kithkin_core::introduction::IntroStatus::*;
        let intro = self.introduction(id).await?;
        let a = self.person(intro.a).await?;
        let b = self.person(intro.b).await?;
        let me = self.person(self.me().await?).await?;
        let reason = intro.reason.as_deref();
        Ok(match intro.status {
            Suggested => opt_in_message(
                &first_name(&a),
                &b.profile.name,
                blurb(&b).as_deref(),
                reason,
                &me.profile.name,
            ),
            AskedA => opt_in_message(
                &first_name(&b),
                &a.profile.name,
                blurb(&a).as_deref(),
                reason,
                &me.profile.name,
            ),
            _ => introduction_message(
                &a.profile.name,
                blurb(&a).as_deref(),
                &b.profile.name,
                blurb(&b).as_deref(),
                reason,
                &me.profile.name,
            ),
        })
    }

    /// Introductions waiting for an answer or an outcome for more than the follow-up delay,
    /// in whole days as of `until` (the end of the agenda's day): asked on day 0, it shows on
    /// day 6, waiting 6 days, not on day 5 (waiting 5 days and some hours).
    pub async fn intros_waiting(&self, until: jiff::Timestamp) -> Result<Vec<IntroView>> {
        let mut out = Vec::new();
        for i in self.store.introductions(None).await? {
            let whole_days = (until.as_second() - i.since().as_second()) / 86_400;
            if i.waiting_longer_than(FOLLOW_UP_AFTER_DAYS, until)
                && whole_days > FOLLOW_UP_AFTER_DAYS
            {
                out.push(self.intro_view(i).await?);
            }
        }
        Ok(out)
    }

    /// The strongest paths to a person, or to anyone at an organisation (`org:NAME` or a name
    /// that is not a person's), through people I know.
    pub async fn warm_paths(
        &self,
        target: &str,
        max_hops: usize,
    ) -> Result<(String, Vec<NamedPath>)> {
        let me = self.me().await?;
        let (label, targets) = match target.strip_prefix("org:") {
            Some(org) => (
                org.trim().to_owned(),
                self.store.people_at(org.trim()).await?,
            ),
            None => match self.resolve(target).await {
                Ok(p) => (self.person(p).await?.profile.name, vec![p]),
                Err(AppError::UnknownPerson { .. }) => {
                    let at = self.store.people_at(target).await?;
                    if at.is_empty() {
                        return Err(AppError::NotFound(format!(
                            "no person and no organisation matches {target:?} (use org:NAME for an organisation)"
                        )));
                    }
                    (target.trim().to_owned(), at)
                }
                Err(e) => return Err(e),
            },
        };
        if targets.contains(&me) {
            return Err(ValidationError::new("target", target, "is you").into());
        }
        let mut graph = Graph::new(me);
        let (_, now) = self.as_of(None)?;
        for (person, s) in self.strengths_of(None, now).await? {
            graph.add_tie(me, person, s.score / 100.0);
        }
        for link in self.store.all_knows().await? {
            graph.add_tie(link.a, link.b, link.strength);
        }
        let options = PathOptions {
            max_hops,
            ..PathOptions::default()
        };
        let paths = warm_paths(&graph, &targets, &options);
        let mut ids: Vec<PersonId> = paths
            .iter()
            .flat_map(|p| p.people.iter().copied())
            .collect();
        ids.sort();
        ids.dedup();
        let names: HashMap<PersonId, String> = self.store.names_of(&ids).await?;
        Ok((
            label,
            paths
                .into_iter()
                .map(|p| {
                    let names = p
                        .people
                        .iter()
                        .map(|id| {
                            if *id == me {
                                "you".to_owned()
                            } else {
                                names.get(id).cloned().unwrap_or_default()
                            }
                        })
                        .collect();
                    NamedPath { path: p, names }
                })
                .collect(),
        ))
    }
}

/// Parses an outcome word for `intro outcome`.
pub fn parse_outcome(s: &str) -> Result<IntroOutcome> {
    Ok(s.parse::<IntroOutcome>()?)
}

/// A suggested introduction with names and reasons.
#[derive(Debug, Clone, Serialize)]
pub struct IntroSuggestion {
    /// One person.
    pub a: PersonId,
    /// Their name.
    pub a_name: String,
    /// The other.
    pub b: PersonId,
    /// Their name.
    pub b_name: String,
    /// The components and the score.
    pub detail: kithkin_core::suggest::Suggestion,
    /// Why, in words.
    pub reasons: Vec<String>,
}

impl App {
    /// Pairs of my contacts who do not know each other and should, best first: for one
    /// person, or the best pairs over everyone. `bruteforce` scores every pair with the same
    /// formula (for verification); the default reads candidates from inverted indexes.
    pub async fn intro_suggest(
        &self,
        for_person: Option<&str>,
        limit: usize,
        bruteforce: bool,
    ) -> Result<Vec<IntroSuggestion>> {
        use kithkin_core::suggest::{
            ContactBasics, SuggestInput, SuggestWeights, build_contacts, suggest,
            suggest_bruteforce,
        };
        use std::collections::HashSet;
        let me = self.me().await?;
        let focus = match for_person {
            Some(q) => Some(self.resolve(q).await?),
            None => None,
        };
        let people = self.store.active_people().await?;
        let index: HashMap<PersonId, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.person, i))
            .collect();
        let (_, now) = self.as_of(None)?;
        let strengths = self.strengths_of(None, now).await?;
        let pair = |a: PersonId, b: PersonId| -> Option<(usize, usize)> {
            let (x, y) = (*index.get(&a)?, *index.get(&b)?);
            Some(if x < y { (x, y) } else { (y, x) })
        };
        let links = self.store.all_knows().await?;
        let weighted: Vec<(usize, usize, f64)> = links
            .iter()
            .filter(|l| l.a != me && l.b != me)
            .filter_map(|l| pair(l.a, l.b).map(|(x, y)| (x, y, l.strength)))
            .collect();
        let knows: Vec<(usize, usize)> = weighted.iter().map(|(x, y, _)| (*x, *y)).collect();
        // communities of the knows graph (me left out), for the bridging component
        let communities = kithkin_core::community::louvain(
            &kithkin_core::community::WeightedGraph::new(people.len(), &weighted),
        );
        let basics: Vec<ContactBasics> = people
            .iter()
            .enumerate()
            .map(|(i, p)| ContactBasics {
                person: p.person,
                vouch: strengths
                    .get(&p.person)
                    .map(|s| s.score / 100.0)
                    .unwrap_or(0.0),
                community: communities.get(i).copied(),
            })
            .collect();
        let (contacts, vocab) = build_contacts(
            &basics,
            &self.store.open_help_items(None).await?,
            &self.store.labels_of_kind("expertise").await?,
            &self.store.labels_of_kind("interest").await?,
        );
        let mut excluded: HashSet<(usize, usize)> = knows.iter().copied().collect();
        excluded.extend(
            self.store
                .met_together()
                .await?
                .into_iter()
                .filter_map(|(a, b)| pair(a, b)),
        );
        excluded.extend(
            self.store
                .introductions(None)
                .await?
                .into_iter()
                .filter_map(|i| pair(i.a, i.b)),
        );
        let input = SuggestInput {
            contacts: &contacts,
            vocab: &vocab,
            knows: &knows,
            excluded: &excluded,
        };
        let weights = SuggestWeights::default();
        let k = limit.max(1);
        let rows = if bruteforce {
            suggest_bruteforce(&input, &weights, k)
        } else {
            suggest(&input, &weights, k)
        };
        let mut chosen: Vec<kithkin_core::suggest::Suggestion> = match focus {
            Some(p) => index
                .get(&p)
                .and_then(|&i| rows.get(i).cloned())
                .unwrap_or_default(),
            None => {
                let mut all: Vec<_> = rows.into_iter().flatten().filter(|s| s.a < s.b).collect();
                all.sort_by(|x, y| {
                    y.score
                        .total_cmp(&x.score)
                        .then(x.a.cmp(&y.a))
                        .then(x.b.cmp(&y.b))
                });
                all
            }
        };
        chosen.truncate(limit);
        Ok(chosen
            .into_iter()
            .map(|s| {
                let (pa, pb) = (&people[s.a], &people[s.b]);
                let mut reasons = Vec::new();
                if s.complement > 0.0 {
                    reasons.push(format!(
                        "one needs what the other offers ({})",
                        readable_terms(&s.shared).join(", ")
                    ));
                }
                if s.interests > 0.0 {
                    reasons.push(format!("shared interests ({:.2})", s.interests));
                }
                if s.adamic_adar > 0.0 {
                    reasons.push(format!(
                        "people in common (Adamic–Adar {:.2})",
                        s.adamic_adar
                    ));
                }
                if s.bridging {
                    reasons.push("they sit in different parts of your network".to_owned());
                }
                reasons.push(format!(
                    "you can vouch for both (weakest tie {:.2})",
                    s.vouch
                ));
                IntroSuggestion {
                    a: pa.person,
                    a_name: pa.name.clone(),
                    b: pb.person,
                    b_name: pb.name.clone(),
                    detail: s,
                    reasons,
                }
            })
            .collect())
    }
}

/// The shared terms of a suggestion as a reader wants them: tag marks dropped, each once, and
/// a stem left out when a word it is the stem of is listed ("pricing", not "pricing, pric").
fn readable_terms(shared: &[String]) -> Vec<&str> {
    let mut terms: Vec<&str> = Vec::new();
    for t in shared.iter().map(|t| t.trim_start_matches('#')) {
        if !t.is_empty() && !terms.contains(&t) {
            terms.push(t);
        }
    }
    let words = terms.clone();
    terms.retain(|t| !words.iter().any(|w| w != t && w.starts_with(t)));
    terms
}

#[cfg(test)]
mod tests {
    use super::readable_terms;

    #[test]
    fn reasons_list_words_not_their_stems() {
        let shared = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            readable_terms(&shared(&["pricing", "pric", "strategy"])),
            vec!["pricing", "strategy"]
        );
        assert_eq!(
            readable_terms(&shared(&["operations", "operation", "#rust", "rust"])),
            vec!["operations", "rust"]
        );
        assert_eq!(readable_terms(&shared(&["go", "rust"])), vec!["go", "rust"]);
    }
}
