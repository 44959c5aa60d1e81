//! The report's font: BIZ UDPGothic from assets/fonts, embedded in the binary
//! and subset into each PDF (only the glyphs used are written).

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFontHandle};
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Bold.ttf");

/// The TrueType file of the bundled face: the window is served the same bytes
/// the PDFs use, so the program carries them once.
pub fn file(bold: bool) -> &'static [u8] {
    if bold {
        BOLD
    } else {
        REGULAR
    }
}

fn parsed() -> &'static (ParsedFont, ParsedFont) {
    static FONTS: OnceLock<(ParsedFont, ParsedFont)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let parse = |bytes| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .expect("the shipped font parses (checked by a test)")
        };
        (parse(REGULAR), parse(BOLD))
    })
}

pub struct Fonts {
    regular: FontId,
    bold: FontId,
    /// Characters this document printed as 〓 because the face has no glyph.
    replaced: std::cell::Cell<usize>,
}

/// Printed in place of a character the face cannot draw (emoji, rare kanji):
/// the sign Japanese typesetting uses for a missing character (下駄).
pub const MISSING: char = '〓';

fn has_glyph(c: char) -> bool {
    c.is_control() || parsed().0.lookup_glyph_index(c as u32).is_some()
}

impl Fonts {
    pub fn add_to(doc: &mut PdfDocument) -> Self {
        let (r, b) = parsed();
        Fonts {
            regular: doc.add_font(r),
            bold: doc.add_font(b),
            replaced: std::cell::Cell::new(0),
        }
    }

    pub fn handle(&self, bold: bool) -> PdfFontHandle {
        PdfFontHandle::External(if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        })
    }

    /// `text` as it can be printed: each character without a glyph becomes
    /// 〓 (and is counted), rather than vanishing without a word.
    pub fn printable(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if has_glyph(c) {
                    c
                } else {
                    self.replaced.set(self.replaced.get() + 1);
                    MISSING
                }
            })
            .collect()
    }

    /// How many characters were printed as 〓 so far.
    pub fn replaced(&self) -> usize {
        self.replaced.get()
    }

    /// Width of `text` in points at `size` points, from the font's advances.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        char_widths(text, size, bold).iter().sum()
    }
}

/// Advance of each character in points.
pub fn char_widths(text: &str, size: f32, bold: bool) -> Vec<f32> {
    let (r, b) = parsed();
    let font = if bold { b } else { r };
    let em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    text.chars()
        .map(|c| {
            // A character without a glyph is printed as 〓, and measured so.
            let advance = font
                .lookup_glyph_index(c as u32)
                .or_else(|| font.lookup_glyph_index(MISSING as u32))
                .map(|g| font.get_horizontal_advance(g))
                .unwrap_or((em / 2.0) as u16);
            f32::from(advance) / em * size
        })
        .collect()
}
