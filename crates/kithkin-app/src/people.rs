//! People: adding, editing, finding, showing, listing, archiving and forgetting them.

use crate::error::{AppError, Candidate, Result};
use crate::{App, new_uuid};
use jiff::Timestamp;
use kithkin_core::batch::Batch;
use kithkin_core::cadence::Cadence;
use kithkin_core::circle::Circle;
use kithkin_core::dates::ImportantDate;
use kithkin_core::error::Problems;
use kithkin_core::exchange::{HelpItem, HelpKind, HelpStatus};
use kithkin_core::interaction::Interaction;
use kithkin_core::knows::KnowsSource;
use kithkin_core::note::Note;
use kithkin_core::person::{Person, PersonProfile, Role, parse_facet};
use kithkin_core::resolve::{NameMatch, match_name, suggest};
use kithkin_core::when::parse_day;
use kithkin_core::{CircleId, HelpItemId, PersonId, text};
use kithkin_store::{ContactStats, Erasure, PeopleFilter, PersonSummary, SearchHit};
use serde::Serialize;

/// Changes to a profile, as a user types them. `add` applies them to an empty profile.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    /// New name.
    pub name: Option<String>,
    /// New nickname.
    pub nickname: Option<String>,
    /// Remove the nickname.
    pub clear_nickname: bool,
    /// Emails to add.
    pub emails: Vec<String>,
    /// Emails to remove.
    pub remove_emails: Vec<String>,
    /// Phones to add.
    pub phones: Vec<String>,
    /// Phones to remove.
    pub remove_phones: Vec<String>,
    /// URLs to add.
    pub urls: Vec<String>,
    /// URLs to remove.
    pub remove_urls: Vec<String>,
    /// New organisation.
    pub organisation: Option<String>,
    /// Remove the organisation.
    pub clear_organisation: bool,
    /// New title.
    pub title: Option<String>,
    /// Remove the title.
    pub clear_title: bool,
    /// Tags to add.
    pub tags: Vec<String>,
    /// Tags to remove.
    pub remove_tags: Vec<String>,
    /// Interests to add.
    pub interests: Vec<String>,
    /// Interests to remove.
    pub remove_interests: Vec<String>,
    /// Expertise to add.
    pub expertise: Vec<String>,
    /// Expertise to remove.
    pub remove_expertise: Vec<String>,
    /// Roles to add.
    pub roles: Vec<String>,
    /// Roles to remove.
    pub remove_roles: Vec<String>,
    /// Facets to set, `KEY=VALUE`.
    pub facets: Vec<String>,
    /// Facet keys to remove.
    pub remove_facets: Vec<String>,
    /// Circles to join (created when missing).
    pub circles: Vec<String>,
    /// Circles to leave.
    pub remove_circles: Vec<String>,
    /// New cadence (`30d`, `2w`, `3m`).
    pub cadence: Option<String>,
    /// Remove the cadence.
    pub clear_cadence: bool,
    /// How or where we met.
    pub met_at: Option<String>,
    /// When we met (a day).
    pub met_on: Option<String>,
    /// Who introduced us (a person).
    pub introduced_by: Option<String>,
    /// Forget who introduced us.
    pub clear_introduced_by: bool,
    /// A few lines about them.
    pub summary: Option<String>,
    /// Remove the summary.
    pub clear_summary: bool,
    /// Offers to record.
    pub offers: Vec<String>,
    /// Needs to record.
    pub needs: Vec<String>,
}

/// What `add` and `edit` did.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    /// The person as now stored.
    pub person: Person,
    /// Circles that did not exist and were created.
    pub created_circles: Vec<String>,
    /// Needs and offers recorded.
    pub help_items: Vec<HelpItem>,
    /// Things worth knowing (another person with the same name…).
    pub warnings: Vec<String>,
}

/// Everything `show` displays about a person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    /// The person.
    pub person: Person,
    /// Whether this is "me".
    pub is_me: bool,
    /// Who introduced them.
    pub introduced_by: Option<Candidate>,
    /// Interaction totals.
    pub stats: Option<ContactStats>,
    /// Recent interactions, newest first, with the other participants' names.
    pub interactions: Vec<InteractionView>,
    /// Recent notes, newest first.
    pub notes: Vec<Note>,
    /// Important dates.
    pub dates: Vec<ImportantDate>,
    /// People they know.
    pub knows: Vec<KnownPerson>,
    /// Relationship strength now (not for "me").
    pub strength: Option<kithkin_core::strength::Strength>,
    /// One line per strength component, for people.
    pub strength_explained: Vec<String>,
    /// Life events, newest first.
    pub life_events: Vec<kithkin_core::life_event::LifeEvent>,
    /// Follow-ups, open first.
    pub follow_ups: Vec<kithkin_core::follow_up::FollowUp>,
}

/// An interaction with the names of everyone in it.
#[derive(Debug, Clone, Serialize)]
pub struct InteractionView {
    /// The interaction.
    pub interaction: Interaction,
    /// Names of the participants, in id order.
    pub with: Vec<String>,
}

/// Someone a person knows.
#[derive(Debug, Clone, Serialize)]
pub struct KnownPerson {
    /// Who.
    pub id: PersonId,
    /// Their name.
    pub name: String,
    /// Link strength, 0 to 1.
    pub strength: f64,
    /// Where the link came from.
    pub source: KnowsSource,
}

fn push_all(list: &mut Vec<String>, add: &[String]) {
    list.extend(add.iter().cloned());
}

fn remove_matching(
    list: &mut Vec<String>,
    remove: &[String],
    key: fn(&str) -> String,
    field: &str,
    p: &mut Problems,
) {
    for r in remove {
        let k = key(r);
        let before = list.len();
        list.retain(|v| key(v) != k);
        if list.len() == before {
            p.push(field, r, "is not on this person, so it cannot be removed");
        }
    }
}

impl App {
    /// Finds the one person `query` means: `me`, an id, an email, an exact name, or a unique
    /// fuzzy match that ignores case and accents.
    pub async fn resolve(&self, query: &str) -> Result<PersonId> {
        let q = query.trim();
        if q.is_empty() {
            return Err(AppError::Invalid(vec![kithkin_core::ValidationError::new(
                "person", query, "is empty",
            )]));
        }
        if q.eq_ignore_ascii_case("me")
            && let Some(me) = self.store.me().await?
        {
            return Ok(me);
        }
        if let Ok(id) = q.parse::<PersonId>() {
            if self.store.person(id).await?.is_some() {
                return Ok(id);
            }
            return Err(AppError::UnknownPerson {
                query: q.to_owned(),
                suggestions: Vec::new(),
            });
        }
        if q.contains('@') {
            let ids = self.store.people_by_email(q).await?;
            match ids.as_slice() {
                [one] => return Ok(*one),
                [] => {}
                many => {
                    let names = self.store.names_of(many).await?;
                    let candidates = many
                        .iter()
                        .map(|id| Candidate {
                            name: names.get(id).cloned().unwrap_or_default(),
                            id: id.to_string(),
                        })
                        .collect();
                    return Err(AppError::AmbiguousPerson {
                        query: q.to_owned(),
                        candidates,
                    });
                }
            }
        }
        let key = text::name_key(q);
        let longest = key.split(' ').max_by_key(|w| w.len()).unwrap_or_default();
        let entries = self.store.name_entries(Some(longest)).await?;
        match match_name(q, &entries) {
            NameMatch::One(id) => Ok(id),
            NameMatch::Many(many) => Err(AppError::AmbiguousPerson {
                query: q.to_owned(),
                candidates: many
                    .into_iter()
                    .map(|e| Candidate {
                        name: e.name,
                        id: e.id.to_string(),
                    })
                    .collect(),
            }),
            NameMatch::None => {
                let all = self.store.name_entries(None).await?;
                let suggestions = suggest(q, &all, 3)
                    .into_iter()
                    .map(|e| Candidate {
                        name: e.name,
                        id: e.id.to_string(),
                    })
                    .collect();
                Err(AppError::UnknownPerson {
                    query: q.to_owned(),
                    suggestions,
                })
            }
        }
    }

    /// Resolves several people, failing on the first that does not resolve.
    pub async fn resolve_all(&self, queries: &[String]) -> Result<Vec<PersonId>> {
        let mut out = Vec::with_capacity(queries.len());
        for q in queries {
            let id = self.resolve(q).await?;
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Loads a person who must exist.
    pub async fn person(&self, id: PersonId) -> Result<Person> {
        self.store
            .person(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no person with id {id}")))
    }

    /// Applies `changes` to `profile`, returning the circles to join and leave.
    async fn apply(
        &self,
        profile: &mut PersonProfile,
        circles: &mut Vec<String>,
        c: &ProfileChanges,
    ) -> Result<()> {
        let mut p = Problems::new();
        if let Some(n) = &c.name {
            profile.name = n.clone();
        }
        if c.clear_nickname {
            profile.nickname = None;
        }
        if let Some(n) = &c.nickname {
            profile.nickname = Some(n.clone());
        }
        remove_matching(
            &mut profile.emails,
            &c.remove_emails,
            text::email_key,
            "email",
            &mut p,
        );
        push_all(&mut profile.emails, &c.emails);
        remove_matching(
            &mut profile.phones,
            &c.remove_phones,
            text::phone_key,
            "phone",
            &mut p,
        );
        push_all(&mut profile.phones, &c.phones);
        remove_matching(
            &mut profile.urls,
            &c.remove_urls,
            |s| s.trim().to_owned(),
            "url",
            &mut p,
        );
        push_all(&mut profile.urls, &c.urls);
        if c.clear_organisation {
            profile.organisation = None;
        }
        if let Some(o) = &c.organisation {
            profile.organisation = Some(o.clone());
        }
        if c.clear_title {
            profile.title = None;
        }
        if let Some(t) = &c.title {
            profile.title = Some(t.clone());
        }
        remove_matching(
            &mut profile.tags,
            &c.remove_tags,
            text::label,
            "tag",
            &mut p,
        );
        push_all(&mut profile.tags, &c.tags);
        remove_matching(
            &mut profile.interests,
            &c.remove_interests,
            text::label,
            "interest",
            &mut p,
        );
        push_all(&mut profile.interests, &c.interests);
        remove_matching(
            &mut profile.expertise,
            &c.remove_expertise,
            text::label,
            "expertise",
            &mut p,
        );
        push_all(&mut profile.expertise, &c.expertise);
        for r in &c.remove_roles {
            match r.parse::<Role>() {
                Ok(role) if profile.roles.contains(&role) => profile.roles.retain(|x| *x != role),
                Ok(_) => p.push("role", r, "is not on this person, so it cannot be removed"),
                Err(e) => p.check(Err(e)),
            }
        }
        for r in &c.roles {
            match r.parse::<Role>() {
                Ok(role) => profile.roles.push(role),
                Err(e) => p.check(Err(e)),
            }
        }
        for k in &c.remove_facets {
            let key = text::label(k).replace(' ', "_");
            if profile.facets.remove(&key).is_none() {
                p.push(
                    "facet",
                    k,
                    "is not set on this person, so it cannot be removed",
                );
            }
        }
        for f in &c.facets {
            match parse_facet(f) {
                Ok((k, v)) => {
                    profile.facets.insert(k, v);
                }
                Err(e) => p.check(Err(e)),
            }
        }
        for name in &c.remove_circles {
            let key = text::name_key(name);
            let before = circles.len();
            circles.retain(|x| text::name_key(x) != key);
            if circles.len() == before {
                p.push("circle", name, "this person is not in that circle");
            }
        }
        for name in &c.circles {
            if !circles
                .iter()
                .any(|x| text::name_key(x) == text::name_key(name))
            {
                circles.push(name.trim().to_owned());
            }
        }
        if c.clear_cadence {
            profile.cadence = None;
        }
        if let Some(s) = &c.cadence {
            match s.parse::<Cadence>() {
                Ok(cad) => profile.cadence = Some(cad),
                Err(e) => p.check(Err(e)),
            }
        }
        if let Some(m) = &c.met_at {
            profile.met_at = Some(m.clone());
        }
        if let Some(d) = &c.met_on {
            match parse_day(d, &self.now()) {
                Ok(day) => profile.met_on = Some(day),
                Err(e) => p.check(Err(kithkin_core::ValidationError::new(
                    "met on", d, e.reason,
                ))),
            }
        }
        if c.clear_introduced_by {
            profile.introduced_by = None;
        }
        if c.clear_summary {
            profile.summary = None;
        }
        if let Some(s) = &c.summary {
            profile.summary = Some(s.clone());
        }
        for (field, list) in [("offer", &c.offers), ("need", &c.needs)] {
            for t in list {
                p.check(kithkin_core::error::check_text(field, t, 2000));
            }
        }
        profile.normalise();
        if let Err(mut errors) = profile.validate() {
            let mut earlier = p.finish().err().unwrap_or_default();
            earlier.append(&mut errors);
            return Err(AppError::Invalid(earlier));
        }
        p.finish()?;
        if let Some(q) = &c.introduced_by {
            profile.introduced_by = Some(self.resolve(q).await?);
        }
        Ok(())
    }

    /// Refuses emails that already belong to someone else.
    async fn check_emails_free(&self, profile: &PersonProfile, me: Option<PersonId>) -> Result<()> {
        for e in &profile.emails {
            for owner in self.store.people_by_email(e).await? {
                if Some(owner) != me {
                    let names = self.store.names_of(&[owner]).await?;
                    let name = names.get(&owner).cloned().unwrap_or_default();
                    return Err(AppError::Conflict(format!(
                        "{e} already belongs to {name} ({owner}); use `kithkin edit \"{name}\"` to change them"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Circles among `names` that do not exist yet, as new records.
    async fn missing_circles(&self, names: &[String]) -> Result<Vec<Circle>> {
        let existing = self.store.circles().await?;
        let mut out: Vec<Circle> = Vec::new();
        for n in names {
            let key = text::name_key(n);
            let known = existing
                .iter()
                .any(|c| text::name_key(&c.circle.name) == key)
                || out.iter().any(|c| text::name_key(&c.name) == key);
            if !known {
                let c = Circle {
                    id: CircleId(new_uuid()),
                    name: n.trim().to_owned(),
                    cadence: None,
                };
                c.validate()?;
                out.push(c);
            }
        }
        Ok(out)
    }

    fn help_items(&self, person: PersonId, c: &ProfileChanges, now: Timestamp) -> Vec<HelpItem> {
        let make = |kind: HelpKind, text: &String| HelpItem {
            id: HelpItemId(new_uuid()),
            person,
            kind,
            text: text.trim().to_owned(),
            tags: Vec::new(),
            status: HelpStatus::Open,
            created_at: now,
            closed_at: None,
        };
        c.offers
            .iter()
            .map(|t| make(HelpKind::Offer, t))
            .chain(c.needs.iter().map(|t| make(HelpKind::Need, t)))
            .collect()
    }

    async fn same_name_warning(&self, person: &Person) -> Result<Vec<String>> {
        let key = person.name_key();
        let others = self.store.name_entries(Some(&key)).await?;
        let twins = others
            .iter()
            .filter(|e| e.key == key && e.id != person.id)
            .count();
        Ok(if twins > 0 {
            vec![format!(
                "{twins} other person(s) are also named \"{}\"; refer to them by email or id",
                person.profile.name
            )]
        } else {
            Vec::new()
        })
    }

    /// Adds a person.
    pub async fn add_person(&self, changes: &ProfileChanges) -> Result<Saved> {
        if changes.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(AppError::Invalid(vec![kithkin_core::ValidationError::new(
                "name",
                "",
                "must not be empty",
            )]));
        }
        let mut profile = PersonProfile::default();
        let mut circles = Vec::new();
        self.apply(&mut profile, &mut circles, changes).await?;
        self.check_emails_free(&profile, None).await?;
        let now = self.timestamp();
        let person = Person {
            id: PersonId(new_uuid()),
            profile,
            circles,
            archived_at: None,
            snoozed_until: None,
            created_at: now,
            updated_at: now,
        };
        let new_circles = self.missing_circles(&person.circles).await?;
        let help = self.help_items(person.id, changes, now);
        let warnings = self.same_name_warning(&person).await?;
        let batch = Batch {
            circles: new_circles.clone(),
            people: vec![person.clone()],
            help_items: help.clone(),
            ..Batch::new()
        };
        self.store.write(&batch, now).await?;
        Ok(Saved {
            person,
            created_circles: new_circles.into_iter().map(|c| c.name).collect(),
            help_items: help,
            warnings,
        })
    }

    /// Changes a person's profile.
    pub async fn edit_person(&self, query: &str, changes: &ProfileChanges) -> Result<Saved> {
        let id = self.resolve(query).await?;
        let mut person = self.person(id).await?;
        let mut circles = person.circles.clone();
        self.apply(&mut person.profile, &mut circles, changes)
            .await?;
        if person.profile.introduced_by == Some(id) {
            return Err(kithkin_core::ValidationError::new(
                "introduced by",
                query,
                "a person cannot introduce themselves",
            )
            .into());
        }
        self.check_emails_free(&person.profile, Some(id)).await?;
        let now = self.timestamp();
        person.circles = circles;
        person.updated_at = now;
        let new_circles = self.missing_circles(&person.circles).await?;
        let help = self.help_items(id, changes, now);
        if !new_circles.is_empty() || !help.is_empty() {
            let batch = Batch {
                circles: new_circles.clone(),
                help_items: help.clone(),
                ..Batch::new()
            };
            self.store.write(&batch, now).await?;
        }
        self.store.update_person(&person).await?;
        let warnings = if changes.name.is_some() {
            self.same_name_warning(&person).await?
        } else {
            Vec::new()
        };
        let person = self.person(id).await?;
        Ok(Saved {
            person,
            created_circles: new_circles.into_iter().map(|c| c.name).collect(),
            help_items: help,
            warnings,
        })
    }

    /// Everything worth showing about a person.
    pub async fn show(&self, query: &str) -> Result<PersonView> {
        let id = self.resolve(query).await?;
        let person = self.person(id).await?;
        let me = self.store.me().await?;
        let interactions = self.store.interactions_of(id, 10).await?;
        let links = self.store.knows_of(id).await?;
        let mut ids: Vec<PersonId> = interactions
            .iter()
            .flat_map(|i| i.participants.iter().copied())
            .collect();
        ids.extend(links.iter().map(|l| if l.a == id { l.b } else { l.a }));
        ids.extend(person.profile.introduced_by);
        ids.sort();
        ids.dedup();
        let names = self.store.names_of(&ids).await?;
        let name = |p: &PersonId| names.get(p).cloned().unwrap_or_else(|| p.to_string());
        let (strength, strength_explained) = if me == Some(id) {
            (None, Vec::new())
        } else {
            let (s, lines) = self.strength_of(id).await?;
            (Some(s), lines)
        };
        Ok(PersonView {
            strength,
            strength_explained,
            life_events: self.store.life_events_of(id).await?,
            follow_ups: self
                .store
                .follow_ups_of(id)
                .await?
                .into_iter()
                .map(|f| f.follow_up)
                .collect(),
            is_me: me == Some(id),
            introduced_by: person.profile.introduced_by.map(|p| Candidate {
                name: name(&p),
                id: p.to_string(),
            }),
            stats: self.store.contact_stats_of(id).await?,
            interactions: interactions
                .into_iter()
                .map(|i| {
                    let with = i.participants.iter().map(name).collect();
                    InteractionView {
                        interaction: i,
                        with,
                    }
                })
                .collect(),
            notes: self.store.notes_of(id, 10).await?,
            dates: self.store.dates_of(id).await?,
            knows: links
                .iter()
                .map(|l| {
                    let other = if l.a == id { l.b } else { l.a };
                    KnownPerson {
                        id: other,
                        name: name(&other),
                        strength: l.strength,
                        source: l.source,
                    }
                })
                .collect(),
            person,
        })
    }

    /// People matching a filter, by name.
    pub async fn list(&self, filter: &PeopleFilter) -> Result<Vec<PersonSummary>> {
        for c in &filter.circles {
            if self.store.circle_by_name(c).await?.is_none() {
                return Err(AppError::NotFound(format!(
                    "no circle named {c:?}; see `kithkin circle list`"
                )));
            }
        }
        Ok(self.store.list_people(filter).await?)
    }

    /// Full-text search.
    pub async fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        if text::tokens(query).is_empty() {
            return Err(kithkin_core::ValidationError::new(
                "query",
                query,
                "has no words to search for",
            )
            .into());
        }
        Ok(self.store.search(query, limit).await?)
    }

    /// Archives a person (hidden from lists, kept), or restores them.
    pub async fn archive(&self, query: &str, restore: bool) -> Result<Person> {
        let id = self.resolve(query).await?;
        if !restore && self.store.me().await? == Some(id) {
            return Err(AppError::Conflict("you cannot archive yourself".into()));
        }
        let now = self.timestamp();
        self.store
            .set_archived(id, if restore { None } else { Some(now) }, now)
            .await?;
        self.person(id).await
    }

    /// Erases a person and everything about them. Refuses "me".
    pub async fn forget(&self, id: PersonId) -> Result<Erasure> {
        if self.store.me().await? == Some(id) {
            return Err(AppError::Conflict(
                "you cannot forget yourself; delete the database file instead".into(),
            ));
        }
        Ok(self.store.forget_person(id).await?)
    }

    /// Creates the database's "me" (named `name`, default "Me"), or renames it. Returns the
    /// person and whether it was created now.
    pub async fn init(&self, name: Option<&str>) -> Result<(Person, bool)> {
        if let Some(id) = self.store.me().await? {
            if let Some(n) = name {
                let changes = ProfileChanges {
                    name: Some(n.to_owned()),
                    ..ProfileChanges::default()
                };
                let saved = self.edit_person(&id.to_string(), &changes).await?;
                return Ok((saved.person, false));
            }
            return Ok((self.person(id).await?, false));
        }
        let changes = ProfileChanges {
            name: Some(name.unwrap_or("Me").to_owned()),
            ..ProfileChanges::default()
        };
        let saved = self.add_person(&changes).await?;
        self.store.set_me(saved.person.id).await?;
        Ok((saved.person, true))
    }

    /// "Me", created on first use.
    pub async fn me(&self) -> Result<PersonId> {
        match self.store.me().await? {
            Some(id) => Ok(id),
            None => Ok(self.init(None).await?.0.id),
        }
    }
}
