//! From a card as calcard parsed it to the neutral [`ContactRecord`].

use crate::contact::ContactRecord;
use calcard::common::{IanaString, PartialDateTime};
use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use kithkin_core::dates::YearlyDay;
use std::collections::{HashMap, HashSet};

/// The extension property the writer stores [`ContactRecord::connected_on`] in.
pub(super) const CONNECTED_ON: &str = "X-KITHKIN-CONNECTED-ON";

/// The record for one card, or why the card is skipped.
pub(super) fn to_record(card: &VCard, line: u64) -> Result<ContactRecord, String> {
    let mut record = ContactRecord {
        line,
        ..ContactRecord::default()
    };
    let labels = group_labels(card);
    let mut full_name = None;
    let mut structured_name = None;
    let mut nicknames = Vec::new();
    let mut emails = Vec::new();
    let mut phones = Vec::new();
    let mut addresses = Vec::new();
    let mut extra_anniversary = None;

    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Fn if full_name.is_none() => {
                full_name = non_empty(one_line(&text(entry)))
            }
            VCardProperty::N if structured_name.is_none() => structured_name = name_from_n(entry),
            VCardProperty::Nickname => {
                nicknames.extend(
                    entry
                        .values
                        .iter()
                        .filter_map(value_text)
                        .filter_map(|v| non_empty(one_line(&v))),
                );
            }
            VCardProperty::Email => {
                if let Some(email) = non_empty(email_address(&text(entry))) {
                    emails.push((pref_rank(entry), email));
                }
            }
            VCardProperty::Tel => {
                if let Some(phone) = non_empty(phone_number(&text(entry))) {
                    phones.push((pref_rank(entry), phone));
                }
            }
            VCardProperty::Org if record.organisation.is_none() => {
                record.organisation = entry
                    .values
                    .first()
                    .and_then(value_text)
                    .and_then(|v| non_empty(one_line(&v)));
            }
            VCardProperty::Title if record.title.is_none() => {
                record.title = non_empty(one_line(&text(entry)))
            }
            VCardProperty::Adr => {
                if let Some(address) = non_empty(address(entry)) {
                    addresses.push((pref_rank(entry), address));
                }
            }
            VCardProperty::Url => {
                if let Some(url) = non_empty(one_line(&text(entry))) {
                    add_url(&mut record, url, false);
                }
            }
            VCardProperty::Socialprofile => social_profile(&mut record, entry),
            VCardProperty::Note => {
                if let Some(note) = non_empty(multi_line(&text(entry))) {
                    record.notes.push(note);
                }
            }
            VCardProperty::Bday if record.birthday.is_none() => {
                record.birthday = strict_day(entry, "BDAY", line)?;
            }
            VCardProperty::Anniversary if record.anniversary.is_none() => {
                record.anniversary = strict_day(entry, "ANNIVERSARY", line)?;
            }
            VCardProperty::Categories => {
                for category in entry
                    .values
                    .iter()
                    .filter_map(value_text)
                    .filter_map(|v| non_empty(one_line(&v)))
                {
                    let lower = category.to_lowercase();
                    if !record.categories.iter().any(|c| c.to_lowercase() == lower) {
                        record.categories.push(category);
                    }
                }
            }
            VCardProperty::Uid if record.uid.is_none() => {
                record.uid = non_empty(one_line(&text(entry)))
            }
            VCardProperty::Other(name) => {
                let name = name.to_ascii_uppercase();
                match name.as_str() {
                    "X-SOCIALPROFILE" => social_profile(&mut record, entry),
                    "X-ANNIVERSARY" | "X-MS-ANNIVERSARY" | "X-EVOLUTION-ANNIVERSARY" => {
                        extra_anniversary = extra_anniversary.or_else(|| lenient_day(entry));
                    }
                    "X-ABDATE" => {
                        let label = entry
                            .group
                            .as_ref()
                            .and_then(|g| labels.get(&g.to_ascii_lowercase()));
                        if label.is_some_and(|l| l.contains("anniversary")) {
                            extra_anniversary = extra_anniversary.or_else(|| lenient_day(entry));
                        }
                    }
                    CONNECTED_ON if record.connected_on.is_none() => {
                        record.connected_on = text(entry).trim().parse().ok();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    record.name = full_name.or(structured_name).unwrap_or_default();
    record.nickname = non_empty(
        dedupe(nicknames.into_iter().map(|n| (0, n)).collect(), |n| {
            n.to_lowercase()
        })
        .join(", "),
    );
    record.emails = dedupe(emails, |e| e.to_lowercase());
    record.phones = dedupe(phones, phone_key);
    record.addresses = dedupe(addresses, |a| a.to_owned());
    if record.anniversary.is_none() {
        record.anniversary = extra_anniversary;
    }
    if record.is_empty() {
        return Err(format!("card at line {line} has no name, email or phone"));
    }
    Ok(record)
}

/// The labels Apple and Google give grouped properties (`item1.X-ABLabel:_$!<Anniversary>!$_`),
/// by lower-case group name, lower-cased.
fn group_labels(card: &VCard) -> HashMap<String, String> {
    card.entries
        .iter()
        .filter(
            |e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLABEL")),
        )
        .filter_map(|e| {
            Some((
                e.group.as_ref()?.to_ascii_lowercase(),
                text(e).to_lowercase(),
            ))
        })
        .collect()
}

/// A value as text; binary data (photos, keys) and enumerated values give nothing.
fn value_text(value: &VCardValue) -> Option<String> {
    match value {
        VCardValue::Text(s) => Some(s.clone()),
        VCardValue::Component(items) => Some(items.join(",")),
        VCardValue::Integer(n) => Some(n.to_string()),
        VCardValue::Float(n) => Some(n.to_string()),
        VCardValue::Boolean(b) => Some(b.to_string()),
        VCardValue::PartialDateTime(d) => Some(partial_date_text(d)),
        _ => None,
    }
}

/// All of an entry's text values; a single-valued property has one.
fn text(entry: &VCardEntry) -> String {
    let values: Vec<String> = entry.values.iter().filter_map(value_text).collect();
    values.join(",")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Trimmed, with line breaks turned into spaces and other control characters but tab
/// dropped (the writer drops them too).
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_break = false;
    for c in s.chars() {
        if c == '\r' || c == '\n' {
            pending_break = true;
        } else if c == '\t' || !c.is_control() {
            if pending_break && !out.is_empty() {
                out.push(' ');
            }
            pending_break = false;
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// Trimmed, with CRLF and CR line ends made LF and other control characters but tab dropped.
fn multi_line(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.trim().to_owned();
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = s
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    kept.trim().to_owned()
}

/// How preferred an entry is: 1 is most (vCard 4.0 `PREF=1`, 3.0 `TYPE=pref`, 2.1 `PREF`),
/// `u32::MAX` when it is not marked.
fn pref_rank(entry: &VCardEntry) -> u32 {
    let mut rank = u32::MAX;
    for param in &entry.params {
        let this = match (&param.name, &param.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => (*n).max(1),
            (VCardParameterName::Pref, _) => 1,
            (VCardParameterName::Type, VCardParameterValue::Text(t))
                if t.eq_ignore_ascii_case("pref") =>
            {
                1
            }
            (VCardParameterName::Other(n), _) if n.eq_ignore_ascii_case("pref") => 1,
            _ => continue,
        };
        rank = rank.min(this);
    }
    rank
}

/// Whether the entry has `TYPE=word` (or `SERVICE-TYPE=word`, or 2.1's bare `word`).
fn has_type(entry: &VCardEntry, word: &str) -> bool {
    entry
        .params
        .iter()
        .any(|param| match (&param.name, &param.value) {
            (
                VCardParameterName::Type | VCardParameterName::ServiceType,
                VCardParameterValue::Text(t),
            ) => t.eq_ignore_ascii_case(word),
            (VCardParameterName::Type, VCardParameterValue::Type(t)) => {
                t.as_str().eq_ignore_ascii_case(word)
            }
            (VCardParameterName::Other(n), VCardParameterValue::Null) => {
                n.eq_ignore_ascii_case(word)
            }
            _ => false,
        })
}

/// The value of an `X-` parameter.
fn param_text<'a>(entry: &'a VCardEntry, name: &str) -> Option<&'a str> {
    entry
        .params
        .iter()
        .find_map(|param| match (&param.name, &param.value) {
            (VCardParameterName::Other(n), VCardParameterValue::Text(v))
                if n.eq_ignore_ascii_case(name) =>
            {
                Some(v.as_str())
            }
            _ => None,
        })
}

/// Preferred first (stable), then without duplicates by `key`.
fn dedupe(mut items: Vec<(u32, String)>, key: impl Fn(&str) -> String) -> Vec<String> {
    items.sort_by_key(|(rank, _)| *rank);
    let mut seen = HashSet::new();
    items
        .into_iter()
        .map(|(_, v)| v)
        .filter(|v| seen.insert(key(v)))
        .collect()
}

/// The address of `mailto:a@b`, `"Name" <a@b>` or `a@b`.
fn email_address(raw: &str) -> String {
    let s = one_line(raw);
    let s = match (s.rfind('<'), s.rfind('>')) {
        (Some(open), Some(close)) if open < close => s[open + 1..close].trim().to_owned(),
        _ => s,
    };
    match s.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => s[7..].trim().to_owned(),
        _ => s,
    }
}

/// The number as written, without a `tel:` scheme.
fn phone_number(raw: &str) -> String {
    let s = one_line(raw);
    match s.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => s[4..].trim().to_owned(),
        _ => s,
    }
}

/// Two ways of writing one number (`+1 555-0100`, `+1 (555) 0100`) have the same key.
fn phone_key(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `N` as a display name: prefix, given, additional, family, suffix; family first when the
/// name is written in CJK script, as such names are.
fn name_from_n(entry: &VCardEntry) -> Option<String> {
    let part = |i: usize| -> String {
        match entry.values.get(i) {
            Some(VCardValue::Component(items)) => items
                .iter()
                .map(|s| one_line(s))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            Some(value) => value_text(value).map(|s| one_line(&s)).unwrap_or_default(),
            None => String::new(),
        }
    };
    let (family, given, additional, prefix, suffix) = (part(0), part(1), part(2), part(3), part(4));
    let cjk = family.chars().chain(given.chars()).any(is_cjk);
    let order = if cjk {
        [prefix, family, given, additional, suffix]
    } else {
        [prefix, given, additional, family, suffix]
    };
    non_empty(
        order
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xFF66..=0xFF9F)
}

/// An address on one line: its non-empty components (and lines within them) joined by ", ".
fn address(entry: &VCardEntry) -> String {
    let mut parts = Vec::new();
    for value in &entry.values {
        let items: Vec<String> = match value {
            VCardValue::Component(items) => items.clone(),
            other => value_text(other).into_iter().collect(),
        };
        for item in items {
            let lines = multi_line(&item);
            let lines = lines
                .lines()
                .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == ','));
            parts.extend(lines.filter(|l| !l.is_empty()).map(str::to_owned));
        }
    }
    parts.join(", ")
}

fn is_linkedin_profile(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.contains("linkedin.com/in/") || lower.contains("linkedin.com/pub/")
}

/// A web address: the first LinkedIn profile (or any URL the card marks as LinkedIn) to
/// `linkedin`, the rest to `urls`.
fn add_url(record: &mut ContactRecord, url: String, marked_linkedin: bool) {
    if (marked_linkedin || is_linkedin_profile(&url)) && record.linkedin.is_none() {
        record.linkedin = Some(url);
    } else if record.linkedin.as_deref() != Some(url.as_str()) && !record.urls.contains(&url) {
        record.urls.push(url);
    }
}

/// `X-SOCIALPROFILE;TYPE=linkedin:…` (Apple) or RFC 9554 `SOCIALPROFILE`: the LinkedIn one
/// to `linkedin`, other web profiles to `urls`.
fn social_profile(record: &mut ContactRecord, entry: &VCardEntry) {
    let Some(value) = non_empty(one_line(&text(entry))) else {
        return;
    };
    let linkedin = has_type(entry, "linkedin");
    let value = match value.strip_prefix("x-apple:") {
        Some(user) if linkedin => format!("https://www.linkedin.com/in/{user}"),
        _ => value,
    };
    let lower = value.to_ascii_lowercase();
    if linkedin || lower.starts_with("http://") || lower.starts_with("https://") {
        add_url(record, value, linkedin);
    }
}

/// `BDAY` / `ANNIVERSARY`: a value that tries to be a date and is not one skips the card; free
/// text (`circa 1800`) and reduced dates (`1990`, `--04`) are left out.
fn strict_day(entry: &VCardEntry, property: &str, line: u64) -> Result<Option<YearlyDay>, String> {
    match entry.values.first() {
        Some(VCardValue::PartialDateTime(d)) => Ok(from_partial(d)),
        Some(VCardValue::Text(raw)) => {
            let looks_like_date = raw.chars().any(|c| c.is_ascii_digit())
                && raw
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || "-:./+TtZz ".contains(c));
            match parse_day(raw, param_text(entry, "X-APPLE-OMIT-YEAR")) {
                Ok(day) => Ok(day),
                Err(why) if looks_like_date => {
                    let raw = raw.trim();
                    Err(format!(
                        "card at line {line}: {property} {raw:?} is not a date ({why})"
                    ))
                }
                Err(_) => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

/// Extension dates (`X-ANNIVERSARY`, `X-ABDATE`): whatever does not read is left out.
fn lenient_day(entry: &VCardEntry) -> Option<YearlyDay> {
    match entry.values.first()? {
        VCardValue::PartialDateTime(d) => from_partial(d),
        VCardValue::Text(raw) => parse_day(raw, param_text(entry, "X-APPLE-OMIT-YEAR"))
            .ok()
            .flatten(),
        _ => None,
    }
}

fn from_partial(d: &PartialDateTime) -> Option<YearlyDay> {
    let year = d.year.filter(|&y| y != 0).map(i32::from);
    YearlyDay::new(i32::from(d.month?), i32::from(d.day?), year).ok()
}

fn partial_date_text(d: &PartialDateTime) -> String {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => format!("{y:04}-{m:02}-{day:02}"),
        (None, Some(m), Some(day)) => format!("--{m:02}-{day:02}"),
        _ => String::new(),
    }
}

/// A vCard date as written by real clients: `1990-04-15`, `19900415`, `--0415`, `--04-15`,
/// any of them followed by a time (`T…`); Apple's `X-APPLE-OMIT-YEAR` year and year 0 mean
/// no year. `Ok(None)` for a valid date without month or day (`1990`, `1990-04`, `---15`).
pub(super) fn parse_day(raw: &str, omit_year: Option<&str>) -> Result<Option<YearlyDay>, String> {
    let s = raw.trim();
    let date = s.split(['T', 't', ' ']).next().unwrap_or_default();
    let bad = || "expected YYYY-MM-DD, YYYYMMDD, --MMDD or --MM-DD".to_owned();
    let (year, month, day) = if let Some(rest) = date.strip_prefix("--") {
        let parts: Vec<&str> = rest.split('-').collect();
        match parts.as_slice() {
            [md] if md.len() == 4 => (None, &md[..2], &md[2..]),
            [m] if m.len() == 2 => return Ok(None),
            ["", _] => return Ok(None),
            [m, d] => (None, *m, *d),
            _ => return Err(bad()),
        }
    } else {
        let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
        match parts.as_slice() {
            [ymd] if ymd.len() == 8 => (Some(&ymd[..4]), &ymd[4..6], &ymd[6..]),
            [y] if y.len() == 4 => return Ok(None),
            [y, m] if y.len() == 4 && m.len() == 2 => return Ok(None),
            [y, m, d] => (Some(*y), *m, *d),
            _ => return Err(bad()),
        }
    };
    let number = |part: &str, what: &str| -> Result<i32, String> {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{what} {part:?} is not a number"));
        }
        part.parse()
            .map_err(|_| format!("{what} {part:?} is not a number"))
    };
    let year = match year {
        Some(y) => {
            let omitted = omit_year.map(str::trim) == Some(y);
            Some(number(y, "year")?).filter(|&n| n != 0 && !omitted)
        }
        None => None,
    };
    let (month, day) = (number(month, "month")?, number(day, "day")?);
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not 1-12"));
    }
    if !(1..=31).contains(&day) {
        return Err(format!("day {day} does not exist"));
    }
    YearlyDay::new(month, day, year)
        .map(Some)
        .map_err(|e| e.reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Result<Option<(i8, i8, Option<i16>)>, String> {
        parse_day(s, None).map(|d| d.map(|d| (d.month, d.day, d.year)))
    }

    #[test]
    fn reads_the_date_forms_clients_write() {
        assert_eq!(day("1990-04-15"), Ok(Some((4, 15, Some(1990)))));
        assert_eq!(day("19900415"), Ok(Some((4, 15, Some(1990)))));
        assert_eq!(day("--0415"), Ok(Some((4, 15, None))));
        assert_eq!(day("--04-15"), Ok(Some((4, 15, None))));
        assert_eq!(day("1953-10-15T23:10:00Z"), Ok(Some((10, 15, Some(1953)))));
        assert_eq!(day("20090808T1430-0500"), Ok(Some((8, 8, Some(2009)))));
        assert_eq!(day("--0229"), Ok(Some((2, 29, None))));
        assert_eq!(day("0000-04-15"), Ok(Some((4, 15, None))));
        assert_eq!(
            parse_day("1604-04-15", Some("1604")).map(|d| d.map(|d| d.year)),
            Ok(Some(None))
        );
    }

    #[test]
    fn reduced_dates_are_no_day_and_nonsense_is_an_error() {
        assert_eq!(day("1990"), Ok(None));
        assert_eq!(day("1990-04"), Ok(None));
        assert_eq!(day("--04"), Ok(None));
        assert_eq!(day("---15"), Ok(None));
        assert!(day("1990-13-01").is_err());
        assert!(day("1991-02-29").is_err());
        assert!(day("--0431").is_err());
        assert!(day("--04-300").is_err());
        assert!(day("1990-04-15-1").is_err());
        assert!(day("x").is_err());
        assert!(day("").is_err());
    }

    #[test]
    fn emails_and_phones_are_cleaned() {
        assert_eq!(
            email_address(" \"Omega\" <omega@example.com> "),
            "omega@example.com"
        );
        assert_eq!(email_address("MAILTO:a@b.c"), "a@b.c");
        assert_eq!(phone_number("tel:+1-555-0100"), "+1-555-0100");
        assert_eq!(phone_key("+1 (555) 0100"), phone_key("+1-555-0100"));
    }
}
