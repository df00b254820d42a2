//! Events into meetings: each event's occurrences (`DTSTART`, `RRULE`, `RDATE`, less
//! `EXDATE`), up to the horizon and the cap, with the overrides of its `UID` in place.

use super::event::{Event, Length, Time};
use super::zones::{civil_date_time, utc_offset};
use super::{Meeting, MeetingsRead, recur};
use crate::edges::RecordError;
use calcard::common::PartialDateTime;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Span, Timestamp};
use std::collections::{HashMap, HashSet};

/// What every event is read against.
#[derive(Debug)]
pub(super) struct Context<'a> {
    /// The last moment an occurrence may start.
    pub until: Timestamp,
    /// The zone of floating times and all-day dates.
    pub default_tz: &'a TimeZone,
    /// The most occurrences one event yields (at least 1).
    pub max_per_event: usize,
}

/// Expands `events` into `read`.
pub(super) fn expand(events: Vec<Event>, cx: &Context<'_>, read: &mut MeetingsRead) {
    // Events by UID, in the order each UID first appears; an event without one stands alone.
    let mut groups: Vec<Vec<Event>> = Vec::new();
    let mut by_uid: HashMap<String, usize> = HashMap::new();
    for event in events {
        match event.uid.clone() {
            Some(uid) => match by_uid.get(&uid) {
                Some(&at) => {
                    if let Some(group) = groups.get_mut(at) {
                        group.push(event);
                    }
                }
                None => {
                    by_uid.insert(uid, groups.len());
                    groups.push(vec![event]);
                }
            },
            None => groups.push(vec![event]),
        }
    }
    for group in groups {
        let mut notes = Vec::new();
        let mut meetings = expand_group(&group, cx, &mut notes);
        meetings.sort_by_key(|m| (m.start, m.line));
        // (UID, recurrence id) names one occurrence: keep the first meeting of each.
        let mut seen = HashSet::new();
        meetings.retain(|m| m.uid.is_none() || seen.insert(m.recurrence_id.clone()));
        read.meetings.extend(meetings);
        for event in &group {
            for message in &event.notes {
                read.errors.push(RecordError {
                    line: event.line,
                    message: message.clone(),
                });
            }
        }
        read.errors.extend(notes);
    }
}

/// How an occurrence's end follows from its start.
#[derive(Debug, Clone)]
enum EndRule {
    /// All day, for this many days.
    Days(i64),
    /// This long.
    Exact(SignedDuration),
    /// This long on the clock of the event's zone (`DURATION` with days or weeks).
    Nominal(Span),
    /// Unknown.
    Open,
}

/// One occurrence before it becomes a meeting.
#[derive(Debug, Clone)]
struct Occurrence {
    start: Time,
    at: Timestamp,
    /// Its own end (an `RDATE` period), else the event's.
    end: Option<EndRule>,
}

/// An override (`RECURRENCE-ID`) of the group, and whether it found its occurrence.
struct Override<'e> {
    event: &'e Event,
    used: bool,
}

fn expand_group(group: &[Event], cx: &Context<'_>, notes: &mut Vec<RecordError>) -> Vec<Meeting> {
    let mut overrides: Vec<Override<'_>> = group
        .iter()
        .filter(|e| e.recurrence_id.is_some())
        .map(|event| Override { event, used: false })
        .collect();
    // A UID has one series; when a file holds several versions of it (exports that append
    // updates), the latest is read. Likewise for two overrides of one occurrence.
    let base = group
        .iter()
        .enumerate()
        .filter(|(_, e)| e.recurrence_id.is_none() && e.start.is_some())
        .max_by_key(|(i, e)| (e.version, *i))
        .map(|(_, e)| e);
    let mut latest: HashMap<Key, usize> = HashMap::new();
    for (i, o) in overrides.iter().enumerate() {
        let Some(rid) = &o.event.recurrence_id else {
            continue;
        };
        let rid = match base.and_then(|m| m.start.as_ref()) {
            Some(start) => conform(&align(rid, start), start),
            None => rid.clone(),
        };
        if let Some(at) = instant(&rid, cx) {
            let slot = latest.entry(key(&rid, at)).or_insert(i);
            if overrides
                .get(*slot)
                .is_some_and(|kept| kept.event.version <= o.event.version)
            {
                *slot = i;
            }
        }
    }
    let kept: HashSet<usize> = latest.into_values().collect();
    for (i, o) in overrides.iter_mut().enumerate() {
        // Dropped versions count as used, so they neither match nor stand alone.
        o.used = !kept.contains(&i);
    }
    let mut meetings = Vec::new();
    if let Some(master) = base {
        expand_master(master, &mut overrides, None, cx, notes, &mut meetings);
    }
    // Overrides whose occurrence is not in the file (or was excluded) stand alone; a
    // cancelled one is kept, as cancelled, so that an importer can retract the occurrence.
    for o in overrides.iter().filter(|o| !o.used) {
        let master = base.unwrap_or(o.event);
        let Some(rid) = o.event.recurrence_id.as_ref() else {
            continue;
        };
        let rid = match &master.start {
            Some(start) => conform(&align(rid, start), start),
            None => rid.clone(),
        };
        let Some(at) = instant(&rid, cx) else {
            continue;
        };
        let id = rid_text(&rid, at);
        // An override with recurrence of its own (Lotus Notes sends the rest of a series so)
        // is expanded like a series; its first occurrence keeps the id of the one it replaces.
        if !o.event.cancelled()
            && o.event.start.is_some()
            && (o.event.rrule.is_some() || !o.event.rdates.is_empty())
        {
            expand_master(o.event, &mut [], Some(id), cx, notes, &mut meetings);
            continue;
        }
        let master_end = master
            .start
            .as_ref()
            .map_or(EndRule::Open, |s| end_rule(s, &master.length, cx));
        if let Some(m) = overridden(o.event, master, &master_end, Some(id), cx) {
            meetings.push(m);
        }
    }
    meetings
}

/// The meetings of `master`'s occurrences, with `overrides` in place of those they name.
/// `first_id`, when given, is the id of the occurrence at the master's `DTSTART`.
fn expand_master(
    master: &Event,
    overrides: &mut [Override<'_>],
    first_id: Option<String>,
    cx: &Context<'_>,
    notes: &mut Vec<RecordError>,
    meetings: &mut Vec<Meeting>,
) {
    let Some(start) = &master.start else {
        return;
    };
    let recurring = master.rrule.is_some() || !master.rdates.is_empty();
    let start_at = instant(start, cx);
    let occurrences = occurrences(master, start, cx, notes);
    let master_end = end_rule(start, &master.length, cx);
    // The overrides' keys, in the master's frame.
    let keys: HashMap<Key, usize> = overrides
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.used)
        .filter_map(|(i, o)| {
            let rid = conform(&align(o.event.recurrence_id.as_ref()?, start), start);
            Some((key(&rid, instant(&rid, cx)?), i))
        })
        .collect();
    for occurrence in occurrences {
        let id = match &first_id {
            Some(first) if Some(occurrence.at) == start_at => Some(first.clone()),
            _ => recurring.then(|| rid_text(&occurrence.start, occurrence.at)),
        };
        let found = keys.get(&key(&occurrence.start, occurrence.at));
        if let Some(o) = found.and_then(|&i| overrides.get_mut(i)) {
            o.used = true;
            if o.event.this_and_future {
                notes.push(RecordError {
                    line: o.event.line,
                    message: "RANGE=THISANDFUTURE is not supported: the override replaces only \
                              the occurrence it names"
                        .to_owned(),
                });
            }
            if !o.event.cancelled()
                && let Some(m) = overridden(o.event, master, &master_end, id, cx)
            {
                meetings.push(m);
            }
            continue;
        }
        let end = occurrence.end.as_ref().unwrap_or(&master_end);
        meetings.push(meeting(
            master,
            master,
            &occurrence.start,
            occurrence.at,
            end_at(&occurrence.start, occurrence.at, end, cx),
            id,
        ));
    }
}

/// The meeting an override makes, when it starts by the horizon.
fn overridden(
    event: &Event,
    master: &Event,
    master_end: &EndRule,
    id: Option<String>,
    cx: &Context<'_>,
) -> Option<Meeting> {
    let start = event.start.as_ref().or(event.recurrence_id.as_ref())?;
    let at = instant(start, cx)?;
    if at > cx.until {
        return None;
    }
    let rule = match &event.length {
        Length::Unknown => master_end.clone(),
        length => end_rule(start, length, cx),
    };
    let rule = match (start, rule) {
        // A master's exact length does not carry over to an all-day override, nor days to a
        // timed one.
        (Time::Date(_), EndRule::Exact(_) | EndRule::Nominal(_)) => EndRule::Days(1),
        (Time::At { .. }, EndRule::Days(_)) => EndRule::Open,
        (_, rule) => rule,
    };
    Some(meeting(
        event,
        master,
        start,
        at,
        end_at(start, at, &rule, cx),
        id,
    ))
}

fn meeting(
    event: &Event,
    master: &Event,
    start: &Time,
    at: Timestamp,
    end: Option<Timestamp>,
    recurrence_id: Option<String>,
) -> Meeting {
    Meeting {
        line: event.line,
        uid: event.uid.clone(),
        recurrence_id,
        start: at,
        end,
        all_day: matches!(start, Time::Date(_)),
        summary: event.summary.clone().or_else(|| master.summary.clone()),
        organizer: event.organizer.clone().or_else(|| master.organizer.clone()),
        attendees: if event.attendees.is_empty() {
            master.attendees.clone()
        } else {
            event.attendees.clone()
        },
        status: event.status.clone().or_else(|| master.status.clone()),
        transparent: event.transparent,
    }
}

/// The occurrences of `master` that start by the horizon, first ones first, capped.
fn occurrences(
    master: &Event,
    start: &Time,
    cx: &Context<'_>,
    notes: &mut Vec<RecordError>,
) -> Vec<Occurrence> {
    let mut note = |message: String| {
        notes.push(RecordError {
            line: master.line,
            message,
        });
    };
    let mut starts: Vec<(Time, Option<EndRule>)> = vec![(start.clone(), None)];
    if let Some(rule) = &master.rrule {
        let (zone, local, floating) = match start {
            Time::At {
                local,
                zone,
                floating,
            } => (zone.clone(), *local, *floating),
            Time::Date(d) => (
                cx.default_tz.clone(),
                d.to_datetime(jiff::civil::Time::MIN),
                true,
            ),
        };
        let all_day = matches!(start, Time::Date(_));
        let horizon = zone
            .to_datetime(cx.until)
            .checked_add(SignedDuration::from_hours(24))
            .unwrap_or(DateTime::MAX);
        let last = rule
            .until
            .as_ref()
            .and_then(|u| until_local(u, all_day, &zone))
            .map_or(horizon, |u| u.min(horizon));
        let limit = cx
            .max_per_event
            .saturating_add(master.exdates.len())
            .saturating_add(1);
        match recur::occurrences(rule, local, last, limit) {
            Ok(dates) => starts.extend(dates.into_iter().map(|d| {
                let time = if all_day {
                    Time::Date(d.date())
                } else {
                    Time::At {
                        local: d,
                        zone: zone.clone(),
                        floating,
                    }
                };
                (time, None)
            })),
            Err(why) => note(format!("{why}; only the first occurrence is read")),
        }
    }
    for rdate in &master.rdates {
        let time = conform(&align(&rdate.start, start), start);
        let end = rdate.end.as_ref().map(|length| end_rule(&time, length, cx));
        starts.push((time, end));
    }

    let excluded: Vec<Time> = master.exdates.iter().map(|x| align(x, start)).collect();
    let excluded_at: HashSet<Timestamp> = excluded
        .iter()
        .filter(|x| matches!(x, Time::At { .. }))
        .filter_map(|x| instant(x, cx))
        .collect();
    let excluded_days: HashSet<Date> = excluded
        .iter()
        .filter_map(|x| match (x, start) {
            (Time::Date(d), _) => Some(*d),
            (Time::At { local, .. }, Time::Date(_)) => Some(local.date()),
            (Time::At { .. }, Time::At { .. }) => None,
        })
        .collect();
    let mut seen = HashSet::new();
    let mut list: Vec<Occurrence> = starts
        .into_iter()
        .filter_map(|(start, end)| {
            let at = instant(&start, cx)?;
            Some(Occurrence { start, at, end })
        })
        .filter(|o| seen.insert(key(&o.start, o.at)))
        .filter(|o| match &o.start {
            Time::Date(d) => !excluded_days.contains(d),
            Time::At { local, .. } => {
                !excluded_at.contains(&o.at) && !excluded_days.contains(&local.date())
            }
        })
        .filter(|o| o.at <= cx.until)
        .collect();
    list.sort_by_key(|o| o.at);
    if list.len() > cx.max_per_event {
        note(format!(
            "more than {} occurrences start by {}; only the first {} are read",
            cx.max_per_event, cx.until, cx.max_per_event
        ));
        list.truncate(cx.max_per_event);
    }
    list
}

/// A rule's `UNTIL` as local time in the event's frame. A date means the end of that day for a
/// timed event; a UTC time on an all-day event means its UTC date (as Google writes it).
fn until_local(until: &PartialDateTime, all_day: bool, zone: &TimeZone) -> Option<DateTime> {
    let local = civil_date_time(until)?;
    if until.hour.is_none() {
        return Some(if all_day {
            local
        } else {
            local.date().at(23, 59, 59, 0)
        });
    }
    let Some(offset) = utc_offset(until) else {
        return Some(local);
    };
    let at = Offset::from_seconds(offset)
        .ok()?
        .to_timestamp(local)
        .ok()?;
    Some(if all_day {
        Offset::UTC
            .to_datetime(at)
            .date()
            .to_datetime(jiff::civil::Time::MIN)
    } else {
        zone.to_datetime(at)
    })
}

/// Identifies an occurrence: its day for all-day ones, else its instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Day(Date),
    At(Timestamp),
}

fn key(time: &Time, at: Timestamp) -> Key {
    match time {
        Time::Date(d) => Key::Day(*d),
        Time::At { .. } => Key::At(at),
    }
}

/// When `time` is, all-day dates and floating times in the default zone.
fn instant(time: &Time, cx: &Context<'_>) -> Option<Timestamp> {
    match time {
        Time::Date(d) => d
            .to_zoned(cx.default_tz.clone())
            .ok()
            .map(|z| z.timestamp()),
        Time::At { local, zone, .. } => zone.to_ambiguous_timestamp(*local).compatible().ok(),
    }
}

/// A floating time on a zoned event (an `EXDATE` or `RECURRENCE-ID` without its `TZID`) is
/// read in the event's zone.
fn align(time: &Time, event_start: &Time) -> Time {
    match (time, event_start) {
        (
            Time::At {
                local,
                floating: true,
                ..
            },
            Time::At {
                zone,
                floating: false,
                ..
            },
        ) => Time::At {
            local: *local,
            zone: zone.clone(),
            floating: false,
        },
        _ => time.clone(),
    }
}

/// An `RDATE` of the other kind than the event's start made like it: a date-time on an
/// all-day event is its day; a date on a timed event is that day at the event's time.
fn conform(time: &Time, event_start: &Time) -> Time {
    match (time, event_start) {
        (Time::At { local, .. }, Time::Date(_)) => Time::Date(local.date()),
        (
            Time::Date(d),
            Time::At {
                local,
                zone,
                floating,
            },
        ) => Time::At {
            local: d.to_datetime(local.time()),
            zone: zone.clone(),
            floating: *floating,
        },
        _ => time.clone(),
    }
}

/// How the end of occurrences starting like `start` follows from `length`.
fn end_rule(start: &Time, length: &Length, cx: &Context<'_>) -> EndRule {
    match (start, length) {
        (Time::Date(s), Length::Until(end)) => {
            let end = match end {
                Time::Date(e) => *e,
                Time::At { local, .. } => local.date(),
            };
            let days = s.until(end).map_or(1, |span| i64::from(span.get_days()));
            EndRule::Days(days.max(1))
        }
        (Time::Date(_), Length::For(span)) => {
            let days = i64::from(span.get_weeks()) * 7 + i64::from(span.get_days());
            EndRule::Days(days.max(1))
        }
        (Time::Date(_), Length::Unknown) => EndRule::Days(1),
        (Time::At { .. }, Length::Until(end)) => {
            match (instant(start, cx), instant(&align(end, start), cx)) {
                (Some(s), Some(e)) if e >= s => EndRule::Exact(e.duration_since(s)),
                _ => EndRule::Open,
            }
        }
        (Time::At { .. }, Length::For(span)) => EndRule::Nominal(*span),
        (Time::At { .. }, Length::Unknown) => EndRule::Open,
    }
}

/// The end of an occurrence starting at `start` (`at`).
fn end_at(start: &Time, at: Timestamp, rule: &EndRule, cx: &Context<'_>) -> Option<Timestamp> {
    match (start, rule) {
        (Time::Date(d), EndRule::Days(days)) => {
            let end = d.checked_add(Span::new().try_days(*days).ok()?).ok()?;
            instant(&Time::Date(end), cx)
        }
        (_, EndRule::Exact(length)) => at.checked_add(*length).ok(),
        (Time::At { zone, .. }, EndRule::Nominal(span)) => at
            .to_zoned(zone.clone())
            .checked_add(*span)
            .ok()
            .map(|z| z.timestamp()),
        _ => None,
    }
}

/// The RFC 5545 text of an occurrence's start: `YYYYMMDD` for a day, local time for a floating
/// time, else UTC.
fn rid_text(time: &Time, at: Timestamp) -> String {
    match time {
        Time::Date(d) => d.strftime("%Y%m%d").to_string(),
        Time::At {
            local,
            floating: true,
            ..
        } => local.strftime("%Y%m%dT%H%M%S").to_string(),
        Time::At { .. } => at.strftime("%Y%m%dT%H%M%SZ").to_string(),
    }
}
