//! A scoring set proposed for a listed product that has none: most published lists give
//! the product group ("Thực phẩm chế biến", "Đồ uống") rather than one of the 26 sets.
//!
//! The group narrows the sets by Appendix I (Decision 26/2026): the group and sector each
//! set's sheet heading names ("(Sản phẩm: Thực phẩm. Nhóm: Thực phẩm chế biến)") and the
//! set's own name. Words of the product's name then pick one set among them ("gác bếp" is
//! processed meat, "cốm" processed rice). The word list below is INFERRED from the sets'
//! names and the products communes usually list; it is not in the decision: a proposal is
//! always shown with its reason and the officer confirms or changes it.

use std::collections::BTreeMap;

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

/// Proposes sets for many rows: each set's words folded once, each group's candidates
/// worked out once (a list of 20,000 rows names a handful of groups).
pub struct Proposer {
    /// Per set: its number and the words of its group, sector and name.
    sets: Vec<(u8, [Vec<String>; 3])>,
    /// Per phrase of [`NAME_WORDS`]: its set, the phrase and its words.
    phrases: Vec<(u8, &'static str, Vec<&'static str>)>,
    /// Group text → (sets of that group, sets near it).
    groups: BTreeMap<String, (Vec<u8>, Vec<u8>)>,
}

impl Proposer {
    pub fn new(sets: &[SetInfo]) -> Proposer {
        Proposer {
            sets: sets
                .iter()
                .map(|s| {
                    (
                        s.number,
                        [words(&s.group_vi), words(&s.sector_vi), words(&s.name_vi)],
                    )
                })
                .collect(),
            phrases: NAME_WORDS
                .iter()
                .flat_map(|(set, list)| {
                    list.iter().map(move |w| (*set, *w, w.split(' ').collect()))
                })
                .collect(),
            groups: BTreeMap::new(),
        }
    }

    /// The sets a product group points to: those whose Appendix I group names all its
    /// words, else whose sector does, else those sharing the most words with the group,
    /// sector or name; and the sets sharing any word with it (lists still use the older
    /// group names: "Thực phẩm chế biến" for processed meat, which Appendix I of 26/2026
    /// calls "Nông sản chế biến").
    fn of_group(&mut self, group: &str) -> (Vec<u8>, Vec<u8>) {
        if let Some(found) = self.groups.get(group) {
            return found.clone();
        }
        let wanted = words(group);
        let overlap = |have: &[String]| wanted.iter().filter(|w| have.contains(w)).count();
        let whole = |have: &[String]| !have.is_empty() && overlap(have) == wanted.len();
        let pick = |test: &dyn Fn(&[Vec<String>; 3]) -> bool| -> Vec<u8> {
            self.sets
                .iter()
                .filter(|(_, w)| test(w))
                .map(|(n, _)| *n)
                .collect()
        };
        let mut candidates = Vec::new();
        if !wanted.is_empty() {
            candidates = pick(&|w| whole(&w[0]));
            if candidates.is_empty() {
                candidates = pick(&|w| whole(&w[1]));
            }
            if candidates.is_empty() {
                let score = |w: &[Vec<String>; 3]| w.iter().map(|t| overlap(t)).max().unwrap_or(0);
                let best = self.sets.iter().map(|(_, w)| score(w)).max().unwrap_or(0);
                if best > 0 {
                    candidates = pick(&|w| score(w) == best);
                }
            }
        }
        let near = pick(&|w| w.iter().any(|t| overlap(t) > 0));
        let found = (candidates, near);
        self.groups.insert(group.to_owned(), found.clone());
        found
    }

    /// The word of [`NAME_WORDS`] in `name` among the `allowed` sets (all when empty) that
    /// says most: the one of most words ("gác bếp" over "thịt"), then the first in the
    /// name (a product is named before its place: "Cốm Hồng Quang" is cốm), then the
    /// longest: (set, the words as the name writes them).
    fn of_name(&self, name: &str, allowed: &[u8]) -> Option<(u8, String)> {
        let key = header_key(name);
        let tokens: Vec<&str> = key.split(' ').collect();
        let position = |wanted: &[&str]| {
            (0..tokens.len()).find(|&i| tokens.get(i..i + wanted.len()) == Some(wanted))
        };
        self.phrases
            .iter()
            .filter(|(set, _, _)| allowed.is_empty() || allowed.contains(set))
            .filter_map(|(set, phrase, wanted)| {
                position(wanted).map(|at| (*set, *phrase, wanted.len(), at))
            })
            .max_by_key(|(set, phrase, count, at)| {
                (
                    *count,
                    std::cmp::Reverse(*at),
                    phrase.len(),
                    std::cmp::Reverse(*set),
                )
            })
            .map(|(set, phrase, _, _)| (set, as_written(name, phrase)))
    }

    /// The set proposed for a product named `name` in product group `group` ("" when the
    /// list gives none), or `None` when neither says enough: the officer then chooses.
    pub fn propose(&mut self, name: &str, group: &str) -> Option<Proposal> {
        let (candidates, near) = self.of_group(group.trim());
        if let [only] = candidates.as_slice() {
            return Some(Proposal {
                set: *only,
                reason: ProposalReason::Group(group.trim().to_owned()),
            });
        }
        for tier in [&candidates, &near] {
            if tier.is_empty() {
                continue;
            }
            if let Some((set, word)) = self.of_name(name, tier) {
                return Some(Proposal {
                    set,
                    reason: ProposalReason::GroupAndWord {
                        group: group.trim().to_owned(),
                        word,
                    },
                });
            }
        }
        if !candidates.is_empty() || !near.is_empty() {
            // The group narrows it to several sets and the name says nothing: the officer
            // chooses among them.
            return None;
        }
        self.of_name(name, &[]).map(|(set, word)| Proposal {
            set,
            reason: ProposalReason::Word(word),
        })
    }
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

/// The set proposed for one product (see [`Proposer::propose`]; for many rows, keep one
/// [`Proposer`]).
pub fn propose_set(name: &str, group: &str, sets: &[SetInfo]) -> Option<Proposal> {
    Proposer::new(sets).propose(name, group)
}
