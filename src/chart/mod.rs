//! Charts as backend-neutral scenes: shapes, text and colours in one coordinate
//! space (points, origin top-left, y down). The window shows a scene as SVG; the
//! report will draw the same scene with PDF operations, so both print the same
//! picture with real, searchable text.

pub mod axes;
pub mod bars;
pub mod evaluation;
pub mod line;
pub mod network;
pub mod pdf;
pub mod radar;
pub mod survey;
pub mod svg;
pub mod timeline;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub const BLACK: Color = Color(0x1a, 0x1a, 0x1a);
    pub const TEXT_SUB: Color = Color(0x59, 0x59, 0x59);
    pub const GRID: Color = Color(0xcc, 0xcc, 0xcc);

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Series styles that stay apart in greyscale print: each differs in colour,
/// lightness, dash pattern and marker.
pub const SERIES: [(Color, Option<&[f64]>, Marker); 5] = [
    (Color(0x00, 0x17, 0xc1), None, Marker::Circle),
    (Color(0xd1, 0x6b, 0x00), Some(&[6.0, 3.0]), Marker::Square),
    (Color(0x1f, 0x8a, 0x4c), Some(&[2.0, 2.5]), Marker::Triangle),
    (
        Color(0x8a, 0x1f, 0x7a),
        Some(&[8.0, 3.0, 2.0, 3.0]),
        Marker::Diamond,
    ),
    (Color(0x59, 0x59, 0x59), Some(&[1.0, 3.0]), Marker::Circle),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stroke {
    pub color: Color,
    pub width: f64,
    pub dash: Option<Vec<f64>>,
}

impl Stroke {
    pub fn solid(color: Color, width: f64) -> Self {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fill {
    pub color: Color,
    pub opacity: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Shape {
    Line {
        from: Point,
        to: Point,
        stroke: Stroke,
    },
    /// A closed shape; `role` names what it stands for (e.g. "series") so
    /// renderers and tests can tell data from decoration.
    Polygon {
        points: Vec<Point>,
        stroke: Stroke,
        fill: Option<Fill>,
        role: Option<String>,
    },
    /// An open line through the points; `role` as for polygons.
    Path {
        points: Vec<Point>,
        stroke: Stroke,
        role: Option<String>,
    },
    Marker {
        at: Point,
        size: f64,
        kind: Marker,
        color: Color,
    },
    Text {
        at: Point,
        text: String,
        size: f64,
        anchor: Anchor,
        bold: bool,
        color: Color,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// Read aloud by screen readers and used as the PDF figure caption.
    pub title: String,
    pub shapes: Vec<Shape>,
}
