//! Grouped bars: one group per x label, one bar per series (図23–25).

use super::axes::{frame, y_of, LEFT, PLOT_H, TOP};
use super::{Anchor, Color, Fill, Point, Scene, Shape, Stroke};

pub struct BarSeries {
    pub label: String,
    /// One value per group; None draws no bar.
    pub values: Vec<Option<f64>>,
}

/// Bar styles that stay apart in greyscale: a dark filled bar and a light one
/// with a dark outline.
const STYLES: [(Color, f64); 3] = [
    (Color(0x00, 0x17, 0xc1), 1.0),
    (Color(0x00, 0x17, 0xc1), 0.18),
    (Color(0xd1, 0x6b, 0x00), 0.6),
];

pub fn grouped(title: &str, groups: &[String], series: &[BarSeries], max: f64) -> Scene {
    let group_w = 24.0 * series.len().max(1) as f64 + 28.0;
    let width = LEFT + group_w * groups.len().max(1) as f64 + 20.0;
    let xs: Vec<(f64, &str)> = groups
        .iter()
        .enumerate()
        .map(|(g, label)| (LEFT + group_w * (g as f64 + 0.5), label.as_str()))
        .collect();
    let mut shapes = frame(title, width, max, &xs);
    for (k, s) in series.iter().enumerate() {
        let (color, opacity) = STYLES[k % STYLES.len()];
        for (g, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let x = LEFT + group_w * g as f64 + 14.0 + 24.0 * k as f64;
            let (top, bottom) = (y_of(*v, max), y_of(0.0, max));
            shapes.push(Shape::Polygon {
                points: vec![
                    Point::new(x, top),
                    Point::new(x + 20.0, top),
                    Point::new(x + 20.0, bottom),
                    Point::new(x, bottom),
                ],
                stroke: Stroke::solid(color, 1.0),
                fill: Some(Fill { color, opacity }),
                role: Some("bar".into()),
            });
            shapes.push(Shape::Text {
                at: Point::new(x + 10.0, top - 4.0),
                text: format!("{v:.1}"),
                size: 10.0,
                anchor: Anchor::Middle,
                bold: false,
                color: Color::BLACK,
            });
        }
        let lx = LEFT + 110.0 * k as f64;
        let ly = TOP + PLOT_H + 40.0;
        shapes.push(Shape::Polygon {
            points: vec![
                Point::new(lx, ly - 10.0),
                Point::new(lx + 14.0, ly - 10.0),
                Point::new(lx + 14.0, ly + 2.0),
                Point::new(lx, ly + 2.0),
            ],
            stroke: Stroke::solid(color, 1.0),
            fill: Some(Fill { color, opacity }),
            role: Some("legend".into()),
        });
        shapes.push(Shape::Text {
            at: Point::new(lx + 20.0, ly + 1.0),
            text: s.label.clone(),
            size: 12.0,
            anchor: Anchor::Start,
            bold: false,
            color: Color::BLACK,
        });
    }
    Scene {
        width: width.max(260.0),
        height: TOP + PLOT_H + 56.0,
        title: title.to_owned(),
        shapes,
    }
}
