//! Vietnamese for the notes of the criteria data (written in English by the transcriber).

use super::{Lang, SOURCE_NOTE_INTRO, SOURCE_NOTE_UNTRANSLATED};

/// Vietnamese for the most frequent notes of the criteria data (which are written in
/// English by the transcriber); None when there is no translation yet.
pub fn criterion_note_vi(note_en: &str) -> Option<&'static str> {
    Some(match note_en {
        "Stated above the scoring table ('Hồ sơ bị loại khi')." => {
            "Ghi ở đầu phiếu chấm (mục \"Hồ sơ bị loại khi\")."
        }
        "Stated above the scoring table ('Bị loại khi')." => {
            "Ghi ở đầu phiếu chấm (mục \"Bị loại khi\")."
        }
        "Covers business organisation and product distribution." => {
            "Gồm tổ chức kinh doanh và phân phối sản phẩm."
        }
        "Scored only if a product story exists." => "Chỉ chấm khi có câu chuyện sản phẩm.",
        "Judged on export contracts performed, quality certifications held, market assessments, or trade-promotion results in potential markets." => {
            "Đánh giá theo hợp đồng xuất khẩu đã thực hiện, chứng nhận chất lượng đang có, đánh giá thị trường hoặc kết quả xúc tiến thương mại ở thị trường tiềm năng."
        }
        "Requirement: the story must show origin, local resources, culture and identity, and the product's distinctive value, and be moving and persuasive." => {
            "Yêu cầu: câu chuyện thể hiện nguồn gốc, tài nguyên địa phương, văn hóa, bản sắc và giá trị khác biệt của sản phẩm; có sức lay động, thuyết phục."
        }
        "Judged against the average output or production value of similar local producers." => {
            "So với sản lượng hoặc giá trị sản xuất bình quân của các chủ thể cùng loại ở địa phương."
        }
        "The text gives only this criterion and its maximum, with no option lines; award the maximum if met (0 otherwise is implied, not stated)." => {
            "Văn bản chỉ ghi tiêu chí và điểm tối đa, không có các mức: đạt thì cho điểm tối đa (không đạt thì 0 điểm, văn bản không ghi rõ)."
        }
        "Quality: own distinctive features, clearly recognisable against other products, potential to become a local brand." => {
            "Chất lượng: có nét đặc trưng riêng, dễ nhận biết so với sản phẩm khác, có tiềm năng thành thương hiệu của địa phương."
        }
        "The product standard must be backed by a test report on food-safety indicators." => {
            "Tiêu chuẩn sản phẩm phải có phiếu kết quả kiểm nghiệm các chỉ tiêu an toàn thực phẩm."
        }
        "Linked to criterion 6.1; the text says evaluation stops." => {
            "Gắn với tiêu chí 6.1; văn bản ghi: dừng đánh giá."
        }
        "Linked to criterion 1.1; the text says eliminated ('Bị loại')." => {
            "Gắn với tiêu chí 1.1; văn bản ghi: bị loại."
        }
        "Linked to criterion 2.1; the text says eliminated ('Bị loại')." => {
            "Gắn với tiêu chí 2.1; văn bản ghi: bị loại."
        }
        "Requirement: 100% of the product grown within the province." => {
            "Yêu cầu: 100% sản phẩm được trồng trong tỉnh."
        }
        "Sub-item of 6.1 (10 points)." => "Tiểu mục của 6.1 (10 điểm).",
        "Sub-item of 6.2 (11 points)." => "Tiểu mục của 6.2 (11 điểm).",
        "Sub-item of 6.2 (5 points)." => "Tiểu mục của 6.2 (5 điểm).",
        "Sub-item of 6.1 (4 points)." => "Tiểu mục của 6.1 (4 điểm).",
        "Judged by using the product directly, or from official documents, research results and user evidence." => {
            "Đánh giá bằng cách dùng thử sản phẩm, hoặc qua tài liệu chính thức, kết quả nghiên cứu và ý kiến người dùng."
        }
        "Use value, e.g. decorative pictures, cosmetic bags, bracelets." => {
            "Giá trị sử dụng, ví dụ tranh trang trí, túi đựng mỹ phẩm, vòng tay."
        }
        "Records of periodic testing of safety indicators." => {
            "Hồ sơ kiểm tra định kỳ các chỉ tiêu an toàn."
        }
        "E.g. balanced form and patterns; even, attractive colours; solid, durable structure; suitable size and proportions." => {
            "Ví dụ: hình dáng, hoa văn cân đối; màu sắc đều, hấp dẫn; kết cấu chắc chắn, bền; kích thước, tỷ lệ phù hợp."
        }
        "Stated above the scoring table ('Hồ sơ bị loại khi'). The text reads 'hoặc giấy phép sản xuất theo quy định' with no 'không có'; read as in set 15 (no production licence). Uncertain." => {
            "Ghi ở đầu phiếu chấm (mục \"Hồ sơ bị loại khi\"). Văn bản ghi \"hoặc giấy phép sản xuất theo quy định\" mà không có chữ \"không có\"; hiểu như bộ 15 (không có giấy phép sản xuất). Chưa chắc chắn."
        }
        "Stated above the scoring table ('Hồ sơ bị loại khi'). The sheet header lists these papers with no verb ('Hồ sơ đăng ký bản đăng ký công bố chất lượng sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm'); read as a non-compliance ground. Uncertain." => {
            "Ghi ở đầu phiếu chấm (mục \"Hồ sơ bị loại khi\"). Đầu phiếu liệt kê các giấy tờ này mà không có động từ; hiểu là lý do loại khi không đáp ứng. Chưa chắc chắn."
        }
        "Shape of the dry tea or herbal tea." => "Hình dạng của chè khô hoặc trà thảo dược.",
        "Requirement: 100% of the product raised or grown within the province." => {
            "Yêu cầu: 100% sản phẩm được nuôi hoặc trồng trong tỉnh."
        }
        "Requirement: 100% of the product farmed or caught within the province (fishing grounds not counted)." => {
            "Yêu cầu: 100% sản phẩm được nuôi hoặc khai thác trong tỉnh (không tính ngư trường)."
        }
        "Requirement: 100% of the animals raised within the province." => {
            "Yêu cầu: 100% vật nuôi được nuôi trong tỉnh."
        }
        "Quality: own distinctive features, not confusable with other products." => {
            "Chất lượng: có nét đặc trưng riêng, không lẫn với sản phẩm khác."
        }
        "Quality (colour, aroma): own distinctive features, clearly recognisable against other products, potential to become a local brand." => {
            "Chất lượng (màu sắc, mùi thơm): có nét đặc trưng riêng, dễ nhận biết so với sản phẩm khác, có tiềm năng thành thương hiệu của địa phương."
        }
        "Quality (aroma, colour, quality in use): own distinctive features, clearly recognisable against other products, potential to become a local brand." => {
            "Chất lượng (mùi thơm, màu sắc, chất lượng khi dùng): có nét đặc trưng riêng, dễ nhận biết so với sản phẩm khác, có tiềm năng thành thương hiệu của địa phương."
        }
        "Nutrients such as vitamins B2, B3, B5, B6, B9 and free reducing sugars shown on the test report." => {
            "Các chất dinh dưỡng như vitamin B2, B3, B5, B6, B9 và đường khử tự do thể hiện trên phiếu kiểm nghiệm."
        }
        "Nutrient contents (e.g. protein, lipid, vitamins) shown on a test report from a competent body." => {
            "Hàm lượng dinh dưỡng (ví dụ protein, lipid, vitamin) thể hiện trên phiếu kiểm nghiệm của cơ quan có thẩm quyền."
        }
        "Maximum cell reads '4' and '1' on two lines; 4 matches the options and the Part C total of 35." => {
            "Ô điểm tối đa ghi \"4\" và \"1\" trên hai dòng; lấy 4 vì khớp với các mức và tổng Phần C là 35."
        }
        "Mandatory for products that must declare quality by law; encouraged for other products. The product standard must be backed by a test report on food-safety indicators." => {
            "Bắt buộc với sản phẩm phải công bố chất lượng theo quy định; khuyến khích với sản phẩm khác. Tiêu chuẩn sản phẩm phải có phiếu kết quả kiểm nghiệm các chỉ tiêu an toàn thực phẩm."
        }
        "Contents such as amylose, carbohydrate, energy, lipid shown on the test report." => {
            "Các hàm lượng như amylose, carbohydrate, năng lượng, lipid thể hiện trên phiếu kiểm nghiệm."
        }
        "Based on research and test records." => "Dựa trên hồ sơ nghiên cứu và kiểm nghiệm.",
        _ => return None,
    })
}

/// The hover text of a criterion's note: in Vietnamese when a translation exists, with
/// the transcriber's English original below; introduced in the UI language.
pub fn criterion_note_hover(note_en: &str, lang: Lang) -> String {
    // No English in a Vietnamese tooltip: the transcriber's note in Vietnamese, or a
    // word that it exists and where to read it.
    match (lang, criterion_note_vi(note_en)) {
        (Lang::Vi, Some(vi)) => format!("{}\n{vi}", SOURCE_NOTE_INTRO.vi),
        (Lang::Vi, None) => format!("{}\n{}", SOURCE_NOTE_INTRO.vi, SOURCE_NOTE_UNTRANSLATED.vi),
        (Lang::En, _) => format!("{}\n{note_en}", SOURCE_NOTE_INTRO.en),
    }
}
