//! How a person's profile is spread over the side tables (contacts, labels, facets) and the
//! search index. Both backends write exactly these rows.

use crate::key::Key;
use kithkin_core::person::Person;
use kithkin_core::text;

/// A contact point row: kind, value as given, normalised key, position.
pub(crate) type ContactRow<'a> = (&'static str, &'a str, String, i64);
/// A label row: kind, value, position.
pub(crate) type LabelRow<'a> = (&'static str, &'a str, i64);

/// Contact points of a person, keyed for matching.
pub(crate) fn contacts(p: &Person) -> Vec<ContactRow<'_>> {
    let pr = &p.profile;
    let mut out = Vec::new();
    for (i, v) in pr.emails.iter().enumerate() {
        out.push(("email", v.as_str(), text::email_key(v), i as i64));
    }
    for (i, v) in pr.phones.iter().enumerate() {
        out.push(("phone", v.as_str(), text::phone_key(v), i as i64));
    }
    for (i, v) in pr.urls.iter().enumerate() {
        out.push(("url", v.as_str(), v.trim().to_lowercase(), i as i64));
    }
    for (i, v) in pr.addresses.iter().enumerate() {
        out.push(("address", v.as_str(), text::fold(v), i as i64));
    }
    out
}

/// Labels and roles of a person.
pub(crate) fn labels(p: &Person) -> Vec<LabelRow<'_>> {
    let pr = &p.profile;
    let mut out = Vec::new();
    for (kind, list) in [
        ("tag", &pr.tags),
        ("interest", &pr.interests),
        ("expertise", &pr.expertise),
        ("value", &pr.values),
    ] {
        for (i, v) in list.iter().enumerate() {
            out.push((kind, v.as_str(), i as i64));
        }
    }
    for (i, r) in pr.roles.iter().enumerate() {
        out.push(("role", r.as_str(), i as i64));
    }
    out
}

/// The text a profile is found by: names, organisation, title, labels, facet values, emails,
/// how we met and the summary.
pub(crate) fn profile_document(p: &Person) -> String {
    let pr = &p.profile;
    let mut parts: Vec<&str> = vec![pr.name.as_str()];
    parts.extend(pr.nickname.as_deref());
    parts.extend(pr.organisation.as_deref());
    parts.extend(pr.title.as_deref());
    for list in [
        &pr.tags,
        &pr.interests,
        &pr.expertise,
        &pr.values,
        &pr.emails,
    ] {
        parts.extend(list.iter().map(String::as_str));
    }
    parts.extend(pr.roles.iter().map(|r| r.as_str()));
    parts.extend(pr.facets.values().map(String::as_str));
    parts.extend(pr.met_at.as_deref());
    parts.extend(pr.summary.as_deref());
    parts.join(" \n")
}

/// The rows a batch's people and notes are written as, beyond the records themselves: ids as
/// stored, keys, contact rows and search text. Computing them is pure CPU work, done before the
/// write transaction (by [`crate::PreparedBatch::new`] on the caller's thread, or by
/// [`crate::Store::write`]), so that the thread holding SQLite's one write lock spends its
/// time in the database.
#[derive(Debug, Default)]
pub(crate) struct Derived {
    /// Each person's id as the databases store it, in `batch.people` order.
    pub ids: Vec<Key>,
    /// Each person's folded name.
    pub name_keys: Vec<String>,
    /// The folded name of each person's organisation, if they have one.
    pub org_keys: Vec<Option<String>>,
    /// Each person's contact rows: index in `batch.people`, kind, value, key, position.
    pub contacts: Vec<(usize, &'static str, String, String, i64)>,
    /// The folded text of each person's profile search document ([`profile_document`]).
    pub profile_docs: Vec<String>,
    /// Each note's folded text, in `batch.notes` order.
    pub note_folds: Vec<String>,
}

impl Derived {
    /// The rows of `people` and of `notes`.
    pub(crate) fn of(people: &[Person], notes: &[kithkin_core::note::Note]) -> Derived {
        let mut d = Derived {
            ids: Vec::with_capacity(people.len()),
            name_keys: Vec::with_capacity(people.len()),
            org_keys: Vec::with_capacity(people.len()),
            contacts: Vec::new(),
            profile_docs: Vec::with_capacity(people.len()),
            note_folds: notes.iter().map(|n| text::fold(&n.body)).collect(),
        };
        for (i, p) in people.iter().enumerate() {
            d.ids.push(Key::from(p.id));
            d.name_keys.push(text::name_key(&p.profile.name));
            d.org_keys
                .push(p.profile.organisation.as_deref().map(text::name_key));
            d.contacts.extend(
                contacts(p)
                    .into_iter()
                    .map(|(kind, value, key, pos)| (i, kind, value.to_owned(), key, pos)),
            );
            d.profile_docs.push(text::fold(&profile_document(p)));
        }
        d
    }
}
