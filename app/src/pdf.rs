//! A small typesetter for the documents Equimark hands out as PDF files:
//! the assessor's report and the certificate. A document is a list of
//! blocks (a title, headings, paragraphs, labelled fields, lists) that is
//! wrapped onto A4 pages in one font with both Latin and Chinese glyphs,
//! embedded as a subset, and tagged (headings, paragraphs, lists, the
//! language) so that a screen reader reads it in order and its text can
//! be copied. Server only: krilla writes the file.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use std::num::NonZeroU16;
use std::sync::{Arc, OnceLock};

/// Where the font is looked for, in order, unless `EQUIMARK_PDF_FONT`
/// names a file. `scripts/run.sh` and `scripts/test.sh` install the first
/// (Debian's fonts-wqy-microhei).
const FONT_FILES: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
];

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no font for PDF files was found: install fonts-wqy-microhei or set EQUIMARK_PDF_FONT"
    )]
    NoFont,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// A4 in points, and the margin around the text.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// One part of a document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The document's title (its one level-1 heading).
    Title(String),
    Heading(String),
    Subheading(String),
    Paragraph(String),
    /// A short quiet line, such as who a document is about.
    Caption(String),
    /// A value with its label above it.
    Field {
        label: String,
        value: String,
    },
    /// A bulleted list.
    List(Vec<String>),
}

/// A document to typeset: its title and language (for the file's
/// metadata, which screen readers use) and its blocks.
#[derive(Clone, Debug)]
pub struct Sheet {
    title: String,
    language: String,
    blocks: Vec<Block>,
    /// A frame round the page and centred lines, for a certificate.
    framed: bool,
}

impl Sheet {
    pub fn new(title: &str, language: &str) -> Sheet {
        Sheet {
            title: title.to_owned(),
            language: language.to_owned(),
            blocks: Vec::new(),
            framed: false,
        }
    }

    /// Draws a frame round each page and centres the lines lower down:
    /// a certificate.
    pub fn framed(mut self) -> Sheet {
        self.framed = true;
        self
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// A field, left out when its value is empty.
    pub fn field(&mut self, label: &str, value: &str) {
        if !value.trim().is_empty() {
            self.push(Block::Field {
                label: label.to_owned(),
                value: value.to_owned(),
            });
        }
    }

    /// The finished PDF file.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        let face = typeface()?;
        let pages = lay_out(&self.blocks, face, self.framed);
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(self.title.clone())
                .language(self.language.clone())
                .creator("Equimark".to_owned()),
        );
        // The tagged content of each block, then of each list item.
        let mut marks: Vec<Vec<Vec<Identifier>>> = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::List(items) => vec![Vec::new(); items.len()],
                _ => vec![Vec::new()],
            })
            .collect();
        let count = pages.len();
        for (number, lines) in pages.iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
                .ok_or_else(|| PdfError::Write("page size".to_owned()))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            if self.framed {
                frame(&mut surface);
            }
            for line in lines {
                set_fill(&mut surface, line.style.color);
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                surface.draw_text(
                    Point::from_xy(line.x, line.baseline),
                    face.font.clone(),
                    line.style.size,
                    &line.text,
                    false,
                    TextDirection::Auto,
                );
                surface.end_tagged();
                marks[line.block][line.item].push(id);
            }
            if count > 1 {
                page_number(&mut surface, face, number + 1, count);
            }
            surface.finish();
            page.finish();
        }
        let mut tree = TagTree::new();
        for (block, marks) in self.blocks.iter().zip(marks) {
            tree.push(tag_group(block, marks));
        }
        document.set_tag_tree(tree);
        document
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))
    }
}

/// The structure a block has in the tag tree.
fn tag_group(block: &Block, marks: Vec<Vec<Identifier>>) -> TagGroup {
    let heading = |level: u16, text: &str| {
        TagGroup::new(Tag::Hn(
            NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
            Some(text.to_owned()),
        ))
    };
    let mut group = match block {
        Block::Title(text) => heading(1, text),
        Block::Heading(text) => heading(2, text),
        Block::Subheading(text) => heading(3, text),
        Block::List(_) => {
            let mut list = TagGroup::new(Tag::L(ListNumbering::Disc));
            for item_marks in marks {
                let mut body = TagGroup::new(Tag::LBody);
                for id in item_marks {
                    body.push(id);
                }
                let mut item = TagGroup::new(Tag::LI);
                item.push(body);
                list.push(item);
            }
            return list;
        }
        Block::Paragraph(_) | Block::Caption(_) | Block::Field { .. } => TagGroup::new(Tag::P),
    };
    for id in marks.into_iter().flatten() {
        group.push(id);
    }
    group
}

/// The font, read once per process.
struct Typeface {
    data: Arc<Vec<u8>>,
    font: Font,
}

impl Typeface {
    /// The width of `text` set at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        use skrifa::instance::{LocationRef, Size};
        use skrifa::{FontRef, MetadataProvider};
        let Ok(font) = FontRef::from_index(&self.data, 0) else {
            return text.chars().count() as f32 * size;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(size)
            })
            .sum()
    }
}

fn typeface() -> Result<&'static Typeface, PdfError> {
    static TYPEFACE: OnceLock<Option<Typeface>> = OnceLock::new();
    TYPEFACE
        .get_or_init(load_typeface)
        .as_ref()
        .ok_or(PdfError::NoFont)
}

fn load_typeface() -> Option<Typeface> {
    let named = std::env::var("EQUIMARK_PDF_FONT").ok();
    let candidates = named
        .iter()
        .map(String::as_str)
        .chain(FONT_FILES.iter().copied());
    for path in candidates {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let data = Arc::new(bytes);
        if let Some(font) = Font::new(data.clone().into(), 0) {
            return Some(Typeface { data, font });
        }
        tracing::warn!(path, "this font file could not be read");
    }
    tracing::error!("no font for PDF files: install fonts-wqy-microhei or set EQUIMARK_PDF_FONT");
    None
}

/// How a kind of line is set.
#[derive(Clone, Copy, Debug)]
struct Style {
    size: f32,
    /// Distance from one baseline to the next.
    leading: f32,
    /// Space above the block.
    space_before: f32,
    color: (u8, u8, u8),
}

const INK: (u8, u8, u8) = (11, 12, 12);
const QUIET: (u8, u8, u8) = (80, 90, 95);
const ACCENT: (u8, u8, u8) = (29, 112, 184);

const fn style(size: f32, leading: f32, space_before: f32, color: (u8, u8, u8)) -> Style {
    Style {
        size,
        leading,
        space_before,
        color,
    }
}

/// How a block's first run (a field's label) and the rest are set.
fn styles(block: &Block) -> (Style, Style) {
    let body = style(11.0, 15.5, 6.0, INK);
    let label = style(9.0, 12.0, 8.0, QUIET);
    let both = |s: Style| (s, s);
    match block {
        Block::Title(_) => both(style(22.0, 28.0, 0.0, ACCENT)),
        Block::Heading(_) => both(style(15.0, 20.0, 18.0, INK)),
        Block::Subheading(_) => both(style(12.0, 16.0, 10.0, INK)),
        Block::Caption(_) => both(label),
        Block::Field { .. } => (label, body),
        Block::Paragraph(_) | Block::List(_) => both(body),
    }
}

/// A line placed on a page.
#[derive(Debug)]
struct Line {
    block: usize,
    /// The list item it belongs to (0 for other blocks).
    item: usize,
    x: f32,
    baseline: f32,
    style: Style,
    text: String,
}

/// Wraps every block into lines and the lines onto pages.
fn lay_out(blocks: &[Block], face: &Typeface, centred: bool) -> Vec<Vec<Line>> {
    let bottom = PAGE_HEIGHT - MARGIN;
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    let mut y = if centred { PAGE_HEIGHT / 5.0 } else { MARGIN };
    for (index, block) in blocks.iter().enumerate() {
        let (first, rest) = styles(block);
        // (style, indent, item, text) for each run of text in the block.
        let runs: Vec<(Style, f32, usize, String)> = match block {
            Block::Title(t)
            | Block::Heading(t)
            | Block::Subheading(t)
            | Block::Paragraph(t)
            | Block::Caption(t) => vec![(first, 0.0, 0, t.clone())],
            Block::Field { label, value } => {
                vec![
                    (first, 0.0, 0, label.clone()),
                    (rest, 0.0, 0, value.clone()),
                ]
            }
            Block::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (rest, 14.0, i, format!("• {item}")))
                .collect(),
        };
        let mut wrapped: Vec<(Style, f32, usize, String)> = Vec::new();
        for (style, indent, item, text) in runs {
            for line in wrap(&text, TEXT_WIDTH - indent, |s| face.width(s, style.size)) {
                wrapped.push((style, indent, item, line));
            }
        }
        // A heading keeps at least two lines of what follows with it.
        let keep = match block {
            Block::Heading(_) | Block::Subheading(_) => 2.0 * rest.leading + 20.0,
            _ => 0.0,
        };
        let on_this_page = pages.last().is_some_and(|p| !p.is_empty());
        if on_this_page {
            y += first.space_before;
        }
        let first_line = wrapped.first().map_or(0.0, |(s, ..)| s.leading);
        if on_this_page && y + first_line + keep > bottom {
            pages.push(Vec::new());
            y = MARGIN;
        }
        for (style, indent, item, text) in wrapped {
            if y + style.leading > bottom {
                pages.push(Vec::new());
                y = MARGIN;
            }
            y += style.leading;
            let x = if centred {
                (PAGE_WIDTH - face.width(&text, style.size)) / 2.0
            } else {
                MARGIN + indent
            };
            if let Some(page) = pages.last_mut() {
                page.push(Line {
                    block: index,
                    item,
                    x,
                    // The baseline sits a fifth of the leading above the line's foot.
                    baseline: y - style.leading * 0.2,
                    style,
                    text,
                });
            }
        }
    }
    pages
}

/// Breaks `text` into lines no wider than `width`: at spaces, between
/// Chinese characters, and within a word only when it alone is too wide.
/// A line break in the text starts a new line.
pub(crate) fn wrap(text: &str, width: f32, measure: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        // Closing punctuation may hang into the margin.
        let fits =
            |line: &str| measure(line.trim_end().trim_end_matches(is_closing_punctuation)) <= width;
        let mut line = String::new();
        for piece in pieces(paragraph) {
            let candidate = format!("{line}{piece}");
            if !line.is_empty() && !fits(&candidate) {
                lines.push(line.trim_end().to_owned());
                line = piece.trim_start().to_owned();
            } else {
                line = candidate;
            }
            if !fits(&line) {
                // One word wider than the line: break it by letters.
                let mut part = String::new();
                for c in line.chars() {
                    let longer = format!("{part}{c}");
                    if !part.is_empty() && !fits(&longer) {
                        lines.push(std::mem::take(&mut part));
                        part.push(c);
                    } else {
                        part = longer;
                    }
                }
                line = part;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The pieces a line may break between: a word with the spaces before it,
/// or one wide (Chinese, Japanese, Korean) character with its punctuation.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut after_word = false;
    for c in text.chars() {
        if is_wide(c) {
            if is_closing_punctuation(c) && !pieces.is_empty() && current.is_empty() {
                // Closing punctuation never starts a line.
                if let Some(last) = pieces.last_mut() {
                    last.push(c);
                }
                continue;
            }
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            pieces.push(c.to_string());
            after_word = false;
        } else if c.is_whitespace() {
            if after_word {
                pieces.push(std::mem::take(&mut current));
                after_word = false;
            }
            current.push(c);
        } else {
            current.push(c);
            after_word = true;
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | '）' | '」' | '』' | '》' | '】'
    )
}

fn set_fill(surface: &mut Surface, (r, g, b): (u8, u8, u8)) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
}

/// A double frame round the page (decoration, not content).
fn frame(surface: &mut Surface) {
    surface.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::new(
        ArtifactType::Layout,
        None,
    )));
    set_fill(surface, ACCENT);
    for (inset, weight) in [(24.0, 3.0), (32.0, 0.8)] {
        let outer = Rect::from_xywh(
            inset,
            inset,
            PAGE_WIDTH - 2.0 * inset,
            PAGE_HEIGHT - 2.0 * inset,
        );
        let inner = Rect::from_xywh(
            inset + weight,
            inset + weight,
            PAGE_WIDTH - 2.0 * (inset + weight),
            PAGE_HEIGHT - 2.0 * (inset + weight),
        );
        if let (Some(outer), Some(inner)) = (outer, inner) {
            let mut path = PathBuilder::new();
            path.push_rect(outer);
            path.push_rect(inner);
            if let Some(path) = path.finish() {
                surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(ACCENT.0, ACCENT.1, ACCENT.2).into(),
                    opacity: NormalizedF32::ONE,
                    rule: krilla::paint::FillRule::EvenOdd,
                }));
                surface.draw_path(&path);
            }
        }
    }
    surface.end_tagged();
}

/// "2 / 5" at the foot of the page (pagination, not content).
fn page_number(surface: &mut Surface, face: &Typeface, number: usize, count: usize) {
    surface.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::new(
        ArtifactType::PageNumber,
        None,
    )));
    set_fill(surface, QUIET);
    let text = format!("{number} / {count}");
    let x = PAGE_WIDTH - MARGIN - face.width(&text, 9.0);
    surface.draw_text(
        Point::from_xy(x, PAGE_HEIGHT - MARGIN / 2.0),
        face.font.clone(),
        9.0,
        &text,
        false,
        TextDirection::Auto,
    );
    surface.end_tagged();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 1 wide.
    fn letters(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn lines_break_at_spaces_and_keep_every_word() {
        let text = "the quick brown fox jumps over the lazy dog";
        let lines = wrap(text, 10.0, letters);
        assert_eq!(
            lines,
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        assert!(lines.iter().all(|l| letters(l) <= 10.0));
    }

    #[test]
    fn chinese_breaks_between_characters_and_punctuation_stays_behind() {
        let lines = wrap("学校包容教育质量。评估报告", 4.0, letters);
        assert_eq!(lines, ["学校包容", "教育质量。", "评估报告"]);
        assert_eq!(lines.concat(), "学校包容教育质量。评估报告");
    }

    proptest::proptest! {
        #[test]
        fn wrapping_keeps_every_letter_in_order_and_lines_fit(
            text in "[a-z 学校质量。，]{0,80}",
            width in 1u8..24,
        ) {
            let width = f32::from(width);
            let lines = wrap(&text, width, letters);
            let letters_of = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(letters_of(&lines.concat()), letters_of(&text));
            for line in &lines {
                let set = line.trim_end().trim_end_matches(is_closing_punctuation);
                proptest::prop_assert!(letters(set) <= width, "{:?} in {:?}", line, lines);
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_and_newlines_start_lines() {
        let lines = wrap("abcdefghij\nxy", 4.0, letters);
        assert_eq!(lines, ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrap("", 4.0, letters), [""]);
    }
}
