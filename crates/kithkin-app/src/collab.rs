//! Collaborations: projects with people, and suggestions of collaborators whose expertise
//! complements my needs and goals and who share my interests.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::batch::Batch;
use kithkin_core::collaboration::{CollabStatus, Collaboration};
use kithkin_core::error::check_text;
use kithkin_core::exchange::{HelpKind, HelpStatus};
use kithkin_core::matcher::{Analyzer, Vocabulary};
use kithkin_core::{CollaborationId, PersonId};
use serde::Serialize;
use std::collections::HashMap;

/// A collaboration with its members' names.
#[derive(Debug, Clone, Serialize)]
pub struct CollabView {
    /// The collaboration.
    #[serde(flatten)]
    pub collaboration: Collaboration,
    /// Members' names, in id order.
    pub member_names: Vec<String>,
}

/// A suggested collaborator.
#[derive(Debug, Clone, Serialize)]
pub struct CollabSuggestion {
    /// Who.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// How well their expertise and offers meet my needs and goals, 0–1.
    pub complement: f64,
    /// How much our interests overlap, 0–1.
    pub shared_interests: f64,
    /// `0.6 × complement + 0.4 × shared_interests`.
    pub score: f64,
    /// In words.
    pub reason: String,
}

/// The person's own labels that contain a shared term (terms are stems; labels read better).
fn labels_matching(labels: &[String], shared: &[(String, f64)]) -> String {
    let stems: Vec<String> = shared
        .iter()
        .map(|(t, _)| t.trim_start_matches('#').to_owned())
        .collect();
    let hits: Vec<&str> = labels
        .iter()
        .filter(|l| {
            stems.iter().any(|s| *s == kithkin_core::text::fold(l))
                || kithkin_core::text::tokens(l)
                    .iter()
                    .any(|w| stems.contains(&kithkin_core::matcher::stem(w)))
        })
        .map(String::as_str)
        .collect();
    if hits.is_empty() {
        words(shared)
    } else {
        hits.join(", ")
    }
}

fn words(shared: &[(String, f64)]) -> String {
    let tags: Vec<&str> = shared
        .iter()
        .filter_map(|(t, _)| t.strip_prefix('#'))
        .collect();
    if tags.is_empty() {
        shared
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        tags.join(", ")
    }
}

impl App {
    async fn collab_view(&self, c: Collaboration) -> Result<CollabView> {
        let names = self.store.names_of(&c.members).await?;
        Ok(CollabView {
            member_names: c
                .members
                .iter()
                .map(|m| names.get(m).cloned().unwrap_or_default())
                .collect(),
            collaboration: c,
        })
    }

    /// Starts a collaboration with people (default status: idea).
    pub async fn collab_add(
        &self,
        name: &str,
        with: &[String],
        status: Option<&str>,
        note: Option<&str>,
    ) -> Result<CollabView> {
        check_text("collaboration", name, 200)?;
        let members = self.resolve_all(with).await?;
        let status = status
            .map(str::parse::<CollabStatus>)
            .transpose()?
            .unwrap_or(CollabStatus::Idea);
        let now = self.timestamp();
        let c = Collaboration {
            id: CollaborationId(new_uuid()),
            name: name.trim().to_owned(),
            status,
            members,
            outcome: None,
            note: note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
            created_at: now,
            updated_at: now,
        };
        self.store
            .write(
                &Batch {
                    collaborations: vec![c.clone()],
                    ..Batch::new()
                },
                now,
            )
            .await?;
        self.collab_view(c).await
    }

    /// Every collaboration (or those in one status).
    pub async fn collab_list(&self, status: Option<&str>) -> Result<Vec<CollabView>> {
        if let Some(s) = status {
            s.parse::<CollabStatus>()?;
        }
        let mut out = Vec::new();
        for c in self.store.collaborations(status).await? {
            out.push(self.collab_view(c).await?);
        }
        Ok(out)
    }

    /// Finds a collaboration by its id's last characters or its name.
    pub async fn collaboration(&self, key: &str) -> Result<Collaboration> {
        let all = self.store.collaborations(None).await?;
        let k = key.trim().to_lowercase();
        let found: Vec<&Collaboration> = all
            .iter()
            .filter(|c| {
                (k.len() >= 4 && c.id.to_string().ends_with(&k))
                    || kithkin_core::text::name_key(&c.name) == kithkin_core::text::name_key(key)
            })
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(AppError::NotFound(format!(
                "no collaboration matches {key:?}; `kithkin collab list` shows them"
            ))),
            many => Err(AppError::Conflict(format!(
                "{key:?} matches {} collaborations; use the id",
                many.len()
            ))),
        }
    }

    /// Changes a collaboration's status, outcome or note, or adds members.
    pub async fn collab_update(
        &self,
        key: &str,
        status: Option<&str>,
        outcome: Option<&str>,
        note: Option<&str>,
        add: &[String],
    ) -> Result<CollabView> {
        let mut c = self.collaboration(key).await?;
        if let Some(s) = status {
            c.status = s.parse()?;
        }
        if let Some(o) = outcome {
            check_text("outcome", o, 2000)?;
            c.outcome = Some(o.trim().to_owned());
        }
        if let Some(n) = note {
            check_text("note", n, 20_000)?;
            c.note = Some(n.trim().to_owned());
        }
        for p in self.resolve_all(add).await? {
            if !c.members.contains(&p) {
                c.members.push(p);
            }
        }
        c.updated_at = self.timestamp();
        self.store.save_collaboration(&c).await?;
        self.collab_view(c).await
    }

    /// People whose expertise and offers complement my open needs and goals and who share my
    /// interests, best first, each with the reason.
    pub async fn collab_suggest(&self, limit: usize) -> Result<Vec<CollabSuggestion>> {
        let me = self.me().await?;
        let mine = self.person(me).await?;
        let analyzer = Analyzer::default();
        let my_needs: Vec<String> = self
            .store
            .help_items_of(me)
            .await?
            .into_iter()
            .filter(|h| h.kind == HelpKind::Need && h.status == HelpStatus::Open)
            .map(|h| format!("{} {}", h.text, h.tags.join(" ")))
            .chain(self.store.open_goals_of(me).await?)
            .collect();
        let needs_terms = analyzer.terms(&my_needs.join(" \n "), &[]);
        let my_interest_terms = analyzer.terms("", &mine.profile.interests);
        let mut skills: HashMap<PersonId, Vec<String>> = HashMap::new();
        for (p, label) in self.store.labels_of_kind("expertise").await? {
            skills.entry(p).or_default().push(label);
        }
        for h in self.store.open_help_items(Some(HelpKind::Offer)).await? {
            skills
                .entry(h.person)
                .or_default()
                .extend(h.tags.iter().cloned());
        }
        let mut interests: HashMap<PersonId, Vec<String>> = HashMap::new();
        for (p, label) in self.store.labels_of_kind("interest").await? {
            interests.entry(p).or_default().push(label);
        }
        let people: Vec<PersonId> = skills
            .keys()
            .chain(interests.keys())
            .copied()
            .filter(|p| *p != me)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let skill_terms: Vec<Vec<(String, f64)>> = people
            .iter()
            .map(|p| analyzer.terms("", skills.get(p).map(Vec::as_slice).unwrap_or(&[])))
            .collect();
        let interest_terms: Vec<Vec<(String, f64)>> = people
            .iter()
            .map(|p| analyzer.terms("", interests.get(p).map(Vec::as_slice).unwrap_or(&[])))
            .collect();
        let vocab = Vocabulary::build(
            std::iter::once(needs_terms.as_slice())
                .chain(std::iter::once(my_interest_terms.as_slice()))
                .chain(skill_terms.iter().map(Vec::as_slice))
                .chain(interest_terms.iter().map(Vec::as_slice)),
        );
        let needs_v = vocab.vector(&needs_terms);
        let interests_v = vocab.vector(&my_interest_terms);
        let names = self.store.names_of(&people).await?;
        let mut out: Vec<CollabSuggestion> = people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let sv = vocab.vector(&skill_terms[i]);
                let iv = vocab.vector(&interest_terms[i]);
                let complement = needs_v.cosine(&sv);
                let shared_interests = interests_v.cosine(&iv);
                if complement <= 0.0 || shared_interests <= 0.0 {
                    return None;
                }
                let their_skills = skills.get(p).map(Vec::as_slice).unwrap_or(&[]);
                let reason = format!(
                    "knows {} for what you need; you both like {}",
                    labels_matching(their_skills, &needs_v.shared_terms(&sv, &vocab, 3)),
                    words(&interests_v.shared_terms(&iv, &vocab, 3))
                );
                Some(CollabSuggestion {
                    person: *p,
                    name: names.get(p).cloned().unwrap_or_default(),
                    complement,
                    shared_interests,
                    score: 0.6 * complement + 0.4 * shared_interests,
                    reason,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.name.cmp(&b.name))
        });
        out.truncate(limit);
        Ok(out)
    }
}
