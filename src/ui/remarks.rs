//! Remarks on screen: each side's words about the product, a document or a criterion
//! (`domain::remarks`), with who wrote them and when, and a box to add this side's own.
//! Only the side that wrote a remark can remove it; the other side's are read.

use egui::RichText;

use crate::domain::model::{Product, WorkspaceKind};
use crate::domain::remarks::{Remark, RemarkAbout};
use crate::domain::sides::Part;

use super::context::ScreenCtx;
use super::text;
use super::theme;
use crate::command::Command;

/// The colour a side's remarks are drawn in: the commune's in the accent colour, the
/// producer's in the "ok" colour, so a thread reads at a glance.
fn side_colour(side: WorkspaceKind) -> egui::Color32 {
    match side {
        WorkspaceKind::Commune => theme::accent(),
        WorkspaceKind::Producer => theme::ok(),
    }
}

/// One remark: "Xã · Nguyễn Văn An · 05/12/2026 09:14: cần bổ sung…", with a remove
/// button when it is this side's own.
pub fn remark_line_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    remark: &Remark,
) {
    let lang = ctx.lang;
    ui.horizontal_wrapped(|ui| {
        let who = if remark.author.trim().is_empty() {
            text::side_name(remark.side, lang).to_owned()
        } else {
            format!("{} · {}", text::side_name(remark.side, lang), remark.author)
        };
        ui.label(
            RichText::new(format!("✎ {who} · {}", remark.at.format("%d/%m/%Y %H:%M")))
                .small()
                .strong()
                .color(side_colour(remark.side)),
        );
        ui.add(egui::Label::new(remark.text.as_str()).wrap());
        if ctx.may_edit(&product.id, Part::Remark(remark.side))
            && ui
                .small_button("✖")
                .on_hover_text(lang.t(text::REMARK_DELETE))
                .clicked()
        {
            ctx.command(Command::WithdrawRemark {
                id: product.id.clone(),
                side: remark.side,
                at: remark.at,
            });
        }
    });
}

/// The remarks about `about` and, when this side may write, a one-line box to add one.
/// `compact`: no "no remarks yet" line (under each document).
pub fn remarks_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    about: &RemarkAbout,
    compact: bool,
) {
    let lang = ctx.lang;
    let Some(app) = product.current() else {
        return;
    };
    let mut any = false;
    for remark in crate::domain::remarks::about(&app.remarks, about) {
        any = true;
        remark_line_ui(ui, ctx, product, remark);
    }
    if !any && !compact {
        ui.label(RichText::new(lang.t(text::REMARK_NONE)).color(theme::muted()));
    }
    let own = ctx.state.side();
    if !ctx.may_edit(&product.id, Part::Remark(own)) {
        return;
    }
    let key = match about {
        RemarkAbout::Product => "product".to_owned(),
        RemarkAbout::Document(k) => format!("doc-{k}"),
        RemarkAbout::Criterion(k) => format!("crit-{k}"),
    };
    let draft_id = egui::Id::unique(("remark-draft", product.id.as_str(), key.as_str()));
    let open_id = draft_id.with("open");
    let open = ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(!compact);
    if !open {
        if ui
            .small_button(lang.t(text::REMARK_ADD))
            .on_hover_text(lang.t(text::REMARK_TRAVELS))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(open_id, true));
        }
        return;
    }
    if add_box_ui(ui, ctx, product, about, draft_id) && compact {
        ui.data_mut(|d| d.insert_temp(open_id, false));
    }
}

/// The Overview's "Ý kiến của xã" / "Ý kiến của chủ thể" panel: every remark of the
/// current application, the other side's first (what this side has to answer), each
/// naming what it is about; then a box for a remark on the product as a whole.
pub fn overview_remarks_ui(ui: &mut egui::Ui, ctx: &mut ScreenCtx<'_>, product: &Product) {
    let lang = ctx.lang;
    let Some(app) = product.current() else {
        return;
    };
    let own = ctx.state.side();
    let other = match own {
        WorkspaceKind::Commune => WorkspaceKind::Producer,
        WorkspaceKind::Producer => WorkspaceKind::Commune,
    };
    ui.heading(format!(
        "{} · {}",
        text::remarks_of(other, lang),
        text::remarks_of(own, lang)
    ));
    ui.label(
        RichText::new(lang.t(text::REMARK_TRAVELS))
            .small()
            .color(theme::muted()),
    );
    let mut any = false;
    for side in [other, own] {
        for remark in crate::domain::remarks::of_side(&app.remarks, side) {
            any = true;
            let about = match &remark.about {
                RemarkAbout::Product => lang.t(text::ABOUT_PRODUCT).to_owned(),
                RemarkAbout::Document(key) => format!(
                    "{}: {}",
                    lang.t(text::ABOUT_DOCUMENT),
                    text::document_name(ctx.state.catalog(), product, key, lang)
                ),
                RemarkAbout::Criterion(key) => format!("{} {key}", lang.t(text::ABOUT_CRITERION)),
            };
            ui.label(RichText::new(about).small().color(theme::muted()));
            remark_line_ui(ui, ctx, product, remark);
        }
    }
    if !any {
        ui.label(RichText::new(lang.t(text::REMARK_NONE)).color(theme::muted()));
    }
    // A new remark on the product as a whole (those on a document are written there).
    let product_about = RemarkAbout::Product;
    if ctx.may_edit(&product.id, Part::Remark(own)) {
        ui.add_space(4.0);
        let draft_id = egui::Id::unique(("remark-draft-overview", product.id.as_str()));
        add_box_ui(ui, ctx, product, &product_about, draft_id);
    }
}

/// The box to add this side's remark about `about` (its draft kept under `draft_id`
/// until sent); true when one was sent this frame.
fn add_box_ui(
    ui: &mut egui::Ui,
    ctx: &mut ScreenCtx<'_>,
    product: &Product,
    about: &RemarkAbout,
    draft_id: egui::Id,
) -> bool {
    let lang = ctx.lang;
    let own = ctx.state.side();
    let mut draft: String = ui.data(|d| d.get_temp(draft_id)).unwrap_or_default();
    let mut send = false;
    ui.horizontal(|ui| {
        let label = ui.label(
            RichText::new(format!("{}:", text::remarks_of(own, lang)))
                .small()
                .color(side_colour(own)),
        );
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut draft)
                    .hint_text(lang.t(text::REMARK_ADD_HINT))
                    .desired_width((ui.available_width() - 60.0).max(120.0)),
            )
            .labelled_by(label.id);
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            send = true;
        }
        if ui
            .add_enabled(
                !draft.trim().is_empty(),
                egui::Button::new(lang.t(text::REMARK_SEND)),
            )
            .clicked()
        {
            send = true;
        }
    });
    // Nothing typed is lost: a remark still in its box when the window closes is written
    // (as every text field commits then); while typed, the status bar does not say
    // "saved".
    let closing = ui.input(|i| i.viewport().close_requested());
    if !draft.trim().is_empty() && !closing {
        ui.ctx()
            .data_mut(|d| d.insert_temp(super::widgets::pending_edit_id(), true));
    }
    let sent = (send || closing) && !draft.trim().is_empty();
    if sent {
        let command = ctx.state.remark(&product.id, about.clone(), &draft);
        ctx.command(command);
        draft.clear();
    }
    ui.data_mut(|d| d.insert_temp(draft_id, draft));
    sent
}
