//! Demo and synthetic data: the two seed products of the shipped workspace and a
//! deterministic generator of realistic workspaces for scale work.
//!
//! Producer and person names here are fictional examples and marked as such.
//! Pure: no egui, no files.

use chrono::NaiveDate;

use super::catalog::Catalog;
use super::criteria::ScoringSet;
use super::dossier::{Applicability, DocStatus, DossierTemplate};
use super::model::{
    Application, ApplicationKind, CURRENT_RULE_VERSION, FormText, Producer, ProducerKind, Product,
    ProductId, Workspace, WorkspaceInfo, WorkspaceKind,
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

    let com = com_hong_quang(catalog, template);
    products.insert(com.id.clone(), com);
    let trau = thit_trau_binh_an(catalog, template);
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
        products: products.into_iter().collect(),
    }
}

/// Cốm Hồng Quang: processed from rice → set 6 (domain brief §3, inferred); submitted
/// to the commune, its dossier partly ready.
fn com_hong_quang(catalog: &Catalog, template: &DossierTemplate) -> Product {
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
        com_hong_quang_forms(app);
        com_hong_quang_dossier(app);
        // Self-assessment (Form 02, Part III), set 6: 59 points, every 3★ minimum met → 3★.
        app.scores.self_assessment = com_hong_quang_self_assessment(catalog);
    }
    com
}

/// Cốm Hồng Quang's words in its forms.
fn com_hong_quang_forms(app: &mut Application) {
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
}

/// Where each document of Cốm Hồng Quang's dossier stands.
fn com_hong_quang_dossier(app: &mut Application) {
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
}

fn com_hong_quang_self_assessment(catalog: &Catalog) -> ScoreSheet {
    fill_sheet(
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
    )
}

/// Thịt trâu Bình An: sold fresh or chilled → set 2 (dried "gác bếp" would be set 8); its
/// dossier in preparation, short of a trademark application.
fn thit_trau_binh_an(catalog: &Catalog, template: &DossierTemplate) -> Product {
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
        thit_trau_binh_an_dossier(app);
        // Self-assessment, set 2: 52 points (a 3★ band) but no trademark application,
        // so the 3★ minimum of 3.5 is unmet and the product is not recognisable yet.
        app.scores.self_assessment = thit_trau_binh_an_self_assessment(catalog);
        app.scores.self_assessment.notes.insert(
            "3.5".to_owned(),
            "Chưa nộp đơn đăng ký nhãn hiệu tại Cục Sở hữu trí tuệ.".to_owned(),
        );
    }
    trau
}

/// Where each document of thịt trâu Bình An's dossier stands.
fn thit_trau_binh_an_dossier(app: &mut Application) {
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
}

fn thit_trau_binh_an_self_assessment(catalog: &Catalog) -> ScoreSheet {
    fill_sheet(
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
    )
}

mod synthetic;
pub use synthetic::{sample_evidence, synthetic_workspace};
