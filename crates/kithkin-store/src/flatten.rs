//! How a person's profile is spread over the side tables (contacts, labels, facets) and the
//! search index. Both backends write exactly these rows.

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
