//! The generator's "planted truth" file: one CSV row per generated person with the closeness
//! to the user and the community the generator planted, so analytics can be checked against it.

use std::io::{self, Write};

/// One planted fact about a generated person.
#[derive(Debug, Clone, PartialEq)]
pub struct TruthRow<'a> {
    /// The person's name (unique in a generated network).
    pub name: &'a str,
    /// Planted closeness to the user, 0..1.
    pub closeness: f64,
    /// Planted community number.
    pub community: u32,
}

/// Writes the header `name,closeness,community` and one row per person, quoting names that
/// need it (RFC 4180).
pub fn write_truth<'a, W: Write>(
    mut out: W,
    rows: impl IntoIterator<Item = TruthRow<'a>>,
) -> io::Result<()> {
    writeln!(out, "name,closeness,community")?;
    for row in rows {
        writeln!(
            out,
            "{},{:.6},{}",
            quote(row.name),
            row.closeness,
            row.community
        )?;
    }
    out.flush()
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_header_rows_and_quotes() -> io::Result<()> {
        let mut buf = Vec::new();
        write_truth(
            &mut buf,
            [
                TruthRow {
                    name: "Ana Lee",
                    closeness: 0.5,
                    community: 3,
                },
                TruthRow {
                    name: "Lee, \"Bo\"",
                    closeness: 0.25,
                    community: 0,
                },
            ],
        )?;
        let text = String::from_utf8_lossy(&buf);
        assert_eq!(
            text,
            "name,closeness,community\nAna Lee,0.500000,3\n\"Lee, \"\"Bo\"\"\",0.250000,0\n"
        );
        Ok(())
    }
}
