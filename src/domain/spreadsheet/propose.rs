//! A scoring set proposed for a listed product that has none: most published lists give
//! the product group ("Thực phẩm chế biến", "Đồ uống") rather than one of the 26 sets.
//!
//! The group narrows the sets by Appendix I (Decision 26/2026): the group and sector each
//! set's sheet heading names ("(Sản phẩm: Thực phẩm. Nhóm: Thực phẩm chế biến)") and the
//! set's own name. Words of the product's name then pick one set among them ("gác bếp" is
//! processed meat, "cốm" processed rice). The word list below is INFERRED from the sets'
//! names and the products communes usually list; it is not in the decision: a proposal is
//! always shown with its reason and the officer confirms or changes it.

use super::header::header_key;

/// What a proposal needs to know of one scoring set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetInfo {
    pub number: u8,
    /// The set's Vietnamese name ("Chế biến từ gạo, ngũ cốc").
    pub name_vi: String,
    /// Its group in Appendix I ("Thực phẩm chế biến"; empty where there is none).
    pub group_vi: String,
    /// Its sector ("Thực phẩm", "Đồ uống").
    pub sector_vi: String,
}

impl SetInfo {
    /// The sets of a rule version, as the catalog holds them.
    pub fn of_sets<'a>(
        sets: impl IntoIterator<Item = &'a crate::domain::criteria::ScoringSet>,
    ) -> Vec<SetInfo> {
        sets.into_iter()
            .map(|set| {
                let (sector, group) = set.sector_and_group().unwrap_or(("", ""));
                SetInfo {
                    number: set.number,
                    name_vi: set.name_vi.clone(),
                    group_vi: group.to_owned(),
                    sector_vi: sector.to_owned(),
                }
            })
            .collect()
    }
}

/// Why a set was proposed (translated in `text::proposal_reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalReason {
    /// The product group names exactly one set's group or name.
    Group(String),
    /// The group allows several sets; a word of the name picks this one.
    GroupAndWord { group: String, word: String },
    /// No group given (or it matches no set); a word of the name picks this one.
    Word(String),
}

/// A proposed set and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub set: u8,
    pub reason: ProposalReason,
}

/// Words (folded) of product names that point to a set. INFERRED (see the module doc):
/// the longest match wins, so "thịt trâu gác bếp" is set 8 (processed), not 2 (fresh).
const NAME_WORDS: &[(u8, &[&str])] = &[
    (
        1,
        &[
            "rau",
            "cam",
            "buoi",
            "nhan",
            "vai thieu",
            "xoai",
            "chuoi",
            "dua",
            "qua hong",
            "tao",
            "khoai",
            "mang tuoi",
            "qua",
            "cu",
            "nam tuoi",
            "ot tuoi",
            "thanh long",
        ],
    ),
    (
        2,
        &[
            "thit", "ca", "tom", "cua", "trung", "sua tuoi", "ga", "lon", "trau", "bo", "vit",
            "de", "oc",
        ],
    ),
    (
        3,
        &[
            "gao",
            "nep",
            "ngo",
            "hat",
            "lac",
            "dau tuong",
            "dau xanh",
            "ca phe nhan",
        ],
    ),
    (4, &["mat ong", "mat mia", "mat hoa", "phan hoa"]),
    (5, &["an lien", "an nhanh", "mi tom", "chao an lien"]),
    (
        6,
        &[
            "com",
            "banh chung",
            "banh day",
            "banh",
            "bun",
            "pho",
            "mien",
            "mi",
            "banh da",
            "banh gao",
            "banh cuon",
            "banh gai",
            "com lam",
            "bot gao",
        ],
    ),
    (
        7,
        &[
            "mut",
            "say",
            "o mai",
            "dua muoi",
            "ca muoi",
            "tinh bot",
            "mang kho",
            "mang say",
            "hat dieu rang",
            "lac rang",
            "nam kho",
            "nam say",
        ],
    ),
    (
        8,
        &[
            "gac bep",
            "lap xuong",
            "ruoc",
            "cha",
            "gio",
            "nem",
            "kho",
            "xuc xich",
            "thit say",
            "ca kho",
            "muc kho",
            "sua chua",
            "pho mai",
        ],
    ),
    (9, &["nuoc mam", "tuong", "mam", "xi dau", "dau hao"]),
    (
        10,
        &[
            "muoi", "hanh", "toi", "tieu", "ot", "gung", "gia vi", "que", "hoi", "nghe", "sa",
            "mac khen",
        ],
    ),
    (
        11,
        &[
            "che",
            "tra xanh",
            "shan tuyet",
            "che shan",
            "tra shan",
            "hong tra",
        ],
    ),
    (
        12,
        &[
            "tra",
            "tra hoa",
            "tra tui loc",
            "tra thao moc",
            "tra gung",
            "tra atiso",
            "tra hoa vang",
            "tra giao co lam",
        ],
    ),
    (13, &["ca phe", "cacao", "ca cao"]),
    (
        14,
        &["ruou", "ruou ngo", "ruou gao", "ruou men la", "ruou thoc"],
    ),
    (
        15,
        &[
            "ruou vang",
            "ruou hoa qua",
            "ruou mo",
            "ruou sim",
            "ruou chuoi",
            "ruou ngam",
            "bia",
            "ruou tao meo",
        ],
    ),
    (
        16,
        &[
            "nuoc khoang",
            "nuoc uong dong chai",
            "nuoc tinh khiet",
            "nuoc suoi",
        ],
    ),
    (
        17,
        &[
            "nuoc ep",
            "si ro",
            "siro",
            "nuoc giai khat",
            "sua hat",
            "nuoc uong",
        ],
    ),
    (
        18,
        &[
            "cao",
            "vien",
            "thuc pham chuc nang",
            "thuoc",
            "dong trung ha thao",
            "tra duoc lieu",
        ],
    ),
    (
        19,
        &[
            "dau goi", "xa phong", "my pham", "kem", "son", "sua tam", "nuoc tam",
        ],
    ),
    (
        20,
        &[
            "tinh dau",
            "duoc lieu",
            "sam",
            "ba kich",
            "gioi",
            "hoi khac",
        ],
    ),
    (
        21,
        &[
            "may tre",
            "dan",
            "go",
            "gom",
            "su",
            "thu cong",
            "non la",
            "son mai",
            "cham",
            "khac",
            "dieu khac",
            "tranh",
            "gom su",
            "da my nghe",
        ],
    ),
    (
        22,
        &[
            "vai", "det", "tho cam", "may mac", "lua", "ao", "khan", "to tam",
        ],
    ),
    (23, &["hoa", "hoa lan", "hoa dao", "hoa hong", "hoa cuc"]),
    (
        24,
        &["cay canh", "bonsai", "cay the", "dao the", "quat canh"],
    ),
    (25, &["ca canh", "chim canh", "ga canh"]),
    (
        26,
        &[
            "du lich",
            "homestay",
            "diem du lich",
            "lang van hoa",
            "trai nghiem",
            "sinh thai",
            "lang nghe",
        ],
    ),
];

/// Words of a group text that say nothing about which set ("Sản phẩm", "và", "khác").
const FILLER: &[&str] = &["san", "pham", "va", "cac", "khac", "loai", "nhom", "tu"];

/// The meaningful folded words of a group or name text.
fn words(text: &str) -> Vec<String> {
    header_key(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The sets a product group points to: those whose Appendix I group, sector or name
/// shares the most words with it (the group's words must all be found for a group or
/// sector to match outright; otherwise the set names' overlap decides).
fn sets_of_group(group: &str, sets: &[SetInfo]) -> Vec<u8> {
    let wanted = words(group);
    if wanted.is_empty() {
        return Vec::new();
    }
    let overlap = |text: &str| {
        let have = words(text);
        wanted.iter().filter(|w| have.contains(w)).count()
    };
    let whole = |text: &str| !text.is_empty() && overlap(text) == wanted.len();
    // Exact group, then exact sector, then the best overlap with group, sector or name.
    let by_group: Vec<u8> = sets
        .iter()
        .filter(|s| whole(&s.group_vi))
        .map(|s| s.number)
        .collect();
    if !by_group.is_empty() {
        return by_group;
    }
    let by_sector: Vec<u8> = sets
        .iter()
        .filter(|s| whole(&s.sector_vi))
        .map(|s| s.number)
        .collect();
    if !by_sector.is_empty() {
        return by_sector;
    }
    let score = |s: &SetInfo| {
        overlap(&s.group_vi)
            .max(overlap(&s.sector_vi))
            .max(overlap(&s.name_vi))
    };
    let best = sets.iter().map(score).max().unwrap_or(0);
    if best == 0 {
        return Vec::new();
    }
    sets.iter()
        .filter(|s| score(s) == best)
        .map(|s| s.number)
        .collect()
}

/// The word of [`NAME_WORDS`] in `name` among the `allowed` sets (all when empty) that
/// says most: the one of most words ("gác bếp" over "thịt"), then the first in the name
/// (a product is named before its place: "Cốm Hồng Quang" is cốm), then the longest:
/// (set, the words as the name writes them).
fn set_of_name(name: &str, allowed: &[u8]) -> Option<(u8, String)> {
    let key = header_key(name);
    let tokens: Vec<&str> = key.split(' ').collect();
    let position = |phrase: &str| {
        let wanted: Vec<&str> = phrase.split(' ').collect();
        (0..tokens.len()).find(|&i| tokens.get(i..i + wanted.len()) == Some(wanted.as_slice()))
    };
    NAME_WORDS
        .iter()
        .filter(|(set, _)| allowed.is_empty() || allowed.contains(set))
        .flat_map(|(set, list)| list.iter().map(move |w| (*set, *w)))
        .filter_map(|(set, word)| position(word).map(|at| (set, word, at)))
        .max_by_key(|(set, word, at)| {
            (
                word.split(' ').count(),
                std::cmp::Reverse(*at),
                word.len(),
                std::cmp::Reverse(*set),
            )
        })
        .map(|(set, word, _)| (set, as_written(name, word)))
}

/// The words of `name` that fold to `phrase` ("gac bep" in "Thịt trâu gác bếp" is "gác
/// bếp"), or the phrase itself.
fn as_written(name: &str, phrase: &str) -> String {
    let original: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = original.iter().map(|w| header_key(w)).collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    (0..folded.len())
        .find(|&i| {
            folded
                .get(i..i + wanted.len())
                .is_some_and(|window| window.iter().zip(&wanted).all(|(a, b)| a == b))
        })
        .and_then(|i| original.get(i..i + wanted.len()))
        .map_or_else(|| phrase.to_owned(), |w| w.join(" "))
}

/// The set proposed for a product named `name` in product group `group` ("" when the list
/// gives none), or `None` when neither says enough: the officer then chooses.
pub fn propose_set(name: &str, group: &str, sets: &[SetInfo]) -> Option<Proposal> {
    let candidates = sets_of_group(group, sets);
    if let [only] = candidates.as_slice() {
        return Some(Proposal {
            set: *only,
            reason: ProposalReason::Group(group.trim().to_owned()),
        });
    }
    if !candidates.is_empty() {
        return set_of_name(name, &candidates).map(|(set, word)| Proposal {
            set,
            reason: ProposalReason::GroupAndWord {
                group: group.trim().to_owned(),
                word,
            },
        });
    }
    set_of_name(name, &[]).map(|(set, word)| Proposal {
        set,
        reason: ProposalReason::Word(word),
    })
}
