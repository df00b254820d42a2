//! Charts drawn on the server as SVG: horizontal bars, a histogram, paired bars. No script
//! and no inline style: sizes are SVG attributes, colours come from CSS classes in
//! `app.css` (so dark mode applies), and every chart has a `<title>` and a `<desc>` for
//! screen readers (pages add a table of the same numbers beside it).

use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 does not allow
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a label to `max` characters, with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A number as SVG writes it: at most two decimals, no trailing zeros.
fn num(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// The opening of a chart: the element with its accessible title and description.
fn open(id: &str, width: f64, height: f64, title: &str, desc: &str, class: &str) -> String {
    let id = escape(id);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc),
        w = num(width),
        h = num(height),
    )
}

/// One bar: its label, its value, and the text written after it ("12 · 34%").
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is.
    pub label: String,
    /// Its length, in the chart's unit.
    pub value: f64,
    /// Written at the bar's end.
    pub note: String,
}

/// The width of a bar chart.
const WIDTH: f64 = 640.0;
/// The space for the labels on the left.
const LABEL_WIDTH: f64 = 180.0;
/// The space for the notes on the right.
const NOTE_WIDTH: f64 = 110.0;
/// The height of one row.
const ROW: f64 = 26.0;
/// The height of a bar in its row.
const BAR: f64 = 18.0;

/// The length of a bar of `value` when `max` fills `room`: proportional, never negative.
pub fn length(value: f64, max: f64, room: f64) -> f64 {
    if !(value.is_finite() && max.is_finite()) || max <= 0.0 || value <= 0.0 {
        0.0
    } else {
        (value / max).min(1.0) * room
    }
}

/// A horizontal bar chart: one row per bar, bars proportional to their values (the largest
/// fills the row), label on the left, note on the right.
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let rows = bars.len().max(1) as f64;
    let height = rows * ROW + 4.0;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let room = WIDTH - LABEL_WIDTH - NOTE_WIDTH;
    let mut s = open(id, WIDTH, height, title, desc, "bars");
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * ROW + 2.0;
        let w = length(b.value, max, room);
        let _ = write!(
            s,
            r#"<g class="row"><text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="bar" x="{x}" y="{y}" width="{w}" height="{bh}"><title>{full}: {note}</title></rect><text class="note" x="{nx}" y="{ty}">{note}</text></g>"#,
            lx = num(LABEL_WIDTH - 8.0),
            ty = num(y + BAR - 4.0),
            label = escape(&cut(&b.label, 24)),
            full = escape(&b.label),
            x = num(LABEL_WIDTH),
            y = num(y),
            w = num(w),
            bh = num(BAR),
            nx = num(LABEL_WIDTH + w + 6.0),
            note = escape(&b.note),
        );
    }
    s.push_str("</svg>");
    s
}

/// Two bars per row, e.g. given (upper) and received (lower), on one scale.
pub fn paired_chart(
    id: &str,
    title: &str,
    desc: &str,
    names: (&str, &str),
    rows: &[(String, f64, f64)],
) -> String {
    let row = ROW * 1.6;
    let height = rows.len().max(1) as f64 * row + 26.0;
    let max = rows
        .iter()
        .flat_map(|(_, a, b)| [*a, *b])
        .fold(0.0_f64, f64::max);
    let room = WIDTH - LABEL_WIDTH - NOTE_WIDTH;
    let mut s = open(id, WIDTH, height, title, desc, "paired");
    let _ = write!(
        s,
        r#"<g class="legend"><rect class="bar first" x="{x}" y="4" width="12" height="12"></rect><text class="note" x="{tx}" y="14">{a}</text><rect class="bar second" x="{x2}" y="4" width="12" height="12"></rect><text class="note" x="{tx2}" y="14">{b}</text></g>"#,
        x = num(LABEL_WIDTH),
        tx = num(LABEL_WIDTH + 16.0),
        x2 = num(LABEL_WIDTH + 120.0),
        tx2 = num(LABEL_WIDTH + 136.0),
        a = escape(names.0),
        b = escape(names.1),
    );
    for (i, (label, a, b)) in rows.iter().enumerate() {
        let y = i as f64 * row + 26.0;
        let h = BAR * 0.7;
        let (wa, wb) = (length(*a, max, room), length(*b, max, room));
        let _ = write!(
            s,
            r#"<g class="row"><text class="label" x="{lx}" y="{ty}" text-anchor="end">{l}</text><rect class="bar first" x="{x}" y="{y}" width="{wa}" height="{h}"><title>{full}: {n0} {va}</title></rect><text class="note" x="{nax}" y="{tay}">{va}</text><rect class="bar second" x="{x}" y="{y2}" width="{wb}" height="{h}"><title>{full}: {n1} {vb}</title></rect><text class="note" x="{nbx}" y="{tby}">{vb}</text></g>"#,
            lx = num(LABEL_WIDTH - 8.0),
            ty = num(y + h + 2.0),
            l = escape(&cut(label, 24)),
            full = escape(label),
            n0 = escape(names.0),
            n1 = escape(names.1),
            x = num(LABEL_WIDTH),
            y = num(y),
            y2 = num(y + h + 1.0),
            wa = num(wa),
            wb = num(wb),
            h = num(h),
            nax = num(LABEL_WIDTH + wa + 4.0),
            tay = num(y + h - 2.0),
            nbx = num(LABEL_WIDTH + wb + 4.0),
            tby = num(y + 2.0 * h - 1.0),
            va = num(*a),
            vb = num(*b),
        );
    }
    s.push_str("</svg>");
    s
}

/// A histogram: one vertical bar per bin, heights proportional to the counts, the bin's
/// label under it and its count above.
pub fn histogram(id: &str, title: &str, desc: &str, bins: &[(String, usize)]) -> String {
    let height = 220.0;
    let (top, bottom) = (20.0, 24.0);
    let room = height - top - bottom;
    let n = bins.len().max(1) as f64;
    let slot = (WIDTH - 20.0) / n;
    let max = bins.iter().map(|(_, c)| *c).max().unwrap_or(0) as f64;
    let mut s = open(id, WIDTH, height, title, desc, "histogram");
    let _ = write!(
        s,
        r#"<line class="axis" x1="10" y1="{y}" x2="{x2}" y2="{y}"></line>"#,
        y = num(height - bottom),
        x2 = num(WIDTH - 10.0),
    );
    for (i, (label, count)) in bins.iter().enumerate() {
        let h = length(*count as f64, max, room);
        let x = 10.0 + i as f64 * slot;
        let y = height - bottom - h;
        let _ = write!(
            s,
            r#"<g class="bin"><rect class="bar" x="{x}" y="{y}" width="{w}" height="{h}"><title>{l}: {count}</title></rect><text class="note" x="{cx}" y="{ny}" text-anchor="middle">{count}</text><text class="label" x="{cx}" y="{ly}" text-anchor="middle">{l}</text></g>"#,
            x = num(x + 2.0),
            y = num(y),
            w = num((slot - 4.0).max(1.0)),
            h = num(h),
            cx = num(x + slot / 2.0),
            ny = num(y - 4.0),
            ly = num(height - 6.0),
            l = escape(label),
        );
    }
    s.push_str("</svg>");
    s
}

/// A share as a percentage with no decimals, "34%".
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", share * 100.0)
    } else {
        "0%".to_owned()
    }
}

#[cfg(test)]
mod tests {
    // tests only: a failed unwrap is a failed test; no user input reaches this code
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"))
    }

    fn bars_of(doc: &roxmltree::Document<'_>) -> Vec<f64> {
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("bar"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn bars_are_valid_xml_proportional_and_escaped() {
        let bars = vec![
            Bar {
                label: "R&D <labs>".into(),
                value: 10.0,
                note: "10 · 50%".into(),
            },
            Bar {
                label: "Sales \"EMEA\"".into(),
                value: 5.0,
                note: "5 · 25%".into(),
            },
            Bar {
                label: "Ops".into(),
                value: 5.0,
                note: "5 · 25%".into(),
            },
            Bar {
                label: "Nobody".into(),
                value: 0.0,
                note: "0".into(),
            },
        ];
        let svg = bar_chart("t<1>", "Industry & co", "4 <values>", &bars);
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        let title = root.first_element_child().unwrap();
        assert_eq!(title.text(), Some("Industry & co"));
        let widths = bars_of(&doc);
        assert_eq!(widths.len(), 4);
        assert!((widths[0] - (WIDTH - LABEL_WIDTH - NOTE_WIDTH)).abs() < 0.01);
        assert!((widths[1] - widths[0] / 2.0).abs() < 0.01);
        assert_eq!(widths[1], widths[2]);
        assert_eq!(widths[3], 0.0);
        let labels: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("label"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(labels[0], "R&D <labs>");
        assert!(!svg.contains("style"));
    }

    #[test]
    fn an_empty_chart_and_odd_numbers_stay_valid() {
        parse(&bar_chart("e", "", "", &[]));
        let svg = bar_chart(
            "n",
            "t",
            "d",
            &[Bar {
                label: "x\u{1}y".into(),
                value: f64::NAN,
                note: String::new(),
            }],
        );
        assert_eq!(bars_of(&parse(&svg)), [0.0]);
        parse(&histogram("h", "t", "d", &[]));
        parse(&paired_chart("p", "t", "d", ("a", "b"), &[]));
    }

    #[test]
    fn histogram_heights_follow_the_counts() {
        let bins = vec![
            ("0–9".to_owned(), 4),
            ("10–19".to_owned(), 2),
            ("20–29".to_owned(), 0),
        ];
        let svg = histogram("h", "Strength", "counts", &bins);
        let doc = parse(&svg);
        let heights: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| n.attribute("height").unwrap().parse().unwrap())
            .collect();
        assert_eq!(heights.len(), 3);
        assert!((heights[1] - heights[0] / 2.0).abs() < 0.01);
        assert_eq!(heights[2], 0.0);
    }

    #[test]
    fn paired_bars_share_one_scale() {
        let rows = vec![("Ada & <Bob>".to_owned(), 4.0, 1.0)];
        let svg = paired_chart("p", "Given & received", "d", ("given", "received"), &rows);
        let doc = parse(&svg);
        let w: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("width") != Some("12"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect();
        assert_eq!(w.len(), 2);
        assert!((w[1] - w[0] / 4.0).abs() < 0.01);
    }

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.25), "1.25");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(percent(0.346), "35%");
        assert_eq!(percent(f64::NAN), "0%");
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
