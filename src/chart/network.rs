//! The co-occurrence network drawn as KH Coder draws it: node size by
//! frequency, colour by community, stronger co-occurrence as a darker, thicker
//! line; a Fruchterman–Reingold layout from a fixed seed (the same data draws
//! the same picture) and labels pushed apart until none overlap.

use super::{Anchor, Color, Fill, Point, Scene, Shape, Stroke};
use crate::analysis::cooc::Network;
use crate::fonts::char_widths;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 480.0;
const MARGIN: f64 = 36.0;
const LABEL: f64 = 12.0;

/// Community colours: distinct hues light enough for black labels on top.
const PALETTE: [Color; 10] = [
    Color(0x8f, 0xb8, 0xf0),
    Color(0xf5, 0xb0, 0x7a),
    Color(0x9c, 0xd8, 0x9c),
    Color(0xe3, 0xa3, 0xd6),
    Color(0xf2, 0xd5, 0x6b),
    Color(0x8e, 0xd6, 0xd6),
    Color(0xd4, 0xb4, 0x96),
    Color(0xc3, 0xb0, 0xea),
    Color(0xf0, 0x9c, 0x9c),
    Color(0xb8, 0xcc, 0x78),
];

/// A small, stable generator: the layout must not change with a library's version.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn radius(frequency: u32, max: u32) -> f64 {
    let share = f64::from(frequency) / f64::from(max.max(1));
    7.0 + 15.0 * share.sqrt()
}

/// Node positions inside the drawing box, in the order of `net.nodes`.
pub fn layout(net: &Network) -> Vec<Point> {
    let n = net.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let (w, h) = (WIDTH - 2.0 * MARGIN, HEIGHT - 2.0 * MARGIN);
    let mut rng = SplitMix(100);
    let mut pos: Vec<(f64, f64)> = (0..n).map(|_| (rng.next() * w, rng.next() * h)).collect();
    let k = (w * h / n as f64).sqrt() * 0.75;
    let mut temperature = w / 8.0;
    let iterations = 300.max(n * 10).min(1000);
    for _ in 0..iterations {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for e in &net.edges {
            let (s, t) = (e.source as usize, e.target as usize);
            let (dx, dy) = (pos[s].0 - pos[t].0, pos[s].1 - pos[t].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            // Stronger co-occurrence pulls harder.
            let f = d * d / k * (0.5 + e.jaccard);
            disp[s].0 -= dx / d * f;
            disp[s].1 -= dy / d * f;
            disp[t].0 += dx / d * f;
            disp[t].1 += dy / d * f;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let step = d.min(temperature);
            pos[i].0 = (pos[i].0 + dx / d * step).clamp(0.0, w);
            pos[i].1 = (pos[i].1 + dy / d * step).clamp(0.0, h);
        }
        temperature = (temperature * 0.985).max(0.5);
    }
    // Fit the drawing into the box.
    let (min_x, max_x) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (min_y, max_y) = pos
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let sx = if max_x > min_x {
        w / (max_x - min_x)
    } else {
        1.0
    };
    let sy = if max_y > min_y {
        h / (max_y - min_y)
    } else {
        1.0
    };
    let mut points: Vec<Point> = pos
        .iter()
        .map(|p| {
            Point::new(
                MARGIN + if n == 1 { w / 2.0 } else { (p.0 - min_x) * sx },
                MARGIN + if n == 1 { h / 2.0 } else { (p.1 - min_y) * sy },
            )
        })
        .collect();
    separate_labels(net, &mut points);
    points
}

/// Half the width and the height above and below the centre that a node's
/// circle and label take.
fn extents(net: &Network) -> Vec<(f64, f64, f64)> {
    let max = net.nodes.iter().map(|n| n.frequency).max().unwrap_or(1);
    net.nodes
        .iter()
        .map(|node| {
            let text_w = f64::from(
                char_widths(&node.word, LABEL as f32, false)
                    .iter()
                    .sum::<f32>(),
            );
            let r = radius(node.frequency, max);
            (
                (text_w / 2.0).max(r) + 2.0,
                r + 1.0,
                r.max(LABEL / 2.0) + 1.0,
            )
        })
        .collect()
}

fn label_box(ext: (f64, f64, f64), p: Point) -> (f64, f64, f64, f64) {
    (p.x - ext.0, p.y - ext.1, p.x + ext.0, p.y + ext.2)
}

/// Pushes overlapping nodes (circle and label) apart along the shorter
/// overlap, a little at a time, keeping them inside the picture.
fn separate_labels(net: &Network, points: &mut [Point]) {
    let ext = extents(net);
    for _ in 0..400 {
        let mut moved = false;
        for i in 0..points.len() {
            for j in i + 1..points.len() {
                let a = label_box(ext[i], points[i]);
                let b = label_box(ext[j], points[j]);
                let ox = a.2.min(b.2) - a.0.max(b.0);
                let oy = a.3.min(b.3) - a.1.max(b.1);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                if ox < oy {
                    let push = ox / 2.0 + 0.5;
                    let dir = if points[i].x <= points[j].x {
                        -1.0
                    } else {
                        1.0
                    };
                    points[i].x += dir * push;
                    points[j].x -= dir * push;
                } else {
                    let push = oy / 2.0 + 0.5;
                    let dir = if points[i].y <= points[j].y {
                        -1.0
                    } else {
                        1.0
                    };
                    points[i].y += dir * push;
                    points[j].y -= dir * push;
                }
            }
        }
        for p in points.iter_mut() {
            p.x = p.x.clamp(MARGIN, WIDTH - MARGIN);
            p.y = p.y.clamp(MARGIN, HEIGHT - MARGIN);
        }
        if !moved {
            break;
        }
    }
}

/// The network as a scene; an empty network says why it is empty.
pub fn network_scene(title: &str, net: &Network) -> Scene {
    let mut shapes = Vec::new();
    let points = layout(net);
    if net.nodes.is_empty() {
        shapes.push(Shape::Text {
            at: Point::new(WIDTH / 2.0, HEIGHT / 2.0),
            text: if net.documents == 0 {
                "コメントがありません".into()
            } else {
                "共起する語がありません（最小出現数を下げると表示されます）".into()
            },
            size: 14.0,
            anchor: Anchor::Middle,
            bold: false,
            color: Color::TEXT_SUB,
        });
    }
    let (jmin, jmax) = net.edges.iter().fold((f64::MAX, f64::MIN), |(a, b), e| {
        (a.min(e.jaccard), b.max(e.jaccard))
    });
    // Weaker edges first, so the strong ones are drawn on top.
    let mut edges: Vec<&crate::analysis::cooc::NetEdge> = net.edges.iter().collect();
    edges.sort_by(|a, b| a.jaccard.total_cmp(&b.jaccard));
    for e in edges {
        let t = if jmax > jmin {
            (e.jaccard - jmin) / (jmax - jmin)
        } else {
            1.0
        };
        let grey = (0xc8 as f64 - t * (0xc8 - 0x33) as f64) as u8;
        shapes.push(Shape::Line {
            from: points[e.source as usize],
            to: points[e.target as usize],
            stroke: Stroke::solid(Color(grey, grey, grey), 0.8 + 2.8 * t),
        });
    }
    let max = net.nodes.iter().map(|n| n.frequency).max().unwrap_or(1);
    for (node, p) in net.nodes.iter().zip(&points) {
        let r = radius(node.frequency, max);
        let color = PALETTE
            .get(node.community as usize)
            .copied()
            .unwrap_or(Color(0xdd, 0xdd, 0xdd));
        shapes.push(Shape::Polygon {
            points: (0..28)
                .map(|i| {
                    let a = std::f64::consts::TAU * f64::from(i) / 28.0;
                    Point::new(p.x + r * a.cos(), p.y + r * a.sin())
                })
                .collect(),
            stroke: Stroke::solid(Color(0x55, 0x55, 0x55), 0.6),
            fill: Some(Fill {
                color,
                opacity: 1.0,
            }),
            role: Some("node".into()),
        });
        shapes.push(Shape::Text {
            at: Point::new(p.x, p.y + LABEL * 0.35),
            text: node.word.clone(),
            size: LABEL,
            anchor: Anchor::Middle,
            bold: false,
            color: Color::BLACK,
        });
    }
    Scene {
        width: WIDTH,
        height: HEIGHT,
        title: title.to_owned(),
        shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::cooc::network;
    use crate::model::cooc::NetworkOptions;
    use crate::tokenizer::WordClass;

    fn sample() -> Network {
        let words = [
            "事業",
            "情報",
            "視点",
            "強み",
            "専門",
            "団体",
            "提案",
            "出前",
            "講座",
            "資料",
            "産業保健",
            "協会",
        ];
        let docs: Vec<Vec<(String, WordClass)>> = (0..40)
            .map(|i| {
                (0..4)
                    .map(|k| {
                        (
                            words[(i * 3 + k * 5) % words.len()].to_string(),
                            WordClass::Noun,
                        )
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[(String, WordClass)]> = docs.iter().map(Vec::as_slice).collect();
        network(
            &refs,
            &NetworkOptions {
                min_freq: 2,
                top: 60,
                classes: WordClass::ALL.to_vec(),
                stop_words: vec![],
            },
        )
    }

    #[test]
    fn the_same_data_draws_the_same_picture() {
        let net = sample();
        assert!(net.nodes.len() > 5);
        assert_eq!(layout(&net), layout(&net));
        assert_eq!(network_scene("t", &net), network_scene("t", &net));
    }

    #[test]
    fn labels_do_not_overlap_and_stay_inside() {
        let net = sample();
        let points = layout(&net);
        let ext = extents(&net);
        for (i, p) in points.iter().enumerate() {
            assert!(p.x >= MARGIN - 1e-9 && p.x <= WIDTH - MARGIN + 1e-9);
            assert!(p.y >= MARGIN - 1e-9 && p.y <= HEIGHT - MARGIN + 1e-9);
            for j in i + 1..points.len() {
                let a = label_box(ext[i], *p);
                let b = label_box(ext[j], points[j]);
                let overlap = (a.2.min(b.2) - a.0.max(b.0)).min(a.3.min(b.3) - a.1.max(b.1));
                assert!(
                    overlap <= 0.5,
                    "{} and {} overlap",
                    net.nodes[i].word,
                    net.nodes[j].word
                );
            }
        }
    }

    #[test]
    fn stronger_edges_are_darker_and_thicker() {
        let net = sample();
        let scene = network_scene("t", &net);
        let lines: Vec<&Stroke> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line { stroke, .. } => Some(stroke),
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), net.edges.len());
        // Drawn weakest first: the last is the strongest.
        let (first, last) = (lines[0], lines[lines.len() - 1]);
        assert!(last.width >= first.width);
        assert!(last.color.0 <= first.color.0);
    }
}
