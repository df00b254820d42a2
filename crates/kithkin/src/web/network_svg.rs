//! A picture of the knows network as SVG, laid out on the server: a deterministic
//! Fruchterman–Reingold force-directed layout (fixed seed, fixed number of iterations, so the
//! same network always gives the same picture), nodes coloured by community through CSS
//! classes (`c0`…`c9`, `c-other`), each node a link to the person's page with their name as
//! its tooltip.

use super::charts::escape;
use std::fmt::Write;

/// How many communities get their own colour; the others share `c-other`.
pub const COLOURS: usize = 10;

/// The picture's size (viewBox units).
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 640.0;
const MARGIN: f64 = 16.0;

/// The pull towards the centre, per unit of distance (about area / (2 R²) for a round
/// picture of radius R, whatever the number of nodes, since k² · n = area).
const GRAVITY: f64 = 1.5;

/// The iterations of the layout.
pub const ITERATIONS: usize = 200;

/// One node to draw.
#[derive(Debug, Clone)]
pub struct Node {
    /// The person's id, for the link.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their community (any number; colours are given by community size).
    pub community: u32,
    /// Their tie strength (0–100), for the radius.
    pub strength: f64,
}

/// A small deterministic generator (SplitMix64) for the starting positions.
#[derive(Debug)]
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Fruchterman–Reingold: positions in [0, WIDTH] × [0, HEIGHT] for `n` nodes joined by
/// `edges` `(i, j, weight)`; indexes out of range are ignored. Deterministic for a given
/// input (`seed` picks the starting positions).
pub fn layout(n: usize, edges: &[(usize, usize, f64)], seed: u64) -> Vec<(f64, f64)> {
    let mut rng = SplitMix(seed);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.unit() * WIDTH, rng.unit() * HEIGHT))
        .collect();
    if n < 2 {
        return pos
            .into_iter()
            .map(|_| (WIDTH / 2.0, HEIGHT / 2.0))
            .collect();
    }
    let k = (WIDTH * HEIGHT / n as f64).sqrt();
    let mut temperature = WIDTH / 10.0;
    let cooling = temperature / (ITERATIONS as f64 + 1.0);
    let mut disp = vec![(0.0_f64, 0.0_f64); n];
    for _ in 0..ITERATIONS {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                // repulsion k²/d along the unit vector: (dx, dy) · k² / d²
                let f = k * k / d2;
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(i, j, w) in edges {
            if i >= n || j >= n || i == j {
                continue;
            }
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            // attraction d²/k along the unit vector, stronger for stronger links
            let w = if w.is_finite() {
                w.clamp(0.05, 1.0)
            } else {
                0.05
            };
            let f = d / k * w;
            disp[i].0 -= dx * f;
            disp[i].1 -= dy * f;
            disp[j].0 += dx * f;
            disp[j].1 += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            // gravity towards the centre, growing with the distance, keeps the picture round
            // and separate components on it (the frame is not a wall: `fit` scales at the end)
            let (dx, dy) = (
                d.0 + (WIDTH / 2.0 - p.0) * GRAVITY,
                d.1 + (HEIGHT / 2.0 - p.1) * GRAVITY,
            );
            let len = (dx * dx + dy * dy).sqrt();
            if len > 0.0 && len.is_finite() {
                let step = len.min(temperature);
                p.0 += dx / len * step;
                p.1 += dy / len * step;
            }
        }
        temperature = (temperature - cooling).max(1.0);
    }
    fit(pos)
}

/// Scales positions to fill the picture within its margin.
fn fit(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in &pos {
        x0 = x0.min(*x);
        y0 = y0.min(*y);
        x1 = x1.max(*x);
        y1 = y1.max(*y);
    }
    let sx = if x1 - x0 > 1e-9 {
        (WIDTH - 2.0 * MARGIN) / (x1 - x0)
    } else {
        0.0
    };
    let sy = if y1 - y0 > 1e-9 {
        (HEIGHT - 2.0 * MARGIN) / (y1 - y0)
    } else {
        0.0
    };
    pos.into_iter()
        .map(|(x, y)| {
            (
                if sx > 0.0 {
                    MARGIN + (x - x0) * sx
                } else {
                    WIDTH / 2.0
                },
                if sy > 0.0 {
                    MARGIN + (y - y0) * sy
                } else {
                    HEIGHT / 2.0
                },
            )
        })
        .collect()
}

/// The colour class of each community: the largest gets `c0`, the next `c1`…, those past
/// [`COLOURS`] `c-other`. Returns the class per node and the communities in colour order
/// with their sizes.
pub fn colours(nodes: &[Node]) -> (Vec<String>, Vec<(u32, usize)>) {
    let mut sizes: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for n in nodes {
        *sizes.entry(n.community).or_default() += 1;
    }
    let mut order: Vec<(u32, usize)> = sizes.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let class = |c: u32| match order.iter().position(|(k, _)| *k == c) {
        Some(i) if i < COLOURS => format!("c{i}"),
        _ => "c-other".to_owned(),
    };
    (nodes.iter().map(|n| class(n.community)).collect(), order)
}

/// The SVG picture of `nodes` joined by `edges` (indexes into `nodes`).
pub fn network_svg(
    id: &str,
    title: &str,
    desc: &str,
    nodes: &[Node],
    edges: &[(usize, usize, f64)],
) -> String {
    let pos = layout(nodes.len(), edges, 0x6b69_7468_6b69_6e00);
    let (classes, _) = colours(nodes);
    let id = escape(id);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart network" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><g class="edges">"#,
        escape(title),
        escape(desc),
    );
    for &(i, j, w) in edges {
        let (Some(a), Some(b)) = (pos.get(i), pos.get(j)) else {
            continue;
        };
        let width = if w.is_finite() {
            0.5 + w.clamp(0.0, 1.0) * 1.5
        } else {
            0.5
        };
        let _ = write!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke-width="{width:.2}"></line>"#,
            a.0, a.1, b.0, b.1
        );
    }
    s.push_str(r#"</g><g class="nodes">"#);
    for ((n, p), class) in nodes.iter().zip(&pos).zip(&classes) {
        let strength = if n.strength.is_finite() {
            n.strength.clamp(0.0, 100.0)
        } else {
            0.0
        };
        let r = 3.0 + strength / 100.0 * 6.0;
        let _ = write!(
            s,
            r#"<a href="/people/{}"><circle class="node {class}" cx="{:.1}" cy="{:.1}" r="{r:.1}"><title>{}</title></circle></a>"#,
            escape(&n.id),
            p.0,
            p.1,
            escape(&n.name),
        );
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    // tests only: a failed unwrap is a failed test; no user input reaches this code
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn node(i: usize, community: u32) -> Node {
        Node {
            id: format!("id{i}"),
            name: format!("P{i} <&>"),
            community,
            strength: (i * 10) as f64,
        }
    }

    #[test]
    fn the_layout_is_deterministic_and_inside_the_picture() {
        let edges = vec![(0, 1, 1.0), (1, 2, 0.5), (3, 4, 1.0), (0, 9, 1.0)];
        let a = layout(5, &edges, 7);
        let b = layout(5, &edges, 7);
        assert_eq!(a, b);
        for (x, y) in &a {
            assert!((0.0..=WIDTH).contains(x) && (0.0..=HEIGHT).contains(y));
        }
        assert_eq!(layout(0, &[], 1).len(), 0);
        assert_eq!(layout(1, &[], 1), [(WIDTH / 2.0, HEIGHT / 2.0)]);
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // two triangles joined by nothing: within a triangle, nodes sit closer
        let edges = vec![
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
        ];
        let p = layout(6, &edges, 42);
        let d = |i: usize, j: usize| ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
        let within = (d(0, 1) + d(1, 2) + d(3, 4)) / 3.0;
        let across = (d(0, 3) + d(1, 4) + d(2, 5)) / 3.0;
        assert!(within < across, "{within} {across}");
    }

    #[test]
    fn communities_are_coloured_by_size() {
        let mut nodes: Vec<Node> = (0..3).map(|i| node(i, 7)).collect();
        nodes.push(node(3, 2));
        nodes.extend((4..16).map(|i| node(i, 100 + i as u32)));
        let (classes, order) = colours(&nodes);
        assert_eq!(classes[0], "c0");
        assert_eq!(classes[3], "c1");
        assert_eq!(order[0], (7, 3));
        assert_eq!(
            classes.iter().filter(|c| *c == "c-other").count(),
            16 - 4 - 8
        );
    }

    #[test]
    fn the_picture_is_valid_xml_with_escaped_names_and_links() {
        let nodes: Vec<Node> = (0..4).map(|i| node(i, (i % 2) as u32)).collect();
        let svg = network_svg(
            "n",
            "Network & <co>",
            "4 people",
            &nodes,
            &[(0, 1, 0.5), (2, 3, 1.0), (0, 99, 1.0)],
        );
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        let circles: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .collect();
        assert_eq!(circles.len(), 4);
        assert_eq!(
            circles[0].first_element_child().unwrap().text(),
            Some("P0 <&>")
        );
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("line")).count(),
            2
        );
        assert!(svg.contains(r#"<a href="/people/id2">"#));
        assert!(!svg.contains("style"));
    }
}
