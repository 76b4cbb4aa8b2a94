//! Vietnamese-aware text folding for search, and NFC normalisation of input text.
//!
//! "com" finds "Cốm", "dau" finds "Đậu", "trau" finds "trâu": both sides are decomposed
//! (NFD), combining marks dropped, `đ`/`Đ` mapped to `d`, and lower-cased.
//! Pure: no egui, no files.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for diacritic-insensitive, case-insensitive matching.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Text normalised to NFC (how Vietnamese is stored: one code point per letter).
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Whether `haystack_folded` (already folded) contains every word of `query`.
pub fn matches(haystack_folded: &str, query: &str) -> bool {
    let q = fold(query);
    q.split_whitespace()
        .all(|word| haystack_folded.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_finds_vietnamese_words() {
        let cases = [
            ("Cốm Hồng Quang", "com", true),
            ("Cốm Hồng Quang", "hong quang", true),
            ("Đậu phụ", "dau", true),
            ("thịt trâu Bình An", "trau", true),
            ("thịt trâu Bình An", "TRÂU", true),
            ("thịt trâu Bình An", "binh an trau", true),
            ("Chè Shan tuyết", "ca phe", false),
            ("Mật ong", "", true),
        ];
        for (haystack, query, expected) in cases {
            assert_eq!(
                matches(&fold(haystack), query),
                expected,
                "{haystack:?} / {query:?}"
            );
        }
    }

    #[test]
    fn decomposed_and_composed_fold_alike() {
        let composed = "Cốm";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(composed), fold(&decomposed));
        assert_eq!(nfc(&decomposed), composed);
    }
}
