//! The value axis shared by bar and line charts: 0–max with a gridline per step.

use super::{Anchor, Color, Point, Shape, Stroke};

pub const LEFT: f64 = 44.0;
pub const TOP: f64 = 40.0;
pub const PLOT_H: f64 = 180.0;

/// y of a value on the 0–`max` axis.
pub fn y_of(v: f64, max: f64) -> f64 {
    TOP + PLOT_H * (1.0 - v.clamp(0.0, max) / max)
}

/// Title, gridlines with their numbers, and the x labels centred at `xs`.
pub fn frame(title: &str, width: f64, max: f64, xs: &[(f64, &str)]) -> Vec<Shape> {
    let mut shapes = vec![Shape::Text {
        at: Point::new(LEFT, 20.0),
        text: title.to_owned(),
        size: 14.0,
        anchor: Anchor::Start,
        bold: true,
        color: Color::BLACK,
    }];
    for step in 0..=max.round() as usize {
        let y = y_of(step as f64, max);
        shapes.push(Shape::Line {
            from: Point::new(LEFT, y),
            to: Point::new(width - 10.0, y),
            stroke: Stroke::solid(
                if step == 0 {
                    Color::TEXT_SUB
                } else {
                    Color::GRID
                },
                0.8,
            ),
        });
        shapes.push(Shape::Text {
            at: Point::new(LEFT - 8.0, y + 4.0),
            text: step.to_string(),
            size: 11.0,
            anchor: Anchor::End,
            bold: false,
            color: Color::TEXT_SUB,
        });
    }
    for &(x, label) in xs {
        shapes.push(Shape::Text {
            at: Point::new(x, TOP + PLOT_H + 18.0),
            text: label.to_owned(),
            size: 12.0,
            anchor: Anchor::Middle,
            bold: false,
            color: Color::BLACK,
        });
    }
    shapes
}
