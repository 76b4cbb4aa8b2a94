//! The synthetic workspace for benchmarks and scale tests: products as heavy as real
//! ones (issue 26): every criterion of the self-assessment answered, 20–40 history
//! entries, 3–8 attachments, notes on the product, its documents and some criteria, so
//! that each file weighs 12–16 KB like the demo's real products.
//!
//! Pure: no egui, no files. The attachments are the [`sample_evidence`] files, each at a
//! stored path of its own as in a real workspace; the writer of the workspace
//! (`demo-data`, the benchmarks) puts a copy of the sample at each of them.

use chrono::{Datelike, Days, NaiveDate};

use super::new_product;
use crate::domain::catalog::Catalog;
use crate::domain::dossier::{Attachment, DocStatus, DossierTemplate};
use crate::domain::history::{Change, HistoryEntry, Origin, Sheet, TextField};
use crate::domain::model::{
    CURRENT_RULE_VERSION, Certificate, Producer, ProducerKind, Product, ProductId, Revocation,
    Workspace, WorkspaceInfo, WorkspaceKind,
};
use crate::domain::scoring::{Answer, ScoreSheet};
use crate::domain::stage::Stage;

/// SplitMix64: a tiny deterministic generator so the same seed gives the same workspace.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const PRODUCT_NAMES: &[(&str, u8)] = &[
    ("Chè Shan tuyết", 11),
    ("Mật ong bạc hà", 4),
    ("Gạo nếp cái hoa vàng", 3),
    ("Cam sành", 1),
    ("Bưởi đỏ", 1),
    ("Miến dong", 6),
    ("Bánh chưng đen", 6),
    ("Thịt trâu gác bếp", 8),
    ("Lạp xưởng", 8),
    ("Nước mắm", 9),
    ("Tương bần", 9),
    ("Tỏi cô đơn", 10),
    ("Trà hoa vàng", 12),
    ("Cà phê Arabica", 13),
    ("Rượu ngô men lá", 14),
    ("Rượu chuối hột", 15),
    ("Nước khoáng", 16),
    ("Nước cốt chanh leo", 17),
    ("Cao dược liệu", 18),
    ("Dầu gội bồ kết", 19),
    ("Tinh dầu quế", 20),
    ("Mây tre đan", 21),
    ("Thổ cẩm", 22),
    ("Hoa lan rừng", 23),
    ("Cây cảnh bonsai", 24),
    ("Cá cảnh", 25),
    ("Du lịch cộng đồng bản", 26),
    ("Thịt lợn đen", 2),
    ("Trứng gà đồi", 2),
    ("Cốm", 6),
    ("Đậu phụ", 7),
    ("Mứt gừng", 7),
    ("Bánh gai", 5),
];

const PLACES: &[&str] = &[
    "Hồng Quang",
    "Bình An",
    "Thượng Lâm",
    "Lăng Can",
    "Phúc Yên",
    "Xuân Lập",
    "Khuôn Hà",
    "Na Hang",
    "Chiêm Hóa",
    "Hàm Yên",
    "Yên Sơn",
    "Sơn Dương",
    "Đồng Văn",
    "Mèo Vạc",
    "Quản Bạ",
    "Bắc Mê",
    "Hoàng Su Phì",
    "Xín Mần",
    "Vị Xuyên",
    "Bắc Quang",
    "Quang Bình",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Ma", "Lý", "Nông", "Đặng", "Vàng", "Triệu", "Bùi",
];
const GIVEN: &[&str] = &[
    "Thị Hoa",
    "Văn Páo",
    "Thị Mai",
    "Văn Dũng",
    "Thị Lan",
    "Văn Sinh",
    "Thị Đào",
    "Văn Hùng",
    "Thị Nga",
    "Văn Tuấn",
    "Thị Hương",
    "Đức Minh",
];

/// Revocation grounds used by the synthetic workspace (Decision 26/2026, §5.2, paraphrased).
const REVOCATION_REASONS: [&str; 3] = [
    "Vi phạm quy định về an toàn thực phẩm",
    "Không duy trì chất lượng như khi được công nhận",
    "Chủ thể đề nghị thu hồi",
];

/// A synthetic workspace of `count` products, deterministic for a given `seed`, with
/// varied sets, stages and dossiers around `today`. For benchmarks and scale tests.
pub fn synthetic_workspace(
    count: usize,
    seed: u64,
    catalog: &Catalog,
    today: NaiveDate,
) -> Workspace {
    let empty = DossierTemplate {
        rule_version: CURRENT_RULE_VERSION.to_owned(),
        source_note: String::new(),
        items: Vec::new(),
    };
    let template = catalog.current_template().unwrap_or(&empty);
    let mut rng = Rng(seed);
    let mut products = std::collections::BTreeMap::new();
    for index in 0..count {
        let (base, set) = PRODUCT_NAMES
            .get(rng.below(PRODUCT_NAMES.len()))
            .copied()
            .unwrap_or(("Sản phẩm", 1));
        let place = rng.pick(PLACES);
        let name = format!("{base} {place}");
        // The number comes first, so cutting a long name to the id length keeps ids unique.
        let id = ProductId::slug_from(&format!(
            "p{:05}-{}",
            index + 1,
            ProductId::slug_from(&name)
        ));
        let mut product = new_product(id, &name, set, template, today.year());
        product.commune = place.to_owned();
        product.is_example = true;
        let kind = ProducerKind::ALL
            .get(rng.below(ProducerKind::ALL.len()))
            .copied()
            .unwrap_or_default();
        let kind_name = match kind {
            ProducerKind::Cooperative => "HTX",
            ProducerKind::CooperativeGroup => "THT",
            ProducerKind::Enterprise => "Công ty TNHH",
            ProducerKind::Household => "Hộ kinh doanh",
            ProducerKind::Farm => "Trang trại",
        };
        let person = format!("{} {}", rng.pick(SURNAMES), rng.pick(GIVEN));
        product.producer = Producer {
            name: format!("{kind_name} {place} {}", index % 97 + 1),
            kind,
            legal_representative: person,
            phone: format!("09{:08}", rng.next() % 100_000_000),
            address: format!("Xã {place}, Tuyên Quang"),
        };
        product.product_code = format!(
            "08-{:05}-{:03}-{}",
            rng.below(99_999),
            index % 1000,
            today.year()
        );
        let stage = Stage::ALL
            .get(rng.below(Stage::ALL.len()))
            .copied()
            .unwrap_or_default();
        if let Some(app) = product.current_mut() {
            app.stage = stage;
            let back =
                |days: usize| today.checked_sub_days(Days::new(u64::try_from(days).unwrap_or(0)));
            if stage >= Stage::SubmittedToCommune {
                app.dates.received_by_commune = back(rng.below(40));
            }
            if stage >= Stage::ForwardedToProvince {
                app.dates.forwarded_to_province = back(rng.below(30));
            }
            if matches!(stage, Stage::Recognised | Stage::Revoked | Stage::Expired) {
                // A certificate runs 36 months (about 1,096 days): a recognised or revoked
                // product's was issued within the last 1,000 days, an expired one's
                // between 1,100 and 1,500 days ago, so the stage and the dates agree.
                let days_back = if stage == Stage::Expired {
                    1100 + rng.below(400)
                } else {
                    rng.below(1000)
                };
                if let Some(issued_on) = back(days_back) {
                    app.certificate = Some(Certificate {
                        star: if rng.below(4) == 0 { 4 } else { 3 },
                        number: format!("{}/QĐ-UBND", 100 + rng.below(900)),
                        issued_on,
                    });
                    if stage == Stage::Revoked {
                        let revoked_on = issued_on
                            .checked_add_days(Days::new(1 + rng.next() % 365))
                            .map(|date| date.min(today));
                        app.revocation = revoked_on.map(|date| Revocation {
                            date,
                            reason: rng.pick(&REVOCATION_REASONS).to_owned(),
                        });
                    }
                }
            }
            for entry in &mut app.dossier {
                if entry.status == DocStatus::NotApplicable {
                    continue;
                }
                entry.status = DocStatus::ALL
                    .get(rng.below(3))
                    .copied()
                    .unwrap_or_default();
                if rng.below(5) == 0 {
                    entry.valid_until = today.checked_add_days(Days::new(rng.next() % 700));
                }
            }
        }
        make_heavy(&mut product, catalog, &mut rng, today);
        products.insert(product.id.clone(), product);
    }
    Workspace {
        info: WorkspaceInfo {
            name: format!("Dữ liệu tổng hợp ({count} sản phẩm)"),
            commune: "Nhiều xã".into(),
            province: "Tuyên Quang".into(),
            officers: vec!["Cán bộ thử nghiệm".into()],
            notes: format!("Sinh tự động, hạt giống {seed}."),
            kind: WorkspaceKind::Commune,
        },
        products: products.into_iter().collect(),
    }
}

/// Words the generated notes are made of (realistic length, never meaningful).
const NOTE_PHRASES: &[&str] = &[
    "Đã kiểm tra thực tế tại cơ sở sản xuất",
    "chủ thể bổ sung bản sao giấy chứng nhận",
    "cần cập nhật phiếu kiểm nghiệm mới",
    "vùng nguyên liệu liên kết với các hộ trong xã",
    "bao bì đã in mã truy xuất nguồn gốc",
    "câu chuyện sản phẩm đang được hoàn thiện",
    "doanh thu năm trước tăng so với kế hoạch",
    "đề nghị hỗ trợ xây dựng nhãn hiệu tập thể",
];

const FILE_NAMES: &[&str] = &[
    "Giấy chứng nhận đăng ký kinh doanh.pdf",
    "Phiếu kết quả kiểm nghiệm.jpg",
    "Ảnh bao bì sản phẩm.jpg",
    "Hợp đồng liên kết vùng nguyên liệu.pdf",
    "Giấy chứng nhận cơ sở đủ điều kiện ATTP.pdf",
    "Bản công bố chất lượng.pdf",
    "Ảnh cơ sở sản xuất.jpg",
];

/// The evidence files the synthetic products attach: one small file per name of
/// [`FILE_NAMES`] (synthetic text, not a real PDF or photo), with its SHA-256.
pub fn sample_evidence() -> Vec<(&'static str, Vec<u8>, String)> {
    use sha2::{Digest, Sha256};
    FILE_NAMES
        .iter()
        .map(|name| {
            let bytes = format!("Tệp mẫu của dữ liệu tổng hợp: {name}\n").into_bytes();
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (*name, bytes, sha)
        })
        .collect()
}

/// A sentence of `parts` phrases joined as a note would be.
fn note(rng: &mut Rng, parts: usize) -> String {
    let mut text = String::new();
    for i in 0..parts {
        if i > 0 {
            text.push_str("; ");
        }
        text.push_str(rng.pick(NOTE_PHRASES));
    }
    text.push('.');
    text
}

/// Every criterion of `set` answered (one in twelve not met).
fn answered(catalog: &Catalog, product: &Product, rng: &mut Rng) -> ScoreSheet {
    let mut sheet = ScoreSheet::default();
    let rule = product
        .current()
        .map_or(CURRENT_RULE_VERSION, |a| a.rule_version.as_str());
    let Some(set) = catalog.scoring_set(rule, product.scoring_set) else {
        return sheet;
    };
    for criterion in &set.criteria {
        let answer = if rng.below(12) == 0 || criterion.options.is_empty() {
            Answer::NotMet
        } else {
            Answer::Chosen {
                option: rng.below(criterion.options.len()),
            }
        };
        sheet.answers.insert(criterion.key.clone(), answer);
    }
    for _ in 0..3 {
        if let Some(criterion) = set.criteria.get(rng.below(set.criteria.len())) {
            sheet.notes.insert(criterion.key.clone(), note(rng, 2));
        }
    }
    sheet
}

/// Fills a generated product the way months of real work would (issue 26): answers,
/// attachments, document notes, a history of 20–40 entries and notes.
fn make_heavy(product: &mut Product, catalog: &Catalog, rng: &mut Rng, today: NaiveDate) {
    product.description = format!("{} {}", product.name, note(rng, 2));
    product.notes = note(rng, 4);
    let sheet = answered(catalog, product, rng);
    let attachments = 3 + rng.below(6);
    let samples = sample_evidence();
    let id = product.id.to_string();
    let Some(app) = product.current_mut() else {
        return;
    };
    let stage = app.stage;
    app.scores.self_assessment = sheet;
    app.notes = note(rng, 2);
    let used: Vec<usize> = (0..app.dossier.len())
        .filter(|&i| {
            app.dossier
                .get(i)
                .is_some_and(|e| e.status != DocStatus::NotApplicable)
        })
        .collect();
    for n in 0..attachments {
        let Some(entry) = used
            .get(rng.below(used.len()))
            .and_then(|&i| app.dossier.get_mut(i))
        else {
            break;
        };
        let Some((name, bytes, sha)) = samples.get(rng.below(samples.len())) else {
            break;
        };
        let file_name = (*name).to_owned();
        let ext = file_name.rsplit('.').next().unwrap_or("pdf").to_owned();
        let added = today
            .checked_sub_days(Days::new(rng.next() % 300))
            .unwrap_or(today);
        entry.attachments.push(Attachment {
            // A file of its own, as in a real workspace (the writer of the workspace puts a
            // copy of the sample there: `storage::evidence::store_samples_for`), its name
            // starting with its content's SHA-256 as the store's names do.
            stored_path: format!(
                "evidence/{}/{sha}.{id}-{n}.{ext}",
                sha.get(..2).unwrap_or("00")
            ),
            sha256: sha.clone(),
            file_name,
            size_bytes: bytes.len() as u64,
            added_at: added
                .and_hms_opt(8 + u32::try_from(n % 9).unwrap_or(0), 30, 0)
                .unwrap_or_default(),
            document_date: added.checked_sub_days(Days::new(rng.next() % 90)),
            valid_until: None,
        });
        if entry.note.is_empty() {
            entry.note = note(rng, 1);
        }
    }
    let keys: Vec<String> = used
        .iter()
        .filter_map(|&i| app.dossier.get(i).map(|e| e.key.clone()))
        .collect();
    let criteria: Vec<String> = app.scores.self_assessment.answers.keys().cloned().collect();
    let entries = 20 + rng.below(21);
    let by = format!("{} {}", rng.pick(SURNAMES), rng.pick(GIVEN));
    for n in 0..entries {
        let days_back = u64::try_from((entries - n) * 4).unwrap_or(0);
        let at = today
            .checked_sub_days(Days::new(days_back))
            .and_then(|d| d.and_hms_opt(9 + u32::try_from(n % 8).unwrap_or(0), 15, 0))
            .unwrap_or_default();
        let key = keys.get(rng.below(keys.len())).cloned().unwrap_or_default();
        let change = match n {
            0 => Change::Created,
            _ => match rng.below(5) {
                0 => Change::DocStatus {
                    key,
                    from: DocStatus::Missing,
                    to: DocStatus::InProgress,
                },
                1 => Change::DocNote {
                    key,
                    from: String::new(),
                    to: note(rng, 1),
                },
                2 => Change::Answer {
                    sheet: Sheet::SelfAssessment,
                    criterion: criteria
                        .get(rng.below(criteria.len()))
                        .cloned()
                        .unwrap_or_default(),
                    from: None,
                    to: Some(Answer::Chosen { option: 1 }),
                },
                3 => Change::Attached {
                    key,
                    file_name: rng.pick(FILE_NAMES).to_owned(),
                },
                _ => Change::Text {
                    field: TextField::Notes,
                    from: String::new(),
                    to: note(rng, 1),
                },
            },
        };
        product.history.push(HistoryEntry {
            at,
            by: by.clone(),
            origin: Origin::Edit,
            changes: vec![change],
        });
    }
    if stage >= Stage::ForwardedToProvince {
        product.history.push(HistoryEntry {
            at: today.and_hms_opt(16, 0, 0).unwrap_or_default(),
            by,
            origin: Origin::Edit,
            changes: vec![Change::Stage {
                from: Stage::CommuneAssessment,
                to: Stage::ForwardedToProvince,
            }],
        });
    }
}
