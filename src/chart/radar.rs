//! A radar chart: one axis per strength, one polygon per rating session.

use super::{Anchor, Color, Fill, Point, Scene, Shape, Stroke, SERIES};
use crate::model::strength::{Axis, Barrier, Strengths};

pub struct Series<'a> {
    pub label: &'a str,
    /// One value per axis; None where nothing was rated (the polygon stays
    /// open there, and the axis says 「未評価」 — not a 0 the team never gave).
    pub values: Vec<Option<f64>>,
}

const SIZE: f64 = 420.0;
const RADIUS: f64 = 140.0;
const LEGEND_ROW: f64 = 22.0;

/// Axes clockwise from the top; values from 0 to `max`, rings at each whole step.
pub fn radar(title: &str, axes: &[&str], series: &[Series], max: f64) -> Scene {
    let legend_height = LEGEND_ROW * series.len() as f64 + 12.0;
    let g = Geometry {
        center: Point::new(SIZE / 2.0, 190.0),
        n: axes.len().max(3) as f64,
    };
    let mut shapes = Vec::new();
    grid(&mut shapes, &g, axes, max);
    unrated(&mut shapes, &g, axes, series);
    for (k, s) in series.iter().enumerate() {
        polygon(&mut shapes, &g, axes.len(), s, k, max);
        legend(&mut shapes, s, k);
    }
    Scene {
        width: SIZE,
        height: 370.0 + legend_height,
        title: title.to_owned(),
        shapes,
    }
}

/// Where the axes are: `n` spokes from `center`, the first pointing up.
struct Geometry {
    center: Point,
    n: f64,
}

impl Geometry {
    fn at(&self, i: usize, r: f64) -> Point {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / self.n;
        Point::new(
            self.center.x + r * angle.cos(),
            self.center.y + r * angle.sin(),
        )
    }
}

/// The rings of each step of the scale, with their numbers, and the spokes
/// with the axes' names.
fn grid(shapes: &mut Vec<Shape>, g: &Geometry, axes: &[&str], max: f64) {
    let steps = max.round().max(1.0) as usize;
    for step in 1..=steps {
        let r = RADIUS * step as f64 / max;
        shapes.push(Shape::Polygon {
            points: (0..axes.len()).map(|i| g.at(i, r)).collect(),
            stroke: Stroke::solid(Color::GRID, if step == steps { 1.2 } else { 0.8 }),
            fill: None,
            role: Some("grid".into()),
        });
        shapes.push(Shape::Text {
            at: Point::new(g.center.x + 4.0, g.center.y - r + 12.0),
            text: step.to_string(),
            size: 10.0,
            anchor: Anchor::Start,
            bold: false,
            color: Color::TEXT_SUB,
        });
    }
    for (i, label) in axes.iter().enumerate() {
        shapes.push(Shape::Line {
            from: g.center,
            to: g.at(i, RADIUS),
            stroke: Stroke::solid(Color::GRID, 0.8),
        });
        let p = g.at(i, RADIUS + 22.0);
        let anchor = if (p.x - g.center.x).abs() < 1.0 {
            Anchor::Middle
        } else if p.x > g.center.x {
            Anchor::Start
        } else {
            Anchor::End
        };
        shapes.push(Shape::Text {
            at: Point::new(p.x, p.y + 5.0),
            text: (*label).to_owned(),
            size: 15.0,
            anchor,
            bold: true,
            color: Color::BLACK,
        });
    }
}

/// 「未評価」 on each axis some series did not rate, naming which.
fn unrated(shapes: &mut Vec<Shape>, g: &Geometry, axes: &[&str], series: &[Series]) {
    for (i, _) in axes.iter().enumerate() {
        let missing: Vec<&str> = series
            .iter()
            .filter(|s| s.values.get(i).copied().flatten().is_none())
            .map(|s| s.label)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let text = if missing.len() == series.len() {
            "未評価".to_owned()
        } else {
            format!("未評価：{}", missing.join("・"))
        };
        let p = g.at(i, RADIUS * 0.55);
        shapes.push(Shape::Text {
            at: Point::new(p.x, p.y + 4.0),
            text,
            size: 11.0,
            anchor: Anchor::Middle,
            bold: false,
            color: Color::TEXT_SUB,
        });
    }
}

fn series_stroke(k: usize) -> (Stroke, Color, super::Marker) {
    let (color, dash, marker) = SERIES[k % SERIES.len()];
    (
        Stroke {
            color,
            width: 2.2,
            dash: dash.map(<[f64]>::to_vec),
        },
        color,
        marker,
    )
}

/// One series: a closed polygon when every axis is rated, else the runs of
/// neighbouring rated axes; a marker on each rated axis.
fn polygon(shapes: &mut Vec<Shape>, g: &Geometry, n: usize, s: &Series, k: usize, max: f64) {
    let (stroke, color, marker) = series_stroke(k);
    let value = |i: usize| s.values.get(i).copied().flatten();
    let point = |i: usize, v: f64| g.at(i, RADIUS * v.clamp(0.0, max) / max);
    let points: Vec<Point> = (0..n)
        .filter_map(|i| value(i).map(|v| point(i, v)))
        .collect();
    if (0..n).all(|i| value(i).is_some()) {
        shapes.push(Shape::Polygon {
            points: points.clone(),
            stroke: stroke.clone(),
            fill: Some(Fill {
                color,
                opacity: 0.08,
            }),
            role: Some("series".into()),
        });
    } else if let Some(gap) = (0..n).find(|&i| value(i).is_none()) {
        // Runs of neighbouring rated axes, going round from an unrated one.
        let mut run: Vec<Point> = Vec::new();
        for step in 1..=n {
            let i = (gap + step) % n;
            match value(i) {
                Some(v) => run.push(point(i, v)),
                None => {
                    if run.len() > 1 {
                        shapes.push(Shape::Path {
                            points: std::mem::take(&mut run),
                            stroke: stroke.clone(),
                            role: Some("series".into()),
                        });
                    }
                    run.clear();
                }
            }
        }
    }
    for p in points {
        shapes.push(Shape::Marker {
            at: p,
            size: 4.5,
            kind: marker,
            color,
        });
    }
}

/// The legend's row of a series: a line sample in its style, its marker and its label.
fn legend(shapes: &mut Vec<Shape>, s: &Series, k: usize) {
    let (stroke, color, marker) = series_stroke(k);
    let y = 380.0 + LEGEND_ROW * k as f64;
    let x = 110.0;
    shapes.push(Shape::Line {
        from: Point::new(x, y),
        to: Point::new(x + 36.0, y),
        stroke,
    });
    shapes.push(Shape::Marker {
        at: Point::new(x + 18.0, y),
        size: 4.5,
        kind: marker,
        color,
    });
    shapes.push(Shape::Text {
        at: Point::new(x + 46.0, y + 5.0),
        text: s.label.to_owned(),
        size: 13.0,
        anchor: Anchor::Start,
        bold: false,
        color: Color::BLACK,
    });
}

/// The radar of the four strengths (or of the barriers), a polygon per session.
pub fn strengths_radar(strengths: &Strengths, by_barrier: bool) -> Scene {
    let (title, names): (&str, Vec<&str>) = if by_barrier {
        (
            "障壁（ヒト・モノ・カネ・情報）の推移",
            Barrier::ALL.iter().map(|b| b.label()).collect(),
        )
    } else {
        (
            "強み（創造力・人力・対応力・財力）の推移",
            Axis::ALL.iter().map(|a| a.label()).collect(),
        )
    };
    let series: Vec<Series> = strengths
        .sessions
        .iter()
        .map(|s| Series {
            label: &s.label,
            values: if by_barrier { &s.barriers } else { &s.axes }
                .iter()
                .map(|x| x.mean)
                .collect(),
        })
        .collect();
    radar(title, &names, &series, 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_series_polygon_per_session_with_a_point_per_axis() {
        let axes = ["創造力", "人力", "対応力", "財力"];
        let s = radar(
            "強み",
            &axes,
            &[
                Series {
                    label: "事業開始時",
                    values: vec![Some(2.0), Some(3.0), None, Some(1.5)],
                },
                Series {
                    label: "中間",
                    values: vec![Some(3.0), Some(3.0), Some(2.0), Some(2.0)],
                },
            ],
            4.0,
        );
        let series: Vec<&Vec<Point>> = s
            .shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Polygon { points, role, .. } if role.as_deref() == Some("series") => {
                    Some(points)
                }
                _ => None,
            })
            .collect();
        // Only the fully rated session closes (the other stays open, below).
        assert_eq!(series.len(), 1);
        assert!(series.iter().all(|p| p.len() == 4));
        // 人力 = 3 of 4 sits three quarters out to the right of the centre.
        let c = Point::new(SIZE / 2.0, 190.0);
        assert!((series[0][1].x - (c.x + RADIUS * 0.75)).abs() < 1e-9);
        let labels: Vec<&str> = s
            .shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for a in axes {
            assert!(labels.contains(&a), "{a}");
        }
        assert!(labels.contains(&"中間"));
        assert!(labels.contains(&"未評価：事業開始時"));
    }

    #[test]
    fn an_unrated_axis_leaves_the_polygon_open_instead_of_a_zero() {
        let s = radar(
            "強み",
            &["創造力", "人力", "対応力", "財力"],
            &[Series {
                label: "事業開始時",
                values: vec![Some(2.0), Some(3.0), None, Some(1.5)],
            }],
            4.0,
        );
        let closed = s.shapes.iter().any(
            |sh| matches!(sh, Shape::Polygon { role, .. } if role.as_deref() == Some("series")),
        );
        assert!(!closed, "no closed polygon through a missing value");
        let paths: Vec<&Vec<Point>> = s
            .shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Path { points, role, .. } if role.as_deref() == Some("series") => {
                    Some(points)
                }
                _ => None,
            })
            .collect();
        // 財力 → 創造力 → 人力: one open run of three points, none at the centre.
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].len(), 3);
        let c = Point::new(SIZE / 2.0, 190.0);
        assert!(paths[0].iter().all(|p| (p.x - c.x).hypot(p.y - c.y) > 1.0));
        let texts: Vec<&str> = s
            .shapes
            .iter()
            .filter_map(|sh| match sh {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"未評価"));
    }
}
