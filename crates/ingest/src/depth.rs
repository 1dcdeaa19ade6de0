//! A cap on how deeply a page's elements nest, applied before the page is
//! parsed into a DOM.
//!
//! Both the HTML tree builder (its scope checks walk the stack of open
//! elements) and readability (per-node queries over descendants and
//! ancestors) cost the depth of the tree per node: a page of `<div>`s nested
//! 200,000 deep held one extraction for minutes. Browsers cap the depth of
//! the tree they build; so does this. The page is tokenized once
//! (html5ever's tokenizer, linear in the input); an element that would open
//! deeper than the cap loses its tags, never its text, so the content of the
//! deepest elements is flattened into the element at the cap.
//!
//! The tokenizer is html5ever's; what no library offers is the cap itself,
//! which needs only a simplified stack of open elements (implied end tags of
//! `p`, `li`, table cells and the like, end tags matched near the top of the
//! stack), hence this module. A page within the cap is returned unchanged,
//! byte for byte; a page past it is written back from its tokens.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Default cap on element nesting. Real article pages nest a few dozen deep;
/// browsers stop building deeper trees at a few hundred.
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// How far down the stack an end tag looks for its element (and an implied
/// end tag for the element it closes): bounded, so each tag costs at most
/// this many steps whatever the depth. A stray end tag is dropped.
const LOOK_BACK: usize = 32;

/// What capping did to a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capped {
    /// The deepest nesting seen (by the simplified stack; the cap + 1 at
    /// most when the page was only measured).
    pub deepest: usize,
    /// Elements whose tags were dropped because they opened past the cap.
    pub flattened: usize,
    /// Tokens read in all passes: the work done, linear in the page.
    pub tokens: usize,
}

/// The page with no element nested deeper than `max_depth`, and what was
/// done. Returns the page itself when nothing nests that deep.
pub fn cap(html: &str, max_depth: usize) -> (Cow<'_, str>, Capped) {
    let max_depth = max_depth.max(1);
    // A first pass only measures, and stops at the first element past the
    // cap; most pages have none, and are not written out at all.
    let measured = run(html, max_depth, false);
    if measured.stats.flattened == 0 {
        return (Cow::Borrowed(html), measured.stats);
    }
    let written = run(html, max_depth, true);
    let stats = Capped {
        tokens: measured.stats.tokens + written.stats.tokens,
        ..written.stats
    };
    (Cow::Owned(written.out), stats)
}

/// One pass of the tokenizer over the page; writes the capped page when
/// `write`, else stops at the first element past the cap.
fn run(html: &str, max_depth: usize, write: bool) -> State {
    let sink = Sink {
        state: RefCell::new(State {
            max_depth,
            write,
            out: String::with_capacity(if write { html.len() } else { 0 }),
            stack: Vec::new(),
            raw: None,
            text_since_break: false,
            stats: Capped::default(),
        }),
    };
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    // The sink pauses the tokenizer (as a script would) only to stop a
    // measuring pass early; otherwise `feed` runs to the end.
    if let TokenizerResult::Done = tokenizer.feed(&input) {
        tokenizer.end();
    }
    tokenizer.sink.state.into_inner()
}

struct Sink {
    state: RefCell<State>,
}

struct State {
    max_depth: usize,
    /// Whether this pass writes the page (else it only measures).
    write: bool,
    /// The page written back from its tokens (used only if something was
    /// flattened; it is cheaper to write it as we go than to tokenize twice).
    out: String,
    /// Open elements: name and whether its tags were kept.
    stack: Vec<(html5ever::LocalName, bool)>,
    /// Inside `<script>`, `<style>`, `<textarea>`…: text is written as is.
    raw: Option<html5ever::LocalName>,
    /// Whether text was written since the last line break put in for a
    /// flattened block, so that a run of empty flattened blocks adds one.
    text_since_break: bool,
    stats: Capped,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        state.stats.tokens += 1;
        if let Token::TagToken(tag) = token {
            return state.tag(tag);
        }
        if !state.write {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::CharacterTokens(text) => {
                if state.raw.is_some() {
                    state.out.push_str(&text);
                } else {
                    escape_text(&mut state.out, &text);
                    state.text_since_break |= !text.trim().is_empty();
                }
            }
            Token::NullCharacterToken => state.out.push('\u{FFFD}'),
            Token::DoctypeToken(doctype) => {
                // Keeps the document in standards mode; identifiers are not needed.
                if let Some(name) = doctype.name {
                    state.out.push_str("<!DOCTYPE ");
                    state.out.push_str(&name);
                    state.out.push('>');
                }
            }
            // Comments carry no text; parse errors and the end need nothing.
            Token::TagToken(_)
            | Token::CommentToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        match tag.kind {
            TagKind::StartTag => self.start(tag),
            TagKind::EndTag => {
                self.end(&tag);
                TokenSinkResult::Continue
            }
        }
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = tag.name.clone();
        if is_void(&name) || tag.self_closing && !is_raw(&name) {
            if self.write {
                write_tag(&mut self.out, &tag);
            }
            return TokenSinkResult::Continue;
        }
        self.close_implied(&name);
        // A raw-text element (script, style, title…) holds no elements, so
        // it adds one level at most; it keeps its tags whatever the depth,
        // or its content would turn into visible text.
        let keep = self.stack.len() < self.max_depth || is_raw(&name);
        if keep {
            if self.write {
                write_tag(&mut self.out, &tag);
            }
        } else {
            self.stats.flattened += 1;
            if !self.write {
                return TokenSinkResult::Script(());
            }
            if is_block(&name) && self.text_since_break {
                self.out.push_str("<br>");
                self.text_since_break = false;
            }
        }
        self.stack.push((name.clone(), keep));
        self.stats.deepest = self.stats.deepest.max(self.stack.len());
        match &*name {
            "script" => self.raw_until(name, RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                self.raw_until(name, RawKind::Rawtext)
            }
            "textarea" | "title" => self.raw_until(name, RawKind::Rcdata),
            "plaintext" => {
                self.raw = Some(name);
                TokenSinkResult::Plaintext
            }
            _ => TokenSinkResult::Continue,
        }
    }

    fn raw_until(&mut self, name: html5ever::LocalName, kind: RawKind) -> TokenSinkResult<()> {
        self.raw = Some(name);
        TokenSinkResult::RawData(kind)
    }

    /// Start tags that end an open element without its end tag: a new
    /// paragraph, list item, definition, row, cell or option ends the open one,
    /// and a block ends an open paragraph.
    fn close_implied(&mut self, name: &str) {
        let closes: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            "option" => &["option"],
            _ if is_block(name) => &["p"],
            _ => &[],
        };
        if closes.is_empty() {
            return;
        }
        let top = self.stack.len();
        let found = self.stack[top.saturating_sub(LOOK_BACK)..]
            .iter()
            .rposition(|(open, _)| closes.contains(&&**open));
        if let Some(at) = found {
            let at = top.saturating_sub(LOOK_BACK) + at;
            for (open, kept) in self.stack.drain(at..).rev() {
                if kept && self.write {
                    write_end(&mut self.out, &open);
                }
            }
        }
    }

    fn end(&mut self, tag: &Tag) {
        if self.raw.as_ref() == Some(&tag.name) {
            self.raw = None;
        }
        let top = self.stack.len();
        let from = top.saturating_sub(LOOK_BACK);
        let Some(at) = self.stack[from..]
            .iter()
            .rposition(|(open, _)| *open == tag.name)
        else {
            return;
        };
        for (open, kept) in self.stack.drain(from + at..).rev() {
            if kept && self.write {
                write_end(&mut self.out, &open);
            }
        }
    }
}

fn write_tag(out: &mut String, tag: &Tag) {
    out.push('<');
    out.push_str(&tag.name);
    for attr in &tag.attrs {
        out.push(' ');
        if let Some(prefix) = &attr.name.prefix {
            out.push_str(prefix);
            out.push(':');
        }
        out.push_str(&attr.name.local);
        out.push_str("=\"");
        for c in attr.value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
}

fn write_end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Elements that never have content (the HTML standard's void elements).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
    )
}

fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
            | "plaintext"
    )
}

/// Blocks whose start ends an open paragraph (and whose loss, when
/// flattened, must still separate the text around them).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tr"
            | "ul"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, inner: &str) -> String {
        format!(
            "<html><body>{}{inner}{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    }

    #[test]
    fn a_page_within_the_cap_is_returned_as_it_was() {
        let page = "<!doctype html><html><head><title>A &amp; B</title><script>if (a < b) {}</script></head>\
                    <body><p class=x>One<p>Two<ul><li>a<li>b</ul><!-- note --></body></html>";
        let (out, done) = cap(page, 8);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(done.flattened, 0);
        // html, body, ul, li: unclosed paragraphs and items do not pile up.
        assert!(done.deepest <= 4, "{done:?}");
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let page = nested(
            10_000,
            "<p>The text at the bottom &amp; its <b>bold</b> part.</p>",
        );
        let (out, done) = cap(&page, 64);
        // html, body, the divs, p and b.
        assert_eq!(done.deepest, 10_004);
        assert!(done.flattened > 9_900, "{done:?}");
        assert_eq!(out.matches("<div>").count(), 62, "html and body count too");
        assert_eq!(out.matches("<div>").count(), out.matches("</div>").count());
        assert!(
            out.contains("The text at the bottom &amp; its bold part."),
            "{out}"
        );
    }

    #[test]
    fn flattened_blocks_still_separate_their_text() {
        let page = nested(5, "<div>first</div><div>second</div><p>third");
        let (out, _) = cap(&page, 4);
        assert!(out.contains("first<br>second<br>third"), "{out}");
    }

    #[test]
    fn raw_text_and_attributes_are_written_back_faithfully() {
        let inner = r#"<a href="/x?a=1&amp;b=&quot;2&quot;">link</a><script>if (a < b && c) {}</script><p>1 &lt; 2</p>"#;
        let page = nested(20, inner);
        let (out, _) = cap(&page, 10);
        assert!(out.contains("<script>if (a < b && c) {}</script>"), "{out}");
        assert!(out.contains("1 &lt; 2"), "{out}");
        let page = format!("<p title='say \"a&amp;b\"'>{}deep", "<span>".repeat(20));
        let (out, _) = cap(&page, 10);
        assert!(
            out.contains(r#"<p title="say &quot;a&amp;b&quot;">"#),
            "{out}"
        );
    }

    #[test]
    fn work_is_linear_in_the_tags() {
        // Counted, not timed: one token per tag or text run.
        let (_, small) = cap(&nested(1_000, "<p>x</p>"), DEFAULT_MAX_DEPTH);
        let (_, large) = cap(&nested(100_000, "<p>x</p>"), DEFAULT_MAX_DEPTH);
        assert!(large.tokens <= small.tokens * 101, "{small:?} {large:?}");
    }
}
