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

/// Whether `haystack_folded` (already folded) has a word beginning with each word of
/// `query`: "binh an" finds "Bình An" but not "Quang Bình … Xuân", "com" finds "Cốm".
pub fn matches(haystack_folded: &str, query: &str) -> bool {
    let q = fold(query);
    matches_words(haystack_folded, &q.split_whitespace().collect::<Vec<_>>())
}

/// Like [`matches`] with the query already folded and split into words.
pub fn matches_words(haystack_folded: &str, folded_words: &[&str]) -> bool {
    folded_words
        .iter()
        .all(|word| starts_a_word(haystack_folded, word))
}

/// Whether `word` occurs in `haystack` at the beginning of a word (after the start or
/// after a character that is not a letter or digit).
fn starts_a_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(at, _)| {
        haystack
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !c.is_alphanumeric())
    })
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
            // Each query word must begin a word: no fragments from inside words.
            ("Thịt trâu Bình An", "binh an", true),
            ("Gạo Quang Bình, xã Xuân Lâm", "binh an", false),
            ("Cốm Hồng Quang", "ong", false),
            ("Cốm Hồng Quang", "qua", true),
            ("HTX Nông nghiệp (Hồng Quang)", "hong", true),
            ("OCOP-2026-012", "012", true),
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
