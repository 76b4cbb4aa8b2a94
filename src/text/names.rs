//! Names of the domain's enums and lines built from them, in both languages.

use super::{
    DAYS, DAYS_LEFT, DOC_BACKS, DOC_BY_COMMUNE, DOC_BY_PRODUCER, DOC_BY_PROVINCE, DOC_CONDITIONAL,
    DOC_CONDITIONAL_HINT, DOC_OPTIONAL, DOC_OPTIONAL_HINT, DOC_REQUIRED, DOC_REQUIRED_HINT, Lang,
    OVERDUE, REQUIRED_ALL_READY, TODAY, Tr,
};
use crate::domain::criteria::{Part, ScoringSet};
use crate::domain::deadlines::DeadlineKind;
use crate::domain::dossier::{DocStatus, Provider, Requirement};
use crate::domain::history::{Sheet, TextField};
use crate::domain::model::{ApplicationKind, FormText, ProducerKind};
use crate::domain::scoring::ScoreSummary;
use crate::domain::stage::{Stage, StageField};

/// What has to happen to reach `stage`, and who does it: the "next step" as an action
/// ("Nộp hồ sơ cho UBND xã"), where [`stage_name`] names the state it leads to.
pub fn step_to(stage: Stage) -> Tr {
    match stage {
        Stage::Preparing => Tr {
            vi: "Chuẩn bị ý tưởng, phương án sản xuất",
            en: "Prepare the idea and production plan",
        },
        Stage::DossierInPreparation => Tr {
            vi: "Chủ thể lập hồ sơ (Mẫu 01, Mẫu 02 và minh chứng)",
            en: "The producer prepares the dossier (Forms 01, 02 and evidence)",
        },
        Stage::SubmittedToCommune => Tr {
            vi: "Chủ thể nộp hồ sơ cho UBND xã",
            en: "The producer hands the dossier to the commune",
        },
        Stage::CommuneAssessment => Tr {
            vi: "UBND xã đánh giá hồ sơ, lập Mẫu 03",
            en: "The commune assesses the dossier and writes Form 03",
        },
        Stage::ForwardedToProvince => Tr {
            vi: "UBND xã gửi hồ sơ lên UBND tỉnh",
            en: "The commune sends the dossier to the province",
        },
        Stage::ProvincialEvaluation => Tr {
            vi: "Hội đồng cấp tỉnh đánh giá, chấm điểm",
            en: "The provincial council evaluates and scores",
        },
        Stage::SentToMinistry => Tr {
            vi: "UBND tỉnh gửi hồ sơ lên Bộ (xét 5 sao)",
            en: "The province sends the dossier to the ministry (5★)",
        },
        Stage::Recognised => Tr {
            vi: "Công nhận và cấp giấy chứng nhận",
            en: "Recognition and certificate",
        },
        Stage::NotRecognised => Tr {
            vi: "Kết luận không công nhận",
            en: "Not recognised",
        },
        Stage::Revoked => Tr {
            vi: "Thu hồi giấy chứng nhận",
            en: "Certificate revoked",
        },
        Stage::Expired => Tr {
            vi: "Giấy chứng nhận hết hạn",
            en: "Certificate expired",
        },
    }
}

/// "quá hạn 3 ngày" / "hôm nay" / "11 ngày nữa" for a date `days` after today.
pub fn relative_days(days: i64, lang: Lang) -> String {
    match days {
        ..0 => format!("{} {} {}", lang.t(OVERDUE), -days, lang.t(DAYS)),
        0 => lang.t(TODAY).to_owned(),
        _ => format!("{days} {}", lang.t(DAYS_LEFT)),
    }
}

/// A count with its thousands grouped as each language writes them: "19.407", "19,407".
pub fn thousands(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// "còn thiếu 11 điểm" / "11 points short".
pub fn points_short(points: u16, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("còn thiếu {points} điểm"),
        Lang::En => format!("{points} points short"),
    }
}

/// The predicted result of a sheet in words, for the summaries: "Dự kiến đạt ★★★",
/// "Chưa đủ điều kiện công nhận 3 sao", "Bị loại", or "Chưa chấm" when nothing is scored
/// (an empty sheet predicts nothing; it is not a failure).
pub fn verdict(summary: &ScoreSummary, lang: Lang) -> String {
    use crate::domain::scoring::Outcome;
    if summary.answered == 0 {
        return lang.t(super::NOT_SCORED).to_owned();
    }
    match summary.outcome() {
        Outcome::Recognised(star) => format!(
            "{} {}",
            lang.t(super::R_PREDICTED),
            "★".repeat(usize::from(star))
        ),
        Outcome::Eliminated => lang.t(super::R_ELIMINATED).to_owned(),
        Outcome::NotRecognised => lang.t(super::R_NOT_RECOGNISED).to_owned(),
    }
}

/// Name of a process stage.
pub fn stage_name(stage: Stage) -> Tr {
    match stage {
        Stage::Preparing => Tr {
            vi: "Chuẩn bị (ý tưởng, phương án)",
            en: "Preparing (idea, plan)",
        },
        Stage::DossierInPreparation => Tr {
            vi: "Chủ thể lập hồ sơ",
            en: "Producer prepares dossier",
        },
        Stage::SubmittedToCommune => Tr {
            vi: "Đã nộp UBND xã",
            en: "Submitted to commune",
        },
        Stage::CommuneAssessment => Tr {
            vi: "Xã đánh giá (Mẫu 03)",
            en: "Commune assessment (Form 03)",
        },
        Stage::ForwardedToProvince => Tr {
            vi: "Đã chuyển lên tỉnh",
            en: "Forwarded to province",
        },
        Stage::ProvincialEvaluation => Tr {
            vi: "Hội đồng tỉnh đánh giá",
            en: "Provincial evaluation",
        },
        Stage::SentToMinistry => Tr {
            vi: "Đề nghị Trung ương xét 5 sao",
            en: "Sent to the ministry for 5★",
        },
        Stage::Recognised => Tr {
            vi: "Được công nhận",
            en: "Recognised",
        },
        Stage::NotRecognised => Tr {
            vi: "Không đạt",
            en: "Not recognised",
        },
        Stage::Revoked => Tr {
            vi: "Bị thu hồi",
            en: "Revoked",
        },
        Stage::Expired => Tr {
            vi: "Hết hạn",
            en: "Expired",
        },
    }
}

/// What happens at a stage and what comes next (shown under the stepper).
pub fn stage_explain(stage: Stage) -> Tr {
    match stage {
        Stage::Preparing => Tr {
            vi: "Chủ thể hoàn thiện ý tưởng, phương án kinh doanh và cải tiến sản phẩm (bao bì, nhãn, chứng nhận, sở hữu trí tuệ). Tiếp theo: lập hồ sơ Mẫu 01, Mẫu 02.",
            en: "The producer works on the idea, business plan and improvements (packaging, label, certificates, IP). Next: prepare Form 01 and Form 02.",
        },
        Stage::DossierInPreparation => Tr {
            vi: "Chủ thể lập Phiếu đăng ký (Mẫu 01) và Báo cáo tự đánh giá (Mẫu 02) kèm minh chứng; nộp 1 bộ giấy và 1 bộ điện tử cho UBND xã. Tiếp theo: xã tiếp nhận (ghi ngày nhận).",
            en: "The producer prepares Form 01 and Form 02 with evidence and submits 1 paper and 1 electronic set to the commune. Next: the commune receives it (record the date).",
        },
        Stage::SubmittedToCommune => Tr {
            vi: "UBND xã đã nhận hồ sơ: có 15 ngày làm việc để kiểm tra, đánh giá và chuyển tỉnh (QĐ 26/2026, Điều 7). Tiếp theo: xã đánh giá 4 nội dung, lập Mẫu 03.",
            en: "The commune received the dossier: it has 15 working days to check, assess and forward it (Decision 26/2026, Art. 7). Next: assess the four items and issue Form 03.",
        },
        Stage::CommuneAssessment => Tr {
            vi: "Xã đánh giá nguyên liệu, lao động địa phương, nguồn gốc ý tưởng, bản sắc; lập Mẫu 03, văn bản đề nghị, 05 mẫu sản phẩm. Tiếp theo: chuyển tỉnh trước 30/4 hoặc 30/10.",
            en: "The commune assesses local raw materials, labour, idea origin and identity; issues Form 03, the request letter and 5 samples. Next: forward to the province before 30 Apr or 30 Oct.",
        },
        Stage::ForwardedToProvince => Tr {
            vi: "Hồ sơ đã ở cơ quan OCOP tỉnh. Tiếp theo: tổ tư vấn và hội đồng tỉnh đánh giá (xong trước 30/6 hoặc 30/12).",
            en: "The dossier is with the provincial OCOP agency. Next: advisory team and council evaluate (by 30 Jun or 30 Dec).",
        },
        Stage::ProvincialEvaluation => Tr {
            vi: "Hội đồng tỉnh chấm điểm. Kết quả: công nhận 3★/4★, không đạt, hoặc từ 90 điểm chuyển Bộ xét 5★.",
            en: "The provincial council scores. Result: recognised 3★/4★, not recognised, or ≥ 90 points sent to the ministry for 5★.",
        },
        Stage::SentToMinistry => Tr {
            vi: "Bộ NN&MT đánh giá 5★ (gửi trước 30/7 → xong 30/9; trước 30/1 → xong 30/3). Dưới 90 điểm: tỉnh có thể công nhận 3★/4★.",
            en: "The ministry evaluates 5★ (sent by 30 Jul → done 30 Sep; by 30 Jan → done 30 Mar). Below 90: the province may recognise 3★/4★.",
        },
        Stage::Recognised => Tr {
            vi: "Giấy chứng nhận có hiệu lực 36 tháng. Nộp hồ sơ đánh giá lại trong khoảng 180 đến 120 ngày trước khi hết hạn; có thể đăng ký nâng hạng.",
            en: "The certificate is valid 36 months. Apply for re-rating 180 to 120 days before expiry; an upgrade may be applied for.",
        },
        Stage::NotRecognised => Tr {
            vi: "Chưa đạt 3 sao hoặc bị loại. Có thể cải thiện và đăng ký lại ở vòng sau.",
            en: "Below 3★ or eliminated. Improve and apply again in a later round.",
        },
        Stage::Revoked => Tr {
            vi: "Giấy chứng nhận đã bị thu hồi.",
            en: "The certificate was revoked.",
        },
        Stage::Expired => Tr {
            vi: "Giấy chứng nhận đã hết hạn. Nếu lỡ thời hạn đánh giá lại, giấy cũ còn giá trị tối đa 180 ngày sau khi hết hạn đến khi có quyết định.",
            en: "The certificate expired. If the re-rating window was missed, the old certificate stays valid up to 180 days past expiry until the decision.",
        },
    }
}

/// Name of a stage field (asked for in the stage dialog).
pub fn stage_field_name(field: StageField) -> Tr {
    match field {
        StageField::ReceivedByCommune => Tr {
            vi: "Ngày UBND xã nhận hồ sơ",
            en: "Date the commune received the dossier",
        },
        StageField::ForwardedToProvince => Tr {
            vi: "Ngày chuyển hồ sơ lên tỉnh",
            en: "Date forwarded to the province",
        },
        StageField::ProvincialScore => Tr {
            vi: "Điểm bình quân của hội đồng tỉnh",
            en: "Provincial council's average score",
        },
        StageField::SentToMinistry => Tr {
            vi: "Ngày tỉnh gửi Bộ",
            en: "Date sent to the ministry",
        },
        StageField::CertificateStar => Tr {
            vi: "Số sao được công nhận",
            en: "Star rank recognised",
        },
        StageField::CertificateNumber => Tr {
            vi: "Số quyết định / giấy chứng nhận",
            en: "Decision / certificate number",
        },
        StageField::CertificateIssued => Tr {
            vi: "Ngày cấp giấy chứng nhận",
            en: "Certificate issue date",
        },
        StageField::NotRecognisedOn => Tr {
            vi: "Ngày có kết quả không đạt",
            en: "Date of the negative result",
        },
        StageField::RevocationDate => Tr {
            vi: "Ngày quyết định thu hồi",
            en: "Revocation date",
        },
        StageField::RevocationReason => Tr {
            vi: "Lý do thu hồi",
            en: "Reason for revocation",
        },
    }
}

/// Name of a document status.
pub fn doc_status_name(status: DocStatus) -> Tr {
    match status {
        DocStatus::Missing => Tr {
            vi: "Chưa có",
            en: "Missing",
        },
        DocStatus::InProgress => Tr {
            vi: "Đang làm",
            en: "In progress",
        },
        DocStatus::Ready => Tr {
            vi: "Sẵn sàng",
            en: "Ready",
        },
        DocStatus::NotApplicable => Tr {
            vi: "Không áp dụng",
            en: "Not applicable",
        },
    }
}

/// Name of a document provider.
pub fn provider_name(provider: Provider) -> Tr {
    match provider {
        Provider::Producer => Tr {
            vi: "Chủ thể",
            en: "Producer",
        },
        Provider::Commune => Tr {
            vi: "UBND xã",
            en: "Commune",
        },
        Provider::Province => Tr {
            vi: "UBND tỉnh",
            en: "Province",
        },
    }
}

/// Name of a requirement level.
pub fn requirement_name(requirement: Requirement) -> Tr {
    match requirement {
        Requirement::Required => DOC_REQUIRED,
        Requirement::Conditional => DOC_CONDITIONAL,
        Requirement::Optional => DOC_OPTIONAL,
    }
}

/// What a dossier document is, on hover: who prepares it, how mandatory it is, the
/// template's note and the criteria of the product's sheet it backs ("3.5 Sở hữu trí
/// tuệ"; the data's names when the sheet is not known).
pub fn document_hint(
    item: &crate::domain::dossier::TemplateItem,
    set: Option<&ScoringSet>,
    lang: Lang,
) -> String {
    let who = match item.provider {
        Provider::Producer => DOC_BY_PRODUCER,
        Provider::Commune => DOC_BY_COMMUNE,
        Provider::Province => DOC_BY_PROVINCE,
    };
    let how = match item.requirement {
        Requirement::Required => DOC_REQUIRED_HINT,
        Requirement::Conditional => DOC_CONDITIONAL_HINT,
        Requirement::Optional => DOC_OPTIONAL_HINT,
    };
    let mut lines = vec![lang.t(who).to_owned(), lang.t(how).to_owned()];
    let note = lang.pick(&item.note_vi, &item.note_en);
    if !note.trim().is_empty() {
        lines.push(note.to_owned());
    }
    let backed: Vec<String> = match set {
        Some(set) => crate::domain::dossier::criteria_backed_by(item, set)
            .iter()
            .map(|c| format!("{} {}", c.code, lang.pick(&c.name_vi, &c.name_en)))
            .collect(),
        None => item.backs_criteria.clone(),
    };
    if !backed.is_empty() {
        lines.push(format!("{}: {}", lang.t(DOC_BACKS), backed.join("; ")));
    }
    lines.join("\n")
}

/// Name of a producer kind.
pub fn producer_kind_name(kind: ProducerKind) -> Tr {
    match kind {
        ProducerKind::Cooperative => Tr {
            vi: "Hợp tác xã",
            en: "Cooperative",
        },
        ProducerKind::CooperativeGroup => Tr {
            vi: "Tổ hợp tác",
            en: "Cooperative group",
        },
        ProducerKind::Enterprise => Tr {
            vi: "Doanh nghiệp",
            en: "Enterprise",
        },
        ProducerKind::Household => Tr {
            vi: "Hộ sản xuất, kinh doanh",
            en: "Household business",
        },
        ProducerKind::Farm => Tr {
            vi: "Trang trại",
            en: "Farm",
        },
    }
}

/// Label of a form text field (product screen, history, undo).
pub fn form_text_name(field: FormText) -> Tr {
    let (vi, en) = match field {
        FormText::BusinessResults => (
            "Mẫu 02, Phần II: kết quả sản xuất, kinh doanh",
            "Form 02, Part II: business results",
        ),
        FormText::BusinessPlan => (
            "Mẫu 02, Phần IV: kế hoạch sản xuất, kinh doanh",
            "Form 02, Part IV: business plan",
        ),
        FormText::ProducerRawMaterials => (
            "Chủ thể: sử dụng nguyên liệu địa phương",
            "Producer: use of local raw materials",
        ),
        FormText::ProducerLabour => (
            "Chủ thể: sử dụng lao động địa phương",
            "Producer: use of local labour",
        ),
        FormText::ProducerIdeaOrigin => (
            "Chủ thể: nguồn gốc ý tưởng sản phẩm",
            "Producer: origin of the product idea",
        ),
        FormText::ProducerIdentity => (
            "Chủ thể: bản sắc, trí tuệ địa phương",
            "Producer: local identity and know-how",
        ),
        FormText::CommuneRawMaterials => (
            "Xã đánh giá: sử dụng nguyên liệu địa phương",
            "Commune's assessment: local raw materials",
        ),
        FormText::CommuneLabour => (
            "Xã đánh giá: sử dụng lao động địa phương",
            "Commune's assessment: local labour",
        ),
        FormText::CommuneIdeaOrigin => (
            "Xã đánh giá: nguồn gốc ý tưởng sản phẩm",
            "Commune's assessment: origin of the idea",
        ),
        FormText::CommuneIdentity => (
            "Xã đánh giá: bản sắc, trí tuệ địa phương",
            "Commune's assessment: local identity",
        ),
        FormText::ReportNumber => ("Số báo cáo Mẫu 03", "Form 03 document number"),
        FormText::ReportPlace => ("Địa danh ghi ngày Mẫu 03", "Form 03 place"),
        FormText::RegistrationSlip => (
            "Số phiếu tiếp nhận Mẫu 01 (…/PĐK)",
            "Form 01 receipt slip number (…/PĐK)",
        ),
    };
    Tr { vi, en }
}

/// "3.5 Sở hữu trí tuệ: cần tối thiểu 1 điểm cho 3★, hiện có 0".
pub fn blocker_line(blocker: &crate::domain::status::Blocker<'_>, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Chưa đạt mức tối thiểu ở tiêu chí {} {}: 3★ cần ít nhất {} điểm, hiện có {}",
            blocker.criterion_key, blocker.name_vi, blocker.required_points, blocker.current_points
        ),
        Lang::En => format!(
            "Below the minimum on {} {}: 3★ needs at least {} points, it has {}",
            blocker.criterion_key,
            lang.pick(blocker.name_vi, blocker.name_en),
            blocker.required_points,
            blocker.current_points
        ),
    }
}

/// "15/11/2026 · Tài liệu đã hết hiệu lực: Phiếu kết quả kiểm nghiệm…" (a deadline with
/// the document it concerns).
pub fn deadline_line(
    deadline: &crate::domain::deadlines::Deadline,
    product: &crate::domain::model::Product,
    catalog: &crate::domain::catalog::Catalog,
    today: chrono::NaiveDate,
    lang: Lang,
) -> String {
    let document = deadline
        .document_key
        .as_deref()
        .and_then(|key| catalog.document_names(product, key))
        .map(|(vi, en)| format!(": {}", lang.pick(vi, en)))
        .unwrap_or_default();
    format!(
        "{} ({}) · {}{document}",
        lang.date(deadline.date),
        relative_days((deadline.date - today).num_days(), lang),
        lang.t(deadline_name_on(deadline.kind, deadline.date, today))
    )
}

/// Name of an application kind.
pub fn application_kind_name(kind: ApplicationKind) -> Tr {
    match kind {
        ApplicationKind::FirstRating => Tr {
            vi: "Đánh giá lần đầu",
            en: "First rating",
        },
        ApplicationKind::Upgrade => Tr {
            vi: "Nâng hạng",
            en: "Upgrade",
        },
        ApplicationKind::ReRating => Tr {
            vi: "Đánh giá lại",
            en: "Re-rating",
        },
    }
}

/// Name of a deadline's rule, shown beside its date.
pub fn deadline_name(kind: DeadlineKind) -> Tr {
    match kind {
        DeadlineKind::CommuneProcessing => Tr {
            vi: "Hạn xã xử lý hồ sơ (15 ngày làm việc)",
            en: "Commune must finish (15 working days)",
        },
        DeadlineKind::ProvinceRoundCutoff => Tr {
            vi: "Hạn chuyển tỉnh (30/4, 30/10)",
            en: "Province cut-off (30 Apr, 30 Oct)",
        },
        DeadlineKind::ProvincialResult => Tr {
            vi: "Tỉnh có kết quả (30/6, 30/12)",
            en: "Provincial result (30 Jun, 30 Dec)",
        },
        DeadlineKind::NationalResult => Tr {
            vi: "Bộ có kết quả 5★",
            en: "National 5★ result",
        },
        DeadlineKind::ReRatingOpens => Tr {
            vi: "Bắt đầu nhận hồ sơ đánh giá lại (180 ngày trước hạn)",
            en: "Re-rating window opens (180 days before expiry)",
        },
        DeadlineKind::ReRatingCloses => Tr {
            vi: "Hạn cuối nộp hồ sơ đánh giá lại (120 ngày trước hạn)",
            en: "Re-rating window closes (120 days before expiry)",
        },
        DeadlineKind::CertificateExpiry => Tr {
            vi: "Giấy chứng nhận hết hạn (36 tháng)",
            en: "Certificate expires (36 months)",
        },
        DeadlineKind::GraceEnds => Tr {
            vi: "Hết thời gian chuyển tiếp (+180 ngày)",
            en: "Transitional grace ends (+180 days)",
        },
        DeadlineKind::DocumentValidUntil => Tr {
            vi: "Tài liệu hết hiệu lực",
            en: "Document expires",
        },
    }
}

/// The name of a deadline on its date: a document's validity "sắp hết hiệu lực" (still
/// valid, runs out on that date) or "đã hết hiệu lực" (ran out before today).
pub fn deadline_name_on(
    kind: DeadlineKind,
    date: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Tr {
    match kind {
        DeadlineKind::DocumentValidUntil if date < today => Tr {
            vi: "Tài liệu đã hết hiệu lực",
            en: "Document expired",
        },
        DeadlineKind::DocumentValidUntil => Tr {
            vi: "Tài liệu sắp hết hiệu lực",
            en: "Document expiring",
        },
        other => deadline_name(other),
    }
}

/// "38% · 7/18 · còn thiếu 4 tài liệu bắt buộc" (or "đủ tài liệu bắt buộc").
pub fn completeness_line(
    percent: u8,
    ready: usize,
    applicable: usize,
    required_missing: usize,
    lang: Lang,
) -> String {
    let required = if required_missing == 0 {
        lang.t(REQUIRED_ALL_READY).to_owned()
    } else {
        match lang {
            Lang::Vi => format!("còn thiếu {required_missing} tài liệu bắt buộc"),
            Lang::En if required_missing == 1 => "1 required document missing".to_owned(),
            Lang::En => format!("{required_missing} required documents missing"),
        }
    };
    format!("{percent}% · {ready}/{applicable} · {required}")
}

/// "A 28/40   B 15/25   C 20/35   Tổng 63/100": the parts of a score, for the screen and the CLI.
pub fn parts_line(summary: &ScoreSummary, set: &ScoringSet, lang: Lang) -> String {
    format!(
        "A {}/{}   B {}/{}   C {}/{}   {} {}/{}",
        summary.part_points(Part::A),
        set.part_max(Part::A),
        summary.part_points(Part::B),
        set.part_max(Part::B),
        summary.part_points(Part::C),
        set.part_max(Part::C),
        lang.t(super::SCORE_TOTAL),
        summary.total,
        summary.max_total
    )
}

/// The name of a product's or its application's text field (the history, the conflict
/// dialog and the Edit menu's "Undo: …" all say it so).
pub fn text_field_name(field: TextField) -> Tr {
    match field {
        TextField::Name => super::FIELD_NAME,
        TextField::Commune => super::FIELD_COMMUNE,
        TextField::ProductCode => super::FIELD_CODE,
        TextField::Description => super::FIELD_DESCRIPTION,
        TextField::Notes => super::FIELD_NOTES,
        TextField::Producer => super::FIELD_PRODUCER,
        TextField::LegalRepresentative => super::FIELD_REPRESENTATIVE,
        TextField::Phone => super::FIELD_PHONE,
        TextField::Address => super::FIELD_ADDRESS,
        TextField::ApplicationNotes => super::FIELD_APP_NOTES,
        TextField::Form(form) => form_text_name(form),
    }
}

/// The name of a score sheet.
pub fn sheet_name(sheet: Sheet) -> Tr {
    match sheet {
        Sheet::SelfAssessment => super::SHEET_SELF,
        Sheet::Commune => super::SHEET_COMMUNE,
    }
}
