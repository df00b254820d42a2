//! The network between my contacts: the graph of who knows whom (explicit links, plus links
//! derived from shared interactions), its import and export, and its structure report —
//! Burt's constraint and effective size, communities, brokers, and my own ego network.

use crate::error::{AppError, Result};
use crate::{App, new_uuid};
use kithkin_core::PersonId;
use kithkin_core::batch::Batch;
use kithkin_core::community::{WeightedGraph, louvain, modularity};
use kithkin_core::knows::{KnowsLink, KnowsSource};
use kithkin_core::person::{Person, PersonProfile};
use kithkin_core::structure::{Graph, Holes, brokers, holes_of, strong_tie_concentration};
use kithkin_core::{ValidationError, text};
use kithkin_formats::edges::{EdgeOut, NodeOut, RecordError, read_edges_csv};
use kithkin_store::PersonBasics;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// A link derived from `n` shared interactions weighs `1 − DERIVED_DECAY^n` (one: 0.5, two:
/// 0.75, three: 0.875…); where an explicit link exists too, the stronger weight counts.
pub const DERIVED_DECAY: f64 = 0.5;

/// A tie of at least this strength (0–100) is a strong tie.
pub const STRONG_TIE: f64 = 50.0;

/// How many brokers the report lists.
pub const BROKERS_SHOWN: usize = 10;

/// The graph between my contacts (me and archived people left out).
#[derive(Debug, Clone)]
pub struct ContactGraph {
    /// The contacts; edges refer to them by index.
    pub people: Vec<PersonBasics>,
    /// Undirected weighted edges `(i, j, weight)`, `i < j`, weight in (0, 1], sorted.
    pub edges: Vec<(usize, usize, f64)>,
}

impl ContactGraph {
    /// The nodes and edges as the export formats take them.
    pub fn export(&self, community: Option<&[u32]>) -> (Vec<NodeOut>, Vec<EdgeOut>) {
        let nodes = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| NodeOut {
                id: p.person.to_string(),
                name: p.name.clone(),
                community: community.and_then(|c| c.get(i).copied()),
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|&(source, target, weight)| EdgeOut {
                source,
                target,
                weight,
            })
            .collect();
        (nodes, edges)
    }
}

/// What `import-edges` did (or, with a dry run, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct EdgeImport {
    /// Nothing was written.
    pub dry_run: bool,
    /// Records read without error.
    pub read: usize,
    /// People created because no one had their name.
    pub people_created: Vec<String>,
    /// Links that did not exist.
    pub links_added: usize,
    /// Existing links made stronger.
    pub links_strengthened: usize,
    /// Links already there at least as strong (including repeats within the file).
    pub links_unchanged: usize,
    /// Records skipped, with their line and why.
    pub errors: Vec<RecordError>,
}

/// One contact's place in the network.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkPerson {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Number of contacts they are linked to.
    pub degree: usize,
    /// Sum of their link weights.
    pub weighted_degree: f64,
    /// Burt's constraint (null when they have no links).
    pub constraint: Option<f64>,
    /// Burt's effective size (null when they have no links).
    pub effective_size: Option<f64>,
    /// Their community.
    pub community: u32,
}

/// A contact whose links span communities.
#[derive(Debug, Clone, Serialize)]
pub struct BrokerView {
    /// Who.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Their own community.
    pub community: u32,
    /// Other communities their links reach.
    pub communities_reached: usize,
    /// Links into other communities.
    pub links_outside: usize,
    /// Their constraint (lower: more brokerage).
    pub constraint: f64,
}

/// My own ego network: me linked to every contact with a tie strength above 0.
#[derive(Debug, Clone, Serialize)]
pub struct EgoView {
    /// Contacts with a tie strength above 0.
    pub ties: usize,
    /// My constraint in that ego network (null with no ties).
    pub constraint: Option<f64>,
    /// My effective size (null with no ties).
    pub effective_size: Option<f64>,
    /// Communities among my contacts.
    pub communities: usize,
    /// Strong ties (strength ≥ `strong_from`).
    pub strong_ties: usize,
    /// The strength a strong tie starts at.
    pub strong_from: f64,
    /// The community holding most of my strong ties.
    pub strong_community: Option<u32>,
    /// Its share of my strong ties (1.0: all in one community).
    pub strong_share: Option<f64>,
}

/// `kithkin report network`.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkReport {
    /// Newman's modularity Q of the communities found.
    pub modularity: f64,
    /// Number of communities (isolated contacts are each their own).
    pub communities: usize,
    /// Number of links.
    pub links: usize,
    /// Every contact, by name.
    pub people: Vec<NetworkPerson>,
    /// The contacts spanning most communities, best first.
    pub brokers: Vec<BrokerView>,
    /// My ego network.
    pub me: EgoView,
}

impl App {
    /// The graph between my contacts now: explicit or imported `knows` links with their
    /// strength, and links derived from interactions they shared (see [`DERIVED_DECAY`]).
    pub async fn contact_graph(&self) -> Result<ContactGraph> {
        let people = self.store.active_people().await?;
        let index: HashMap<PersonId, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.person, i))
            .collect();
        let mut weights: HashMap<(usize, usize), f64> = HashMap::new();
        let mut add = |a: PersonId, b: PersonId, w: f64| {
            if let (Some(&x), Some(&y)) = (index.get(&a), index.get(&b))
                && x != y
                && w > 0.0
            {
                let slot = weights.entry((x.min(y), x.max(y))).or_insert(0.0);
                *slot = slot.max(w.min(1.0));
            }
        };
        for link in self.store.all_knows().await? {
            add(link.a, link.b, link.strength);
        }
        for (a, b, n) in self.store.shared_interactions(self.timestamp()).await? {
            let n = i32::try_from(n).unwrap_or(i32::MAX);
            add(a, b, 1.0 - DERIVED_DECAY.powi(n));
        }
        let mut edges: Vec<(usize, usize, f64)> =
            weights.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        edges.sort_by_key(|e| (e.0, e.1));
        Ok(ContactGraph { people, edges })
    }

    /// Reads an edge list (`source,target[,weight]`, names; see
    /// `kithkin_formats::edges`) into `knows` links, creating people no one has the name of.
    /// A name several people share is refused for that record unless the file gives the id.
    /// Bad records are reported with their line and skipped; the rest is imported in one
    /// transaction. Re-importing the same file changes nothing.
    pub async fn import_edges(
        &self,
        input: impl Read,
        file: &str,
        dry_run: bool,
    ) -> Result<EdgeImport> {
        let read = read_edges_csv(input).map_err(|e| {
            AppError::Invalid(vec![ValidationError::new("file", file, e.to_string())])
        })?;
        let me = self.store.me().await?;
        let mut by_key: HashMap<String, Vec<PersonId>> = HashMap::new();
        let mut by_id: HashMap<String, PersonId> = HashMap::new();
        for e in self.store.name_entries(None).await? {
            by_id.insert(e.id.to_string(), e.id);
            by_key.entry(e.key).or_default().push(e.id);
        }
        let existing: HashMap<(PersonId, PersonId), f64> = self
            .store
            .all_knows()
            .await?
            .into_iter()
            .map(|l| ((l.a, l.b), l.strength))
            .collect();
        let now = self.timestamp();
        let mut report = EdgeImport {
            dry_run,
            ..EdgeImport::default()
        };
        let mut created: HashMap<String, PersonId> = HashMap::new();
        let mut batch = Batch::new();
        let mut links: BTreeMap<(PersonId, PersonId), f64> = BTreeMap::new();
        report.errors = read.errors;
        for edge in read.edges {
            let mut resolve = |name: &str,
                               id: Option<&str>|
             -> std::result::Result<PersonId, String> {
                let key = text::name_key(name);
                if key.is_empty() {
                    return Err(format!("{name:?} is not a name"));
                }
                // An id known here names the person; an id from another database (a backup
                // restored into a new one) becomes the id of the person created.
                let given = match id {
                    Some(id) => {
                        if let Some(&known) = by_id.get(id) {
                            return Ok(known);
                        }
                        let parsed: PersonId = id
                            .parse()
                            .map_err(|_| format!("{id:?} is not a Kithkin id (for {name:?})"))?;
                        Some(parsed)
                    }
                    None => None,
                };
                match by_key.get(&key).map(Vec::as_slice) {
                    Some([one]) if given.is_none() => Ok(*one),
                    Some(many) if many.len() > 1 && given.is_none() => Err(format!(
                        "{} people are called {name:?}; give source_id/target_id columns to say which",
                        many.len()
                    )),
                    _ => {
                        let slot = given.map_or_else(|| key.clone(), |g| g.to_string());
                        if let Some(&id) = created.get(&slot) {
                            return Ok(id);
                        }
                        let id = given.unwrap_or_else(|| PersonId(new_uuid()));
                        let mut profile = PersonProfile::named(name);
                        profile.normalise();
                        batch.people.push(Person {
                            id,
                            profile,
                            circles: Vec::new(),
                            archived_at: None,
                            snoozed_until: None,
                            created_at: now,
                            updated_at: now,
                        });
                        report.people_created.push(name.to_owned());
                        created.insert(slot, id);
                        Ok(id)
                    }
                }
            };
            let ends = resolve(&edge.source, edge.source_id.as_deref())
                .and_then(|a| resolve(&edge.target, edge.target_id.as_deref()).map(|b| (a, b)));
            let (a, b) = match ends {
                Ok(ends) => ends,
                Err(message) => {
                    report.errors.push(RecordError {
                        line: edge.line,
                        message,
                    });
                    continue;
                }
            };
            if Some(a) == me || Some(b) == me {
                report.errors.push(RecordError {
                    line: edge.line,
                    message: "links with me are not part of the network between my contacts".into(),
                });
                continue;
            }
            if a == b {
                report.errors.push(RecordError {
                    line: edge.line,
                    message: format!("{:?} is linked to themselves", edge.source),
                });
                continue;
            }
            report.read += 1;
            let pair = (a.min(b), a.max(b));
            let before = existing
                .get(&pair)
                .copied()
                .or_else(|| links.get(&pair).copied());
            match before {
                None => report.links_added += 1,
                Some(w) if edge.weight > w && existing.contains_key(&pair) => {
                    report.links_strengthened += 1
                }
                Some(_) => report.links_unchanged += 1,
            }
            let slot = links.entry(pair).or_insert(0.0);
            *slot = slot.max(edge.weight);
        }
        for ((a, b), w) in links {
            if existing.get(&(a, b)).is_some_and(|&old| old >= w) {
                continue;
            }
            batch
                .knows
                .push(KnowsLink::new(a, b, w, KnowsSource::Imported)?);
        }
        report.errors.sort_by_key(|e| e.line);
        if !dry_run && !batch.is_empty() {
            self.store.write(&batch, now).await?;
        }
        Ok(report)
    }

    /// The structure report: per contact its degree, weighted degree, constraint, effective
    /// size and community (deterministic Louvain), the modularity, brokers, and my ego
    /// network.
    pub async fn network_report(&self) -> Result<NetworkReport> {
        let graph = self.contact_graph().await?;
        let n = graph.people.len();
        let structure = Graph::new(n, &graph.edges);
        let holes = kithkin_core::structure::structural_holes(&structure);
        let weighted = WeightedGraph::new(n, &graph.edges);
        let community = louvain(&weighted);
        let q = modularity(&weighted, &community);
        let communities = community
            .iter()
            .copied()
            .max()
            .map_or(0, |m| m as usize + 1);
        let people: Vec<NetworkPerson> = graph
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let h: Option<Holes> = holes.get(i).copied().flatten();
                NetworkPerson {
                    id: p.person,
                    name: p.name.clone(),
                    degree: structure.degree(i),
                    weighted_degree: structure.weighted_degree(i),
                    constraint: h.map(|h| h.constraint),
                    effective_size: h.map(|h| h.effective_size),
                    community: community.get(i).copied().unwrap_or(0),
                }
            })
            .collect();
        let brokers = brokers(&structure, &community, &holes, BROKERS_SHOWN)
            .into_iter()
            .filter_map(|b| {
                let p = graph.people.get(b.node)?;
                Some(BrokerView {
                    id: p.person,
                    name: p.name.clone(),
                    community: community.get(b.node).copied().unwrap_or(0),
                    communities_reached: b.communities_reached,
                    links_outside: b.neighbours_outside,
                    constraint: b.constraint,
                })
            })
            .collect();
        let me = self.ego(&graph, &community, communities).await?;
        Ok(NetworkReport {
            modularity: q,
            communities,
            links: graph.edges.len(),
            people,
            brokers,
            me,
        })
    }

    /// My ego network: the contact graph plus me, linked to each contact by tie strength / 100.
    async fn ego(
        &self,
        graph: &ContactGraph,
        community: &[u32],
        communities: usize,
    ) -> Result<EgoView> {
        let strengths = self.strengths_of(None, self.timestamp()).await?;
        let n = graph.people.len();
        let mut edges = graph.edges.clone();
        let mut ties: Vec<(u32, f64)> = Vec::new();
        for (i, p) in graph.people.iter().enumerate() {
            let score = strengths.get(&p.person).map_or(0.0, |s| s.score);
            if score > 0.0 {
                edges.push((i, n, score / 100.0));
                ties.push((community.get(i).copied().unwrap_or(0), score));
            }
        }
        let with_me = Graph::new(n + 1, &edges);
        let mine = holes_of(&with_me, n);
        let strong = strong_tie_concentration(&ties, STRONG_TIE);
        Ok(EgoView {
            ties: ties.len(),
            constraint: mine.map(|h| h.constraint),
            effective_size: mine.map(|h| h.effective_size),
            communities,
            strong_ties: ties.iter().filter(|t| t.1 >= STRONG_TIE).count(),
            strong_from: STRONG_TIE,
            strong_community: strong.map(|s| s.0),
            strong_share: strong.map(|s| s.1),
        })
    }
}
