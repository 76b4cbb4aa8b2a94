//! File names made from Vietnamese text, safe on every file system the app meets:
//! Windows (NTFS, FAT32 on USB sticks), macOS, Linux, and the sync tools between them.
//!
//! `export_file_name("Mẫu 01 - Cốm Hồng Quang", "docx")` → `Mẫu 01 - Cốm Hồng Quang.docx`:
//! the Vietnamese stays (NFC, one code point per letter), but characters Windows forbids
//! (`<>:"/\|?*`, control characters) become spaces, trailing dots and spaces go, reserved
//! device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension) get an
//! underscore, and the name is cut to stay well under the 255-byte limit. Pure.

use super::search;

/// Longest stem, in bytes of UTF-8 (NTFS counts UTF-16 units, ext4 bytes; 150 bytes
/// leaves room for an extension and a " (2)" suffix under both limits).
pub const MAX_STEM_BYTES: usize = 150;

/// Device names Windows reserves in every folder, with or without an extension (also
/// `COM0`/`LPT0` and the superscript digits ¹²³, which Windows counts as digits here).
const RESERVED: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Whether `name` is a Windows device name: its stem (the part before the first dot,
/// trailing spaces dropped, as Windows does) is CON, PRN, AUX, NUL, CONIN$, CONOUT$,
/// COM0–9, LPT0–9 or COM¹²³/LPT¹²³, in any case.
pub fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return true;
    }
    ["COM", "LPT"].iter().any(|prefix| {
        stem.get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            && stem.get(3..).is_some_and(|rest| {
                matches!(
                    rest,
                    "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            })
    })
}

/// Whether `name` (one path component) is safe as a file name on Windows as well: not
/// empty, no character Windows forbids (`<>:"/\|?*`, control characters), no trailing
/// dot or space (Windows drops them, so `a.` would alias `a`), not a device name.
pub fn is_windows_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.ends_with(['.', ' '])
        && !name.chars().any(|c| {
            c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        })
        && !is_reserved(name)
}

/// Whether `c` changes how text reads without being seen: the bidirectional overrides,
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F,
/// U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the soft hyphen.
/// `Cốm\u{202E}gpj.exe.ocop.zip` reads as "Cốmexe.jpg…": such a character never goes into a
/// name the app makes, and is shown escaped in what it prints.
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// A file-name stem from `text`: NFC, forbidden and invisible characters (bidi overrides,
/// zero-width, [`is_hidden_format`]) dropped or replaced, spaces collapsed,
/// no leading/trailing dots or spaces, not a reserved name, at most [`MAX_STEM_BYTES`].
/// Never empty: falls back to `fallback`.
pub fn safe_stem(text: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in search::nfc(text).chars().filter(|c| !is_hidden_format(*c)) {
        let c = if c.is_control()
            || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        {
            ' '
        } else {
            c
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    let mut stem = out.trim_matches([' ', '.']).to_owned();
    if stem.len() > MAX_STEM_BYTES {
        let mut cut = MAX_STEM_BYTES;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem = stem.trim_end_matches([' ', '.']).to_owned();
    }
    if stem.is_empty() {
        return if fallback.is_empty() {
            "_".to_owned()
        } else {
            safe_stem(fallback, "")
        };
    }
    if is_reserved(&stem) {
        // Before the first dot: Windows reserves "CON.v2" as much as "CON".
        let at = stem.find('.').unwrap_or(stem.len());
        stem.insert(at, '_');
    }
    stem
}

/// `stem.ext` with `stem` made safe by [`safe_stem`] (`ext` without the dot).
pub fn export_file_name(stem: &str, ext: &str) -> String {
    format!("{}.{ext}", safe_stem(stem, "ocop"))
}

/// Longest entry name a bundle gets, in UTF-16 units (what Windows counts): Explorer
/// extracts into a folder such as `C:\Users\<name>\Downloads\<bundle>\`, and a path
/// of more than 260 cannot be opened there; this leaves about 100 for that folder.
pub const MAX_ENTRY_UNITS: usize = 160;
/// Longest folder name inside a bundle (a criterion's name), in characters.
pub const MAX_FOLDER_CHARS: usize = 60;

/// The length Windows counts: UTF-16 code units.
pub fn windows_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` cut to at most `chars` characters, with no trailing space or dot.
pub fn cut_chars(text: &str, chars: usize) -> String {
    let cut: String = text.chars().take(chars).collect();
    cut.trim_end_matches([' ', '.']).to_owned()
}

/// `folder/file` within [`MAX_ENTRY_UNITS`]: the file's stem is shortened (its extension
/// kept) when the whole is too long.
pub fn fit_entry(folder: &str, file: &str) -> String {
    let whole = format!("{folder}/{file}");
    if windows_len(&whole) <= MAX_ENTRY_UNITS {
        return whole;
    }
    let (stem, ext) = match file.rfind('.') {
        Some(dot) if dot > 0 => (&file[..dot], &file[dot..]),
        _ => (file, ""),
    };
    let room = MAX_ENTRY_UNITS
        .saturating_sub(windows_len(folder) + 1 + windows_len(ext))
        .max(8);
    let mut short = String::new();
    for c in stem.chars() {
        if windows_len(&short) + c.len_utf16() > room {
            break;
        }
        short.push(c);
    }
    let short = short.trim_end_matches([' ', '.']);
    let short = if short.is_empty() { "tep" } else { short };
    format!("{folder}/{short}{ext}")
}

/// The folded (case- and accent-insensitive) key two names collide on when a file
/// system ignores case: `"Cốm.docx"` and `"CỐM.docx"` are one file on Windows and macOS.
pub fn collision_key(name: &str) -> String {
    search::nfc(name).to_lowercase()
}

/// `name` unless `taken` already holds it (compared by [`collision_key`]); otherwise
/// `stem (2).ext`, `stem (3).ext`, …
pub fn unique_name(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(&collision_key(name)) {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|candidate| !taken(&collision_key(candidate)))
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_stay_readable_and_nfc() {
        // "ố" decomposed (o + circumflex + acute) comes out as one code point.
        let decomposed = "Mẫu 01 - Co\u{302}\u{301}m Hồng Quang";
        let name = export_file_name(decomposed, "docx");
        assert_eq!(name, "Mẫu 01 - Cốm Hồng Quang.docx");
        assert_eq!(
            name.chars().count(),
            "Mẫu 01 - Cốm Hồng Quang.docx".chars().count()
        );
    }

    #[test]
    fn bidi_overrides_and_invisible_characters_never_reach_a_name() {
        // "Cốm" + U+202E + "gpj.exe" would read as "Cốmexe.jpg" in Explorer.
        assert_eq!(
            export_file_name("Cốm\u{202E}gpj.exe", "ocop.zip"),
            "Cốmgpj.exe.ocop.zip"
        );
        for hidden in ['\u{200B}', '\u{FEFF}', '\u{2066}', '\u{200F}', '\u{00AD}'] {
            let name = safe_stem(&format!("Cốm{hidden} Hồng Quang"), "x");
            assert_eq!(name, "Cốm Hồng Quang", "{hidden:?}");
        }
        assert_eq!(safe_stem("\u{202E}\u{200B}", "sản phẩm"), "sản phẩm");
    }

    #[test]
    fn forbidden_characters_trailing_dots_and_reserved_names() {
        assert_eq!(
            safe_stem("a/b\\c:d*e?f\"g<h>i|j", "x"),
            "a b c d e f g h i j"
        );
        assert_eq!(safe_stem("Báo cáo. . ", "x"), "Báo cáo");
        assert_eq!(safe_stem("  ..  ", "Sản phẩm"), "Sản phẩm");
        assert_eq!(safe_stem("", ""), "_");
        for reserved in ["CON", "con", "Nul", "COM1", "lpt9", "AUX.txt"] {
            assert!(is_reserved(reserved), "{reserved}");
        }
        assert_eq!(safe_stem("con", "x"), "con_");
        assert_eq!(safe_stem("con.v2", "x"), "con_.v2");
        assert_eq!(export_file_name("PRN", "xlsx"), "PRN_.xlsx");
        assert!(!is_reserved("Console"));
        assert!(!is_reserved("COM10"));
        for reserved in [
            "com0",
            "LPT0",
            "COM¹",
            "lpt³",
            "CONIN$",
            "conout$.txt",
            "CON .ron",
        ] {
            assert!(is_reserved(reserved), "{reserved}");
        }
        for name in ["COM", "LPT", "CONIN", "Côn", "nul-1", "con-sp.ron", "LPT⁴"] {
            assert!(!is_reserved(name), "{name}");
        }
        assert_eq!(safe_stem("tab\there\nnewline", "x"), "tab here newline");
    }

    #[test]
    fn windows_safe_names() {
        for (name, safe) in [
            ("com-hong-quang.ron", true),
            ("Mẫu 01 - Cốm.docx", true),
            ("con.ron", false),
            ("Báo cáo.", false),
            ("Báo cáo ", false),
            ("a:b", false),
            ("", false),
            ("tab\there", false),
        ] {
            assert_eq!(is_windows_safe(name), safe, "{name:?}");
        }
        // Everything safe_stem makes is safe, whatever goes in.
        for text in [
            "CON",
            "con.v2",
            "nul.",
            " . ",
            "a/b",
            "Lpt1 ",
            "COM¹",
            "Cốm\u{0}",
        ] {
            let name = export_file_name(text, "ics");
            assert!(is_windows_safe(&name), "{text:?} → {name:?}");
            assert!(is_windows_safe(&safe_stem(text, "x")), "{text:?}");
        }
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let long = "Thịt trâu gác bếp ".repeat(30);
        let stem = safe_stem(&long, "x");
        assert!(stem.len() <= MAX_STEM_BYTES);
        assert!(!stem.ends_with(' '));
        assert!(long.starts_with(&stem));
    }

    #[test]
    fn names_that_differ_only_by_case_get_a_number() {
        let taken = [collision_key("Cốm.docx")];
        let is_taken = |key: &str| taken.iter().any(|t| t == key);
        assert_eq!(unique_name("CỐM.docx", &is_taken), "CỐM (2).docx");
        assert_eq!(unique_name("Trâu.docx", &is_taken), "Trâu.docx");
    }
}
