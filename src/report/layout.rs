//! A small page-layout engine over printpdf: A4 portrait pages, wrapped Japanese
//! text with 禁則, tables whose header repeats after a page break, charts, and a
//! running header and page number on every page.

use crate::chart::pdf::{render, rgb, Placement};
use crate::chart::{Color, Scene};
use crate::fonts::{char_widths, Fonts};
use printpdf::{Line, LinePoint, Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, TextItem};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 56.7; // 20 mm
const BOTTOM: f32 = MARGIN + 10.0;
pub const BODY_W: f32 = PAGE_W - 2.0 * MARGIN;

/// Characters that may not begin a line (行頭禁則).
const NO_START: &str =
    "、。，．,.)）」』】〕〉》ー・：；:;!?！？ゃゅょっぁぃぅぇぉャュョッァィゥェォ々〜";
/// Characters that may not end a line (行末禁則).
const NO_END: &str = "(（「『【〔〈《";

/// Breaks `text` into lines no wider than `width` points, never starting a
/// line with 、。）」ー etc. nor ending one with an opening bracket.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.chars().collect();
        let widths = char_widths(para, size, bold);
        let mut start = 0;
        while start < chars.len() {
            let mut used = 0.0;
            let mut end = start;
            while end < chars.len() && used + widths[end] <= width {
                used += widths[end];
                end += 1;
            }
            if end < chars.len() {
                // ぶら下げ: one 、 or 。 may hang just past the margin.
                if "、。，．,.".contains(chars[end]) && used + widths[end] <= width + size * 0.6
                {
                    end += 1;
                }
                // Otherwise carry characters over until the next line does not
                // begin with a forbidden one, and this one does not end with an
                // opening bracket.
                while end < chars.len() && end > start + 1 && NO_START.contains(chars[end]) {
                    end -= 1;
                }
                while end > start + 1 && NO_END.contains(chars[end - 1]) {
                    end -= 1;
                }
                // Keep ASCII words whole when possible.
                if end < chars.len() && chars[end].is_ascii_alphanumeric() {
                    if let Some(space) = (start + 1..end).rev().find(|&i| chars[i] == ' ') {
                        end = space + 1;
                    }
                }
            }
            end = end.max(start + 1);
            out.push(
                chars[start..end]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_owned(),
            );
            start = end;
            while start < chars.len() && chars[start] == ' ' {
                start += 1;
            }
        }
        if chars.is_empty() {
            out.push(String::new());
        }
    }
    out
}

/// A finished document, and how many characters it printed as 〓.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub replaced: usize,
    pub pages: usize,
}

pub struct Layout {
    doc: PdfDocument,
    pub fonts: Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    header: String,
    /// Headings not drawn yet: they go down together with the first block
    /// after them, so a heading never stands alone at the foot of a page.
    pending: Vec<Heading>,
    /// The page: A4 portrait unless made landscape.
    page_w: f32,
    page_h: f32,
}

enum Heading {
    Section(String),
    Sub(String),
}

impl Heading {
    fn height(&self) -> f32 {
        match self {
            Heading::Section(_) => 44.0,
            Heading::Sub(_) => 24.0,
        }
    }
}

pub struct Column<'a> {
    pub title: &'a str,
    /// Share of the body width.
    pub weight: f32,
}

impl Layout {
    pub fn new(title: &str, header: &str) -> Self {
        let mut doc = PdfDocument::new(title);
        let fonts = Fonts::add_to(&mut doc);
        Layout {
            doc,
            fonts,
            pages: Vec::new(),
            y: 0.0,
            header: header.to_owned(),
            pending: Vec::new(),
            page_w: PAGE_W,
            page_h: PAGE_H,
        }
    }

    /// A4 landscape pages (for wide tables such as the program's dashboard).
    pub fn landscape(mut self) -> Self {
        self.page_w = PAGE_H;
        self.page_h = PAGE_W;
        self
    }

    /// The width between the margins.
    pub fn body_w(&self) -> f32 {
        self.page_w - 2.0 * MARGIN
    }

    fn top(&self) -> f32 {
        self.page_h - MARGIN - 14.0
    }

    /// Draws the waiting headings where `next` points of what follows them
    /// still fit below (on a new page otherwise).
    fn flush(&mut self, next: f32) {
        if self.pending.is_empty() {
            return;
        }
        let height: f32 = self.pending.iter().map(Heading::height).sum();
        self.need(height + next);
        for h in std::mem::take(&mut self.pending) {
            match h {
                Heading::Section(text) => {
                    self.y -= 30.0;
                    self.text_at(MARGIN, self.y, &text, 15.0, true, Color(0x00, 0x17, 0xc1));
                    self.line(
                        MARGIN,
                        self.y - 6.0,
                        self.page_w - MARGIN,
                        self.y - 6.0,
                        1.2,
                        Color(0x00, 0x17, 0xc1),
                    );
                    self.y -= 14.0;
                }
                Heading::Sub(text) => {
                    self.y -= 20.0;
                    self.text_at(MARGIN, self.y, &text, 11.5, true, Color::BLACK);
                    self.y -= 4.0;
                }
            }
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top();
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn need(&mut self, height: f32) {
        if self.pages.is_empty() || self.y - height < BOTTOM {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.flush(height + 20.0);
        self.y -= height;
    }

    pub fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool, color: Color) {
        let font = self.fonts.handle(bold);
        let text = self.fonts.printable(text);
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(color) },
            Op::SetFont {
                font,
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: printpdf::Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color) {
        self.ops().extend([
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::SetLineDashPattern {
                dash: printpdf::LineDashPattern::new(0.0, &[]),
            },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: printpdf::Point {
                                x: Pt(x1),
                                y: Pt(y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: printpdf::Point {
                                x: Pt(x2),
                                y: Pt(y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    pub fn rect(&mut self, x: f32, y_top: f32, w: f32, h: f32, width: f32) {
        for (a, b, c, d) in [
            (x, y_top, x + w, y_top),
            (x + w, y_top, x + w, y_top - h),
            (x + w, y_top - h, x, y_top - h),
            (x, y_top - h, x, y_top),
        ] {
            self.line(a, b, c, d, width, Color::BLACK);
        }
    }

    /// A wrapped paragraph at the current position.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        self.paragraph_at(MARGIN, self.body_w(), text, size, bold, Color::BLACK);
    }

    pub fn paragraph_at(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        size: f32,
        bold: bool,
        color: Color,
    ) {
        let lh = size * 1.7;
        self.flush(lh);
        for line in wrap(text, size, bold, width) {
            self.need(lh);
            self.y -= lh;
            self.text_at(x, self.y + size * 0.45, &line, size, bold, color);
        }
    }

    /// A numbered section title with a rule under it, drawn with what follows.
    pub fn heading(&mut self, text: &str) {
        self.pending.push(Heading::Section(text.to_owned()));
    }

    pub fn subheading(&mut self, text: &str) {
        self.pending.push(Heading::Sub(text.to_owned()));
    }

    /// A table; rows wrap within their cells and the header repeats on every page.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let total: f32 = columns.iter().map(|c| c.weight).sum();
        let body_w = self.body_w();
        let widths: Vec<f32> = columns.iter().map(|c| body_w * c.weight / total).collect();
        let size = 9.0;
        let lh = size * 1.6;
        let pad = 4.0;
        // A long column title wraps inside its column rather than running into the next.
        let titles: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(c.title, size, true, w - 2.0 * pad))
            .collect();
        let header_lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32;
        let header_h = header_lines * lh + 2.0 * pad;
        let draw_header = |l: &mut Layout| {
            let top = l.y;
            let mut x = MARGIN;
            for (lines, w) in titles.iter().zip(&widths) {
                for (i, line) in lines.iter().enumerate() {
                    l.text_at(
                        x + pad,
                        top - pad - size * 1.1 - lh * i as f32,
                        line,
                        size,
                        true,
                        Color::BLACK,
                    );
                }
                x += w;
            }
            let right = l.page_w - MARGIN;
            l.line(MARGIN, top, right, top, 1.0, Color::BLACK);
            l.line(
                MARGIN,
                top - header_h,
                right,
                top - header_h,
                0.8,
                Color::BLACK,
            );
            l.y -= header_h;
        };
        let first_row = rows
            .first()
            .map(|row| {
                row.iter()
                    .zip(&widths)
                    .map(|(text, w)| wrap(text, size, false, w - 2.0 * pad).len())
                    .max()
                    .unwrap_or(1)
                    .max(1) as f32
                    * lh
                    + 2.0 * pad
            })
            .unwrap_or(lh + 2.0 * pad);
        self.flush(header_h + first_row);
        self.need(header_h + first_row);
        draw_header(self);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(text, w)| wrap(text, size, false, w - 2.0 * pad))
                .collect();
            let height =
                cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad;
            if self.y - height < BOTTOM {
                self.new_page();
                draw_header(self);
            }
            let top = self.y;
            let mut x = MARGIN;
            for (lines, w) in cells.iter().zip(&widths) {
                for (i, line) in lines.iter().enumerate() {
                    self.text_at(
                        x + pad,
                        top - pad - size * 1.1 - lh * i as f32,
                        line,
                        size,
                        false,
                        Color::BLACK,
                    );
                }
                x += w;
            }
            self.y -= height;
            self.line(
                MARGIN,
                self.y,
                self.page_w - MARGIN,
                self.y,
                0.4,
                Color(0xaa, 0xaa, 0xaa),
            );
        }
        self.y -= 6.0;
    }

    /// A chart scene, scaled to `width` points (never wider than the body).
    pub fn scene(&mut self, scene: &Scene, width: f32) {
        let width = width.min(self.body_w());
        let scale = f64::from(width) / scene.width;
        let height = (scene.height * scale) as f32;
        self.flush(height + 8.0);
        self.need(height + 8.0);
        let left = MARGIN + (self.body_w() - width) / 2.0;
        let ops = render(
            scene,
            Placement {
                left: f64::from(left),
                top: f64::from(self.y),
                scale,
            },
            &self.fonts,
        );
        self.ops().extend(ops);
        self.y -= height + 8.0;
    }

    /// Two scenes side by side.
    pub fn scenes_pair(&mut self, a: &Scene, b: &Scene) {
        let w = (self.body_w() - 12.0) / 2.0;
        let ha = (a.height * f64::from(w) / a.width) as f32;
        let hb = (b.height * f64::from(w) / b.width) as f32;
        self.flush(ha.max(hb) + 8.0);
        self.need(ha.max(hb) + 8.0);
        let top = f64::from(self.y);
        let fa = render(
            a,
            Placement {
                left: f64::from(MARGIN),
                top,
                scale: f64::from(w) / a.width,
            },
            &self.fonts,
        );
        let fb = render(
            b,
            Placement {
                left: f64::from(MARGIN + w + 12.0),
                top,
                scale: f64::from(w) / b.width,
            },
            &self.fonts,
        );
        self.ops().extend(fa);
        self.ops().extend(fb);
        self.y -= ha.max(hb) + 8.0;
    }

    /// Where the next line goes. Low-level, like `text_at`: a heading waiting
    /// is drawn by the next block (paragraph, table, chart, gap), not by this.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Adds the running header and 「n / N」 to every page (the cover keeps only
    /// its number), sets the metadata and writes the PDF with subset fonts.
    pub fn finish(
        mut self,
        title: &str,
        author: &str,
        created: chrono::DateTime<chrono::Local>,
    ) -> Pdf {
        self.flush(0.0);
        let total = self.pages.len();
        let header = self.header.clone();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        for (i, mut ops) in pages.into_iter().enumerate() {
            self.pages = vec![Vec::new()];
            if i > 0 {
                self.text_at(
                    MARGIN,
                    self.page_h - MARGIN + 14.0,
                    &header,
                    8.0,
                    false,
                    Color::TEXT_SUB,
                );
                self.line(
                    MARGIN,
                    self.page_h - MARGIN + 8.0,
                    self.page_w - MARGIN,
                    self.page_h - MARGIN + 8.0,
                    0.5,
                    Color::GRID,
                );
            }
            let number = format!("{} / {}", i + 1, total);
            let w = self.fonts.width(&number, 9.0, false);
            self.text_at(
                (self.page_w - w) / 2.0,
                MARGIN - 24.0,
                &number,
                9.0,
                false,
                Color::TEXT_SUB,
            );
            ops.extend(self.pages.pop().expect("one page"));
            out.push(PdfPage::new(
                Mm(self.page_w * 25.4 / 72.0),
                Mm(self.page_h * 25.4 / 72.0),
                ops,
            ));
        }
        let info = &mut self.doc.metadata.info;
        info.document_title = title.to_owned();
        info.author = author.to_owned();
        info.creator = "伴走ノート".into();
        info.producer = "伴走ノート (printpdf)".into();
        let stamp = printpdf::DateTime::from_unix_timestamp(created.timestamp())
            .unwrap_or(info.creation_date);
        info.creation_date = stamp;
        info.modification_date = stamp;
        info.metadata_date = stamp;
        self.doc.with_pages(out);
        let opts = PdfSaveOptions {
            subset_fonts: true,
            optimize: false,
            ..Default::default()
        };
        let mut doc = self.doc.to_lopdf_document(&opts, &mut Vec::new());
        deflate_streams(&mut doc);
        let mut bytes = Vec::new();
        // Writing to memory fails only when memory does.
        let _ = doc.save_to(&mut bytes);
        Pdf {
            bytes,
            replaced: self.fonts.replaced(),
            pages: total,
        }
    }
}

/// Deflates every stream that may be (page contents, the fonts' subsets'
/// maps…), as printpdf's `optimize` does through lopdf but at zlib's default
/// level instead of its slowest: a few per cent larger, several times faster.
fn deflate_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        if z.write_all(&stream.content).is_err() {
            continue;
        }
        let Ok(packed) = z.finish() else { continue };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page each text was drawn on.
    fn page_of(l: &Layout, needle: &str) -> Option<usize> {
        l.pages.iter().position(|ops| {
            ops.iter().any(|op| match op {
                Op::ShowText { items } => items
                    .iter()
                    .any(|i| matches!(i, TextItem::Text(t) if t.contains(needle))),
                _ => false,
            })
        })
    }

    #[test]
    fn a_heading_goes_to_the_next_page_with_its_table() {
        for filler in 20..60 {
            let mut l = Layout::new("t", "h");
            l.new_page();
            for i in 0..filler {
                l.paragraph(&format!("本文{i}"), 10.0, false);
            }
            l.heading("見出し");
            l.subheading("小見出し");
            l.table(
                &[Column {
                    title: "列",
                    weight: 1.0,
                }],
                &[vec!["一行目".into()], vec!["二行目".into()]],
            );
            let heading = page_of(&l, "見出し").unwrap();
            assert_eq!(Some(heading), page_of(&l, "小見出し"), "filler {filler}");
            assert_eq!(Some(heading), page_of(&l, "一行目"), "filler {filler}");
        }
    }

    #[test]
    fn kinsoku_keeps_closing_marks_off_the_start_of_a_line() {
        let text = "協会けんぽや産保センターとの連携を模索した。次年度は、事業結果を持ってPRを行う（予定）。";
        for width in [60.0, 80.0, 100.0, 120.0, 150.0, 200.0] {
            let lines = wrap(text, 10.0, false, width);
            assert_eq!(
                lines.concat(),
                text.replace(' ', ""),
                "nothing lost at {width}"
            );
            for l in &lines[1..] {
                let first = l.chars().next().unwrap();
                assert!(
                    !"、。）」ー".contains(first),
                    "line starts with {first} at {width}: {lines:?}"
                );
            }
            for l in &lines {
                let last = l.chars().last().unwrap();
                assert!(
                    !"（「".contains(last),
                    "line ends with {last} at {width}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn no_text_and_width_makes_it_fail_or_lose_characters() {
        let samples = [
            "事務局 高橋",
            "おわり。",
            "（",
            "）」。",
            "ABC def。",
            "令和6年度 地域保健総合推進事業）。",
            "あ、い、う、え、お。か、き、く、け、こ。",
            "「かぎかっこ」（まるかっこ）ー長音ー",
            "x",
            "",
        ];
        for text in samples {
            for width in [
                1.0, 5.0, 9.0, 10.0, 11.0, 15.0, 20.0, 25.0, 31.0, 47.0, 60.0, 200.0,
            ] {
                let lines = wrap(text, 10.0, false, width);
                let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
                let want: String = text.chars().filter(|c| *c != ' ').collect();
                assert_eq!(joined, want, "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn lines_fit_their_width_and_newlines_are_kept() {
        let lines = wrap(
            "一行目\n二行目はとても長い文章で、決められた幅に収まるように折り返されるはずです",
            10.0,
            false,
            120.0,
        );
        assert_eq!(lines[0], "一行目");
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(
                char_widths(l, 10.0, false).iter().sum::<f32>() <= 120.0 + 6.0,
                "{l}"
            );
        }
    }
}
