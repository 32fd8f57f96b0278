//! A ratatui backend that writes fewer bytes than `CrosstermBackend`, for readers on a slow
//! SSH link. Drawing is its own; the cursor, clearing and size are crossterm's commands, as in
//! `CrosstermBackend`.
//!
//! `CrosstermBackend::draw` sends a full cursor address for every gap in a row of changed
//! cells, even a single unchanged space between two words, and one escape sequence per
//! attribute and colour, with the 16 colours in their 256-colour form. This backend keeps a
//! copy of what the terminal shows, so it can:
//! - reprint a short gap of unchanged cells instead of moving over it, when they are in the
//!   current style;
//! - move with the shortest of CR LF, cursor forward (CUF) and an absolute address (CUP);
//! - set attributes and both colours with one SGR sequence, 16 colours as `30`–`37`/`90`–`97`.
//!
//! Everything it writes is VT100/ECMA-48 and shown alike by xterm, tmux, screen, VTE, Windows
//! Terminal and the Linux console. It also sets colours itself, so crossterm's NO_COLOR
//! handling, which turns a colour change into a full reset and so cancels bold and reverse,
//! never applies: with NO_COLOR the reader's palette has no colours to set.

use std::fmt::Write as _;
use std::io::{self, Write};

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::execute;
use crossterm::terminal::{self, Clear};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The longest run of unchanged cells reprinted instead of moved over: a cursor move costs
/// 3 to 8 bytes.
const MAX_REPRINT: u16 = 4;

pub struct Frugal<W: Write> {
    writer: W,
    /// What the terminal shows, as far as this backend knows.
    shadow: Buffer,
    /// False after a partial clear: the shadow is then not reprinted until the next full clear.
    trusted: bool,
    /// Reused between frames.
    out: String,
}

/// Attributes and colours, as the terminal has them.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

impl<W: Write> Frugal<W> {
    pub fn new(writer: W) -> Frugal<W> {
        let (width, height) = terminal::size().unwrap_or_default();
        Frugal {
            writer,
            shadow: Buffer::empty(Rect::new(0, 0, width, height)),
            trusted: true,
            out: String::new(),
        }
    }

    /// Makes room in the shadow for `(x, y)`, when the terminal has grown or its size was not
    /// known at the start.
    fn reach(&mut self, x: u16, y: u16) {
        let area = self.shadow.area;
        if x < area.width && y < area.height {
            return;
        }
        let width = area.width.max(x.saturating_add(1));
        let height = area.height.max(y.saturating_add(1));
        let mut grown = Buffer::empty(Rect::new(0, 0, width, height));
        grown.merge(&self.shadow);
        self.shadow = grown;
    }

    /// The unchanged cells from `from` up to `to` on row `y`, if all are one column wide and in
    /// `pen`, so that printing them leaves the cursor at `to`.
    fn reprintable(&self, y: u16, from: u16, to: u16, pen: Pen) -> Option<String> {
        if !self.trusted || to <= from || to - from > MAX_REPRINT {
            return None;
        }
        let mut text = String::new();
        for x in from..to {
            let cell = &self.shadow[(x, y)];
            let symbol = cell.symbol();
            // Ambiguous widths (one column here, two in CJK locales) are moved over.
            if cell.diff_option != CellDiffOption::None
                || Pen::of(cell) != pen
                || symbol.width() != 1
                || symbol.width_cjk() != 1
            {
                return None;
            }
            text.push_str(symbol);
        }
        Some(text)
    }
}

/// Appends the shortest way from the cursor at `from` (if known) to `(x, y)`.
fn move_to(out: &mut String, from: Option<(u16, u16)>, x: u16, y: u16, width: u16) {
    let absolute = if x == 0 {
        format!("\x1b[{}H", y + 1)
    } else {
        format!("\x1b[{};{}H", y + 1, x + 1)
    };
    // A cursor past the last column is waiting to wrap; terminals differ on what a relative
    // move does then, so only an absolute one is used.
    let relative = match from {
        Some((cx, cy)) if cx < width && cy == y && x > cx => Some(forward(x - cx)),
        Some((_, cy)) if cy + 1 == y => Some(if x == 0 {
            "\r\n".to_owned()
        } else {
            format!("\r\n{}", forward(x))
        }),
        _ => None,
    };
    match relative {
        Some(r) if r.len() < absolute.len() => out.push_str(&r),
        _ => out.push_str(&absolute),
    }
}

fn forward(n: u16) -> String {
    if n == 1 {
        "\x1b[C".to_owned()
    } else {
        format!("\x1b[{n}C")
    }
}

/// Appends one SGR sequence taking the terminal from `from` to `to`, if they differ.
fn set_pen(out: &mut String, from: Pen, to: Pen) {
    if from == to {
        return;
    }
    // Either switch off what goes and on what comes, or reset and set everything anew.
    let mut changes = Vec::new();
    let gone = from.modifier - to.modifier;
    let mut on = to.modifier - from.modifier;
    if gone.intersects(Modifier::BOLD | Modifier::DIM) {
        changes.push(22);
        on |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    for (flag, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, 25),
        (Modifier::REVERSED, 27),
        (Modifier::HIDDEN, 28),
        (Modifier::CROSSED_OUT, 29),
    ] {
        if gone.intersects(flag) {
            changes.push(off);
            on |= to.modifier & flag;
        }
    }
    let mut incremental = String::new();
    let codes = changes.into_iter().chain(modifier_codes(on));
    for code in codes {
        let _ = write!(incremental, "{code};");
    }
    if to.fg != from.fg {
        colour(&mut incremental, to.fg, false);
    }
    if to.bg != from.bg {
        colour(&mut incremental, to.bg, true);
    }
    let mut reset = "0;".to_owned();
    for code in modifier_codes(to.modifier) {
        let _ = write!(reset, "{code};");
    }
    if to.fg != Color::Reset {
        colour(&mut reset, to.fg, false);
    }
    if to.bg != Color::Reset {
        colour(&mut reset, to.bg, true);
    }
    let params = if reset.len() < incremental.len() {
        reset
    } else {
        incremental
    };
    let _ = write!(out, "\x1b[{}m", params.trim_end_matches(';'));
}

fn modifier_codes(modifier: Modifier) -> impl Iterator<Item = u8> {
    [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ]
    .into_iter()
    .filter(move |&(flag, _)| modifier.contains(flag))
    .map(|(_, code)| code)
}

/// The 16 terminal colours in ANSI order: SGR 30–37 and 90–97 (40–47 and 100–107 behind).
pub const ANSI: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// Appends the SGR parameters for a foreground or background colour, and a `;`.
fn colour(out: &mut String, color: Color, background: bool) {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let _ = match (color, ANSI.iter().position(|&c| c == color)) {
        (_, Some(i)) if i < 8 => write!(out, "{};", base + i),
        (_, Some(i)) => write!(out, "{};", bright + i - 8),
        (Color::Indexed(i), _) => write!(out, "{};5;{i};", base + 8),
        (Color::Rgb(r, g, b), _) => write!(out, "{};2;{r};{g};{b};", base + 8),
        // Reset, the only other colour.
        _ => write!(out, "{};", base + 9),
    };
}

impl<W: Write> Backend for Frugal<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        let mut pen = Pen::PLAIN;
        // Where the cursor is after the last print; unknown at the start of a frame.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            self.reach(x, y);
            let width = self.shadow.area.width;
            match cursor {
                Some((cx, cy)) if cy == y && cx == x => {}
                Some((cx, cy)) if cy == y && x > cx => match self.reprintable(y, cx, x, pen) {
                    Some(text) => out.push_str(&text),
                    None => move_to(&mut out, cursor, x, y, width),
                },
                _ => move_to(&mut out, cursor, x, y, width),
            }
            set_pen(&mut out, pen, Pen::of(cell));
            pen = Pen::of(cell);
            let symbol = cell.symbol();
            out.push_str(symbol);
            // Terminals disagree on the width of some wide characters (emoji sequences,
            // flags): after one, the next cell is addressed absolutely.
            let columns = symbol.width();
            cursor = (columns == 1).then_some((x + 1, y));
            self.shadow[(x, y)] = cell.clone();
            for covered in x + 1..(x + columns as u16).min(width) {
                self.shadow[(covered, y)].set_diff_option(CellDiffOption::Skip);
            }
        }
        set_pen(&mut out, pen, Pen::PLAIN);
        let result = self.writer.write_all(out.as_bytes());
        self.out = out;
        result
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        execute!(self.writer, Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        execute!(self.writer, Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        crossterm::cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        execute!(self.writer, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let region = match clear_type {
            ClearType::All => {
                self.shadow.reset();
                self.trusted = true;
                terminal::ClearType::All
            }
            partial => {
                // Which cells went blank depends on the cursor: stop trusting the shadow.
                self.trusted = false;
                match partial {
                    ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
                    ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
                    ClearType::CurrentLine => terminal::ClearType::CurrentLine,
                    _ => terminal::ClearType::UntilNewLine,
                }
            }
        };
        execute!(self.writer, Clear(region))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let terminal::WindowSize {
            columns,
            rows,
            width,
            height,
        } = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: columns,
                height: rows,
            },
            pixels: Size { width, height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// For tests: a writer to read back, and terminals over it.
#[cfg(test)]
pub mod tape {
    use std::cell::RefCell;
    use std::io::{self, Write};
    use std::num::NonZeroU16;
    use std::rc::Rc;

    use ratatui::backend::Backend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    /// What a backend writes, kept where the test can read it.
    #[derive(Clone, Default)]
    pub struct Tape(Rc<RefCell<Vec<u8>>>);

    impl Tape {
        /// The bytes written since the last call.
        pub fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    impl Write for Tape {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A terminal of the given size drawing onto `backend`.
    pub fn on<B: Backend>(backend: B, width: u16, height: u16) -> Terminal<B> {
        Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )
        .expect("terminal over a tape")
    }

    /// A terminal emulator of that size, to replay what a backend wrote.
    pub fn emulator(width: u16, height: u16) -> vt100::Parser {
        vt100::Parser::new(
            NonZeroU16::new(height).expect("rows"),
            NonZeroU16::new(width).expect("columns"),
            0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::tape::{emulator, on, Tape};
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::style::Style;
    use ratatui::Terminal;

    /// Fails unless the emulated terminal shows the letters of `buffer`, and shows them as
    /// the same terminal does after `CrosstermBackend` drew the same frames: same attributes,
    /// same colours, also where ratatui's diff leaves a blank to the terminal (the half of a
    /// wide letter overwritten by a narrow one).
    fn assert_shows(screen: &vt100::Screen, reference: &vt100::Screen, buffer: &Buffer) {
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                let want = &buffer[(x, y)];
                let got = screen.cell(y, x).expect("cell on screen");
                let same = reference.cell(y, x).expect("cell on screen");
                if got.is_wide_continuation() {
                    continue;
                }
                let at = format!("cell ({x}, {y})");
                let shown = |cell: &vt100::Cell| {
                    if cell.has_contents() {
                        cell.contents().to_owned()
                    } else {
                        " ".to_owned()
                    }
                };
                assert_eq!(shown(got), want.symbol(), "{at}");
                assert_eq!(shown(got), shown(same), "{at}");
                // vt100 keeps one intensity, where terminals show bold and dim together.
                if !want.modifier.contains(Modifier::BOLD | Modifier::DIM) {
                    assert_eq!(got.bold(), same.bold(), "{at} bold");
                    assert_eq!(got.dim(), same.dim(), "{at} dim");
                }
                assert_eq!(got.italic(), same.italic(), "{at} italic");
                assert_eq!(got.underline(), same.underline(), "{at} underline");
                assert_eq!(got.inverse(), same.inverse(), "{at} reverse");
                assert_eq!(got.fgcolor(), same.fgcolor(), "{at} foreground");
                assert_eq!(got.bgcolor(), same.bgcolor(), "{at} background");
            }
        }
    }

    /// A frame: strings set at places in styles, as widgets would.
    type Frame = Vec<(u16, u16, String, Style)>;

    fn style() -> impl Strategy<Value = Style> {
        let colour = prop_oneof![
            Just(Color::Reset),
            Just(Color::Cyan),
            Just(Color::DarkGray),
            Just(Color::LightMagenta),
            Just(Color::White),
            any::<u8>().prop_map(Color::Indexed),
            Just(Color::Rgb(250, 128, 0)),
        ];
        let any_style = (colour.clone(), colour, 0u16..=0x1ff).prop_map(|(fg, bg, bits)| {
            let modifier = Modifier::from_bits_truncate(bits)
                & (Modifier::BOLD
                    | Modifier::DIM
                    | Modifier::ITALIC
                    | Modifier::UNDERLINED
                    | Modifier::REVERSED);
            Style::default().fg(fg).bg(bg).add_modifier(modifier)
        });
        // A few styles, as the reader has, so that a change of style often meets a gap.
        prop_oneof![
            3 => Just(Style::default()),
            2 => Just(Style::default().add_modifier(Modifier::REVERSED)),
            2 => Just(Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)),
            1 => any_style,
        ]
    }

    fn frame(width: u16, height: u16) -> impl Strategy<Value = Frame> {
        let text = proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just(" "),
                Just("   "),
                Just("ệ"),
                Just("Đ"),
                Just("—"),
                Just("漢"),
                Just("tin"),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat());
        proptest::collection::vec((0..width, 0..height, text, style()), 0..32)
    }

    fn paint<B: Backend>(terminal: &mut Terminal<B>, frame: &Frame) -> Buffer {
        let completed = terminal
            .draw(|f| {
                let buffer = f.buffer_mut();
                for (x, y, text, style) in frame {
                    buffer.set_string(*x, *y, text, *style);
                }
                // A string set over the right half of a wide letter leaves a buffer ratatui
                // does not expect, and its widgets do not make: blank such a letter.
                let area = buffer.area;
                for y in 0..area.height {
                    for x in 1..area.width {
                        if buffer[(x - 1, y)].symbol().width() > 1 && buffer[(x, y)].symbol() != " "
                        {
                            buffer[(x - 1, y)].set_symbol(" ");
                        }
                    }
                }
            })
            .expect("draw");
        completed.buffer.clone()
    }

    proptest! {
        #[test]
        fn the_terminal_shows_every_frame_drawn(
            (width, height, base, edits) in (1u16..24, 1u16..6).prop_flat_map(|(w, h)| {
                (Just(w), Just(h), frame(w, h), proptest::collection::vec(frame(w, h), 1..6))
            })
        ) {
            // Each frame is a common background and its own changes, so that some cells stay
            // as they were from one frame to the next, as they do in the reader.
            let frames: Vec<Frame> = edits
                .into_iter()
                .map(|edit| base.iter().cloned().chain(edit).collect())
                .collect();
            // crossterm leaves colours out when NO_COLOR is set.
            crossterm::style::force_color_output(true);
            let (tape, reference_tape) = (Tape::default(), Tape::default());
            let mut frugal = on(Frugal::new(tape.clone()), width, height);
            let mut crossterm = on(CrosstermBackend::new(reference_tape.clone()), width, height);
            let mut screen = emulator(width, height);
            let mut reference = emulator(width, height);
            for frame in &frames {
                let buffer = paint(&mut frugal, frame);
                screen.process(&tape.take());
                paint(&mut crossterm, frame);
                reference.process(&reference_tape.take());
                assert_shows(screen.screen(), reference.screen(), &buffer);
            }
        }
    }

    #[test]
    fn one_sgr_sequence_per_change_of_style() {
        let mut out = String::new();
        let bold_cyan = Pen {
            fg: Color::Cyan,
            bg: Color::Reset,
            modifier: Modifier::BOLD | Modifier::UNDERLINED,
        };
        set_pen(&mut out, Pen::PLAIN, bold_cyan);
        assert_eq!(out, "\x1b[1;4;36m");
        out.clear();
        let italic = Pen {
            modifier: Modifier::ITALIC,
            ..Pen::PLAIN
        };
        set_pen(&mut out, bold_cyan, italic);
        assert_eq!(
            out, "\x1b[0;3m",
            "a reset is shorter than switching three things off"
        );
        out.clear();
        set_pen(&mut out, italic, italic);
        assert_eq!(out, "");
        let dim_underlined = Pen {
            fg: Color::Indexed(172),
            bg: Color::Reset,
            modifier: Modifier::DIM | Modifier::UNDERLINED,
        };
        let underlined = Pen {
            modifier: Modifier::UNDERLINED,
            ..dim_underlined
        };
        set_pen(&mut out, dim_underlined, underlined);
        assert_eq!(
            out, "\x1b[22m",
            "switching dim off is shorter than setting all anew"
        );
        out.clear();
        let bold_underlined = Pen {
            modifier: Modifier::BOLD | Modifier::UNDERLINED,
            ..dim_underlined
        };
        set_pen(&mut out, dim_underlined, bold_underlined);
        assert_eq!(
            out, "\x1b[22;1m",
            "22 ends dim and bold alike, so bold is set again"
        );
    }

    #[test]
    fn a_gap_in_another_style_is_moved_over() {
        let tape = Tape::default();
        let mut terminal = on(Frugal::new(tape.clone()), 20, 1);
        let reversed = Style::default().add_modifier(Modifier::REVERSED);
        let frame = |left: &str, right: &str| {
            vec![
                (0, 0, left.to_owned(), reversed),
                (2, 0, " ".to_owned(), Style::default()),
                (3, 0, right.to_owned(), reversed),
            ]
        };
        paint(&mut terminal, &frame("ab", "cd"));
        tape.take();
        paint(&mut terminal, &frame("xy", "zw"));
        let written = String::from_utf8(tape.take()).expect("utf-8");
        assert!(
            written.contains("xy\x1b[C") && written.contains("zw"),
            "{written:?}"
        );
    }

    #[test]
    fn moves_take_the_shortest_form() {
        let cases = [
            (Some((3, 2)), 9, 2, "\x1b[6C"),
            (Some((3, 2)), 4, 2, "\x1b[C"),
            (Some((3, 2)), 0, 3, "\r\n"),
            (Some((3, 11)), 2, 12, "\r\n\x1b[2C"),
            (Some((3, 2)), 50, 3, "\x1b[4;51H"),
            (Some((3, 2)), 1, 2, "\x1b[3;2H"),
            (None, 0, 7, "\x1b[8H"),
            (Some((80, 2)), 81, 2, "\x1b[3;82H"),
        ];
        for (from, x, y, want) in cases {
            let mut out = String::new();
            move_to(&mut out, from, x, y, 80);
            assert_eq!(out, want, "from {from:?} to ({x}, {y})");
        }
    }

    #[test]
    fn a_short_gap_of_unchanged_spaces_is_reprinted_not_moved_over() {
        let tape = Tape::default();
        let mut terminal = on(Frugal::new(tape.clone()), 20, 1);
        let line = |text: &str| vec![(0, 0, text.to_owned(), Style::default())];
        paint(&mut terminal, &line("one two"));
        tape.take();
        paint(&mut terminal, &line("uno dos"));
        let written = String::from_utf8(tape.take()).expect("utf-8");
        assert!(written.contains("uno dos"), "{written:?}");
    }
}
