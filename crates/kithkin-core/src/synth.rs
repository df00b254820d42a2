//! Synthetic networks for benchmarks and scale tests: people with names, organisations,
//! interests and facets, the links between them, and years of interactions, needs, offers,
//! notes, dates and favours, all derived from a seed.
//!
//! The generator is pure and deterministic: the same [`GenConfig`] yields the same network,
//! identifiers included, on every machine and forever. That is why it carries its own small
//! PRNG (SplitMix64 seeding xoshiro256\*\*) instead of depending on a random-number crate: a
//! crate upgrade may change its streams or algorithms, and a benchmark network that silently
//! changes makes old measurements incomparable. For the same reason the arithmetic uses only
//! operations IEEE 754 rounds exactly (`+ - * /`, `sqrt`, `floor`), never `ln`, `exp` or
//! `powf`, whose results may differ between platforms and math libraries.
//!
//! The network is planted: each person has a closeness to "me" and a community, handed back as
//! [`Planted`] so tests can check that analytics recover them. People come out in batches, and
//! every record in a batch refers only to people yielded so far, so each batch can be written
//! on its own. The batch size does not change the network: only where it is cut.
//!
//! ```
//! use kithkin_core::synth::{GenConfig, Generator};
//! let now: jiff::Timestamp = "2026-05-01T12:00:00Z".parse().unwrap_or_default();
//! let mut generator = Generator::new(GenConfig::new(50, 7, now));
//! let mut people = 0;
//! while let Some((batch, planted)) = generator.next_batch(20) {
//!     assert!(batch.validate().is_ok());
//!     people += planted.len();
//! }
//! assert_eq!(people, 50);
//! ```

use crate::batch::Batch;
use crate::cadence::Cadence;
use crate::dates::{DateKind, ImportantDate, YearlyDay};
use crate::exchange::{Favour, FavourKind, HelpItem, HelpKind, HelpStatus};
use crate::id::{DateId, FavourId, HelpItemId, InteractionId, NoteId, PersonId};
use crate::interaction::{Direction, Interaction, InteractionKind};
use crate::knows::{KnowsLink, KnowsSource};
use crate::note::Note;
use crate::person::{Person, PersonProfile, Role};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use uuid::Uuid;

const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;

/// Mean planted closeness: `0.01 + 0.99 * E[u⁴]` for `u` uniform in 0..1.
const MEAN_CLOSENESS: f64 = 0.01 + 0.99 / 5.0;

/// The most popular terms belong to everyone; community slices start after them.
const SHARED_TERMS: usize = 16;

/// What to generate. Build it with [`GenConfig::new`] and change the knobs you care about.
#[derive(Debug, Clone, PartialEq)]
pub struct GenConfig {
    /// How many people (besides "me").
    pub people: usize,
    /// The seed; the same seed and knobs give the same network.
    pub seed: u64,
    /// The present: every record happens at or before it.
    pub now: Timestamp,
    /// Average number of knows links each person adds (the average degree is about twice this).
    pub knows_per_person: f64,
    /// Average number of interactions per person.
    pub interactions_per_person: f64,
    /// How many years (of 365 days) before `now` the history spans.
    pub years: u32,
    /// Number of planted communities; `None` for about √people / 2, clamped to 2..=500.
    pub communities: Option<usize>,
}

impl GenConfig {
    /// A configuration with the default knobs: 5 knows links and 20 interactions per person on
    /// average, over 5 years, with the default number of communities.
    pub fn new(people: usize, seed: u64, now: Timestamp) -> Self {
        Self {
            people,
            seed,
            now,
            knows_per_person: 5.0,
            interactions_per_person: 20.0,
            years: 5,
            communities: None,
        }
    }

    /// The number of communities this configuration plants (at least 1).
    pub fn community_count(&self) -> usize {
        match self.communities {
            Some(c) => c.max(1),
            None => {
                let c = ((self.people as f64).sqrt() / 2.0).round() as usize;
                c.clamp(2, 500)
            }
        }
    }
}

/// The hidden truth about one generated person, for checking analytics against.
#[derive(Debug, Clone, PartialEq)]
pub struct Planted {
    /// Who.
    pub person: PersonId,
    /// Their name, as in the profile.
    pub name: String,
    /// How close they are to "me", in (0, 1]; most people are distant, a few are close.
    pub closeness: f64,
    /// The community they belong to, in `0..communities`.
    pub community: u32,
}

/// Generates a synthetic network batch by batch; see the [module documentation](self).
pub struct Generator {
    config: GenConfig,
    rng: Rng,
    /// Seed-derived bits mixed into every identifier.
    id_key: u64,
    /// Records identified so far (0 is "me").
    id_counter: u64,
    /// Milliseconds embedded in the first identifier.
    id_base_ms: u64,
    /// The history window, in Unix seconds.
    lo: i64,
    hi: i64,
    communities: usize,
    community_industry: Vec<usize>,
    community_region: Vec<usize>,
    vocabulary: Vec<String>,
    organisations: Vec<String>,
    /// Cumulative harmonic numbers, for Zipf draws over any prefix of a ranked list.
    harmonic: Vec<f64>,
    names: Permutation,
    me: PersonId,
    /// Every person yielded so far, by index.
    ids: Vec<PersonId>,
    community_of: Vec<u32>,
    /// People of each community, by index.
    members: Vec<Vec<u32>>,
    /// Both ends of every link inside each community (so well-linked people attract more).
    endpoints: Vec<Vec<u32>>,
    /// Reused buffers.
    chosen: Vec<u32>,
    bursts: Vec<(i64, i64)>,
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator")
            .field("config", &self.config)
            .field("communities", &self.communities)
            .field("vocabulary", &self.vocabulary.len())
            .field("organisations", &self.organisations.len())
            .field("yielded", &self.ids.len())
            .finish_non_exhaustive()
    }
}

impl Generator {
    /// A generator for `config`; nothing is generated until [`Generator::next_batch`].
    pub fn new(config: GenConfig) -> Self {
        let mut seeder = SplitMix64(config.seed);
        let rng = Rng::seeded(seeder.next());
        let id_key = seeder.next();
        let names = Permutation::new(
            (FIRST_NAMES.len() * LAST_NAMES.len()) as u64,
            [seeder.next(), seeder.next(), seeder.next(), seeder.next()],
        );

        let hi = config.now.as_second();
        let span = i64::from(config.years).saturating_mul(YEAR);
        // +1: `as_second` may drop a fraction of a second, and the window must stay after
        // `now - years`.
        let lo = hi
            .saturating_sub(span)
            .saturating_add(i64::from(span > 0))
            .max(Timestamp::MIN.as_second())
            .min(hi);
        let id_base_ms = u64::try_from(lo.saturating_sub(DAY).max(0))
            .unwrap_or(0)
            .saturating_mul(1000);

        let communities = config.community_count();
        let vocabulary = build_vocabulary();
        let organisations: Vec<String> = (0..(config.people / 20).max(1))
            .map(organisation_name)
            .collect();
        let longest = vocabulary
            .len()
            .max(organisations.len())
            .max(communities)
            .max(1);
        let mut harmonic = Vec::with_capacity(longest);
        let mut sum = 0.0;
        for k in 1..=longest {
            sum += 1.0 / k as f64;
            harmonic.push(sum);
        }

        let mut generator = Self {
            config,
            rng,
            id_key,
            id_counter: 0,
            id_base_ms,
            lo,
            hi,
            communities,
            community_industry: Vec::with_capacity(communities),
            community_region: Vec::with_capacity(communities),
            vocabulary,
            organisations,
            harmonic,
            names,
            me: PersonId(Uuid::nil()),
            ids: Vec::new(),
            community_of: Vec::new(),
            members: vec![Vec::new(); communities],
            endpoints: vec![Vec::new(); communities],
            chosen: Vec::new(),
            bursts: Vec::new(),
        };
        generator.me = PersonId(generator.new_uuid());
        for _ in 0..communities {
            let industry = generator.rng.weighted(INDUSTRIES, |e| e.1);
            let region = generator.rng.weighted(REGIONS, |e| e.1);
            generator.community_industry.push(industry);
            generator.community_region.push(region);
        }
        generator
    }

    /// The configuration.
    pub fn config(&self) -> &GenConfig {
        &self.config
    }

    /// The number of planted communities.
    pub fn communities(&self) -> usize {
        self.communities
    }

    /// The vocabulary interests, expertise and tags are drawn from, most popular first.
    pub fn vocabulary(&self) -> &[String] {
        &self.vocabulary
    }

    /// How many people have been yielded so far.
    pub fn yielded(&self) -> usize {
        self.ids.len()
    }

    /// The user ("Me"), with an id derived from the seed. Batches do not contain it: write it
    /// first (favours name it as giver or receiver).
    pub fn me(&self) -> Person {
        let at = self.ts(self.lo);
        Person {
            id: self.me,
            profile: PersonProfile::named("Me"),
            circles: Vec::new(),
            archived_at: None,
            snoozed_until: None,
            created_at: at,
            updated_at: at,
        }
    }

    /// Yields the network in batches of about `people_per_batch` people each, with all records
    /// that refer only to people already yielded (so each batch can be written on its own).
    /// `None` once every person has been yielded.
    pub fn next_batch(&mut self, people_per_batch: usize) -> Option<(Batch, Vec<Planted>)> {
        let remaining = self.config.people.saturating_sub(self.ids.len());
        if remaining == 0 {
            return None;
        }
        let n = people_per_batch.max(1).min(remaining);
        let mut batch = Batch::new();
        // Capacity hints only; capped so absurd knobs cannot overflow them.
        let hint = |per_person: f64| n.saturating_mul(per_person.clamp(0.0, 100.0) as usize + 1);
        batch.people.reserve(n);
        batch.knows.reserve(hint(self.config.knows_per_person));
        batch
            .interactions
            .reserve(hint(self.config.interactions_per_person));
        let mut planted = Vec::with_capacity(n);
        for _ in 0..n {
            self.person(&mut batch, &mut planted);
        }
        Some((batch, planted))
    }

    /// Generates the next person and every record about them.
    fn person(&mut self, batch: &mut Batch, planted: &mut Vec<Planted>) {
        let index = self.ids.len();
        let id = PersonId(self.new_uuid());
        let community = self.pick_community();
        let closeness = 0.01
            + 0.99 * {
                let u = self.rng.unit();
                u * u * u * u
            };
        let name = self.name(index);
        let profile = self.profile(name.clone(), community, closeness);
        let created = self.lo + self.rng.below(self.span().min(30 * DAY) as usize + 1) as i64;
        let created_at = self.ts(created);
        batch.people.push(Person {
            id,
            profile,
            circles: Vec::new(),
            archived_at: None,
            snoozed_until: None,
            created_at,
            updated_at: created_at,
        });
        planted.push(Planted {
            person: id,
            name,
            closeness,
            community: community as u32,
        });

        self.knows(batch, index, id, community);
        self.ids.push(id);
        self.community_of.push(community as u32);
        self.members[community].push(index as u32);

        self.interactions(batch, index, id, community, closeness);
        self.extras(batch, index, id, closeness);
    }

    fn profile(&mut self, name: String, community: usize, closeness: f64) -> PersonProfile {
        let mut p = PersonProfile::named(name);
        let industry = if self.rng.chance(0.5) {
            self.community_industry[community]
        } else {
            self.rng.weighted(INDUSTRIES, |e| e.1)
        };
        let region = if self.rng.chance(0.6) {
            self.community_region[community]
        } else {
            self.rng.weighted(REGIONS, |e| e.1)
        };
        let function = self.rng.weighted(FUNCTIONS, |e| e.1);
        let stage = self.rng.weighted(STAGES, |e| e.1);
        p.facets = BTreeMap::from([
            ("industry".to_owned(), INDUSTRIES[industry].0.to_owned()),
            ("region".to_owned(), REGIONS[region].0.to_owned()),
            ("function".to_owned(), FUNCTIONS[function].0.to_owned()),
            ("career_stage".to_owned(), STAGES[stage].0.to_owned()),
        ]);

        let interests = 3 + self.rng.below(6);
        p.interests = self.terms(community, interests, 0.6);
        let expertise = 1 + self.rng.below(4);
        p.expertise = self.terms(community, expertise, 0.7);

        if self.rng.chance(0.85) {
            let org = self.pick_organisation(community);
            p.organisation = Some(self.organisations[org].clone());
        }
        let (_, _, noun, area) = FUNCTIONS[function];
        if self.rng.chance(0.9) {
            p.title = match STAGES[stage].0 {
                "student" => Some(format!("{noun} Intern")),
                "early career" => Some(format!("Junior {noun}")),
                "mid career" => Some(noun.to_owned()),
                "senior" => Some(format!("Senior {noun}")),
                "executive" => Some(format!("Head of {area}")),
                _ => None,
            };
        }
        if self.rng.chance(0.12) {
            let n = 1 + self.rng.below(2);
            for _ in 0..n {
                let tag = TAGS[self.rng.below(TAGS.len())];
                if !p.tags.iter().any(|t| t == tag) {
                    p.tags.push(tag.to_owned());
                }
            }
        }
        if closeness > 0.4 && self.rng.chance(0.6) {
            let n = 1 + self.rng.below(2);
            for _ in 0..n {
                let role = CLOSE_ROLES[self.rng.below(CLOSE_ROLES.len())];
                if !p.roles.contains(&role) {
                    p.roles.push(role);
                }
            }
        }
        let cadence = if closeness > 0.6 && self.rng.chance(0.7) {
            Some(14)
        } else if closeness > 0.4 && self.rng.chance(0.6) {
            Some(30)
        } else if closeness > 0.25 && self.rng.chance(0.5) {
            Some(90)
        } else {
            None
        };
        p.cadence = cadence.and_then(|d| Cadence::from_days(d).ok());
        if self.rng.chance(0.25) {
            p.met_at = Some(MET_AT[self.rng.below(MET_AT.len())].to_owned());
        }
        if self.rng.chance(0.2) {
            let met = self.lo - self.rng.below(10 * YEAR as usize) as i64;
            p.met_on = Timestamp::from_second(met)
                .ok()
                .map(|t| t.to_zoned(TimeZone::UTC).date());
        }
        if self.rng.chance(0.05) && !self.members[community].is_empty() {
            let who = self.members[community][self.rng.below(self.members[community].len())];
            p.introduced_by = Some(self.ids[who as usize]);
        }
        p
    }

    /// `n` distinct terms; each drawn from the community's slice with probability `local`.
    fn terms(&mut self, community: usize, n: usize, local: f64) -> Vec<String> {
        let v = self.vocabulary.len();
        let slice = community_slice_len(v, self.communities, community);
        let mut ranks: Vec<usize> = Vec::with_capacity(n);
        let mut tries = 0;
        while ranks.len() < n && tries < 8 * n + 8 {
            tries += 1;
            let rank = if slice > 0 && self.rng.chance(local) {
                SHARED_TERMS + community + self.communities * self.zipf(slice)
            } else {
                self.zipf(v)
            };
            if !ranks.contains(&rank) {
                ranks.push(rank);
            }
        }
        ranks
            .into_iter()
            .map(|r| self.vocabulary[r].clone())
            .collect()
    }

    /// One term, usually from the community's slice.
    fn term(&mut self, community: usize) -> &str {
        let v = self.vocabulary.len();
        let slice = community_slice_len(v, self.communities, community);
        let rank = if slice > 0 && self.rng.chance(0.6) {
            SHARED_TERMS + community + self.communities * self.zipf(slice)
        } else {
            self.zipf(v)
        };
        &self.vocabulary[rank]
    }

    fn pick_community(&mut self) -> usize {
        if self.rng.chance(0.5) {
            self.rng.below(self.communities)
        } else {
            self.zipf(self.communities)
        }
    }

    /// Half the time one of the community's home organisations, else any (both Zipf).
    fn pick_organisation(&mut self, community: usize) -> usize {
        let n = self.organisations.len();
        if community < n && self.rng.chance(0.5) {
            let home = (n - community - 1) / self.communities + 1;
            community + self.communities * self.zipf(home)
        } else {
            self.zipf(n)
        }
    }

    /// Knows links from person `index` to people yielded before them.
    fn knows(&mut self, batch: &mut Batch, index: usize, id: PersonId, community: usize) {
        let jitter = 0.5 + self.rng.unit();
        let want = self
            .rng
            .round(self.config.knows_per_person * jitter)
            .min(index);
        let mut chosen = std::mem::take(&mut self.chosen);
        chosen.clear();
        let mut tries = 0;
        while chosen.len() < want && tries < 8 * want + 8 {
            tries += 1;
            let members = &self.members[community];
            let endpoints = &self.endpoints[community];
            let target = if !members.is_empty() && self.rng.chance(0.8) {
                if !endpoints.is_empty() && self.rng.chance(0.5) {
                    endpoints[self.rng.below(endpoints.len())]
                } else {
                    members[self.rng.below(members.len())]
                }
            } else {
                self.rng.below(index) as u32
            };
            if !chosen.contains(&target) {
                chosen.push(target);
            }
        }
        for &target in &chosen {
            let inside = self.community_of[target as usize] as usize == community;
            let strength = if inside {
                0.3 + 0.7 * self.rng.unit()
            } else {
                0.05 + 0.45 * self.rng.unit()
            };
            let source = if self.rng.chance(0.3) {
                KnowsSource::Derived
            } else {
                KnowsSource::Imported
            };
            if let Ok(link) = KnowsLink::new(id, self.ids[target as usize], strength, source) {
                batch.knows.push(link);
                if inside {
                    self.endpoints[community].push(target);
                    self.endpoints[community].push(index as u32);
                }
            }
        }
        self.chosen = chosen;
    }

    /// Interactions with person `index`, in bursts, more of them the closer they are.
    fn interactions(
        &mut self,
        batch: &mut Batch,
        index: usize,
        id: PersonId,
        community: usize,
        closeness: f64,
    ) {
        let mean = self.config.interactions_per_person * closeness / MEAN_CLOSENESS;
        let jitter = 0.5 + self.rng.unit();
        let count = self.rng.round(mean * jitter);
        if count == 0 {
            return;
        }
        let span = self.span();
        let mut bursts = std::mem::take(&mut self.bursts);
        bursts.clear();
        for _ in 0..1 + count / 8 {
            let u = self.rng.unit();
            let back = if closeness > 0.5 { u * u } else { u };
            let center = self.hi - (span as f64 * back) as i64;
            let width = DAY * (1 + self.rng.below(21) as i64);
            bursts.push((center, width));
        }
        for _ in 0..count {
            let (center, width) = bursts[self.rng.below(bursts.len())];
            // A burst runs back from its centre, so recent bursts do not pile up on `now`.
            let at = center - self.rng.below(width as usize) as i64;
            let kind = self.rng.pick_weighted(INTERACTION_KINDS);
            let minutes = match kind {
                InteractionKind::Meeting => Some(15 * (1 + self.rng.below(8) as u32)),
                InteractionKind::Call => Some(5 + self.rng.below(56) as u32),
                InteractionKind::Video => Some(15 + self.rng.below(76) as u32),
                InteractionKind::Meal => Some(45 + self.rng.below(106) as u32),
                InteractionKind::Event => Some(60 + self.rng.below(181) as u32),
                InteractionKind::Email | InteractionKind::Message => None,
            };
            let direction = self.rng.pick_weighted(DIRECTIONS);
            let mut participants = vec![id];
            if self.rng.chance(0.1) {
                let others = 1 + self.rng.below(3);
                let members = &self.members[community];
                let mut tries = 0;
                while participants.len() <= others && tries < 4 * others {
                    tries += 1;
                    let who = members[self.rng.below(members.len())] as usize;
                    let pid = self.ids[who];
                    if who != index && !participants.contains(&pid) {
                        participants.push(pid);
                    }
                }
            }
            let note = if self.rng.chance(0.15) {
                let template = INTERACTION_NOTES[self.rng.below(INTERACTION_NOTES.len())];
                Some(template.replace("{}", self.term(community)))
            } else {
                None
            };
            batch.interactions.push(Interaction {
                id: InteractionId(self.new_uuid()),
                kind,
                occurred_at: self.ts(at),
                minutes,
                direction,
                participants,
                note,
                event: None,
                source_key: None,
            });
        }
        self.bursts = bursts;
    }

    /// Needs and offers, notes, important dates and favours.
    fn extras(&mut self, batch: &mut Batch, index: usize, id: PersonId, closeness: f64) {
        let community = self.community_of[index] as usize;
        if self.rng.chance(0.3) {
            for _ in 0..1 + self.rng.below(2) {
                let (kind, templates) = if self.rng.chance(0.55) {
                    (HelpKind::Need, NEEDS)
                } else {
                    (HelpKind::Offer, OFFERS)
                };
                let term = self.term(community).to_owned();
                let template = templates[self.rng.below(templates.len())];
                let mut tags = vec![term.clone()];
                if self.rng.chance(0.4) {
                    let extra = self.term(community).to_owned();
                    if extra != term {
                        tags.push(extra);
                    }
                }
                let created = self.random_time();
                let status = self.rng.pick_weighted(HELP_STATUSES);
                let closed_at = (status != HelpStatus::Open).then(|| {
                    let later = self.rng.below((self.hi - created) as usize + 1) as i64;
                    self.ts(created + later)
                });
                batch.help_items.push(HelpItem {
                    id: HelpItemId(self.new_uuid()),
                    person: id,
                    kind,
                    text: template.replace("{}", &term),
                    tags,
                    status,
                    created_at: self.ts(created),
                    closed_at,
                });
            }
        }

        let notes = if closeness > 0.5 {
            1 + self.rng.below(3)
        } else {
            usize::from(self.rng.chance(0.03))
        };
        for _ in 0..notes {
            let template = NOTES[self.rng.below(NOTES.len())];
            let body = template.replace("{}", self.term(community));
            let created_at = self.random_time();
            batch.notes.push(Note {
                id: NoteId(self.new_uuid()),
                person: id,
                body,
                created_at: self.ts(created_at),
            });
        }

        if self.rng.chance(0.15 + 0.5 * closeness) {
            let year = (!self.rng.chance(0.4)).then(|| 1955 + self.rng.below(49) as i32);
            self.push_date(batch, id, DateKind::Birthday, year);
        }
        if self.rng.chance(0.1 * closeness) {
            let kind = if self.rng.chance(0.7) {
                DateKind::Anniversary
            } else {
                DateKind::Other(OTHER_DAYS[self.rng.below(OTHER_DAYS.len())].to_owned())
            };
            let year = self
                .rng
                .chance(0.5)
                .then(|| 1990 + self.rng.below(35) as i32);
            self.push_date(batch, id, kind, year);
        }

        if self.rng.chance(0.02 + 0.5 * closeness) {
            for _ in 0..1 + self.rng.below(3) {
                let (giver, receiver) = if self.rng.chance(0.5) {
                    (id, self.me)
                } else {
                    (self.me, id)
                };
                let kind = self.rng.pick_weighted(FAVOUR_KINDS);
                let template = match kind {
                    FavourKind::Advice => "advice on {}",
                    FavourKind::Introduction => "an introduction to someone in {}",
                    FavourKind::Referral => "a referral for a {} role",
                    FavourKind::Feedback => "feedback on a {} draft",
                    FavourKind::Resource => "resources on {}",
                    FavourKind::Endorsement => "an endorsement for {} work",
                    FavourKind::Time => "an afternoon helping with {}",
                    FavourKind::Other => "help with something about {}",
                };
                let text = template.replace("{}", self.term(community));
                let weight = 1 + self.rng.below(3) as u8;
                let at = self.random_time();
                let thanked_at = (receiver == self.me && self.rng.chance(0.6)).then(|| {
                    let later = self.rng.below(7 * DAY as usize) as i64;
                    self.ts(at + later)
                });
                batch.favours.push(Favour {
                    id: FavourId(self.new_uuid()),
                    giver,
                    receiver,
                    kind,
                    text,
                    weight,
                    occurred_at: self.ts(at),
                    for_need: None,
                    thanked_at,
                    thanked_in: None,
                });
            }
        }
    }

    fn push_date(
        &mut self,
        batch: &mut Batch,
        person: PersonId,
        kind: DateKind,
        year: Option<i32>,
    ) {
        let month = 1 + self.rng.below(12) as i32;
        let days = match month {
            2 => 28 + i32::from(year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0)),
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let day = 1 + self.rng.below(days as usize) as i32;
        if let Ok(day) = YearlyDay::new(month, day, year) {
            batch.dates.push(ImportantDate {
                id: DateId(self.new_uuid()),
                person,
                kind,
                day,
            });
        }
    }

    /// The unique name of person `index`: a first and last name pair from a seed-keyed
    /// permutation of all pairs, then the pairs again with " 2", " 3"… once all are used.
    fn name(&self, index: usize) -> String {
        let pairs = self.names.n;
        let index = index as u64;
        let pair = self.names.apply(index % pairs);
        let first = FIRST_NAMES[(pair % FIRST_NAMES.len() as u64) as usize];
        let last = LAST_NAMES[(pair / FIRST_NAMES.len() as u64) as usize];
        match index / pairs {
            0 => format!("{first} {last}"),
            round => format!("{first} {last} {}", round + 1),
        }
    }

    /// A rank in `0..n`, Zipf-distributed (exponent 1): rank 0 is the most likely.
    fn zipf(&mut self, n: usize) -> usize {
        let n = n.min(self.harmonic.len());
        if n <= 1 {
            return 0;
        }
        let x = self.rng.unit() * self.harmonic[n - 1];
        self.harmonic[..n].partition_point(|&h| h <= x).min(n - 1)
    }

    fn span(&self) -> i64 {
        self.hi - self.lo
    }

    fn random_time(&mut self) -> i64 {
        self.lo + self.rng.below(self.span() as usize + 1) as i64
    }

    /// A moment in the history window, never after `now`.
    fn ts(&self, second: i64) -> Timestamp {
        let now = self.config.now;
        Timestamp::from_second(second.clamp(self.lo, self.hi)).map_or(now, |t| t.min(now))
    }

    /// The next identifier: a version 7 UUID whose time and counter bits encode a sequence
    /// number (so identifiers are unique and sort in creation order) and whose remaining bits
    /// come from the seed.
    fn new_uuid(&mut self) -> Uuid {
        let n = self.id_counter;
        self.id_counter += 1;
        let millis = self.id_base_ms + (n >> 12);
        let mixed = mix64(self.id_key ^ n).to_be_bytes();
        let mut bytes = [0u8; 10];
        bytes[0] = ((n >> 8) & 0x0F) as u8;
        bytes[1] = (n & 0xFF) as u8;
        bytes[2..].copy_from_slice(&mixed);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }
}

/// How many vocabulary ranks belong to `community`'s slice: `SHARED_TERMS + community + k ×
/// communities` for every `k` that stays inside the vocabulary.
fn community_slice_len(vocabulary: usize, communities: usize, community: usize) -> usize {
    let start = SHARED_TERMS + community;
    if start >= vocabulary {
        0
    } else {
        (vocabulary - start - 1) / communities + 1
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64's output function: a bijective mix of 64 bits.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// SplitMix64 (Steele, Lea, Flood), used to seed [`Rng`] and derive keys.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.0)
    }
}

/// xoshiro256\*\* (Blackman, Vigna), written out here so its stream never changes: the
/// generator and the demo build the same network from the same seed forever.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A stream seeded by SplitMix64 from `seed`.
    pub fn seeded(seed: u64) -> Self {
        let mut sm = SplitMix64(seed);
        Self {
            s: [sm.next(), sm.next(), sm.next(), sm.next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by multiply-and-shift; the bias is below 2⁻³².
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// `x` rounded down or up at random so that the expected value is `x` (0 for x ≤ 0).
    fn round(&mut self, x: f64) -> usize {
        if x.is_nan() || x <= 0.0 {
            return 0;
        }
        let floor = x.floor();
        floor as usize + usize::from(self.unit() < x - floor)
    }

    /// An index into `table`, in proportion to `weight`.
    fn weighted<T>(&mut self, table: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = table.iter().map(|e| u64::from(weight(e))).sum();
        let mut x = self.below(total as usize) as u64;
        for (i, e) in table.iter().enumerate() {
            let w = u64::from(weight(e));
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }

    /// A value of a `(value, weight)` table, in proportion to its weight.
    fn pick_weighted<T: Copy>(&mut self, table: &[(T, u32)]) -> T {
        let i = self.weighted(table, |e| e.1);
        table[i].0
    }
}

/// A seed-keyed permutation of `0..n`: a balanced Feistel network over the next even power
/// of two, walking the cycle until the value falls back inside `0..n`.
#[derive(Debug, Clone)]
struct Permutation {
    n: u64,
    half: u32,
    keys: [u64; 4],
}

impl Permutation {
    fn new(n: u64, keys: [u64; 4]) -> Self {
        let n = n.max(1);
        let bits = 64 - (n - 1).leading_zeros();
        Self {
            n,
            half: bits.div_ceil(2).max(1),
            keys,
        }
    }

    fn apply(&self, x: u64) -> u64 {
        let mask = (1u64 << self.half) - 1;
        let mut y = x % self.n;
        loop {
            let mut l = y >> self.half;
            let mut r = y & mask;
            for k in self.keys {
                let f = mix64(r ^ k) & mask;
                (l, r) = (r, l ^ f);
            }
            y = (l << self.half) | r;
            if y < self.n {
                return y;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists

/// The vocabulary, most popular first: the bare domains, then every "qualifier domain" pair
/// ordered by the product of their ranks. Fixed (not seeded), so term ranks never change.
fn build_vocabulary() -> Vec<String> {
    let mut pairs: Vec<(usize, usize, usize)> =
        Vec::with_capacity(QUALIFIERS.len() * DOMAINS.len());
    for (q, _) in QUALIFIERS.iter().enumerate() {
        for (d, _) in DOMAINS.iter().enumerate() {
            pairs.push(((q + 1) * (d + 1), q, d));
        }
    }
    pairs.sort_unstable();
    let mut seen = HashSet::with_capacity(pairs.len() + DOMAINS.len());
    let mut out = Vec::with_capacity(pairs.len() + DOMAINS.len());
    let all = DOMAINS.iter().map(|d| (*d).to_owned()).chain(
        pairs
            .into_iter()
            .map(|(_, q, d)| format!("{} {}", QUALIFIERS[q], DOMAINS[d])),
    );
    for term in all {
        if seen.insert(term.clone()) {
            out.push(term);
        }
    }
    out
}

/// The organisation of rank `j`: "Juniper Labs", then "Juniper North Labs", then numbered.
fn organisation_name(j: usize) -> String {
    let (a, b) = (ORG_HEADS.len(), ORG_TAILS.len());
    let head = ORG_HEADS[j % a];
    let tail = ORG_TAILS[(j / a) % b];
    match j / (a * b) {
        0 => format!("{head} {tail}"),
        r if r <= ORG_MIDDLES.len() => format!("{head} {} {tail}", ORG_MIDDLES[r - 1]),
        r => format!("{head} {tail} {}", r - ORG_MIDDLES.len() + 1),
    }
}

const INDUSTRIES: &[(&str, u32)] = &[
    ("software", 22),
    ("finance", 11),
    ("healthcare", 9),
    ("education", 8),
    ("consulting", 7),
    ("media", 6),
    ("climate", 6),
    ("government", 5),
    ("retail", 5),
    ("manufacturing", 5),
    ("research", 5),
    ("nonprofit", 4),
    ("energy", 3),
    ("legal", 2),
    ("hospitality", 2),
];

const REGIONS: &[(&str, u32)] = &[
    ("europe", 28),
    ("north america", 26),
    ("east asia", 12),
    ("south asia", 9),
    ("latin america", 8),
    ("africa", 7),
    ("southeast asia", 5),
    ("middle east", 3),
    ("oceania", 2),
];

/// Function, weight, title noun, area (for "Head of …").
const FUNCTIONS: &[(&str, u32, &str, &str)] = &[
    ("engineering", 24, "Engineer", "Engineering"),
    ("product", 10, "Product Manager", "Product"),
    ("sales", 10, "Account Executive", "Sales"),
    ("marketing", 9, "Marketing Manager", "Marketing"),
    ("operations", 9, "Operations Manager", "Operations"),
    ("research", 8, "Researcher", "Research"),
    ("data", 8, "Data Scientist", "Data"),
    ("design", 7, "Designer", "Design"),
    ("leadership", 7, "Director", "Strategy"),
    ("finance", 6, "Financial Analyst", "Finance"),
    ("people", 5, "People Partner", "People"),
    ("legal", 3, "Counsel", "Legal"),
];

const STAGES: &[(&str, u32)] = &[
    ("mid career", 34),
    ("early career", 24),
    ("senior", 23),
    ("executive", 9),
    ("student", 5),
    ("retired", 5),
];

const CLOSE_ROLES: [Role; 7] = [
    Role::Friend,
    Role::Peer,
    Role::Collaborator,
    Role::Mentor,
    Role::Advisor,
    Role::Mentee,
    Role::Sponsor,
];

const INTERACTION_KINDS: &[(InteractionKind, u32)] = &[
    (InteractionKind::Email, 35),
    (InteractionKind::Message, 30),
    (InteractionKind::Meeting, 9),
    (InteractionKind::Call, 9),
    (InteractionKind::Video, 9),
    (InteractionKind::Meal, 4),
    (InteractionKind::Event, 4),
];

const DIRECTIONS: &[(Direction, u32)] = &[
    (Direction::Outbound, 45),
    (Direction::Inbound, 40),
    (Direction::Mutual, 15),
];

const HELP_STATUSES: &[(HelpStatus, u32)] = &[
    (HelpStatus::Open, 80),
    (HelpStatus::Fulfilled, 12),
    (HelpStatus::Withdrawn, 8),
];

const FAVOUR_KINDS: &[(FavourKind, u32)] = &[
    (FavourKind::Advice, 25),
    (FavourKind::Introduction, 20),
    (FavourKind::Feedback, 15),
    (FavourKind::Referral, 10),
    (FavourKind::Resource, 10),
    (FavourKind::Time, 10),
    (FavourKind::Endorsement, 6),
    (FavourKind::Other, 4),
];

const NEEDS: &[&str] = &[
    "looking for a mentor in {}",
    "looking for intros to people in {}",
    "looking for a co-founder with {} experience",
    "hiring someone for {}",
    "looking for feedback on a {} project",
    "looking for advice on {}",
];

const OFFERS: &[&str] = &[
    "happy to mentor people in {}",
    "can make intros in {}",
    "happy to review {} work",
    "can advise on {}",
    "offering office hours on {}",
];

const NOTES: &[&str] = &[
    "Ask how the {} project is going.",
    "Keen on {}; send them anything good on it.",
    "Recommended a book on {}.",
    "Thinking about a move into {}.",
    "Prefers a call to email. Lately all about {}.",
];

const INTERACTION_NOTES: &[&str] = &[
    "talked about {}",
    "shared notes on {}",
    "caught up, mostly {}",
    "planned next steps on {}",
    "quick check-in about {}",
];

const OTHER_DAYS: &[&str] = &["Name day", "Work anniversary", "Graduation"];

const TAGS: &[&str] = &[
    "conference",
    "alumni",
    "rust meetup",
    "neighbour",
    "book club",
    "former colleague",
    "investor",
    "climbing",
    "volunteer",
    "board",
    "speaker",
    "podcast",
];

const MET_AT: &[&str] = &[
    "a conference",
    "work",
    "university",
    "a meetup",
    "a friend's dinner",
    "an online community",
    "a hackathon",
    "the climbing gym",
    "a workshop",
    "a wedding",
];

const DOMAINS: &[&str] = &[
    "ml",
    "design",
    "policy",
    "rust",
    "finance",
    "marketing",
    "product management",
    "data engineering",
    "security",
    "open source",
    "venture capital",
    "leadership",
    "hiring",
    "fundraising",
    "robotics",
    "genomics",
    "cryptography",
    "distributed systems",
    "ux research",
    "supply chains",
    "energy storage",
    "public health",
    "education",
    "journalism",
    "law",
    "urban planning",
    "agriculture",
    "accessibility",
    "typography",
    "photography",
    "music",
    "writing",
    "storytelling",
    "negotiation",
    "community building",
    "devops",
    "databases",
    "compilers",
    "web development",
    "game design",
    "economics",
    "statistics",
    "neuroscience",
    "materials science",
    "chemistry",
    "physics",
    "biology",
    "ecology",
    "architecture",
    "logistics",
    "manufacturing",
    "retail",
    "real estate",
    "insurance",
    "payments",
    "banking",
    "tax",
    "accounting",
    "philanthropy",
    "diplomacy",
    "transport",
    "housing",
    "mental health",
    "nutrition",
    "sports",
    "film",
    "publishing",
    "translation",
    "linguistics",
    "history",
    "philosophy",
    "ethics",
    "governance",
    "coaching",
    "mentoring",
    "sales",
    "customer success",
    "operations",
    "strategy",
    "research",
    "hardware",
    "biotech",
    "batteries",
    "cooking",
];

const QUALIFIERS: &[&str] = &[
    "applied",
    "climate",
    "open",
    "global",
    "local",
    "rural",
    "urban",
    "b2b",
    "consumer",
    "enterprise",
    "early-stage",
    "nonprofit",
    "public sector",
    "healthcare",
    "fintech",
    "edtech",
    "cloud",
    "mobile",
    "ethical",
    "responsible",
    "sustainable",
    "inclusive",
    "digital",
    "quantitative",
    "experimental",
    "computational",
    "behavioural",
    "cross-border",
    "decentralised",
    "embedded",
    "industrial",
    "marine",
    "space",
    "arctic",
    "tropical",
    "latin american",
    "african",
    "asian",
    "european",
    "nordic",
    "regional",
    "municipal",
    "medical",
    "clinical",
    "creative",
    "collaborative",
    "participatory",
    "remote",
    "hybrid",
    "scalable",
    "real-time",
    "privacy-preserving",
    "low-carbon",
    "circular",
    "regenerative",
    "community",
    "youth",
    "advanced",
    "small-business",
    "ai-assisted",
];

const ORG_HEADS: &[&str] = &[
    "Northwind",
    "Bluefin",
    "Harbor",
    "Granite",
    "Juniper",
    "Meridian",
    "Cobalt",
    "Lumen",
    "Evergreen",
    "Saffron",
    "Aurora",
    "Beacon",
    "Cedar",
    "Delta",
    "Ember",
    "Fjord",
    "Glacier",
    "Horizon",
    "Indigo",
    "Jasper",
    "Kestrel",
    "Lattice",
    "Maple",
    "Nimbus",
    "Orchard",
    "Pioneer",
    "Quartz",
    "Redwood",
    "Summit",
    "Tidal",
    "Umber",
    "Vertex",
    "Willow",
    "Zephyr",
    "Atlas",
    "Birch",
    "Cascade",
    "Dune",
    "Elm",
    "Falcon",
    "Garnet",
    "Heron",
    "Iris",
    "Kite",
    "Lark",
    "Mosaic",
    "Nova",
    "Onyx",
    "Prism",
    "Raven",
    "Sierra",
    "Tundra",
    "Vela",
    "Wren",
    "Yarrow",
    "Zinnia",
    "Åland",
    "Sølv",
    "Église",
    "Mañana",
];

const ORG_TAILS: &[&str] = &[
    "Labs",
    "Systems",
    "Analytics",
    "Health",
    "Capital",
    "Studio",
    "Partners",
    "Energy",
    "Robotics",
    "Foods",
    "Logistics",
    "Media",
    "Networks",
    "Bio",
    "Works",
    "Collective",
    "Foundation",
    "Institute",
    "Ventures",
    "Group",
    "Software",
    "Consulting",
    "Dynamics",
    "Materials",
    "Mobility",
    "Learning",
    "Finance",
    "Security",
    "Cloud",
    "Data",
    "Design",
    "Games",
    "Motors",
    "Pharma",
    "Telecom",
    "Textiles",
    "Water",
    "Solar",
    "Legal",
    "Press",
];

const ORG_MIDDLES: &[&str] = &[
    "North", "South", "East", "West", "Global", "United", "First", "New", "Open", "Bright", "Blue",
    "Green", "Red", "Silver", "Golden", "Swift", "Clear", "Deep", "High", "Grand", "Royal",
    "Modern", "Civic", "Coastal", "Alpine", "Urban", "Prime", "Noble", "Quiet", "Little",
];

/// First names from many cultures: single words (no spaces, hyphens or apostrophes) whose
/// folded forms are all different, so every "First Last" pair has its own name key.
const FIRST_NAMES: &[&str] = &[
    // English-speaking
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Emma",
    "Oliver",
    "Charlotte",
    "Liam",
    "Olivia",
    "Noah",
    "Amelia",
    "Jack",
    "Harper",
    "Ethan",
    "Grace",
    "Henry",
    "Isla",
    "Owen",
    "Ruby",
    "Mia",
    "Leo",
    "Ella",
    "Hannah",
    "Claire",
    "Nathan",
    "Rose",
    "Adam",
    "Kate",
    "Alice",
    "Julia",
    "Rachel",
    "Naomi",
    "Ruth",
    "Megan",
    "Erin",
    "Zoë",
    // Spanish and Portuguese
    "José",
    "María",
    "Ana",
    "Carlos",
    "Lucía",
    "Javier",
    "Sofía",
    "Mateo",
    "Valentina",
    "Diego",
    "Camila",
    "Alejandro",
    "Isabel",
    "Pablo",
    "Carmen",
    "Andrés",
    "Inês",
    "João",
    "Beatriz",
    "Tiago",
    "Gonçalo",
    "Leonor",
    "Rafael",
    "Marta",
    "Raúl",
    "Ximena",
    "Santiago",
    "Renata",
    "Joaquín",
    "Florencia",
    // French
    "Élodie",
    "Camille",
    "Théo",
    "Léa",
    "Hélène",
    "François",
    "Amélie",
    "Étienne",
    "Chloé",
    "Mathieu",
    "Océane",
    "Benoît",
    "Manon",
    "Gaël",
    // German, Dutch, Nordic
    "Søren",
    "Jürgen",
    "Ingrid",
    "Björn",
    "Åsa",
    "Freya",
    "Lars",
    "Astrid",
    "Magnus",
    "Sigrid",
    "Henrik",
    "Liv",
    "Jörg",
    "Greta",
    "Matthias",
    "Katrin",
    "Sven",
    "Ragnhild",
    "Mikael",
    "Aino",
    "Eero",
    "Päivi",
    "Jukka",
    "Daan",
    "Sanne",
    "Pieter",
    "Femke",
    "Joost",
    "Anouk",
    // Italian and Greek
    "Giulia",
    "Marco",
    "Francesca",
    "Luca",
    "Chiara",
    "Alessandro",
    "Federica",
    "Matteo",
    "Giorgio",
    "Elena",
    "Eleni",
    "Nikos",
    "Dimitra",
    "Yiannis",
    // Central and Eastern European
    "Łukasz",
    "Agnieszka",
    "Wojciech",
    "Małgorzata",
    "Zofia",
    "Piotr",
    "Jiří",
    "Tereza",
    "Ondřej",
    "Dmitri",
    "Natalia",
    "Olga",
    "Ivan",
    "Yulia",
    "Milena",
    "Dragan",
    "Ivana",
    "Anastasia",
    "Mykola",
    "Oksana",
    // Turkish, Arabic, Persian, Hebrew
    "Ayşe",
    "Mehmet",
    "Elif",
    "Emre",
    "Zeynep",
    "Burak",
    "Fatima",
    "Omar",
    "Layla",
    "Youssef",
    "Amira",
    "Khalid",
    "Nour",
    "Tariq",
    "Yasmin",
    "Hassan",
    "Darius",
    "Shirin",
    "Reza",
    "Parisa",
    "Noa",
    "Avi",
    "Tamar",
    "Eitan",
    // South Asian
    "Priya",
    "Arjun",
    "Ananya",
    "Rohan",
    "Kavya",
    "Vikram",
    "Deepa",
    "Aditya",
    "Meera",
    "Sanjay",
    "Lakshmi",
    "Rahul",
    "Nisha",
    "Imran",
    "Ayesha",
    "Farhan",
    "Tahmina",
    // East and Southeast Asian
    "Wei",
    "Mei",
    "Jun",
    "Hao",
    "Xiu",
    "Yan",
    "Hiroshi",
    "Yuki",
    "Haruto",
    "Aiko",
    "Kenji",
    "Sakura",
    "Minjun",
    "Jiwoo",
    "Seoyeon",
    "Hyun",
    "Linh",
    "Minh",
    "Thảo",
    "Anh",
    "Siti",
    "Budi",
    "Putri",
    "Arif",
    "Rizal",
    // African
    "Amara",
    "Chidi",
    "Ngozi",
    "Kwame",
    "Abena",
    "Kofi",
    "Ama",
    "Thabo",
    "Zanele",
    "Sipho",
    "Aisha",
    "Tunde",
    "Folake",
    "Wanjiru",
    "Otieno",
    "Achieng",
    "Tendai",
    "Nia",
    "Jabari",
    "Mariam",
    "Yohannes",
    "Selam",
    "Abebe",
    // Irish, Scottish, Welsh, Pacific
    "Siobhán",
    "Niamh",
    "Seán",
    "Aoife",
    "Ciarán",
    "Róisín",
    "Eilidh",
    "Callum",
    "Rhys",
    "Cerys",
    "Dafydd",
    "Aroha",
    "Tane",
    "Kai",
    "Leilani",
    "Malia",
];

/// Last names from many cultures, under the same rules as [`FIRST_NAMES`].
const LAST_NAMES: &[&str] = &[
    // English-speaking
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Lee",
    "Byrne",
    "Doyle",
    "Walsh",
    "MacLeod",
    "Fraser",
    "Davies",
    "Llewellyn",
    // Spanish and Portuguese
    "García",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Reyes",
    "Cruz",
    "Morales",
    "Ortiz",
    "Gutiérrez",
    "Chávez",
    "Ramos",
    "Ruiz",
    "Álvarez",
    "Mendoza",
    "Castillo",
    "Jiménez",
    "Moreno",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Vargas",
    "Castro",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Costa",
    "Pereira",
    "Ferreira",
    "Almeida",
    "Carvalho",
    "Gonçalves",
    "Ribeiro",
    "Lopes",
    "Araújo",
    "Fernandes",
    // French
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boucher",
    "Faure",
    "Gauthier",
    "Chevalier",
    "Lemaître",
    "Bérubé",
    // German and Dutch
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Köhler",
    "Krüger",
    "Schäfer",
    "Zimmermann",
    "Braun",
    "Hartmann",
    "Vogel",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Mulder",
    "Bos",
    "Dekker",
    // Nordic
    "Ångström",
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Lindqvist",
    "Bergström",
    "Sjöberg",
    "Hansen",
    "Nielsen",
    "Jensen",
    "Pedersen",
    "Kristensen",
    "Sørensen",
    "Løvgren",
    "Halvorsen",
    "Berg",
    "Haugen",
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Järvinen",
    "Jónsdóttir",
    "Sigurðsson",
    // Italian and Greek
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "Mancini",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Papadopoulos",
    "Georgiou",
    "Nikolaidis",
    // Central and Eastern European
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Dvořák",
    "Novák",
    "Svoboda",
    "Černý",
    "Procházka",
    "Horváth",
    "Nagy",
    "Kovács",
    "Tóth",
    "Szabó",
    "Ivanov",
    "Petrov",
    "Smirnov",
    "Volkov",
    "Sokolov",
    "Popescu",
    "Ionescu",
    "Dumitru",
    "Kovačević",
    "Petrović",
    "Jovanović",
    "Shevchenko",
    "Bondarenko",
    "Kovalenko",
    // Turkish, Arabic, Persian, Hebrew
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Öztürk",
    "Aydın",
    "Haddad",
    "Khalil",
    "Nasser",
    "Mansour",
    "Saleh",
    "Farouk",
    "Rahman",
    "Hussein",
    "Karimi",
    "Hosseini",
    "Tehrani",
    "Ahmadi",
    "Cohen",
    "Levi",
    "Mizrahi",
    "Friedman",
    "Katz",
    "Shapiro",
    // South Asian
    "Patel",
    "Sharma",
    "Singh",
    "Kumar",
    "Gupta",
    "Reddy",
    "Iyer",
    "Nair",
    "Menon",
    "Rao",
    "Desai",
    "Joshi",
    "Mehta",
    "Chatterjee",
    "Banerjee",
    "Mukherjee",
    "Kapoor",
    "Malhotra",
    "Chowdhury",
    "Hossain",
    "Khan",
    "Qureshi",
    "Siddiqui",
    "Perera",
    "Fernando",
    "Jayasuriya",
    // East and Southeast Asian
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "Lin",
    "He",
    "Gao",
    "Luo",
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Sato",
    "Kato",
    "Kim",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Nguyen",
    "Tran",
    "Pham",
    "Hoang",
    "Phan",
    "Vu",
    "Dang",
    "Bui",
    "Do",
    "Ngo",
    "Santoso",
    "Wijaya",
    "Tan",
    "Ong",
    "Goh",
    "Bautista",
    "Aquino",
    // African
    "Okafor",
    "Adeyemi",
    "Okonkwo",
    "Mensah",
    "Boateng",
    "Asante",
    "Owusu",
    "Nkosi",
    "Dlamini",
    "Mokoena",
    "Ndlovu",
    "Mwangi",
    "Kamau",
    "Ochieng",
    "Kipchoge",
    "Haile",
    "Tesfaye",
    "Bekele",
    "Diallo",
    "Traoré",
    "Keita",
    "Touré",
    "Ba",
    "Ndiaye",
    "Diop",
    "Sow",
    "Abubakar",
    "Balogun",
    "Eze",
    // Pacific
    "Ngata",
    "Tuilagi",
    "Fonoti",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;
    use std::collections::HashMap;
    use std::sync::OnceLock;

    /// 2026-05-01T12:00:00Z.
    const NOW: Timestamp = Timestamp::constant(1_777_636_800, 0);

    struct Network {
        config: GenConfig,
        me: Person,
        batches: Vec<(Batch, Vec<Planted>)>,
    }

    fn generate(config: GenConfig, per_batch: usize) -> Network {
        let mut generator = Generator::new(config.clone());
        let me = generator.me();
        let mut batches = Vec::new();
        while let Some(b) = generator.next_batch(per_batch) {
            batches.push(b);
        }
        Network {
            config,
            me,
            batches,
        }
    }

    /// 5 000 people with the default knobs, shared by the tests.
    fn network() -> &'static Network {
        static NETWORK: OnceLock<Network> = OnceLock::new();
        NETWORK.get_or_init(|| generate(GenConfig::new(5_000, 42, NOW), 700))
    }

    fn people(n: &Network) -> impl Iterator<Item = &Person> {
        n.batches.iter().flat_map(|(b, _)| &b.people)
    }

    fn planted(n: &Network) -> impl Iterator<Item = &Planted> {
        n.batches.iter().flat_map(|(_, p)| p)
    }

    #[test]
    fn same_seed_same_network_other_seed_other_network() {
        let a = generate(GenConfig::new(300, 1, NOW), 64);
        let b = generate(GenConfig::new(300, 1, NOW), 64);
        assert_eq!(a.me, b.me);
        assert_eq!(a.batches, b.batches);
        let c = generate(GenConfig::new(300, 2, NOW), 64);
        assert_ne!(a.me.id, c.me.id);
        assert_ne!(a.batches, c.batches);
    }

    #[test]
    fn batch_size_only_changes_where_the_network_is_cut() {
        let flatten = |n: Network| {
            let mut all = Batch::new();
            let mut truth = Vec::new();
            for (b, p) in n.batches {
                all.people.extend(b.people);
                all.knows.extend(b.knows);
                all.interactions.extend(b.interactions);
                all.help_items.extend(b.help_items);
                all.notes.extend(b.notes);
                all.dates.extend(b.dates);
                all.favours.extend(b.favours);
                truth.extend(p);
            }
            (all, truth)
        };
        let small = generate(GenConfig::new(250, 9, NOW), 7);
        assert_eq!(small.batches.len(), 36);
        assert!(small.batches.iter().all(|(_, p)| p.len() <= 7));
        assert_eq!(
            flatten(small),
            flatten(generate(GenConfig::new(250, 9, NOW), 1_000))
        );
    }

    #[test]
    fn the_stream_is_pinned() {
        // If this fails, seeds no longer reproduce the networks they used to: don't.
        let n = generate(GenConfig::new(3, 42, NOW), 10);
        let names: Vec<&str> = people(&n).map(|p| p.profile.name.as_str()).collect();
        assert_eq!(n.me.id.to_string(), "017927cc-c1e8-7000-aa82-9aa58cbb5be2");
        assert_eq!(
            names,
            vec!["Sanjay Chowdhury", "Eleni Castillo", "Chidi Blanc"]
        );
        let interactions: Vec<String> = n.batches[0]
            .0
            .interactions
            .iter()
            .map(|i| i.id.to_string())
            .collect();
        assert_eq!(interactions.len(), 6);
        assert_eq!(
            interactions.last().map(String::as_str),
            Some("017927cc-c1e8-700a-a030-1447116b7e15")
        );
        // The reference xoshiro256** seeded with SplitMix64(0).
        let mut rng = Rng::seeded(0);
        assert_eq!(
            [rng.next_u64(), rng.next_u64(), rng.next_u64()],
            [
                0x99ec_5f36_cb75_f2b4,
                0xbf6e_1f78_4956_452a,
                0x1a5f_849d_4933_e6e0
            ]
        );
        assert_eq!(SplitMix64(0).next(), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn empty_config_yields_nothing() {
        let mut generator = Generator::new(GenConfig::new(0, 1, NOW));
        assert!(generator.next_batch(10).is_none());
        assert_eq!(generator.me().profile.name, "Me");
    }

    #[test]
    fn names_are_unique_and_suffixed_only_when_pairs_run_out() {
        let n = network();
        let keys: HashSet<String> = people(n).map(|p| text::name_key(&p.profile.name)).collect();
        assert_eq!(keys.len(), 5_000);
        assert!(people(n).all(|p| !p.profile.name.chars().any(|c| c.is_ascii_digit())));
        assert!(!keys.contains("me"));

        let generator = Generator::new(GenConfig::new(10, 3, NOW));
        let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
        assert!(pairs >= 100_000, "only {pairs} name pairs");
        let first = generator.name(5);
        assert_eq!(generator.name(pairs + 5), format!("{first} 2"));
        assert_eq!(generator.name(2 * pairs + 5), format!("{first} 3"));
    }

    #[test]
    fn name_lists_fold_to_distinct_single_words() {
        for list in [FIRST_NAMES, LAST_NAMES] {
            let folded: HashSet<String> = list.iter().map(|n| text::fold(n)).collect();
            assert_eq!(folded.len(), list.len());
            assert!(folded.iter().all(|f| !f.is_empty() && !f.contains(' ')));
        }
        for accented in ["Zoë", "José", "Søren"] {
            assert!(FIRST_NAMES.contains(&accented));
        }
        assert!(LAST_NAMES.contains(&"Ångström"));
    }

    #[test]
    fn permutation_is_a_bijection() {
        for n in [1u64, 2, 3, 1_000, 4_097] {
            let p = Permutation::new(n, [1, 2, 3, 4]);
            let seen: HashSet<u64> = (0..n).map(|x| p.apply(x)).collect();
            assert_eq!(seen.len() as u64, n);
            assert!(seen.iter().all(|&y| y < n));
        }
    }

    #[test]
    fn vocabulary_is_large_distinct_and_stable() {
        let v = build_vocabulary();
        assert!(v.len() >= 3_000, "{} terms", v.len());
        assert_eq!(v.iter().collect::<HashSet<_>>().len(), v.len());
        assert!(
            v.iter()
                .all(|t| *t == text::label(t) && t.chars().count() <= 120)
        );
        assert_eq!(&v[..3], &["ml", "design", "policy"]);
        assert!(v.iter().any(|t| t == "applied ml"));
        assert!(v.iter().any(|t| t == "climate policy"));
    }

    #[test]
    fn identifiers_are_unique_across_the_network() {
        let n = network();
        let mut ids = vec![n.me.id.0];
        for (b, _) in &n.batches {
            ids.extend(b.people.iter().map(|p| p.id.0));
            ids.extend(b.interactions.iter().map(|i| i.id.0));
            ids.extend(b.help_items.iter().map(|h| h.id.0));
            ids.extend(b.notes.iter().map(|x| x.id.0));
            ids.extend(b.dates.iter().map(|d| d.id.0));
            ids.extend(b.favours.iter().map(|f| f.id.0));
        }
        assert!(ids.iter().all(|u| u.get_version_num() == 7));
        let distinct: HashSet<Uuid> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), ids.len());
    }

    #[test]
    fn knows_links_are_distinct_and_about_the_wanted_degree() {
        let n = network();
        let mut pairs = HashSet::new();
        let mut inside = 0usize;
        let community: HashMap<PersonId, u32> =
            planted(n).map(|p| (p.person, p.community)).collect();
        for (b, _) in &n.batches {
            for k in &b.knows {
                assert!(k.a < k.b, "unordered or self loop");
                assert!(k.strength > 0.0 && k.strength <= 1.0);
                assert!(pairs.insert((k.a, k.b)), "duplicate pair");
                inside += usize::from(community.get(&k.a) == community.get(&k.b));
            }
        }
        let degree = 2.0 * pairs.len() as f64 / 5_000.0;
        let wanted = 2.0 * n.config.knows_per_person;
        assert!(
            (degree - wanted).abs() <= 0.2 * wanted,
            "average degree {degree}"
        );
        let share = inside as f64 / pairs.len() as f64;
        assert!(
            (0.7..0.95).contains(&share),
            "{share} of links inside communities"
        );
    }

    #[test]
    fn interaction_count_is_near_the_target_and_follows_closeness() {
        let n = network();
        let total: usize = n.batches.iter().map(|(b, _)| b.interactions.len()).sum();
        let target = 5_000.0 * n.config.interactions_per_person;
        assert!(
            (total as f64 - target).abs() <= 0.15 * target,
            "{total} interactions"
        );

        let mut count: HashMap<PersonId, usize> = HashMap::new();
        for (b, _) in &n.batches {
            for i in &b.interactions {
                *count.entry(i.participants[0]).or_default() += 1;
            }
        }
        let mean = |close: bool| {
            let group: Vec<usize> = planted(n)
                .filter(|p| (p.closeness > 0.5) == close)
                .map(|p| count.get(&p.person).copied().unwrap_or(0))
                .collect();
            group.iter().sum::<usize>() as f64 / group.len().max(1) as f64
        };
        assert!(
            mean(true) > 4.0 * mean(false),
            "close {} vs distant {}",
            mean(true),
            mean(false)
        );
    }

    #[test]
    fn records_refer_only_to_people_already_yielded() {
        let n = network();
        let mut yielded: HashSet<PersonId> = HashSet::from([n.me.id]);
        for (b, planted) in &n.batches {
            yielded.extend(b.people.iter().map(|p| p.id));
            assert_eq!(planted.len(), b.people.len());
            for i in &b.interactions {
                assert!(!i.participants.is_empty() && !i.participants.contains(&n.me.id));
                assert_eq!(
                    i.participants.iter().collect::<HashSet<_>>().len(),
                    i.participants.len()
                );
                assert!(i.participants.iter().all(|p| yielded.contains(p)));
            }
            assert!(
                b.knows
                    .iter()
                    .all(|k| yielded.contains(&k.a) && yielded.contains(&k.b))
            );
            assert!(b.help_items.iter().all(|h| yielded.contains(&h.person)));
            assert!(b.notes.iter().all(|x| yielded.contains(&x.person)));
            assert!(b.dates.iter().all(|d| yielded.contains(&d.person)));
            assert!(
                b.favours
                    .iter()
                    .all(|f| yielded.contains(&f.giver) && yielded.contains(&f.receiver))
            );
            assert!(
                b.favours
                    .iter()
                    .all(|f| f.giver == n.me.id || f.receiver == n.me.id)
            );
            for p in &b.people {
                assert!(
                    p.profile
                        .introduced_by
                        .is_none_or(|by| yielded.contains(&by) && by != p.id)
                );
            }
        }
    }

    #[test]
    fn planted_truth_is_in_range_and_skewed() {
        let n = network();
        let communities = n.config.community_count() as u32;
        assert_eq!(communities, 35);
        let all: Vec<&Planted> = planted(n).collect();
        assert!(all.iter().all(|p| p.closeness > 0.0 && p.closeness <= 1.0));
        assert!(all.iter().all(|p| p.community < communities));
        let close = all.iter().filter(|p| p.closeness > 0.5).count();
        let distant = all.iter().filter(|p| p.closeness < 0.2).count();
        assert!(
            close < all.len() / 4 && distant > all.len() / 2,
            "{close} close, {distant} distant"
        );
        let used: HashSet<u32> = all.iter().map(|p| p.community).collect();
        assert_eq!(used.len() as u32, communities);
        let names: HashMap<PersonId, &str> =
            people(n).map(|p| (p.id, p.profile.name.as_str())).collect();
        assert!(
            all.iter()
                .all(|p| names.get(&p.person) == Some(&p.name.as_str()))
        );
    }

    #[test]
    fn every_record_validates() {
        let n = network();
        assert!(n.me.profile.validate().is_ok());
        for (b, _) in &n.batches {
            for p in &b.people {
                assert_eq!(p.profile.validate(), Ok(()), "{}", p.profile.name);
                let mut normalised = p.profile.clone();
                normalised.normalise();
                assert_eq!(normalised, p.profile);
            }
            assert_eq!(b.validate(), Ok(()));
        }
    }

    #[test]
    fn profiles_are_filled_as_described() {
        let n = network();
        let all: Vec<&Person> = people(n).collect();
        for p in &all {
            let f = &p.profile;
            assert!((3..=8).contains(&f.interests.len()), "{:?}", f.interests);
            assert!((1..=4).contains(&f.expertise.len()));
            let keys: Vec<&str> = f.facets.keys().map(String::as_str).collect();
            assert_eq!(keys, vec!["career_stage", "function", "industry", "region"]);
            assert!(f.facets.values().all(|v| *v == v.to_lowercase()));
        }
        let share = |pred: &dyn Fn(&PersonProfile) -> bool| {
            all.iter().filter(|p| pred(&p.profile)).count() as f64 / all.len() as f64
        };
        assert!(share(&|f| f.organisation.is_some()) > 0.7);
        assert!(share(&|f| f.title.is_some()) > 0.7);
        assert!(share(&|f| !f.roles.is_empty()) > 0.02);
        assert!(share(&|f| f.cadence.is_some()) > 0.02);
        assert!(share(&|f| !f.tags.is_empty()) > 0.05);
        let software = share(&|f| f.facets.get("industry").map(String::as_str) == Some("software"));
        assert!(software > 0.1 && software < 0.5, "{software} in software");

        let helped: HashSet<PersonId> = n
            .batches
            .iter()
            .flat_map(|(b, _)| &b.help_items)
            .map(|h| h.person)
            .collect();
        let helped = helped.len() as f64 / 5_000.0;
        assert!(
            (0.25..0.35).contains(&helped),
            "{helped} with needs or offers"
        );
        let kinds: HashSet<InteractionKind> = n
            .batches
            .iter()
            .flat_map(|(b, _)| &b.interactions)
            .map(|i| i.kind)
            .collect();
        assert_eq!(kinds.len(), InteractionKind::ALL.len());
        let dates: Vec<&ImportantDate> = n.batches.iter().flat_map(|(b, _)| &b.dates).collect();
        assert!(
            dates.iter().any(|d| d.day.year.is_none())
                && dates.iter().any(|d| d.day.year.is_some())
        );
        assert!(
            n.batches
                .iter()
                .any(|(b, _)| !b.notes.is_empty() && !b.favours.is_empty())
        );
    }

    #[test]
    fn communities_skew_interests() {
        let n = network();
        // For each community, its most common interest is much more common inside it than
        // in the network as a whole.
        let mut by_community: HashMap<u32, HashMap<&str, usize>> = HashMap::new();
        let mut global: HashMap<&str, usize> = HashMap::new();
        let mut sizes: HashMap<u32, usize> = HashMap::new();
        let community: HashMap<PersonId, u32> =
            planted(n).map(|p| (p.person, p.community)).collect();
        for p in people(n) {
            let c = community.get(&p.id).copied().unwrap_or(0);
            *sizes.entry(c).or_default() += 1;
            for i in &p.profile.interests {
                *by_community
                    .entry(c)
                    .or_default()
                    .entry(i.as_str())
                    .or_default() += 1;
                *global.entry(i.as_str()).or_default() += 1;
            }
        }
        let mut lifted = 0;
        for (c, counts) in &by_community {
            let size = sizes.get(c).copied().unwrap_or(1) as f64;
            let Some((term, inside)) = counts
                .iter()
                .max_by_key(|(t, k)| (**k, std::cmp::Reverse(**t)))
            else {
                continue;
            };
            let everywhere = global.get(term).copied().unwrap_or(0) as f64 / 5_000.0;
            if *inside as f64 / size > 2.0 * everywhere {
                lifted += 1;
            }
        }
        assert!(
            lifted * 10 >= by_community.len() * 8,
            "{lifted} of {} communities",
            by_community.len()
        );
    }

    #[test]
    fn everything_happens_within_the_window() {
        let n = network();
        let start = NOW.as_second() - i64::from(n.config.years) * 365 * 86_400;
        let inside = |t: Timestamp| t.as_second() >= start && t <= NOW;
        assert!(inside(n.me.created_at));
        for (b, _) in &n.batches {
            assert!(b.interactions.iter().all(|i| inside(i.occurred_at)));
            assert!(
                b.people
                    .iter()
                    .all(|p| inside(p.created_at) && p.updated_at == p.created_at)
            );
            assert!(b.notes.iter().all(|x| inside(x.created_at)));
            assert!(b.help_items.iter().all(|h| inside(h.created_at)
                && h.closed_at.is_none_or(|c| inside(c) && c >= h.created_at)
                && (h.closed_at.is_none() == (h.status == HelpStatus::Open))));
            assert!(
                b.favours
                    .iter()
                    .all(|f| inside(f.occurred_at) && f.thanked_at.is_none_or(inside))
            );
        }
        // Bursty: interactions of one person cluster in fewer distinct weeks than they number.
        let mut weeks: HashMap<PersonId, (usize, HashSet<i64>)> = HashMap::new();
        for i in n.batches.iter().flat_map(|(b, _)| &b.interactions) {
            let e = weeks.entry(i.participants[0]).or_default();
            e.0 += 1;
            e.1.insert(i.occurred_at.as_second() / (7 * 86_400));
        }
        let (count, distinct) = weeks
            .values()
            .filter(|(c, _)| *c >= 40)
            .fold((0, 0), |(c, d), (k, w)| (c + k, d + w.len()));
        assert!(
            count > 0 && distinct * 2 < count,
            "{count} interactions in {distinct} person-weeks"
        );
    }
}
