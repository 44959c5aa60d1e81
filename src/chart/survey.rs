//! アンケートの図 as the report draws them: a pie for one choice or a 5段階
//! question (with each share and count beside its label), horizontal bars for
//! multiple choice, the 当てはまる share of each grid row and a matrix's cells.

use super::{Anchor, Color, Fill, Point, Scene, Shape, Stroke};
use crate::analysis::survey::{percent, QuestionResult};
use crate::model::survey::QuestionKind;

/// Slice colours that stay apart in greyscale print: dark to light, then orange.
const SLICES: [(Color, f64); 6] = [
    (Color(0x00, 0x17, 0xc1), 1.0),
    (Color(0x00, 0x17, 0xc1), 0.55),
    (Color(0x00, 0x17, 0xc1), 0.25),
    (Color(0xd1, 0x6b, 0x00), 0.8),
    (Color(0xd1, 0x6b, 0x00), 0.35),
    (Color(0x59, 0x59, 0x59), 0.3),
];

const BAR: Color = Color(0x00, 0x17, 0xc1);

fn text(at: Point, t: &str, size: f64, anchor: Anchor, bold: bool) -> Shape {
    Shape::Text {
        at,
        text: t.to_owned(),
        size,
        anchor,
        bold,
        color: Color::BLACK,
    }
}

/// Cuts a label to what fits in `chars` full-width characters, on two lines.
fn two_lines(label: &str, chars: usize) -> Vec<String> {
    let all: Vec<char> = label.chars().collect();
    if all.len() <= chars {
        return vec![label.to_owned()];
    }
    let first: String = all[..chars].iter().collect();
    let rest: String = if all.len() > 2 * chars {
        all[chars..2 * chars - 1]
            .iter()
            .chain(['…'].iter())
            .collect()
    } else {
        all[chars..].iter().collect()
    };
    vec![first, rest]
}

fn title_of(q: &QuestionResult) -> String {
    format!("問{}　{}（{}）", q.number, q.text, q.base_label)
}

/// A pie of the options' shares, slices clockwise from twelve o'clock.
pub fn pie(q: &QuestionResult) -> Scene {
    let (cx, cy, r): (f64, f64, f64) = (110.0, 140.0, 90.0);
    let legend_x = 230.0;
    let rows = q.options.len().max(1) as f64;
    let height = (cy + r + 20.0).max(60.0 + rows * 30.0 + 20.0);
    let mut shapes = Vec::new();
    for (i, line) in two_lines(&title_of(q), 40).iter().enumerate() {
        shapes.push(text(
            Point::new(10.0, 20.0 + 17.0 * i as f64),
            line,
            13.0,
            Anchor::Start,
            true,
        ));
    }
    let total: f64 = q.options.iter().map(|o| f64::from(o.count)).sum();
    let mut start = 0.0_f64;
    for (i, o) in q.options.iter().enumerate() {
        let (color, opacity) = SLICES[i % SLICES.len()];
        if total > 0.0 && o.count > 0 {
            let sweep = f64::from(o.count) / total * std::f64::consts::TAU;
            let mut points = vec![Point::new(cx, cy)];
            let steps = ((sweep / 0.05).ceil() as usize).max(2);
            for k in 0..=steps {
                let a = start + sweep * k as f64 / steps as f64;
                points.push(Point::new(cx + r * a.sin(), cy - r * a.cos()));
            }
            shapes.push(Shape::Polygon {
                points,
                stroke: Stroke::solid(Color(0xff, 0xff, 0xff), 1.0),
                fill: Some(Fill { color, opacity }),
                role: Some("slice".into()),
            });
            start += sweep;
        }
        let y = 70.0 + 30.0 * i as f64;
        shapes.push(Shape::Polygon {
            points: vec![
                Point::new(legend_x, y - 11.0),
                Point::new(legend_x + 14.0, y - 11.0),
                Point::new(legend_x + 14.0, y + 3.0),
                Point::new(legend_x, y + 3.0),
            ],
            stroke: Stroke::solid(color, 1.0),
            fill: Some(Fill { color, opacity }),
            role: None,
        });
        let label = two_lines(&o.label, 18).remove(0);
        shapes.push(text(
            Point::new(legend_x + 20.0, y),
            &label,
            11.0,
            Anchor::Start,
            false,
        ));
        shapes.push(text(
            Point::new(legend_x + 300.0, y),
            &format!("{}（{}）", percent(o.share), o.count),
            11.0,
            Anchor::End,
            true,
        ));
    }
    if total == 0.0 {
        shapes.push(text(
            Point::new(cx, cy),
            "回答なし",
            12.0,
            Anchor::Middle,
            false,
        ));
    }
    Scene {
        width: legend_x + 310.0,
        height,
        title: title_of(q),
        shapes,
    }
}

/// Horizontal bars, one per (label, share, count), 0–100%.
pub fn bars(q: &QuestionResult, items: &[(String, f64, u32)]) -> Scene {
    let (left, bar_w, row_h) = (250.0, 220.0, 34.0);
    let top = 50.0;
    let mut shapes = Vec::new();
    for (i, line) in two_lines(&title_of(q), 40).iter().enumerate() {
        shapes.push(text(
            Point::new(10.0, 20.0 + 17.0 * i as f64),
            line,
            13.0,
            Anchor::Start,
            true,
        ));
    }
    for (i, (label, share, count)) in items.iter().enumerate() {
        let y = top + row_h * i as f64;
        for (k, line) in two_lines(label, 21).iter().enumerate() {
            shapes.push(text(
                Point::new(
                    left - 8.0,
                    y + 12.0 + 12.0 * k as f64 - if label.chars().count() > 21 { 6.0 } else { 0.0 },
                ),
                line,
                10.0,
                Anchor::End,
                false,
            ));
        }
        let w = bar_w * share.clamp(0.0, 100.0) / 100.0;
        shapes.push(Shape::Polygon {
            points: vec![
                Point::new(left, y + 4.0),
                Point::new(left + bar_w, y + 4.0),
                Point::new(left + bar_w, y + 22.0),
                Point::new(left, y + 22.0),
            ],
            stroke: Stroke::solid(Color::GRID, 0.5),
            fill: None,
            role: None,
        });
        if w > 0.0 {
            shapes.push(Shape::Polygon {
                points: vec![
                    Point::new(left, y + 4.0),
                    Point::new(left + w, y + 4.0),
                    Point::new(left + w, y + 22.0),
                    Point::new(left, y + 22.0),
                ],
                stroke: Stroke::solid(BAR, 1.0),
                fill: Some(Fill {
                    color: BAR,
                    opacity: 0.85,
                }),
                role: Some("bar".into()),
            });
        }
        shapes.push(text(
            Point::new(left + bar_w + 8.0, y + 17.0),
            &format!("{}（{}）", percent(*share), count),
            10.0,
            Anchor::Start,
            true,
        ));
    }
    Scene {
        width: left + bar_w + 90.0,
        height: top + row_h * items.len().max(1) as f64 + 10.0,
        title: title_of(q),
        shapes,
    }
}

/// More options than this make a pie unreadable: bars of the chosen ones instead.
const PIE_MAX: usize = 8;
const BARS_MAX: usize = 15;

/// The picture for a question's results; None for free text.
pub fn question_chart(q: &QuestionResult) -> Option<Scene> {
    match q.kind {
        QuestionKind::Single if q.options.len() > PIE_MAX => {
            let chosen: Vec<_> = q
                .options
                .iter()
                .filter(|o| o.count > 0)
                .map(|o| (o.label.clone(), o.share, o.count))
                .collect();
            // Beyond a page's worth of bars the table says it better.
            (chosen.len() <= BARS_MAX).then(|| bars(q, &chosen))
        }
        QuestionKind::Single | QuestionKind::Scale => Some(pie(q)),
        QuestionKind::Multiple => Some(bars(
            q,
            &q.options
                .iter()
                .map(|o| (o.label.clone(), o.share, o.count))
                .collect::<Vec<_>>(),
        )),
        QuestionKind::YesNo => {
            let yes = q.rows.iter().map(|r| {
                let o = &r.options[0];
                (r.label.clone(), o.share, o.count)
            });
            Some(bars(q, &yes.collect::<Vec<_>>()))
        }
        QuestionKind::Matrix => {
            let cells = q.rows.iter().flat_map(|r| {
                r.options
                    .iter()
                    .map(move |o| (format!("{}・{}", r.label, o.label), o.share, o.count))
            });
            Some(bars(q, &cells.collect::<Vec<_>>()))
        }
        QuestionKind::Short | QuestionKind::Long => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::survey::{OptionShare, RowResult};

    fn result(kind: QuestionKind) -> QuestionResult {
        QuestionResult {
            question_id: 1,
            number: 4,
            section: String::new(),
            kind,
            text: "研修会全体の満足度についてお答えください".into(),
            asked: 48,
            answered: 48,
            base: 48,
            blank: None,
            condition: None,
            base_label: "回答 48件".into(),
            options: [
                ("非常に満足", 27),
                ("満足", 20),
                ("どちらともいえない", 1),
                ("やや不満", 0),
                ("不満", 0),
            ]
            .iter()
            .map(|(l, c)| OptionShare {
                label: l.to_string(),
                count: *c,
                share: f64::from(*c) * 100.0 / 48.0,
            })
            .collect(),
            rows: Vec::new(),
            top2: None,
            mean: None,
            sentence: None,
            texts: Vec::new(),
            text_groups: Vec::new(),
            previous: None,
        }
    }

    fn texts(s: &Scene) -> Vec<String> {
        s.shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_pie_has_a_slice_per_chosen_option_and_prints_every_share() {
        let s = pie(&result(QuestionKind::Scale));
        let slices = s
            .shapes
            .iter()
            .filter(|sh| matches!(sh, Shape::Polygon { role: Some(r), .. } if r == "slice"))
            .count();
        assert_eq!(slices, 3, "options nobody chose draw no slice");
        let t = texts(&s);
        assert!(t.contains(&"56.3%（27）".to_owned()), "{t:?}");
        assert!(t.contains(&"0%（0）".to_owned()));
        assert!(s.title.contains("回答 48"));
    }

    #[test]
    fn grid_rows_are_bars_of_their_yes_share() {
        let mut q = result(QuestionKind::YesNo);
        q.rows = vec![RowResult {
            label:
                "①ヒト（対応できる人材がいない、組織がない等）に関する理由により取り組めていない"
                    .into(),
            answered: 38,
            options: vec![
                OptionShare {
                    label: "当てはまる".into(),
                    count: 11,
                    share: 1100.0 / 38.0,
                },
                OptionShare {
                    label: "当てはまらない".into(),
                    count: 27,
                    share: 2700.0 / 38.0,
                },
            ],
        }];
        let s = question_chart(&q).unwrap();
        let bars: Vec<f64> = s
            .shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Polygon {
                    role: Some(r),
                    points,
                    ..
                } if r == "bar" => Some(points[1].x - points[0].x),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 1);
        assert!((bars[0] - 220.0 * 11.0 / 38.0).abs() < 1e-9);
        assert!(texts(&s).contains(&"28.9%（11）".to_owned()));
        assert!(question_chart(&result(QuestionKind::Long)).is_none());
    }
}
