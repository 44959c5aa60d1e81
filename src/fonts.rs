//! The report's font: BIZ UDPGothic from assets/fonts, embedded in the binary
//! and subset into each PDF (only the glyphs used are written).

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFontHandle};
use std::sync::OnceLock;

const REGULAR: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Bold.ttf");

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
}

impl Fonts {
    pub fn add_to(doc: &mut PdfDocument) -> Self {
        let (r, b) = parsed();
        Fonts {
            regular: doc.add_font(r),
            bold: doc.add_font(b),
        }
    }

    pub fn handle(&self, bold: bool) -> PdfFontHandle {
        PdfFontHandle::External(if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        })
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
            let advance = font
                .lookup_glyph_index(c as u32)
                .map(|g| font.get_horizontal_advance(g))
                .unwrap_or((em / 2.0) as u16);
            f32::from(advance) / em * size
        })
        .collect()
}
