//! [`ContactRecord`]s as vCard 4.0, built as calcard cards and written by calcard's writer
//! (escaping, folding at 75 octets on UTF-8 boundaries, CRLF).

use super::map::CONNECTED_ON;
use crate::contact::ContactRecord;
use calcard::common::PartialDateTime;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};
use kithkin_core::dates::YearlyDay;

/// The product id written into every card.
const PRODID: &str = "-//Kithkin//EN";

/// One record as a vCard 4.0 card, `BEGIN:VCARD` to `END:VCARD\r\n`.
pub(super) fn card(record: &ContactRecord) -> Result<String, std::fmt::Error> {
    let mut entries = vec![entry(VCardProperty::Prodid, vec![], text(PRODID))];
    if let Some(uid) = &record.uid {
        entries.push(entry(VCardProperty::Uid, vec![], text(uid)));
    }
    // FN is required in vCard 4.0, even when empty.
    entries.push(entry(VCardProperty::Fn, vec![], text(&record.name)));
    if let Some(nickname) = &record.nickname {
        entries.push(entry(VCardProperty::Nickname, vec![], text(nickname)));
    }
    for (i, email) in record.emails.iter().enumerate() {
        entries.push(entry(VCardProperty::Email, pref(i), text(email)));
    }
    for (i, phone) in record.phones.iter().enumerate() {
        entries.push(entry(VCardProperty::Tel, pref(i), text(phone)));
    }
    if let Some(organisation) = &record.organisation {
        entries.push(entry(VCardProperty::Org, vec![], text(organisation)));
    }
    if let Some(title) = &record.title {
        entries.push(entry(VCardProperty::Title, vec![], text(title)));
    }
    for address in &record.addresses {
        // The one-line address goes into the street component: it reads back unchanged, and
        // every client shows it.
        let mut components = vec![VCardValue::Text(String::new()); 7];
        components[2] = VCardValue::Text(clean(address));
        entries.push(VCardEntry {
            group: None,
            name: VCardProperty::Adr,
            params: vec![],
            values: components,
        });
    }
    for url in &record.urls {
        entries.push(entry(VCardProperty::Url, vec![], text(url)));
    }
    if let Some(linkedin) = &record.linkedin {
        // Apple's form, which Apple's clients show as a LinkedIn profile and our reader reads
        // back whatever the URL looks like.
        let linkedin_type = VCardParameter {
            name: VCardParameterName::Type,
            value: VCardParameterValue::Text("linkedin".to_owned()),
        };
        entries.push(entry(
            VCardProperty::Other("X-SOCIALPROFILE".to_owned()),
            vec![linkedin_type],
            text(linkedin),
        ));
    }
    for note in &record.notes {
        entries.push(entry(VCardProperty::Note, vec![], text(note)));
    }
    if let Some(day) = record.birthday.and_then(date) {
        entries.push(entry(VCardProperty::Bday, vec![], vec![day]));
    }
    if let Some(day) = record.anniversary.and_then(date) {
        entries.push(entry(VCardProperty::Anniversary, vec![], vec![day]));
    }
    if !record.categories.is_empty() {
        let values = record
            .categories
            .iter()
            .map(|c| VCardValue::Text(clean(c)))
            .collect();
        entries.push(entry(VCardProperty::Categories, vec![], values));
    }
    if let Some(connected_on) = record.connected_on {
        entries.push(entry(
            VCardProperty::Other(CONNECTED_ON.to_owned()),
            vec![],
            text(&connected_on.to_string()),
        ));
    }
    let mut out = String::new();
    VCard { entries }.write_to(&mut out, VCardVersion::V4_0)?;
    Ok(out)
}

fn entry(name: VCardProperty, params: Vec<VCardParameter>, values: Vec<VCardValue>) -> VCardEntry {
    VCardEntry {
        group: None,
        name,
        params,
        values,
    }
}

fn text(s: &str) -> Vec<VCardValue> {
    vec![VCardValue::Text(clean(s))]
}

/// `PREF=1` on the first of a list: the reader puts it first again.
fn pref(index: usize) -> Vec<VCardParameter> {
    if index == 0 {
        vec![VCardParameter {
            name: VCardParameterName::Pref,
            value: VCardParameterValue::Integer(1),
        }]
    } else {
        vec![]
    }
}

/// Text without the control characters vCard text cannot hold (line breaks and tabs stay;
/// the writer escapes line breaks as `\n`), line ends as LF.
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// `YYYYMMDD`, or `--MMDD` without a year; nothing for a day that cannot exist.
fn date(day: YearlyDay) -> Option<VCardValue> {
    let day = YearlyDay::new(
        i32::from(day.month),
        i32::from(day.day),
        day.year.map(i32::from),
    )
    .ok()?;
    Some(VCardValue::PartialDateTime(PartialDateTime {
        year: day.year.and_then(|y| u16::try_from(y).ok()),
        month: u8::try_from(day.month).ok(),
        day: u8::try_from(day.day).ok(),
        ..PartialDateTime::default()
    }))
}
