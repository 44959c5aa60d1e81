//! Renders a scene as SVG for the window.

use super::{Anchor, Marker, Point, Scene, Shape, Stroke};
use std::fmt::Write;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn stroke_attrs(s: &Stroke) -> String {
    let mut out = format!(
        r#"stroke="{}" stroke-width="{:.2}" stroke-linejoin="round""#,
        s.color.hex(),
        s.width
    );
    if let Some(d) = &s.dash {
        let d: Vec<String> = d.iter().map(|v| format!("{v:.1}")).collect();
        write!(out, r#" stroke-dasharray="{}""#, d.join(" ")).expect("writing to a String");
    }
    out
}

fn points(ps: &[Point]) -> String {
    ps.iter()
        .map(|p| format!("{:.2},{:.2}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render(scene: &Scene) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = write!(
        w,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0} {:.0}" width="{:.0}" height="{:.0}" role="img" aria-label="{}" font-family="'BIZ UDPGothic Bundled', 'BIZ UDPGothic', sans-serif"><title>{}</title>"#,
        scene.width,
        scene.height,
        scene.width,
        scene.height,
        esc(&scene.title),
        esc(&scene.title)
    );
    for shape in &scene.shapes {
        let _ = match shape {
            Shape::Line { from, to, stroke } => write!(
                w,
                r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" {}/>"#,
                from.x,
                from.y,
                to.x,
                to.y,
                stroke_attrs(stroke)
            ),
            Shape::Polygon {
                points: ps,
                stroke,
                fill,
                role,
            } => {
                let fill = fill
                    .map(|f| {
                        format!(
                            r#"fill="{}" fill-opacity="{:.2}""#,
                            f.color.hex(),
                            f.opacity
                        )
                    })
                    .unwrap_or_else(|| r#"fill="none""#.into());
                let class = role
                    .as_deref()
                    .map(|r| format!(r#" class="{}""#, esc(r)))
                    .unwrap_or_default();
                write!(
                    w,
                    r#"<polygon{class} points="{}" {fill} {}/>"#,
                    points(ps),
                    stroke_attrs(stroke)
                )
            }
            Shape::Path {
                points: ps,
                stroke,
                role,
            } => {
                let class = role
                    .as_deref()
                    .map(|r| format!(r#" class="{}""#, esc(r)))
                    .unwrap_or_default();
                write!(
                    w,
                    r#"<polyline{class} points="{}" fill="none" {}/>"#,
                    points(ps),
                    stroke_attrs(stroke)
                )
            }
            Shape::Marker {
                at,
                size,
                kind,
                color,
            } => {
                let c = color.hex();
                let (x, y, s) = (at.x, at.y, *size);
                match kind {
                    Marker::Circle => write!(
                        w,
                        r#"<circle cx="{x:.2}" cy="{y:.2}" r="{s:.2}" fill="{c}"/>"#
                    ),
                    Marker::Square => write!(
                        w,
                        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{c}"/>"#,
                        x - s,
                        y - s,
                        2.0 * s,
                        2.0 * s
                    ),
                    Marker::Triangle => write!(
                        w,
                        r#"<polygon points="{}" fill="{c}"/>"#,
                        points(&[
                            Point::new(x, y - s * 1.2),
                            Point::new(x + s * 1.1, y + s * 0.8),
                            Point::new(x - s * 1.1, y + s * 0.8)
                        ])
                    ),
                    Marker::Diamond => write!(
                        w,
                        r#"<polygon points="{}" fill="{c}"/>"#,
                        points(&[
                            Point::new(x, y - s * 1.3),
                            Point::new(x + s * 1.3, y),
                            Point::new(x, y + s * 1.3),
                            Point::new(x - s * 1.3, y)
                        ])
                    ),
                }
            }
            Shape::Text {
                at,
                text,
                size,
                anchor,
                bold,
                color,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { r#" font-weight="700""# } else { "" };
                write!(
                    w,
                    r#"<text x="{:.2}" y="{:.2}" font-size="{:.1}" text-anchor="{anchor}" fill="{}"{weight}>{}</text>"#,
                    at.x,
                    at.y,
                    size,
                    color.hex(),
                    esc(text)
                )
            }
        };
    }
    out.push_str("</svg>");
    out
}
