#!/usr/bin/env python3
"""Check an iCalendar file written by kithkin_formats::ics against an expectation.

Usage: ics_check.py FILE.ics EXPECTED.json

The file is parsed with the independent `icalendar` package (pip install icalendar); yearly
rules are expanded with `dateutil.rrule.rrulestr` (python-dateutil comes with icalendar).

EXPECTED.json is either a list of entries or an object
{"name": ..., "product": ..., "dtstamp": "YYYY-MM-DDTHH:MM:SSZ", "entries": [...]}
(every key but "entries" optional). An entry is
{"type": "yearly" | "day" | "todo", "uid": str, "summary": str, "description": str | null,
 "date": "YYYY-MM-DD" (yearly, day) or "due": "YYYY-MM-DD" (todo),
 "rrule": {"FREQ": ["YEARLY"], ...} (yearly; absent or null otherwise),
 "priority": int | null (todo, optional)}.
Components must appear in the file in the expectation's order.

Exits 0 when everything matches; otherwise prints every mismatch to stderr and exits 1
(2 for usage or unreadable input).
"""

import calendar as pycalendar
import json
import sys
from datetime import date, datetime, time, timedelta, timezone

try:
    import icalendar
    from dateutil.rrule import rrulestr
except ImportError as err:  # pragma: no cover - reported to the Rust test
    print(f"ics_check: cannot import icalendar/dateutil: {err}", file=sys.stderr)
    sys.exit(2)

MAX_OCTETS = 75
TYPES = {"yearly": "VEVENT", "day": "VEVENT", "todo": "VTODO"}

problems = []


def problem(msg):
    problems.append(msg)


def check_raw(raw):
    """Line endings, folding and encoding, checked on the bytes themselves."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problem(f"file is not valid UTF-8: {err}")
    if not raw.endswith(b"\r\n"):
        problem("file does not end with CRLF")
    for i, byte in enumerate(raw):
        if byte == 0x0A and (i == 0 or raw[i - 1] != 0x0D):
            problem(f"bare LF at byte {i}")
            break
        if byte == 0x0D and raw[i + 1 : i + 2] != b"\n":
            problem(f"bare CR at byte {i}")
            break
    for n, line in enumerate(raw.split(b"\r\n")[:-1], start=1):
        if len(line) > MAX_OCTETS:
            problem(f"line {n} is {len(line)} octets (max {MAX_OCTETS}): {line[:40]!r}...")
        if not line:
            problem(f"line {n} is empty")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problem(f"line {n} splits a UTF-8 sequence: {line!r}")


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def as_date(value, what):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        problem(f"expectation: bad {what} {value!r}")
        return None


def date_prop(component, name, where):
    prop = component.get(name)
    if prop is None:
        problem(f"{where}: no {name}")
        return None
    value = prop.dt
    if isinstance(value, datetime) or not isinstance(value, date):
        problem(f"{where}: {name} is {value!r}, expected a DATE value")
        return None
    return value


def norm_rrule(rule):
    """{KEY: [str, ...]} so icalendar's typed values compare with the JSON ones."""
    return {str(k).upper(): [str(v).upper() for v in (vs if isinstance(vs, list) else [vs])]
            for k, vs in dict(rule).items()}


def last_of_february(year):
    return date(year, 2, pycalendar.monthrange(year, 2)[1])


def check_recurrence(component, start, where):
    """Expand the RRULE with dateutil: same day every year, 29 Feb on the last day of Feb."""
    rule_text = component["RRULE"].to_ical().decode()
    rule = rrulestr(rule_text, dtstart=datetime.combine(start, time()))
    got = [d.date().isoformat() for d in rule[:10]]
    if (start.month, start.day) == (2, 29):
        want = [last_of_february(start.year + k).isoformat() for k in range(10)]
        pair = [d.date().isoformat() for d in rule.between(datetime(2027, 1, 1), datetime(2028, 12, 31), inc=True)]
        if start.year <= 2027 and pair != ["2027-02-28", "2028-02-29"]:
            problem(f"{where}: RRULE {rule_text} gives {pair} in 2027-2028, "
                    "expected ['2027-02-28', '2028-02-29']")
    else:
        want = [start.replace(year=start.year + k).isoformat() for k in range(10)]
    if got != want:
        problem(f"{where}: RRULE {rule_text} from {start} expands to {got}, expected {want}")


def check_component(component, exp, index, stamp):
    kind = exp.get("type")
    where = f"entry {index} ({kind} {exp.get('uid')!r})"
    if kind not in TYPES:
        problem(f"expectation: entry {index} has unknown type {kind!r}")
        return
    if component.name != TYPES[kind]:
        problem(f"{where}: component is {component.name}, expected {TYPES[kind]}")
        return
    for err in getattr(component, "errors", []) or []:
        problem(f"{where}: icalendar parse error {err!r}")

    for field, prop in (("uid", "UID"), ("summary", "SUMMARY"), ("description", "DESCRIPTION")):
        got, want = text(component, prop), exp.get(field)
        if got != want:
            problem(f"{where}: {prop} is {got!r}, expected {want!r}")

    dtstamp = component.get("DTSTAMP")
    if dtstamp is None:
        problem(f"{where}: no DTSTAMP")
    else:
        value = dtstamp.dt
        if not isinstance(value, datetime) or value.utcoffset() != timedelta(0):
            problem(f"{where}: DTSTAMP {value!r} is not a UTC date-time")
        elif stamp is not None and value != stamp:
            problem(f"{where}: DTSTAMP is {value.isoformat()}, expected {stamp.isoformat()}")

    rrule = component.get("RRULE")
    want_rrule = exp.get("rrule")
    if want_rrule is None:
        if rrule is not None:
            problem(f"{where}: unexpected RRULE {rrule.to_ical().decode()}")
    elif rrule is None:
        problem(f"{where}: no RRULE, expected {want_rrule}")
    elif norm_rrule(rrule) != norm_rrule(want_rrule):
        problem(f"{where}: RRULE is {rrule.to_ical().decode()} = {norm_rrule(rrule)}, "
                f"expected {norm_rrule(want_rrule)}")

    if kind == "todo":
        want_due = as_date(exp.get("due"), f"due of {where}")
        due = date_prop(component, "DUE", where)
        if want_due and due and due != want_due:
            problem(f"{where}: DUE is {due}, expected {want_due}")
        if text(component, "STATUS") != "NEEDS-ACTION":
            problem(f"{where}: STATUS is {text(component, 'STATUS')!r}, expected 'NEEDS-ACTION'")
        got_priority = component.get("PRIORITY")
        got_priority = None if got_priority is None else int(got_priority)
        if got_priority != exp.get("priority"):
            problem(f"{where}: PRIORITY is {got_priority!r}, expected {exp.get('priority')!r}")
        return

    want_start = as_date(exp.get("date"), f"date of {where}")
    start = date_prop(component, "DTSTART", where)
    end = date_prop(component, "DTEND", where)
    if want_start and start and start != want_start:
        problem(f"{where}: DTSTART is {start}, expected {want_start}")
    if start and end and end != start + timedelta(days=1):
        problem(f"{where}: DTEND is {end}, expected the day after DTSTART ({start})")
    if kind == "yearly" and start and rrule is not None:
        check_recurrence(component, start, where)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            raw = f.read()
        with open(argv[2], encoding="utf-8") as f:
            expected = json.load(f)
    except (OSError, ValueError) as err:
        print(f"ics_check: cannot read input: {err}", file=sys.stderr)
        return 2
    if isinstance(expected, list):
        expected = {"entries": expected}

    check_raw(raw)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except ValueError as err:
        problem(f"icalendar cannot parse the file: {err}")
        return report()
    if cal.name != "VCALENDAR":
        problem(f"top component is {cal.name}, expected VCALENDAR")
    for err in getattr(cal, "errors", []) or []:
        problem(f"calendar: icalendar parse error {err!r}")
    for prop, want in (("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH"),
                       ("PRODID", expected.get("product")),
                       ("X-WR-CALNAME", expected.get("name"))):
        got = text(cal, prop)
        if got is None:
            problem(f"calendar: no {prop}")
        elif want is not None and got != want:
            problem(f"calendar: {prop} is {got!r}, expected {want!r}")

    stamp = None
    if expected.get("dtstamp") is not None:
        stamp = datetime.fromisoformat(expected["dtstamp"].replace("Z", "+00:00"))
        stamp = stamp.astimezone(timezone.utc)

    components = [c for c in cal.subcomponents if c.name in ("VEVENT", "VTODO")]
    others = [c.name for c in cal.subcomponents if c.name not in ("VEVENT", "VTODO")]
    if others:
        problem(f"calendar: unexpected components {others}")
    entries = expected.get("entries", [])
    if len(components) != len(entries):
        problem(f"calendar has {len(components)} VEVENT/VTODO components, expected {len(entries)}: "
                f"{[text(c, 'UID') for c in components]}")
    for index, (component, exp) in enumerate(zip(components, entries)):
        check_component(component, exp, index, stamp)
    uids = [text(c, "UID") for c in components]
    if len(set(uids)) != len(uids):
        problem(f"calendar: duplicate UIDs in {uids}")
    return report()


def report():
    if problems:
        print(f"ics_check: {len(problems)} mismatch(es):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
