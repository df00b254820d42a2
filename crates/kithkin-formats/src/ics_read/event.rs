//! One `VEVENT` read through calcard into what the reader needs: its times resolved to zones,
//! its recurrence parts, its people, and notes on what could not be read.

use super::Attendee;
use super::zones::{Resolved, Zones, civil_date_time, utc_offset};
use calcard::Entry;
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendarComponentType, ICalendarDuration, ICalendarEntry, ICalendarParameterName,
    ICalendarPeriod, ICalendarProperty, ICalendarRecurrenceRule, ICalendarValue,
};
use jiff::civil;
use jiff::tz::TimeZone;

/// A moment as the file gives it.
#[derive(Debug, Clone)]
pub(super) enum Time {
    /// A date (`VALUE=DATE`): all day.
    Date(civil::Date),
    /// A local date-time in a zone; `floating` when the file gave no zone (or an unknown one)
    /// and `zone` is the caller's default.
    At {
        local: civil::DateTime,
        zone: TimeZone,
        floating: bool,
    },
}

/// How long an event lasts, as the file says it.
#[derive(Debug, Clone)]
pub(super) enum Length {
    /// `DTEND`.
    Until(Time),
    /// `DURATION`.
    For(jiff::Span),
    /// Neither.
    Unknown,
}

/// An `RDATE` value: a start, and for a period its own end.
#[derive(Debug, Clone)]
pub(super) struct Rdate {
    pub start: Time,
    pub end: Option<Length>,
}

/// A `VEVENT`.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub line: u64,
    pub uid: Option<String>,
    pub summary: Option<String>,
    pub organizer: Option<Attendee>,
    pub attendees: Vec<Attendee>,
    pub status: Option<String>,
    pub transparent: bool,
    /// `DTSTART`; `None` only for an override, which then starts at its `RECURRENCE-ID`.
    pub start: Option<Time>,
    pub length: Length,
    pub rrule: Option<ICalendarRecurrenceRule>,
    pub rdates: Vec<Rdate>,
    pub exdates: Vec<Time>,
    pub recurrence_id: Option<Time>,
    /// Which version of the event this is: `SEQUENCE`, then `LAST-MODIFIED` (else `DTSTAMP`).
    pub version: (i64, Option<jiff::Timestamp>),
    /// Whether the `RECURRENCE-ID` has `RANGE=THISANDFUTURE`.
    pub this_and_future: bool,
    /// What could not be read, for the error list; the event is read without it.
    pub notes: Vec<String>,
}

impl Event {
    /// Whether the event is cancelled.
    pub fn cancelled(&self) -> bool {
        self.status.as_deref() == Some("CANCELLED")
    }

    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// Parses one `VEVENT` block (wrapped in a `VCALENDAR`) starting at `line`.
pub(super) fn parse(
    text: &str,
    line: u64,
    zones: &mut Zones,
    default_tz: &TimeZone,
) -> Result<Event, String> {
    let entry = std::panic::catch_unwind(|| calcard::Parser::new(text).entry())
        .map_err(|_| format!("event at line {line} cannot be read: the iCalendar parser failed"))?;
    let calendar = match entry {
        Entry::ICalendar(calendar) => calendar,
        other => return Err(format!("event at line {line} cannot be read: {other:?}")),
    };
    let component = calendar
        .components
        .iter()
        .find(|c| c.component_type == ICalendarComponentType::VEvent)
        .ok_or_else(|| format!("event at line {line} cannot be read"))?;
    let mut event = Event {
        line,
        uid: None,
        summary: None,
        organizer: None,
        attendees: Vec::new(),
        status: None,
        transparent: false,
        start: None,
        length: Length::Unknown,
        rrule: None,
        rdates: Vec::new(),
        exdates: Vec::new(),
        recurrence_id: None,
        this_and_future: false,
        version: (0, None),
        notes: Vec::new(),
    };
    let mut stamp = None;
    let mut reader = Reader { zones, default_tz };
    let mut end = None;
    let mut duration = None;
    let mut bad_start = None;
    for entry in &component.entries {
        let first = entry.values.first();
        match &entry.name {
            ICalendarProperty::Dtstart => match reader.time(entry, first, &mut event) {
                Some(time) => event.start = Some(time),
                None => bad_start = Some(shown(first)),
            },
            ICalendarProperty::Dtend => match reader.time(entry, first, &mut event) {
                Some(time) => end = Some(time),
                None => event.note(format!("DTEND {} is not a date; ignored", shown(first))),
            },
            ICalendarProperty::Duration => {
                match first.and_then(|v| match v {
                    ICalendarValue::Duration(d) if !d.neg => span(d),
                    _ => None,
                }) {
                    Some(span) => duration = Some(span),
                    None => event.note(format!("DURATION {} is not usable; ignored", shown(first))),
                }
            }
            ICalendarProperty::RecurrenceId => {
                match reader.time(entry, first, &mut event) {
                    Some(time) => event.recurrence_id = Some(time),
                    None => event.note(format!(
                        "RECURRENCE-ID {} is not a date; ignored",
                        shown(first)
                    )),
                }
                event.this_and_future = entry.parameter(&ICalendarParameterName::Range).is_some();
            }
            ICalendarProperty::Rrule => match first {
                Some(ICalendarValue::RecurrenceRule(rule)) if event.rrule.is_none() => {
                    event.rrule = Some((**rule).clone());
                }
                Some(ICalendarValue::RecurrenceRule(_)) => {
                    event.note("only the first RRULE is expanded".to_owned());
                }
                _ => event.note(format!(
                    "RRULE {} cannot be read; only the first occurrence is read",
                    shown(first)
                )),
            },
            ICalendarProperty::Rdate => reader.rdates(entry, &mut event),
            ICalendarProperty::Exdate => {
                let before = event.exdates.len();
                for value in &entry.values {
                    match reader.time(entry, Some(value), &mut event) {
                        Some(time) => event.exdates.push(time),
                        None => {
                            event.note(format!(
                                "EXDATE {} is not a date; ignored",
                                shown(Some(value))
                            ));
                        }
                    }
                }
                if event.exdates.len() == before && entry.values.is_empty() {
                    event.note("an EXDATE has no date; ignored".to_owned());
                }
            }
            ICalendarProperty::Exrule => {
                event.note("EXRULE is not supported (RFC 5545 dropped it); ignored".to_owned());
            }
            ICalendarProperty::Sequence => {
                if let Some(ICalendarValue::Integer(n)) = first {
                    event.version.0 = *n;
                }
            }
            ICalendarProperty::LastModified => event.version.1 = utc(first),
            ICalendarProperty::Dtstamp => stamp = utc(first),
            ICalendarProperty::Uid => event.uid = text_value(first),
            ICalendarProperty::Summary => event.summary = text_value(first),
            ICalendarProperty::Status => event.status = text_value(first).map(|s| s.to_uppercase()),
            ICalendarProperty::Transp => {
                event.transparent =
                    text_value(first).is_some_and(|t| t.eq_ignore_ascii_case("TRANSPARENT"));
            }
            ICalendarProperty::Organizer => event.organizer = attendee(entry),
            ICalendarProperty::Attendee => {
                if let Some(who) = attendee(entry)
                    && !event.attendees.iter().any(|a| a.email == who.email)
                {
                    event.attendees.push(who);
                }
            }
            _ => {}
        }
    }
    if event.start.is_none() {
        if let Some(value) = bad_start {
            return Err(format!("DTSTART {value} is not a date; event skipped"));
        }
        if event.recurrence_id.is_none() {
            return Err("the event has no DTSTART; skipped".to_owned());
        }
    }
    event.version.1 = event.version.1.or(stamp);
    event.length = match (end, duration) {
        (Some(end), _) => Length::Until(end),
        (None, Some(span)) => Length::For(span),
        (None, None) => Length::Unknown,
    };
    Ok(event)
}

/// Resolves times against the file's zones.
struct Reader<'a> {
    zones: &'a mut Zones,
    default_tz: &'a TimeZone,
}

impl Reader<'_> {
    /// The moment `value` gives, in the zone of `entry`'s `TZID`.
    fn time(
        &mut self,
        entry: &ICalendarEntry,
        value: Option<&ICalendarValue>,
        event: &mut Event,
    ) -> Option<Time> {
        match value? {
            ICalendarValue::PartialDateTime(dt) => self.moment(dt, entry.tz_id(), event),
            _ => None,
        }
    }

    fn moment(
        &mut self,
        dt: &PartialDateTime,
        tzid: Option<&str>,
        event: &mut Event,
    ) -> Option<Time> {
        let local = civil_date_time(dt)?;
        if dt.hour.is_none() {
            return Some(Time::Date(local.date()));
        }
        if let Some(offset) = utc_offset(dt) {
            let zone = match jiff::tz::Offset::from_seconds(offset) {
                Ok(offset) if offset == jiff::tz::Offset::UTC => TimeZone::UTC,
                Ok(offset) => TimeZone::fixed(offset),
                Err(_) => return None,
            };
            return Some(Time::At {
                local,
                zone,
                floating: false,
            });
        }
        let resolved = match tzid {
            None => Resolved::Floating,
            Some(tzid) => match self.zones.resolve(tzid) {
                Ok(resolved) => resolved,
                Err(why) => {
                    event.note(format!(
                        "{why}; its times are read in the default time zone"
                    ));
                    Resolved::Floating
                }
            },
        };
        Some(match resolved {
            Resolved::Zone(zone) => Time::At {
                local,
                zone,
                floating: false,
            },
            Resolved::Floating => Time::At {
                local,
                zone: self.default_tz.clone(),
                floating: true,
            },
        })
    }

    fn rdates(&mut self, entry: &ICalendarEntry, event: &mut Event) {
        let tzid = entry.tz_id();
        for value in &entry.values {
            let rdate = match value {
                ICalendarValue::PartialDateTime(dt) => self
                    .moment(dt, tzid, event)
                    .map(|start| Rdate { start, end: None }),
                ICalendarValue::Period(ICalendarPeriod::Range { start, end }) => self
                    .moment(start, tzid, event)
                    .zip(self.moment(end, tzid, event))
                    .map(|(start, end)| Rdate {
                        start,
                        end: Some(Length::Until(end)),
                    }),
                ICalendarValue::Period(ICalendarPeriod::Duration { start, duration }) => self
                    .moment(start, tzid, event)
                    .zip(span(duration).filter(|_| !duration.neg))
                    .map(|(start, span)| Rdate {
                        start,
                        end: Some(Length::For(span)),
                    }),
                _ => None,
            };
            match rdate {
                Some(rdate) => event.rdates.push(rdate),
                None => event.note(format!(
                    "RDATE {} is not a date; ignored",
                    shown(Some(value))
                )),
            }
        }
    }
}

/// A `DURATION` as a span (weeks and days nominal, the rest exact).
fn span(d: &ICalendarDuration) -> Option<jiff::Span> {
    jiff::Span::new()
        .try_weeks(i64::from(d.weeks))
        .and_then(|s| s.try_days(i64::from(d.days)))
        .and_then(|s| s.try_hours(i64::from(d.hours)))
        .and_then(|s| s.try_minutes(i64::from(d.minutes)))
        .and_then(|s| s.try_seconds(i64::from(d.seconds)))
        .ok()
}

/// A UTC date-time value (`LAST-MODIFIED`, `DTSTAMP`) as an instant.
fn utc(value: Option<&ICalendarValue>) -> Option<jiff::Timestamp> {
    let Some(ICalendarValue::PartialDateTime(dt)) = value else {
        return None;
    };
    let offset = jiff::tz::Offset::from_seconds(utc_offset(dt).unwrap_or(0)).ok()?;
    offset.to_timestamp(civil_date_time(dt)?).ok()
}

/// A text value, trimmed, when not empty.
fn text_value(value: Option<&ICalendarValue>) -> Option<String> {
    let text = value?.as_text()?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A value as it can be shown in an error.
fn shown(value: Option<&ICalendarValue>) -> String {
    match value {
        None => "(empty)".to_owned(),
        Some(ICalendarValue::Text(t)) => format!("\"{t}\""),
        Some(other) => other
            .clone()
            .into_text()
            .map_or_else(|| "(unreadable)".to_owned(), |t| format!("\"{t}\"")),
    }
}

/// An `ORGANIZER` or `ATTENDEE`, when it has an e-mail address.
fn attendee(entry: &ICalendarEntry) -> Option<Attendee> {
    let param = |name: ICalendarParameterName| {
        entry
            .parameter(&name)
            .and_then(|v| v.as_text())
            .map(|v| v.trim().trim_matches('"').trim())
            .filter(|v| !v.is_empty())
    };
    let value = entry.values.first().and_then(ICalendarValue::as_text);
    let email = value
        .map(address)
        .filter(|a| is_email(a))
        .or_else(|| param(ICalendarParameterName::Email).map(address))
        .filter(|a| is_email(a))?;
    // A CN that only repeats the address (as Google and Apple write it) is no name.
    let name = param(ICalendarParameterName::Cn)
        .filter(|cn| !address(cn).eq_ignore_ascii_case(email))
        .map(str::to_owned);
    Some(Attendee {
        email: email.to_lowercase(),
        name,
        partstat: param(ICalendarParameterName::Partstat).map(str::to_uppercase),
        role: param(ICalendarParameterName::Role).map(str::to_uppercase),
    })
}

/// An address without `mailto:` (Yahoo writes it twice), quotes or angle brackets.
fn address(value: &str) -> &str {
    let mut value = value.trim();
    while let Some(scheme) = value.get(..7)
        && scheme.eq_ignore_ascii_case("mailto:")
    {
        value = value.get(7..).unwrap_or("").trim();
    }
    value.trim_matches(|c| matches!(c, '"' | '\'' | '<' | '>'))
}

fn is_email(address: &str) -> bool {
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && !domain.is_empty() && !address.contains(char::is_whitespace)
}
