//! Standard output for the CLI: a closed pipe (`list DIR | head -1`) ends the output
//! quietly instead of panicking, and text from files is made safe for a terminal.

use crate::text::{self, Lang};
use std::io::{ErrorKind, Write};

/// Lines to standard output; the first write error stops further writes.
pub struct Out {
    stdout: std::io::Stdout,
    failed: Option<std::io::Error>,
}

impl Out {
    pub fn new() -> Self {
        Out {
            stdout: std::io::stdout(),
            failed: None,
        }
    }

    /// Writes `text` and a newline.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.write(text.as_ref());
        self.write("\n");
    }

    /// Writes `text` as it is.
    pub fn write(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// Writes raw bytes (a document to a pipe).
    pub fn bytes(&mut self, bytes: &[u8]) {
        if self.failed.is_none()
            && let Err(err) = self.stdout.lock().write_all(bytes)
        {
            self.failed = Some(err);
        }
    }

    /// Flushes; a reader that went away (broken pipe) is not an error. A failure is
    /// worded in `lang`.
    pub fn finish(mut self, lang: Lang) -> Result<(), String> {
        if self.failed.is_none()
            && let Err(err) = self.stdout.lock().flush()
        {
            self.failed = Some(err);
        }
        match self.failed {
            None => Ok(()),
            Some(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
            Some(err) => Err(text::cli_output_failed(&err, lang)),
        }
    }
}

/// Prints an error line to stderr: "lỗi: …" or "error: …", made printable.
pub fn error(lang: Lang, message: &str) {
    eprintln!("{}: {}", lang.t(text::CLI_ERROR), printable(message));
}

/// Prints a warning line to stderr: "cảnh báo: …" or "warning: …", made printable.
pub fn warning(lang: Lang, message: &str) {
    eprintln!("{}: {}", lang.t(text::CLI_WARNING), printable(message));
}

/// `text` with control characters (escape sequences, carriage returns, newlines from
/// hostile file names) and invisible format characters (a right-to-left override that
/// makes `gpj.exe` read as `exe.jpg`: `domain::filename::is_hidden_format`) shown as
/// `\u{1b}` escapes, so they cannot act on the terminal or disguise a name.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || crate::domain::filename::is_hidden_format(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(super::printable("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(super::printable("Cốm Hồng Quang"), "Cốm Hồng Quang");
        assert_eq!(
            super::printable("Cốm\u{202E}gpj.exe"),
            "Cốm\\u{202e}gpj.exe"
        );
    }
}
