//! Ways to add value: my offers and expertise matched to others' open needs, and their offers
//! and expertise matched to my needs, each with its reason. One matcher
//! (`kithkin_core::matcher`) serves this and the introduction suggestions.

use crate::App;
use crate::error::Result;
use kithkin_core::PersonId;
use kithkin_core::exchange::{HelpItem, HelpKind};
use kithkin_core::matcher::{Analyzer, TermVector, Vocabulary, match_sets};
use serde::Serialize;
use std::collections::HashMap;

/// The lowest similarity shown as a match.
pub const MIN_MATCH: f64 = 0.15;

/// Who would help whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// I could help them.
    IHelpThem,
    /// They could help me.
    TheyHelpMe,
}

/// Something that can meet a need: an open offer, or a declared expertise.
#[derive(Debug, Clone, Serialize)]
pub struct Helper {
    /// Whose.
    pub person: PersonId,
    /// The offer's text, or the expertise label.
    pub text: String,
    /// Whether it is an offer (else an expertise).
    pub is_offer: bool,
}

/// A need matched to something that can meet it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueMatch {
    /// Who helps whom.
    pub direction: Direction,
    /// The other person.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// The need.
    pub need: HelpItem,
    /// What meets it.
    pub helper: Helper,
    /// Similarity, 0–1.
    pub score: f64,
    /// The terms they share, strongest first (tags start with `#`).
    pub shared: Vec<String>,
    /// In words.
    pub reason: String,
}

impl App {
    /// Ways to add value, best first, with everyone or with one person.
    pub async fn ways_to_add_value(&self, with: Option<PersonId>) -> Result<Vec<ValueMatch>> {
        let me = self.me().await?;
        let analyzer = Analyzer::default();
        // for one person, only their needs, offers and expertise and mine are read: the
        // others would be filtered out below (before the vocabulary is built) anyway
        let (help, expertise) = match with {
            Some(person) => (
                self.store.open_help_items_of(&[me, person]).await?,
                self.store
                    .labels_of_kind_for("expertise", &[me, person])
                    .await?,
            ),
            None => (
                self.store.open_help_items(None).await?,
                self.store.labels_of_kind("expertise").await?,
            ),
        };
        let in_scope = |p: PersonId| with.is_none_or(|w| w == p);
        let as_helper = |person: PersonId, text: &str, is_offer: bool| Helper {
            person,
            text: text.to_owned(),
            is_offer,
        };

        let their_needs: Vec<&HelpItem> = help
            .iter()
            .filter(|h| h.kind == HelpKind::Need && h.person != me && in_scope(h.person))
            .collect();
        let my_needs: Vec<&HelpItem> = help
            .iter()
            .filter(|h| h.kind == HelpKind::Need && h.person == me)
            .collect();
        let mut my_helpers: Vec<(Helper, Vec<(String, f64)>)> = help
            .iter()
            .filter(|h| h.kind == HelpKind::Offer && h.person == me)
            .map(|h| (as_helper(me, &h.text, true), analyzer.help_item_terms(h)))
            .collect();
        let mut their_helpers: Vec<(Helper, Vec<(String, f64)>)> = help
            .iter()
            .filter(|h| h.kind == HelpKind::Offer && h.person != me && in_scope(h.person))
            .map(|h| {
                (
                    as_helper(h.person, &h.text, true),
                    analyzer.help_item_terms(h),
                )
            })
            .collect();
        for (person, label) in &expertise {
            let terms = analyzer.terms("", std::slice::from_ref(label));
            if *person == me {
                my_helpers.push((as_helper(me, label, false), terms));
            } else if in_scope(*person) {
                their_helpers.push((as_helper(*person, label, false), terms));
            }
        }
        let their_need_terms: Vec<Vec<(String, f64)>> = their_needs
            .iter()
            .map(|h| analyzer.help_item_terms(h))
            .collect();
        let my_need_terms: Vec<Vec<(String, f64)>> = my_needs
            .iter()
            .map(|h| analyzer.help_item_terms(h))
            .collect();
        let vocab = Vocabulary::build(
            their_need_terms
                .iter()
                .chain(my_need_terms.iter())
                .chain(my_helpers.iter().map(|h| &h.1))
                .chain(their_helpers.iter().map(|h| &h.1))
                .map(Vec::as_slice),
        );
        let vectors = |docs: &[Vec<(String, f64)>]| -> Vec<TermVector> {
            docs.iter().map(|d| vocab.vector(d)).collect()
        };
        let helper_vectors = |hs: &[(Helper, Vec<(String, f64)>)]| -> Vec<TermVector> {
            hs.iter().map(|h| vocab.vector(&h.1)).collect()
        };

        let mut ids: Vec<PersonId> = their_needs.iter().map(|h| h.person).collect();
        ids.extend(their_helpers.iter().map(|h| h.0.person));
        ids.sort();
        ids.dedup();
        let names: HashMap<PersonId, String> = self.store.names_of(&ids).await?;
        let name = |p: PersonId| names.get(&p).cloned().unwrap_or_default();

        let mut out = Vec::new();
        let sides = [
            (
                Direction::IHelpThem,
                &their_needs,
                &their_need_terms,
                &my_helpers,
            ),
            (
                Direction::TheyHelpMe,
                &my_needs,
                &my_need_terms,
                &their_helpers,
            ),
        ];
        for (direction, needs, need_terms, helpers) in sides {
            for m in match_sets(
                &vectors(need_terms),
                &helper_vectors(helpers),
                MIN_MATCH,
                &vocab,
            ) {
                let need = needs[m.left].clone();
                let helper = helpers[m.right].0.clone();
                let (person, reason) = match direction {
                    Direction::IHelpThem => {
                        let who = name(need.person);
                        let what = if helper.is_offer {
                            format!("you offer \"{}\"", helper.text)
                        } else {
                            format!("you know {}", helper.text)
                        };
                        (
                            need.person,
                            format!("{who} needs \"{}\"; {what}", need.text),
                        )
                    }
                    Direction::TheyHelpMe => {
                        let who = name(helper.person);
                        let what = if helper.is_offer {
                            format!("{who} offers \"{}\"", helper.text)
                        } else {
                            format!("{who} knows {}", helper.text)
                        };
                        (helper.person, format!("you need \"{}\"; {what}", need.text))
                    }
                };
                out.push(ValueMatch {
                    direction,
                    person,
                    name: name(person),
                    reason: format!("{reason} ({})", shared_words(&m.shared)),
                    need,
                    helper,
                    score: m.score,
                    shared: m.shared,
                });
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(out)
    }
}

fn shared_words(shared: &[String]) -> String {
    // whole tags read best ("engineering management"); single words are stems, shown only
    // when no tag is shared
    let tags: Vec<&str> = shared.iter().filter_map(|s| s.strip_prefix('#')).collect();
    let words: Vec<&str> = if tags.is_empty() {
        shared.iter().map(String::as_str).collect()
    } else {
        tags
    };
    format!("both: {}", words.join(", "))
}
