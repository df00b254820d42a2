//! Edge lists of the network between contacts: the CSV layout `kithkin network import-edges`
//! reads and `kithkin network export --format csv` writes, and the GraphML and JSON exports.
//!
//! The CSV has a header naming its columns, matched by name (case and surrounding spaces
//! ignored, a byte-order mark stripped): `source` and `target` (people's names) are required,
//! `weight` (how well they know each other, above 0 and at most 1; 1 when absent or empty)
//! is optional, and so are `source_id` and `target_id` (Kithkin's ids, which the export
//! writes so that people with the same name round-trip). Other columns are ignored.
//!
//! ```
//! use kithkin_formats::edges::read_edges_csv;
//! let csv = "source,target,weight\nAna Lima,Ben Ode,0.8\nAna Lima,,1\n";
//! let read = read_edges_csv(csv.as_bytes()).unwrap();
//! assert_eq!(read.edges.len(), 1);
//! assert_eq!(read.edges[0].weight, 0.8);
//! assert_eq!(read.errors[0].line, 3);
//! ```

use serde::Serialize;
use std::io::{Read, Write};

/// One edge read from a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRecord {
    /// The line of the file it came from (1 is the header).
    pub line: u64,
    /// Source name.
    pub source: String,
    /// Target name.
    pub target: String,
    /// Weight in (0, 1].
    pub weight: f64,
    /// Source id, when the file has one.
    pub source_id: Option<String>,
    /// Target id, when the file has one.
    pub target_id: Option<String>,
}

/// A record that could not be read, with its line and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordError {
    /// The line of the file (1 is the header).
    pub line: u64,
    /// What is wrong with it.
    pub message: String,
}

/// What [`read_edges_csv`] found: the good edges, and an error for each bad record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgesRead {
    /// Edges, in file order.
    pub edges: Vec<EdgeRecord>,
    /// Records that were skipped, in file order.
    pub errors: Vec<RecordError>,
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EdgesError {
    /// The header lacks a required column.
    #[error("the header has no `{0}` column (expected `source,target[,weight]`)")]
    MissingColumn(&'static str),
    /// The file is not readable CSV at all.
    #[error("cannot read the CSV header: {0}")]
    Header(String),
}

/// Reads an edge list. Bad records (a missing name, a weight that is not a number in (0, 1],
/// a malformed line) are reported with their line and skipped; the rest is read.
pub fn read_edges_csv(input: impl Read) -> Result<EdgesRead, EdgesError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| EdgesError::Header(e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers.iter().position(|h| {
            h.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case(name)
        })
    };
    let source = column("source").ok_or(EdgesError::MissingColumn("source"))?;
    let target = column("target").ok_or(EdgesError::MissingColumn("target"))?;
    let weight = column("weight");
    let source_id = column("source_id");
    let target_id = column("target_id");
    let mut out = EdgesRead::default();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, csv::Position::line);
                out.errors.push(RecordError {
                    line,
                    message: format!("not a readable CSV record: {e}"),
                });
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(line, csv::Position::line);
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let (Some(s), Some(t)) = (field(Some(source)), field(Some(target))) else {
            out.errors.push(RecordError {
                line,
                message: "both `source` and `target` need a name".into(),
            });
            continue;
        };
        let w = match field(weight) {
            None => 1.0,
            Some(text) => match text.parse::<f64>() {
                Ok(w) if w > 0.0 && w <= 1.0 => w,
                _ => {
                    out.errors.push(RecordError {
                        line,
                        message: format!(
                            "weight `{text}` is not a number above 0 and at most 1 (how well they know each other)"
                        ),
                    });
                    continue;
                }
            },
        };
        out.edges.push(EdgeRecord {
            line,
            source: s,
            target: t,
            weight: w,
            source_id: field(source_id),
            target_id: field(target_id),
        });
    }
    Ok(out)
}

/// A node of an exported graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeOut {
    /// Kithkin's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Community (cluster) number, when computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<u32>,
}

/// An edge of an exported graph, between node indices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EdgeOut {
    /// Index of one end in the nodes.
    pub source: usize,
    /// Index of the other end.
    pub target: usize,
    /// Weight in (0, 1].
    pub weight: f64,
}

/// Writes the edges as the CSV [`read_edges_csv`] reads (with ids, so duplicate names
/// round-trip). Edges naming a node out of range are skipped.
pub fn write_edges_csv(
    out: impl Write,
    nodes: &[NodeOut],
    edges: &[EdgeOut],
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["source", "target", "weight", "source_id", "target_id"])?;
    for e in edges {
        if let (Some(a), Some(b)) = (nodes.get(e.source), nodes.get(e.target)) {
            let weight = e.weight.to_string();
            w.write_record([&a.name, &b.name, &weight, &a.id, &b.id])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes the graph as GraphML (undirected; node attributes `name` and `community`, edge
/// attribute `weight`), readable by networkx, igraph, Gephi and yEd.
pub fn write_graphml(
    mut out: impl Write,
    nodes: &[NodeOut],
    edges: &[EdgeOut],
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        out,
        r#"  <key id="name" for="node" attr.name="name" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="community" for="node" attr.name="community" attr.type="int"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#
    )?;
    writeln!(out, r#"  <graph id="kithkin" edgedefault="undirected">"#)?;
    for n in nodes {
        write!(
            out,
            r#"    <node id="{}"><data key="name">{}</data>"#,
            xml_escape(&n.id),
            xml_escape(&n.name)
        )?;
        if let Some(c) = n.community {
            write!(out, r#"<data key="community">{c}</data>"#)?;
        }
        writeln!(out, "</node>")?;
    }
    for e in edges {
        if let (Some(a), Some(b)) = (nodes.get(e.source), nodes.get(e.target)) {
            writeln!(
                out,
                r#"    <edge source="{}" target="{}"><data key="weight">{}</data></edge>"#,
                xml_escape(&a.id),
                xml_escape(&b.id),
                e.weight
            )?;
        }
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

/// Escapes text for XML content and attributes; characters XML 1.0 cannot hold are dropped.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn nodes() -> Vec<NodeOut> {
        ["Ana, \"the\" <boss>", "Ben", "Ben"]
            .iter()
            .enumerate()
            .map(|(i, n)| NodeOut {
                id: format!("id{i}"),
                name: (*n).to_owned(),
                community: Some(i as u32 % 2),
            })
            .collect()
    }

    #[test]
    fn csv_round_trips_with_awkward_names_and_duplicates() {
        let edges = [
            EdgeOut {
                source: 0,
                target: 1,
                weight: 0.25,
            },
            EdgeOut {
                source: 1,
                target: 2,
                weight: 1.0 / 3.0,
            },
        ];
        let mut buf = Vec::new();
        write_edges_csv(&mut buf, &nodes(), &edges).unwrap();
        let read = read_edges_csv(buf.as_slice()).unwrap();
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        assert_eq!(read.edges.len(), 2);
        assert_eq!(read.edges[0].source, "Ana, \"the\" <boss>");
        assert_eq!(read.edges[0].weight, 0.25);
        assert_eq!(read.edges[1].weight, 1.0 / 3.0); // shortest round-trip float text
        assert_eq!(read.edges[1].source_id.as_deref(), Some("id1"));
        assert_eq!(read.edges[1].target_id.as_deref(), Some("id2"));
        assert_eq!(read.edges[1].line, 3);
    }

    #[test]
    fn bad_records_are_reported_by_line_and_the_rest_is_read() {
        let csv = "\u{feff}Source , TARGET,Weight,extra\n\
                   a,b,0.5,x\n\
                   a,,0.5\n\
                   c,d,2\n\
                   e,f,abc\n\
                   g,h\n\
                   i,j,,\n\
                   k,l,-0.1\n";
        let read = read_edges_csv(csv.as_bytes()).unwrap();
        let names: Vec<_> = read.edges.iter().map(|e| e.source.as_str()).collect();
        assert_eq!(names, ["a", "g", "i"]);
        assert_eq!(read.edges[1].weight, 1.0);
        assert_eq!(read.edges[2].weight, 1.0);
        let lines: Vec<u64> = read.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 8]);
        assert!(read.errors[1].message.contains("`2`"));
    }

    #[test]
    fn missing_columns_refuse_the_file() {
        let err = read_edges_csv("from,to\na,b\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("`source`"));
        let err = read_edges_csv("source,to\na,b\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("`target`"));
        let read = read_edges_csv("".as_bytes());
        assert!(read.is_err());
    }

    #[test]
    fn graphml_escapes_and_lists_everything() {
        let edges = [EdgeOut {
            source: 0,
            target: 2,
            weight: 0.5,
        }];
        let mut buf = Vec::new();
        write_graphml(&mut buf, &nodes(), &edges).unwrap();
        let xml = String::from_utf8(buf).unwrap();
        assert!(xml.contains("Ana, &quot;the&quot; &lt;boss&gt;"));
        assert_eq!(xml.matches("<node ").count(), 3);
        assert!(xml.contains(r#"<edge source="id0" target="id2"><data key="weight">0.5</data>"#));
        assert!(xml.contains(r#"<data key="community">1</data>"#));
    }
}
