//! Draws a chart scene with PDF operations: vector shapes and real text, so
//! labels in a report can be searched and copied.

use super::{Anchor, Color, Marker, Point, Scene, Shape, Stroke};
use crate::fonts::Fonts;
use printpdf::{
    Color as PdfColor, Line, LineDashPattern, LinePoint, Op, PaintMode, Polygon, PolygonRing, Pt,
    Rgb, TextItem, WindingOrder,
};

/// A fill colour with opacity, blended onto white paper (PDF transparency is
/// not needed for that, and prints the same everywhere).
pub fn paper(color: Color, opacity: f64) -> PdfColor {
    let mix = |c: u8| (f64::from(c) / 255.0 * opacity + (1.0 - opacity)) as f32;
    PdfColor::Rgb(Rgb {
        r: mix(color.0),
        g: mix(color.1),
        b: mix(color.2),
        icc_profile: None,
    })
}

pub fn rgb(color: Color) -> PdfColor {
    paper(color, 1.0)
}

/// Where a scene lands on the page: its top-left corner in PDF points (origin
/// bottom-left, y up) and the scale from scene units to points.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub scale: f64,
}

impl Placement {
    fn at(&self, p: Point) -> printpdf::Point {
        printpdf::Point {
            x: Pt((self.left + p.x * self.scale) as f32),
            y: Pt((self.top - p.y * self.scale) as f32),
        }
    }
}

fn stroke_ops(s: &Stroke, scale: f64) -> Vec<Op> {
    let dash = s
        .dash
        .as_ref()
        .map(|d| d.iter().map(|v| (v * scale) as f32).collect::<Vec<f32>>());
    vec![
        Op::SetOutlineColor { col: rgb(s.color) },
        Op::SetOutlineThickness {
            pt: Pt((s.width * scale) as f32),
        },
        Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, dash.as_deref().unwrap_or(&[])),
        },
    ]
}

fn ring(points: &[printpdf::Point]) -> PolygonRing {
    PolygonRing {
        points: points
            .iter()
            .map(|&p| LinePoint { p, bezier: false })
            .collect(),
    }
}

fn polygon(points: Vec<printpdf::Point>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![ring(&points)],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

pub fn render(scene: &Scene, at: Placement, fonts: &Fonts) -> Vec<Op> {
    let mut ops = vec![Op::SaveGraphicsState];
    // Fills first, then every line, marker and label over them: fills blended
    // onto paper are opaque, and would otherwise hide the series drawn before.
    for shape in &scene.shapes {
        if let Shape::Polygon {
            points,
            fill: Some(f),
            ..
        } = shape
        {
            ops.push(Op::SetFillColor {
                col: paper(f.color, f.opacity),
            });
            ops.push(polygon(
                points.iter().map(|&p| at.at(p)).collect(),
                PaintMode::Fill,
            ));
        }
    }
    for shape in &scene.shapes {
        match shape {
            Shape::Line { from, to, stroke } => {
                ops.extend(stroke_ops(stroke, at.scale));
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: at.at(*from),
                                bezier: false,
                            },
                            LinePoint {
                                p: at.at(*to),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Shape::Path { points, stroke, .. } => {
                ops.extend(stroke_ops(stroke, at.scale));
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points
                            .iter()
                            .map(|&p| LinePoint {
                                p: at.at(p),
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
            }
            Shape::Polygon { points, stroke, .. } => {
                let pts: Vec<printpdf::Point> = points.iter().map(|&p| at.at(p)).collect();
                ops.extend(stroke_ops(stroke, at.scale));
                ops.push(Op::DrawLine {
                    line: Line {
                        points: pts
                            .iter()
                            .map(|&p| LinePoint { p, bezier: false })
                            .collect(),
                        is_closed: true,
                    },
                });
            }
            Shape::Marker {
                at: p,
                size,
                kind,
                color,
            } => {
                let (x, y, s) = (p.x, p.y, *size);
                let pts: Vec<Point> = match kind {
                    // An octagon reads as a dot at marker size.
                    Marker::Circle => (0..8)
                        .map(|i| {
                            let a = std::f64::consts::TAU * f64::from(i) / 8.0;
                            Point::new(x + s * a.cos(), y + s * a.sin())
                        })
                        .collect(),
                    Marker::Square => vec![
                        Point::new(x - s, y - s),
                        Point::new(x + s, y - s),
                        Point::new(x + s, y + s),
                        Point::new(x - s, y + s),
                    ],
                    Marker::Triangle => vec![
                        Point::new(x, y - s * 1.2),
                        Point::new(x + s * 1.1, y + s * 0.8),
                        Point::new(x - s * 1.1, y + s * 0.8),
                    ],
                    Marker::Diamond => vec![
                        Point::new(x, y - s * 1.3),
                        Point::new(x + s * 1.3, y),
                        Point::new(x, y + s * 1.3),
                        Point::new(x - s * 1.3, y),
                    ],
                };
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(polygon(
                    pts.into_iter().map(|p| at.at(p)).collect(),
                    PaintMode::Fill,
                ));
            }
            Shape::Text {
                at: p,
                text,
                size,
                anchor,
                bold,
                color,
            } => {
                let size_pt = (size * at.scale) as f32;
                let text = fonts.printable(text);
                let width = fonts.width(&text, size_pt, *bold);
                let dx = match anchor {
                    Anchor::Start => 0.0,
                    Anchor::Middle => width / 2.0,
                    Anchor::End => width,
                };
                let mut pos = at.at(*p);
                pos.x = Pt(pos.x.0 - dx);
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: rgb(*color) },
                    Op::SetFont {
                        font: fonts.handle(*bold),
                        size: Pt(size_pt),
                    },
                    Op::SetTextCursor { pos },
                    Op::ShowText {
                        items: vec![TextItem::Text(text)],
                    },
                    Op::EndTextSection,
                ]);
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::radar::{radar, Series};

    #[test]
    fn every_fill_comes_before_every_line_so_no_series_is_hidden() {
        let scene = radar(
            "強み",
            &["創造力", "人力", "対応力", "財力"],
            &[
                Series {
                    label: "開始時",
                    values: vec![Some(2.0); 4],
                },
                Series {
                    label: "終了時",
                    values: vec![Some(3.0); 4],
                },
            ],
            4.0,
        );
        let mut doc = printpdf::PdfDocument::new("t");
        let fonts = Fonts::add_to(&mut doc);
        let ops = render(
            &scene,
            Placement {
                left: 0.0,
                top: 800.0,
                scale: 1.0,
            },
            &fonts,
        );
        // A series fill spans far more than a marker (a few points wide).
        let is_area_fill = |op: &Op| match op {
            Op::DrawPolygon { polygon } if polygon.mode == PaintMode::Fill => {
                let xs: Vec<f32> = polygon.rings[0].points.iter().map(|p| p.p.x.0).collect();
                let span = xs.iter().cloned().fold(f32::MIN, f32::max)
                    - xs.iter().cloned().fold(f32::MAX, f32::min);
                span > 30.0
            }
            _ => false,
        };
        assert_eq!(ops.iter().filter(|o| is_area_fill(o)).count(), 2);
        let last_fill = ops.iter().rposition(is_area_fill).unwrap();
        let first_line = ops
            .iter()
            .position(|o| matches!(o, Op::DrawLine { .. }))
            .unwrap();
        assert!(last_fill < first_line);
        let texts = ops
            .iter()
            .filter(|o| matches!(o, Op::ShowText { .. }))
            .count();
        assert_eq!(texts, 4 + 4 + 2, "ring numbers, axis labels, legend");
    }
}
