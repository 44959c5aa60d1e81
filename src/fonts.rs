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
            let mut font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .expect("the shipped font parses (checked by a test)");
            if let Some(table) = direct_cmap(bytes) {
                font.cmap_subtable = Some(table);
            }
            font
        };
        (parse(REGULAR), parse(BOLD))
    })
}

/// The face's character map as one table indexed by the character: the
/// parser keeps it as ranges it scans from the start on every lookup
/// (thousands of them in a Japanese face), and the PDF writer looks up every
/// character it prints. The same mapping, read once: ≈ 40 k entries.
fn direct_cmap(bytes: &[u8]) -> Option<allsorts::tables::cmap::owned::CmapSubtable> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::tables::{cmap::Cmap, FontTableProvider};
    let font = ReadScope::new(bytes).read::<FontData>().ok()?;
    let provider = font.table_provider(0).ok()?;
    let data = provider.read_table_data(allsorts::tag::CMAP).ok()?;
    let cmap = ReadScope::new(&data).read::<Cmap>().ok()?;
    let (_, table) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
    let mut glyphs: Vec<u16> = Vec::new();
    table
        .mappings_fn(|ch, gid| {
            if let Ok(i) = usize::try_from(ch) {
                if i <= 0x10_FFFF {
                    if glyphs.len() <= i {
                        glyphs.resize(i + 1, 0);
                    }
                    glyphs[i] = gid;
                }
            }
        })
        .ok()?;
    Some(allsorts::tables::cmap::owned::CmapSubtable::Format10 {
        language: 0,
        start_char_code: 0,
        glyph_id_array: glyphs,
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

/// The face's glyph for `c`; glyph 0 is the face's "missing" glyph, which the
/// direct table gives for a character the face does not have.
fn glyph(c: char, bold: bool) -> Option<u16> {
    let (r, b) = parsed();
    if bold { b } else { r }
        .lookup_glyph_index(c as u32)
        .filter(|&g| g != 0)
}

fn has_glyph(c: char) -> bool {
    c.is_control() || glyph(c, false).is_some()
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
            let advance = glyph(c, bold)
                .or_else(|| glyph(MISSING, bold))
                .map(|g| font.get_horizontal_advance(g))
                .unwrap_or((em / 2.0) as u16);
            f32::from(advance) / em * size
        })
        .collect()
}
