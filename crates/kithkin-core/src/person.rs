//! People: the contacts a user keeps, and "me". A person's profile is everything the user says
//! about them; relationships to other records (notes, interactions, favours…) live elsewhere.

use crate::cadence::Cadence;
use crate::error::{Problems, Validation, ValidationError, check_text};
use crate::id::PersonId;
use crate::text;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Longest accepted name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest accepted short label (tag, interest, facet value, title), in characters.
pub const MAX_LABEL: usize = 120;
/// Longest accepted free text (summary, how we met), in characters.
pub const MAX_TEXT: usize = 20_000;

/// What someone is to the user. A person can hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Guides the user's growth.
    Mentor,
    /// Someone the user guides.
    Mentee,
    /// Gives expert advice.
    Advisor,
    /// Advocates for the user where it counts.
    Sponsor,
    /// A peer at a similar stage.
    Peer,
    /// Works with the user on something.
    Collaborator,
    /// A friend.
    Friend,
    /// A client or customer.
    Client,
    /// A colleague at the same organisation.
    Colleague,
    /// The user's manager.
    Manager,
    /// Reports to the user.
    Report,
    /// An investor.
    Investor,
    /// Family.
    Family,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 13] = [
        Role::Mentor,
        Role::Mentee,
        Role::Advisor,
        Role::Sponsor,
        Role::Peer,
        Role::Collaborator,
        Role::Friend,
        Role::Client,
        Role::Colleague,
        Role::Manager,
        Role::Report,
        Role::Investor,
        Role::Family,
    ];

    /// The role's name as typed and stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
            Role::Advisor => "advisor",
            Role::Sponsor => "sponsor",
            Role::Peer => "peer",
            Role::Collaborator => "collaborator",
            Role::Friend => "friend",
            Role::Client => "client",
            Role::Colleague => "colleague",
            Role::Manager => "manager",
            Role::Report => "report",
            Role::Investor => "investor",
            Role::Family => "family",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(Role::as_str).collect();
                ValidationError::new(
                    "role",
                    s,
                    format!("is not a role; use one of {}", names.join(", ")),
                )
            })
    }
}

/// Everything the user says about a person. Lists keep the user's order; labels (tags,
/// interests, expertise, values, facet values) are stored normalised by [`text::label`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonProfile {
    /// Full name as the user writes it.
    pub name: String,
    /// What they are called day to day.
    pub nickname: Option<String>,
    /// Email addresses, first is preferred.
    pub emails: Vec<String>,
    /// Phone numbers, first is preferred.
    pub phones: Vec<String>,
    /// Web addresses (LinkedIn, homepage…).
    pub urls: Vec<String>,
    /// Postal addresses, one per entry.
    pub addresses: Vec<String>,
    /// Organisation they work for, by name.
    pub organisation: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Free labels.
    pub tags: Vec<String>,
    /// What they care about.
    pub interests: Vec<String>,
    /// What they know well and can help with.
    pub expertise: Vec<String>,
    /// What they stand for.
    pub values: Vec<String>,
    /// What they are to the user.
    pub roles: Vec<Role>,
    /// User-defined facets (industry, region, career stage…): key to value.
    pub facets: BTreeMap<String, String>,
    /// Their own keep-in-touch cadence (wins over any circle's).
    pub cadence: Option<Cadence>,
    /// How or where the user met them.
    pub met_at: Option<String>,
    /// When the user met them.
    pub met_on: Option<Date>,
    /// Who introduced them to the user.
    pub introduced_by: Option<PersonId>,
    /// A few lines about who they are.
    pub summary: Option<String>,
}

impl PersonProfile {
    /// A profile with only a name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Normalises labels (tags, interests, facet values…), trims text and drops duplicates, so
    /// the same profile typed two ways is stored one way.
    pub fn normalise(&mut self) {
        self.name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        for list in [
            &mut self.tags,
            &mut self.interests,
            &mut self.expertise,
            &mut self.values,
        ] {
            let cleaned: Vec<String> = list.iter().map(|s| text::label(s)).collect();
            *list = dedup(cleaned, |s| s.clone());
        }
        self.emails = dedup(
            self.emails.iter().map(|e| e.trim().to_owned()).collect(),
            |e| text::email_key(e),
        );
        self.phones = dedup(
            self.phones.iter().map(|p| p.trim().to_owned()).collect(),
            |p| text::phone_key(p),
        );
        self.urls = dedup(
            self.urls.iter().map(|u| u.trim().to_owned()).collect(),
            |u| u.clone(),
        );
        self.addresses = dedup(
            self.addresses.iter().map(|a| a.trim().to_owned()).collect(),
            |a| a.clone(),
        );
        self.roles = dedup(self.roles.clone(), |r| *r);
        self.facets = self
            .facets
            .iter()
            .map(|(k, v)| (text::label(k).replace(' ', "_"), text::label(v)))
            .collect();
        for field in [
            &mut self.nickname,
            &mut self.organisation,
            &mut self.title,
            &mut self.met_at,
            &mut self.summary,
        ] {
            if let Some(v) = field.as_mut() {
                *v = v.trim().to_owned();
            }
            if field.as_deref() == Some("") {
                *field = None;
            }
        }
    }

    /// Checks every field and reports every problem found.
    pub fn validate(&self) -> Validation {
        let mut p = Problems::new();
        p.check(check_text("name", &self.name, MAX_NAME));
        if text::name_key(&self.name).is_empty() && !self.name.trim().is_empty() {
            p.push(
                "name",
                &self.name,
                "must contain at least one letter or digit",
            );
        }
        for e in &self.emails {
            p.check(check_email(e));
        }
        for ph in &self.phones {
            p.check(check_phone(ph));
        }
        for (field, list) in [
            ("tag", &self.tags),
            ("interest", &self.interests),
            ("expertise", &self.expertise),
            ("value", &self.values),
        ] {
            for v in list {
                p.check(check_text(field, v, MAX_LABEL));
            }
        }
        for u in &self.urls {
            p.check(check_text("url", u, 2000));
        }
        for a in &self.addresses {
            p.check(check_text("address", a, 2000));
        }
        for (k, v) in &self.facets {
            p.check(check_facet_key(k));
            p.check(check_text("facet value", v, MAX_LABEL));
        }
        for (field, value, max) in [
            ("nickname", &self.nickname, MAX_NAME),
            ("organisation", &self.organisation, MAX_NAME),
            ("title", &self.title, MAX_LABEL * 2),
            ("met at", &self.met_at, MAX_TEXT),
            ("summary", &self.summary, MAX_TEXT),
        ] {
            if let Some(v) = value {
                p.check(check_text(field, v, max));
            }
        }
        p.finish()
    }
}

fn dedup<T, K: PartialEq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen: Vec<K> = Vec::with_capacity(items.len());
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let k = key(&item);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(item);
        }
    }
    out
}

/// Accepts `local@domain.tld` shapes (one `@`, no spaces, a dot in the domain).
pub fn check_email(email: &str) -> Result<(), ValidationError> {
    let e = email.trim();
    let bad = |why: &str| Err(ValidationError::new("email", email, why.to_owned()));
    let Some((local, domain)) = e.split_once('@') else {
        return bad("is not an email address (no @)");
    };
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return bad("is not an email address");
    }
    if e.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("must not contain spaces");
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return bad("has no valid domain (like example.com)");
    }
    if e.len() > 254 {
        return bad("is longer than 254 characters");
    }
    Ok(())
}

/// Accepts phone numbers with 3 to 20 digits and the usual punctuation.
pub fn check_phone(phone: &str) -> Result<(), ValidationError> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().x/".contains(c);
    if !phone.trim().chars().all(allowed) {
        return Err(ValidationError::new(
            "phone",
            phone,
            "may contain only digits, spaces and + - ( ) . / x",
        ));
    }
    if !(3..=20).contains(&digits) {
        return Err(ValidationError::new(
            "phone",
            phone,
            "must have between 3 and 20 digits",
        ));
    }
    Ok(())
}

/// Facet keys are short identifiers: a lowercase letter, then letters, digits or `_`.
pub fn check_facet_key(key: &str) -> Result<(), ValidationError> {
    let ok = key.len() <= 40
        && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            "facet",
            key,
            "key must start with a letter and use only a-z, 0-9 and _ (e.g. industry, career_stage)",
        ))
    }
}

/// Parses `KEY=VALUE` into a normalised facet pair.
pub fn parse_facet(input: &str) -> Result<(String, String), ValidationError> {
    let Some((k, v)) = input.split_once('=') else {
        return Err(ValidationError::new(
            "facet",
            input,
            "expected KEY=VALUE, e.g. industry=fintech",
        ));
    };
    let key = text::label(k).replace(' ', "_");
    let value = text::label(v);
    check_facet_key(&key)?;
    check_text("facet value", &value, MAX_LABEL)?;
    Ok((key, value))
}

/// A person as stored: the profile plus identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Identity.
    pub id: PersonId,
    /// What the user says about them.
    pub profile: PersonProfile,
    /// Names of the circles they belong to.
    pub circles: Vec<String>,
    /// When they were archived (hidden from lists, kept).
    pub archived_at: Option<Timestamp>,
    /// No check-in reminders before this day.
    pub snoozed_until: Option<Date>,
    /// When the record was created.
    pub created_at: Timestamp,
    /// When the record last changed.
    pub updated_at: Timestamp,
}

impl Person {
    /// The key the name is matched by.
    pub fn name_key(&self) -> String {
        text::name_key(&self.profile.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_reports_every_problem() {
        let mut p = PersonProfile::named("  ");
        p.emails = vec!["not-an-email".into(), "ana@example.com".into()];
        p.phones = vec!["12".into()];
        p.facets.insert("Industry!".into(), "x".into());
        let errs = p.validate().err().unwrap_or_default();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "email", "phone", "facet"]);
    }

    #[test]
    fn normalise_dedups_and_folds_labels() {
        let mut p = PersonProfile::named(" Ana   Lee ");
        p.tags = vec!["Rust".into(), "rust ".into(), "Climate  Tech".into()];
        p.emails = vec!["Ana@Example.com".into(), "ana@example.com".into()];
        p.facets.insert("Career Stage".into(), "Senior".into());
        p.normalise();
        assert_eq!(p.name, "Ana Lee");
        assert_eq!(p.tags, vec!["rust", "climate tech"]);
        assert_eq!(p.emails, vec!["Ana@Example.com"]);
        assert_eq!(
            p.facets.get("career_stage").map(String::as_str),
            Some("senior")
        );
    }

    #[test]
    fn roles_parse_and_refuse() {
        assert_eq!("Mentor".parse::<Role>(), Ok(Role::Mentor));
        assert!("boss".parse::<Role>().is_err());
    }

    #[test]
    fn emails_and_phones() {
        assert!(check_email("a@b.co").is_ok());
        assert!(check_email("a@b").is_err());
        assert!(check_email("a b@c.de").is_err());
        assert!(check_phone("+1 (555) 010-1234").is_ok());
        assert!(check_phone("call me").is_err());
    }

    #[test]
    fn facets_parse() {
        assert_eq!(
            parse_facet("Industry=FinTech"),
            Ok(("industry".into(), "fintech".into()))
        );
        assert!(parse_facet("industry").is_err());
        assert!(parse_facet("9x=y").is_err());
    }
}
