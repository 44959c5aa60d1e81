//! Lines over ordered x labels: one line per series, gaps where a value is missing.

use super::axes::{frame, y_of, LEFT, PLOT_H, TOP};
use super::{Anchor, Color, Point, Scene, Shape, Stroke, SERIES};

pub struct LineSeries {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

pub fn lines(title: &str, x: &[String], series: &[LineSeries], max: f64) -> Scene {
    let step = 70.0;
    let width = LEFT + step * x.len().max(1) as f64 + 30.0;
    let x_of = |i: usize| LEFT + step * (i as f64 + 0.5);
    let xs: Vec<(f64, &str)> = x
        .iter()
        .enumerate()
        .map(|(i, l)| (x_of(i), l.as_str()))
        .collect();
    let mut shapes = frame(title, width, max, &xs);
    for (k, s) in series.iter().enumerate() {
        let (color, dash, marker) = SERIES[k % SERIES.len()];
        let stroke = Stroke {
            color,
            width: 2.0,
            dash: dash.map(<[f64]>::to_vec),
        };
        // A missing value breaks the line rather than dropping to zero.
        let mut run: Vec<Point> = Vec::new();
        let flush = |run: &mut Vec<Point>, shapes: &mut Vec<Shape>| {
            if run.len() > 1 {
                shapes.push(Shape::Path {
                    points: run.clone(),
                    stroke: stroke.clone(),
                    role: Some("line".into()),
                });
            }
            run.clear();
        };
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let p = Point::new(x_of(i), y_of(*v, max));
                    shapes.push(Shape::Marker {
                        at: p,
                        size: 4.0,
                        kind: marker,
                        color,
                    });
                    run.push(p);
                }
                None => flush(&mut run, &mut shapes),
            }
        }
        flush(&mut run, &mut shapes);
        let (lx, ly) = (
            LEFT + 150.0 * (k % 2) as f64,
            TOP + PLOT_H + 40.0 + 20.0 * (k / 2) as f64,
        );
        shapes.push(Shape::Line {
            from: Point::new(lx, ly - 4.0),
            to: Point::new(lx + 28.0, ly - 4.0),
            stroke: stroke.clone(),
        });
        shapes.push(Shape::Marker {
            at: Point::new(lx + 14.0, ly - 4.0),
            size: 4.0,
            kind: marker,
            color,
        });
        shapes.push(Shape::Text {
            at: Point::new(lx + 34.0, ly + 1.0),
            text: s.label.clone(),
            size: 12.0,
            anchor: Anchor::Start,
            bold: false,
            color: Color::BLACK,
        });
    }
    let rows = series.len().div_ceil(2) as f64;
    Scene {
        width: width.max(340.0),
        height: TOP + PLOT_H + 40.0 + 20.0 * rows,
        title: title.to_owned(),
        shapes,
    }
}
