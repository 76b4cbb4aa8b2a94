//! Demo and synthetic data: the two seed products of the shipped workspace and a
//! deterministic generator of realistic workspaces for scale work.
//!
//! Producer and person names here are fictional examples and marked as such.
//! Pure: no egui, no files.

use chrono::{Datelike, Days, NaiveDate};

use super::catalog::Catalog;
use super::criteria::ScoringSet;
use super::dossier::{Applicability, DocStatus, DossierTemplate};
use super::model::{
    Application, ApplicationKind, CURRENT_RULE_VERSION, Certificate, FormText, Producer,
    ProducerKind, Product, ProductId, Revocation, Workspace, WorkspaceInfo, WorkspaceKind,
};
use super::scoring::{Answer, ScoreSheet};
use super::stage::Stage;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn set_status(
    app: &mut Application,
    key: &str,
    status: DocStatus,
    note: &str,
    issued_on: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
) {
    if let Some(entry) = app.dossier.iter_mut().find(|e| e.key == key) {
        entry.status = status;
        entry.note = note.to_owned();
        entry.issued_on = issued_on;
        entry.valid_until = valid_until;
    }
}

/// A new application under the current rules with a fresh checklist.
pub fn new_application(
    template: &DossierTemplate,
    kind: ApplicationKind,
    year: i32,
) -> Application {
    let mut app = Application {
        kind,
        rule_version: template.rule_version.clone(),
        year,
        stage: Stage::Preparing,
        dates: Default::default(),
        certificate: None,
        revocation: None,
        dossier: template.new_entries(),
        scores: Default::default(),
        notes: String::new(),
        forms: Default::default(),
        remarks: Vec::new(),
    };
    // Items that only concern other kinds of application start as not applicable.
    for entry in &mut app.dossier {
        let applies = template
            .item(&entry.key)
            .map_or(Applicability::Always, |i| i.applies);
        let concerns = match applies {
            Applicability::Always => true,
            Applicability::ReRatingOnly => kind == ApplicationKind::ReRating,
            Applicability::FiveStarCandidates => false,
        };
        if !concerns {
            entry.status = DocStatus::NotApplicable;
        }
    }
    app
}

/// A new, empty product with one first-rating application.
pub fn new_product(
    id: ProductId,
    name: &str,
    scoring_set: u8,
    template: &DossierTemplate,
    year: i32,
) -> Product {
    Product {
        id,
        name: name.to_owned(),
        producer: Producer::default(),
        commune: String::new(),
        scoring_set,
        product_code: String::new(),
        description: String::new(),
        notes: String::new(),
        is_example: false,
        kept_by_producer: false,
        applications: vec![new_application(
            template,
            ApplicationKind::FirstRating,
            year,
        )],
        history: Vec::new(),
    }
}

/// Answers a score sheet from (criterion code, points) pairs; `None` points = not met.
/// Codes or points that do not exist in the set are skipped (never invented).
fn fill_sheet(set: Option<&ScoringSet>, answers: &[(&str, Option<u16>)]) -> ScoreSheet {
    let mut sheet = ScoreSheet::default();
    let Some(set) = set else {
        return sheet;
    };
    for (code, points) in answers {
        let Some(criterion) = set.criteria.iter().find(|c| c.code == *code) else {
            continue;
        };
        let answer = match points {
            None => Some(Answer::NotMet),
            Some(p) => criterion
                .options
                .iter()
                .position(|o| o.points == *p)
                .map(|option| Answer::Chosen { option }),
        };
        if let Some(answer) = answer {
            sheet.answers.insert(criterion.key.clone(), answer);
        }
    }
    sheet
}

/// The shipped demo workspace: Cốm Hồng Quang and thịt trâu Bình An (former Lâm Bình
/// district, Tuyên Quang). Dossiers are partly complete and believable; producer and
/// person names are invented and marked "(ví dụ)".
pub fn seed_workspace(catalog: &Catalog) -> Workspace {
    let mut products = std::collections::BTreeMap::new();
    let empty = DossierTemplate {
        rule_version: CURRENT_RULE_VERSION.to_owned(),
        source_note: String::new(),
        items: Vec::new(),
    };
    let template = catalog.current_template().unwrap_or(&empty);

    // Cốm Hồng Quang: processed from rice → set 6 (domain brief §3, inferred).
    let mut com = new_product(
        ProductId::slug_from("com-hong-quang"),
        "Cốm Hồng Quang",
        6,
        template,
        2026,
    );
    com.is_example = true;
    com.commune = "Hồng Quang (huyện Lâm Bình cũ)".into();
    com.producer = Producer {
        name: "HTX Nông sản Hồng Quang (ví dụ)".into(),
        kind: ProducerKind::Cooperative,
        legal_representative: "Ma Thị Hoa (ví dụ)".into(),
        phone: "0912 000 001".into(),
        address: "Thôn Nà Va, xã Hồng Quang, Lâm Bình cũ, Tuyên Quang".into(),
    };
    com.description = "Cốm non làm từ lúa nếp nương, rang và giã thủ công, đóng túi 200 g.".into();
    com.notes = "Sản phẩm mẫu để thử ứng dụng. Tên xã sau sáp nhập chưa được xác minh.".into();
    if let Some(app) = com.current_mut() {
        app.stage = Stage::SubmittedToCommune;
        app.dates.received_by_commune = date(2026, 11, 16);
        // The producer's words for Form 02 (Part II; Part IV is still being written, as
        // the dossier note says) and its statement on the Form 03 items; the commune's
        // assessment is filled in on two of the four items so far. Example text.
        for (field, value) in [
            (
                FormText::BusinessResults,
                "Năm 2025 HTX sản xuất 6,2 tấn cốm, doanh thu 1,1 tỷ đồng, lợi nhuận 180 \
                 triệu đồng; vùng nếp nương 14 ha liên kết với 28 hộ.",
            ),
            (
                FormText::ProducerRawMaterials,
                "100% lúa nếp nương mua của 28 hộ trong xã theo hợp đồng liên kết.",
            ),
            (
                FormText::ProducerLabour,
                "12 lao động thường xuyên, đều là người trong xã; 40 lao động thời vụ.",
            ),
            (
                FormText::ProducerIdeaOrigin,
                "Nghề làm cốm truyền thống của đồng bào Tày ở Hồng Quang.",
            ),
            (
                FormText::ProducerIdentity,
                "Rang và giã tay theo cách làm truyền thống; gói lá dong.",
            ),
            (
                FormText::CommuneRawMaterials,
                "Đúng: đã kiểm tra hợp đồng và vùng nếp nương ngày 18/11/2026.",
            ),
            (
                FormText::CommuneLabour,
                "Đúng: danh sách lao động khớp sổ hộ khẩu tại xã.",
            ),
            (FormText::ReportPlace, "Hồng Quang"),
        ] {
            app.forms.set(field, value.to_owned());
        }
        use DocStatus::*;
        set_status(
            app,
            "form-01",
            Ready,
            "Đã ký, đóng dấu ngày 12/11/2026.",
            date(2026, 11, 12),
            None,
        );
        set_status(
            app,
            "form-02",
            InProgress,
            "Còn thiếu phần IV kế hoạch kinh doanh.",
            None,
            None,
        );
        set_status(
            app,
            "business-registration",
            Ready,
            "GCN đăng ký HTX (ví dụ).",
            date(2021, 3, 8),
            None,
        );
        set_status(
            app,
            "food-safety-certificate",
            Ready,
            "GCN cơ sở đủ điều kiện ATTP (ví dụ).",
            date(2024, 1, 15),
            date(2027, 1, 15),
        );
        set_status(
            app,
            "raw-material-origin",
            Ready,
            "Hợp đồng liên kết với 28 hộ trồng nếp trong xã.",
            None,
            None,
        );
        set_status(
            app,
            "ip-documents",
            Ready,
            "Đơn nhãn hiệu đã được chấp nhận hợp lệ.",
            date(2026, 8, 20),
            None,
        );
        set_status(
            app,
            "market-evidence",
            InProgress,
            "Đang gom hóa đơn các đại lý ngoài xã.",
            None,
            None,
        );
        set_status(
            app,
            "product-story",
            InProgress,
            "Đang in tờ rơi câu chuyện cốm.",
            None,
            None,
        );
        set_status(
            app,
            "quality-declaration",
            Ready,
            "Tự công bố sản phẩm (ví dụ).",
            date(2026, 5, 4),
            None,
        );
        set_status(
            app,
            "test-report",
            Ready,
            "Phiếu kiểm nghiệm (ví dụ).",
            date(2026, 4, 22),
            date(2027, 4, 22),
        );
        set_status(app, "traceability", Missing, "Chưa có mã vạch.", None, None);
        set_status(app, "product-samples", Missing, "", None, None);
        set_status(
            app,
            "form-03",
            InProgress,
            "Cán bộ xã đang soạn.",
            None,
            None,
        );
        set_status(app, "qms-certificates", NotApplicable, "", None, None);
        set_status(app, "awards", NotApplicable, "", None, None);
        // Self-assessment (Form 02, Part III), set 6: 59 points, every 3★ minimum met → 3★.
        app.scores.self_assessment = fill_sheet(
            catalog.scoring_set(CURRENT_RULE_VERSION, 6),
            &[
                ("1.1", Some(3)),
                ("1.2", Some(1)),
                ("1.3", Some(2)),
                ("1.4", Some(2)),
                ("1.5", Some(1)),
                ("1.6", Some(1)),
                ("1.7", Some(0)),
                ("2.1", Some(2)),
                ("2.2", Some(2)),
                ("2.3", Some(1)),
                ("2.4", None),
                ("3.1", Some(3)),
                ("3.2", Some(1)),
                ("3.3", Some(3)),
                ("3.4", Some(1)),
                ("3.5", Some(1)),
                ("4.1", Some(2)),
                ("4.2", Some(2)),
                ("4.3", Some(2)),
                ("5.1", Some(3)),
                ("5.2", Some(1)),
                ("5.3", Some(3)),
                ("6.1", Some(3)),
                ("6.2", Some(2)),
                ("6.3", Some(3)),
                ("6.4", Some(2)),
                ("6.5", Some(2)),
                ("7", Some(3)),
                ("8", Some(4)),
                ("9", Some(1)),
                ("10", Some(2)),
                ("11", None),
            ],
        );
    }
    products.insert(com.id.clone(), com);

    // Thịt trâu Bình An: sold fresh or chilled → set 2 (dried "gác bếp" would be set 8).
    let mut trau = new_product(
        ProductId::slug_from("thit-trau-binh-an"),
        "Thịt trâu Bình An",
        2,
        template,
        2026,
    );
    trau.is_example = true;
    trau.commune = "Bình An (huyện Lâm Bình cũ)".into();
    trau.producer = Producer {
        name: "HTX Chăn nuôi trâu Bình An (ví dụ)".into(),
        kind: ProducerKind::Cooperative,
        legal_representative: "Hoàng Văn Páo (ví dụ)".into(),
        phone: "0912 000 002".into(),
        address: "Thôn Khuổi Củng, xã Bình An, Lâm Bình cũ, Tuyên Quang".into(),
    };
    trau.description = "Thịt trâu tươi, trâu thả đồi, giết mổ tại cơ sở của HTX.".into();
    trau.notes =
        "Sản phẩm mẫu. Chưa nộp đơn đăng ký nhãn hiệu: thiếu tối thiểu 3 sao ở tiêu chí 3.5."
            .into();
    if let Some(app) = trau.current_mut() {
        app.stage = Stage::DossierInPreparation;
        use DocStatus::*;
        set_status(app, "form-01", InProgress, "", None, None);
        set_status(
            app,
            "form-02",
            InProgress,
            "Đang tự chấm điểm phần III.",
            None,
            None,
        );
        set_status(
            app,
            "business-registration",
            Ready,
            "GCN đăng ký HTX (ví dụ).",
            date(2019, 6, 3),
            None,
        );
        set_status(
            app,
            "food-safety-certificate",
            Ready,
            "GCN cơ sở giết mổ đủ điều kiện (ví dụ).",
            date(2025, 2, 10),
            date(2028, 2, 10),
        );
        set_status(
            app,
            "raw-material-origin",
            InProgress,
            "Sổ theo dõi đàn trâu 42 hộ.",
            None,
            None,
        );
        set_status(
            app,
            "ip-documents",
            Missing,
            "Chưa nộp đơn đăng ký nhãn hiệu tại Cục SHTT.",
            None,
            None,
        );
        set_status(
            app,
            "test-report",
            InProgress,
            "Phiếu kiểm nghiệm cũ đã hết hạn; cần gửi mẫu kiểm nghiệm lại.",
            date(2025, 11, 15),
            date(2026, 11, 15),
        );
        set_status(app, "quality-declaration", Missing, "", None, None);
        set_status(app, "product-story", InProgress, "", None, None);
        set_status(app, "qms-certificates", NotApplicable, "", None, None);
        // Self-assessment, set 2: 52 points (a 3★ band) but no trademark application,
        // so the 3★ minimum of 3.5 is unmet and the product is not recognisable yet.
        app.scores.self_assessment = fill_sheet(
            catalog.scoring_set(CURRENT_RULE_VERSION, 2),
            &[
                ("1.1", Some(3)),
                ("1.2", Some(2)),
                ("1.3", Some(0)),
                ("1.4", Some(3)),
                ("1.5", Some(1)),
                ("1.6", Some(1)),
                ("1.7", Some(0)),
                ("2.1", Some(1)),
                ("2.2", Some(2)),
                ("2.3", Some(1)),
                ("2.4", None),
                ("3.1", Some(3)),
                ("3.2", Some(1)),
                ("3.3", Some(3)),
                ("3.4", Some(1)),
                ("3.5", None),
                ("4.1", Some(2)),
                ("4.2", Some(1)),
                ("4.3", Some(3)),
                ("5.1", Some(2)),
                ("5.2", Some(1)),
                ("5.3", Some(3)),
                ("6.1", Some(4)),
                ("6.2", Some(2)),
                ("6.3", Some(3)),
                ("6.4", Some(2)),
                ("7", Some(3)),
                ("8", Some(2)),
                ("9", Some(1)),
                ("10", Some(1)),
                ("11", None),
            ],
        );
        app.scores.self_assessment.notes.insert(
            "3.5".to_owned(),
            "Chưa nộp đơn đăng ký nhãn hiệu tại Cục Sở hữu trí tuệ.".to_owned(),
        );
    }
    products.insert(trau.id.clone(), trau);

    Workspace {
        info: WorkspaceInfo {
            name: "OCOP Lâm Bình cũ (dữ liệu mẫu)".into(),
            commune: "Hồng Quang, Bình An (huyện Lâm Bình cũ)".into(),
            province: "Tuyên Quang".into(),
            officers: vec!["Nguyễn Văn An (cán bộ nông nghiệp xã, ví dụ)".into()],
            notes: "Thư mục làm việc mẫu đi kèm ứng dụng. Tên người và HTX là ví dụ.".into(),
            kind: WorkspaceKind::Commune,
        },
        products,
    }
}

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
    template: &DossierTemplate,
    today: NaiveDate,
) -> Workspace {
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
        products,
    }
}
