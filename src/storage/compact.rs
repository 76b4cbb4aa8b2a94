//! Loading near the floor (issue 9, point 11): the indentation of our pretty-printed RON
//! is a third of a product file's bytes, and `ron` scans whitespace one `char` at a time.
//! [`compact_into`] drops the whitespace between tokens in one byte pass before parsing,
//! leaving every string untouched, and gives up (the caller parses the original text)
//! on anything it does not fully understand: comments, raw or byte strings, char
//! literals, attributes. Parse errors are always reported from the original text, so
//! line and column stay true.

/// What a byte means to [`compact_into`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Copied as it is (part of a token, or of a multi-byte character).
    Plain,
    /// ASCII whitespace: a run of it is dropped or becomes one space.
    Space,
    /// `"`: a string, copied whole.
    Quote,
    /// `'`, `/`, `#`: syntax this pass leaves to the parser.
    GiveUp,
}

/// [`Class`] of every byte value.
const CLASSES: [Class; 256] = {
    let mut table = [Class::Plain; 256];
    table[b' ' as usize] = Class::Space;
    table[b'\t' as usize] = Class::Space;
    table[b'\n' as usize] = Class::Space;
    table[b'\r' as usize] = Class::Space;
    table[b'"' as usize] = Class::Quote;
    table[b'\'' as usize] = Class::GiveUp;
    table[b'/' as usize] = Class::GiveUp;
    table[b'#' as usize] = Class::GiveUp;
    table
};

fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte)]
}

/// Writes `text` without the ASCII whitespace between tokens into `out`, returning the
/// compact text, or `None` when `text` holds syntax this pass leaves alone (`//`, `/*`,
/// `r"…"`, `b"…"`, `'c'`, `#`) or an unterminated string: the caller then parses `text`.
///
/// A run of whitespace is dropped when it follows `(`, `[`, `{`, `,` or `:`, or comes
/// before `)`, `]`, `}`, `,` or `:` (all of our files' whitespace); anywhere else it
/// becomes one space, so two tokens never run together. Only ASCII bytes are dropped,
/// so every piece copied is whole characters.
pub(crate) fn compact_into<'a>(text: &str, out: &'a mut String) -> Option<&'a str> {
    out.clear();
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match class(b) {
            Class::Space => {
                // Indentation comes in long runs of spaces: eight at a time first.
                while bytes
                    .get(i + 1..i + 9)
                    .is_some_and(|eight| eight == b"        ")
                {
                    i += 8;
                }
                let run = bytes
                    .get(i..)?
                    .iter()
                    .position(|c| class(*c) != Class::Space)
                    .unwrap_or(bytes.len() - i);
                i += run;
                let after_open = matches!(
                    out.as_bytes().last(),
                    None | Some(b'(' | b'[' | b'{' | b',' | b':')
                );
                let before_close =
                    matches!(bytes.get(i), None | Some(b')' | b']' | b'}' | b',' | b':'));
                // `( )` is not the unit `()`: kept as written, for the parser to judge.
                let inside_parens =
                    out.as_bytes().last() == Some(&b'(') && bytes.get(i) == Some(&b')');
                if inside_parens || (!after_open && !before_close) {
                    out.push(' ');
                }
            }
            Class::Quote => {
                // `r"…"` and `b"…"` follow a letter: not ours, leave them to the parser.
                if out
                    .as_bytes()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    return None;
                }
                let start = i;
                i += 1;
                loop {
                    let rest = bytes.get(i..)?;
                    let at = rest.iter().position(|c| *c == b'"' || *c == b'\\')?;
                    i += at;
                    if bytes.get(i) == Some(&b'\\') {
                        i += 2; // the escaped byte (an escaped quote, or the start of one)
                    } else {
                        i += 1;
                        break;
                    }
                }
                out.push_str(text.get(start..i)?);
            }
            Class::GiveUp => return None,
            Class::Plain => {
                let run = bytes
                    .get(i..)?
                    .iter()
                    .position(|c| class(*c) != Class::Plain)
                    .unwrap_or(bytes.len() - i);
                out.push_str(text.get(i..i + run)?);
                i += run;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::compact_into;

    fn compact(text: &str) -> Option<String> {
        let mut out = String::new();
        compact_into(text, &mut out).map(str::to_owned)
    }

    #[test]
    fn indentation_goes_and_strings_stay_byte_for_byte() {
        let text = "P(\n    id: \"a  b\",\n    note: \"x \\\" , ( y\\\\\",\n    list: [\n        1,\n        2,\n    ],\n    v: Some(\n        Cooperative,\n    ),\n)\n";
        assert_eq!(
            compact(text).as_deref(),
            Some("P(id:\"a  b\",note:\"x \\\" , ( y\\\\\",list:[1,2,],v:Some(Cooperative,),)")
        );
    }

    #[test]
    fn tokens_never_run_together() {
        assert_eq!(compact("Some (1)").as_deref(), Some("Some (1)"));
        assert_eq!(compact("a b").as_deref(), Some("a b"));
        assert_eq!(compact("  x  ").as_deref(), Some("x"));
        assert_eq!(compact("(a: ( ))").as_deref(), Some("(a:( ))"));
        assert_eq!(compact("(a: ())").as_deref(), Some("(a:())"));
    }

    #[test]
    fn vietnamese_and_other_text_is_kept() {
        let text = "(name: \"Cốm Hồng Quang\", by: \"Cán bộ\",\n  e: \"🌾\")";
        assert_eq!(
            compact(text).as_deref(),
            Some("(name:\"Cốm Hồng Quang\",by:\"Cán bộ\",e:\"🌾\")")
        );
    }

    #[test]
    fn syntax_it_does_not_handle_is_left_to_the_parser() {
        for text in [
            "(a: 1) // a comment",
            "(a: /* x */ 1)",
            "(a: r\"raw\")",
            "(a: r#\"raw\"#)",
            "(a: b\"bytes\")",
            "(a: 'c')",
            "#![enable(implicit_some)]\n(a: 1)",
            "(a: \"unterminated)",
            "(a: \"ends in a backslash\\",
        ] {
            assert_eq!(compact(text), None, "{text}");
        }
        // A slash or quote inside a string is just text.
        assert_eq!(
            compact("(a: \"// not a comment 'x' #\")").as_deref(),
            Some("(a:\"// not a comment 'x' #\")")
        );
    }

    #[test]
    fn every_shipped_and_frozen_product_parses_the_same_compact() {
        #![allow(
            clippy::expect_used,
            reason = "test code: a panic is the failure message"
        )]
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("saves/products")];
        for fixture in std::fs::read_dir(root.join("tests/fixtures")).expect("fixtures") {
            let fixture = fixture.expect("fixture").path();
            folders.push(fixture.join("products"));
            folders.push(fixture.join("expected"));
        }
        let mut checked = 0;
        for folder in folders.iter().filter(|f| f.is_dir()) {
            for file in std::fs::read_dir(folder).expect("folder") {
                let path = file.expect("file").path();
                if path.extension().is_none_or(|e| e != "ron") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read");
                let Ok(whole) = super::super::load::parse_product(&text, &path) else {
                    continue; // not a product file (a workspace file among the expected)
                };
                let mut out = String::new();
                let compact = compact_into(&text, &mut out).expect("our own files compact");
                assert!(compact.len() < text.len() * 3 / 4, "{}", path.display());
                let parsed = super::super::load::parse_product(compact, &path)
                    .expect("the compact text parses");
                assert_eq!(parsed.value, whole.value, "{}", path.display());
                assert_eq!(parsed.unknown_fields, whole.unknown_fields);
                checked += 1;
            }
        }
        assert!(checked >= 4, "only {checked} product files found");
    }
}
