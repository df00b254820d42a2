//! The support map: for each role people play in my life (mentor, sponsor, advisor, peer,
//! mentee, collaborator), who plays it, how strong those ties are and when I was last in
//! touch; and the gaps — my open needs and goals that no one I am strongly tied to offers.

use crate::App;
use crate::error::Result;
use crate::network::STRONG_TIE;
use crate::value::{Direction, MIN_MATCH};
use jiff::civil::Date;
use kithkin_core::PersonId;
use kithkin_core::exchange::{HelpKind, HelpStatus};
use kithkin_core::matcher::{Analyzer, Vocabulary, match_sets};
use kithkin_core::person::Role;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The roles of the support map, in the order shown.
pub const ROLES: [Role; 6] = [
    Role::Mentor,
    Role::Sponsor,
    Role::Advisor,
    Role::Peer,
    Role::Mentee,
    Role::Collaborator,
];

/// Someone in the support map.
#[derive(Debug, Clone, Serialize)]
pub struct SupportPerson {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Tie strength, 0–100.
    pub strength: f64,
    /// The day of our last interaction.
    pub last_contact: Option<Date>,
}

/// One role: who plays it for me.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSupport {
    /// The role.
    pub role: Role,
    /// How many people play it.
    pub people: usize,
    /// How many of them are strong ties.
    pub strong: usize,
    /// Their mean tie strength (0 with no one).
    pub mean_strength: f64,
    /// The most recent contact with any of them.
    pub last_contact: Option<Date>,
    /// Them, strongest first.
    pub members: Vec<SupportPerson>,
}

/// Something I need or aim for that no strong tie offers.
#[derive(Debug, Clone, Serialize)]
pub struct SupportGap {
    /// `need` or `goal`.
    pub kind: &'static str,
    /// The need's or goal's text.
    pub text: String,
    /// Weaker ties who offer it (or know it), best match first; empty when no one does.
    pub offered_by: Vec<SupportPerson>,
}

/// `kithkin report support`.
#[derive(Debug, Clone, Serialize)]
pub struct SupportReport {
    /// Every role, also those no one plays.
    pub roles: Vec<RoleSupport>,
    /// My open needs and goals without a strong tie who offers them.
    pub gaps: Vec<SupportGap>,
    /// The strength (0–100) a strong tie starts at.
    pub strong_from: f64,
}

impl App {
    /// The support map as of now.
    pub async fn support_report(&self) -> Result<SupportReport> {
        let me = self.me().await?;
        let now = self.now();
        let strengths = self.strengths_of(None, now.timestamp()).await?;
        let last: HashMap<PersonId, Date> = self
            .store
            .contact_stats()
            .await?
            .into_iter()
            .map(|s| (s.person, s.last_at.to_zoned(now.time_zone().clone()).date()))
            .collect();
        let labels = self.store.labels_of_kind("role").await?;
        let mut ids: Vec<PersonId> = labels.iter().map(|l| l.0).collect();
        let value = self.ways_to_add_value(None).await?;
        let goal_helpers = self.goal_helpers(me).await?;
        ids.extend(value.iter().map(|m| m.person));
        ids.extend(goal_helpers.values().flatten().map(|h| h.0));
        ids.sort();
        ids.dedup();
        let names = self.store.names_of(&ids).await?;
        let person = |id: PersonId| -> Option<SupportPerson> {
            // archived people and me have no strength: not part of the map
            let strength = strengths.get(&id)?.score;
            Some(SupportPerson {
                id,
                name: names.get(&id).cloned().unwrap_or_default(),
                strength,
                last_contact: last.get(&id).copied(),
            })
        };
        let mut by_role: HashMap<Role, Vec<SupportPerson>> = HashMap::new();
        for (id, label) in &labels {
            if let (Ok(role), Some(p)) = (label.parse::<Role>(), person(*id)) {
                by_role.entry(role).or_default().push(p);
            }
        }
        let roles = ROLES
            .iter()
            .map(|&role| {
                let mut members = by_role.remove(&role).unwrap_or_default();
                members.sort_by(|a, b| {
                    b.strength
                        .total_cmp(&a.strength)
                        .then_with(|| a.name.cmp(&b.name))
                });
                let n = members.len();
                RoleSupport {
                    role,
                    people: n,
                    strong: members.iter().filter(|m| m.strength >= STRONG_TIE).count(),
                    mean_strength: if n == 0 {
                        0.0
                    } else {
                        members.iter().map(|m| m.strength).sum::<f64>() / n as f64
                    },
                    last_contact: members.iter().filter_map(|m| m.last_contact).max(),
                    members,
                }
            })
            .collect();

        // needs: from the matcher behind `kithkin value`; goals: matched here the same way
        let mut needs: BTreeMap<String, Vec<(PersonId, f64)>> = BTreeMap::new();
        for h in self.store.help_items_of(me).await? {
            if h.kind == HelpKind::Need && h.status == HelpStatus::Open {
                needs.entry(h.text).or_default();
            }
        }
        for m in value
            .iter()
            .filter(|m| m.direction == Direction::TheyHelpMe)
        {
            needs
                .entry(m.need.text.clone())
                .or_default()
                .push((m.person, m.score));
        }
        let mut gaps = Vec::new();
        let helpers_of = |list: &[(PersonId, f64)]| -> Option<Vec<SupportPerson>> {
            let mut seen = Vec::new();
            let mut out = Vec::new();
            let mut sorted = list.to_vec();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for (id, _) in sorted {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let p = person(id)?;
                if p.strength >= STRONG_TIE {
                    return None; // a strong tie offers it: no gap
                }
                out.push(p);
            }
            Some(out)
        };
        for (text, list) in &needs {
            if let Some(offered_by) = helpers_of(list) {
                gaps.push(SupportGap {
                    kind: "need",
                    text: text.clone(),
                    offered_by,
                });
            }
        }
        for (text, list) in &goal_helpers {
            if let Some(offered_by) = helpers_of(list) {
                gaps.push(SupportGap {
                    kind: "goal",
                    text: text.clone(),
                    offered_by,
                });
            }
        }
        Ok(SupportReport {
            roles,
            gaps,
            strong_from: STRONG_TIE,
        })
    }

    /// My open goals, each with the people whose open offers or expertise match it.
    async fn goal_helpers(&self, me: PersonId) -> Result<BTreeMap<String, Vec<(PersonId, f64)>>> {
        let goals = self.store.open_goals_of(me).await?;
        let mut out: BTreeMap<String, Vec<(PersonId, f64)>> =
            goals.iter().map(|g| (g.clone(), Vec::new())).collect();
        if goals.is_empty() {
            return Ok(out);
        }
        let analyzer = Analyzer::default();
        let mut helpers: Vec<(PersonId, Vec<(String, f64)>)> = self
            .store
            .open_help_items(None)
            .await?
            .iter()
            .filter(|h| h.kind == HelpKind::Offer && h.person != me)
            .map(|h| (h.person, analyzer.help_item_terms(h)))
            .collect();
        for (p, label) in self.store.labels_of_kind("expertise").await? {
            if p != me {
                helpers.push((p, analyzer.terms("", std::slice::from_ref(&label))));
            }
        }
        let goal_terms: Vec<Vec<(String, f64)>> =
            goals.iter().map(|g| analyzer.terms(g, &[])).collect();
        let vocab = Vocabulary::build(
            goal_terms
                .iter()
                .chain(helpers.iter().map(|h| &h.1))
                .map(Vec::as_slice),
        );
        let left: Vec<_> = goal_terms.iter().map(|t| vocab.vector(t)).collect();
        let right: Vec<_> = helpers.iter().map(|h| vocab.vector(&h.1)).collect();
        for m in match_sets(&left, &right, MIN_MATCH, &vocab) {
            if let (Some(goal), Some(helper)) = (goals.get(m.left), helpers.get(m.right)) {
                out.entry(goal.clone())
                    .or_default()
                    .push((helper.0, m.score));
            }
        }
        Ok(out)
    }
}
