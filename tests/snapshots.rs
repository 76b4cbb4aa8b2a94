//! Image snapshots of the three main screens (behind `--features snapshots`; they need a
//! software Vulkan renderer, Debian `mesa-vulkan-drivers`, which `.ci/run` installs).
//! Update with `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots`, and
//! look at every new image before committing it.
#![cfg(feature = "snapshots")]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ocop_tracker::ui::OcopApp;
use ocop_tracker::ui::text::Lang;

fn harness(ws: &std::path::Path) -> Harness<'static, OcopApp> {
    let app = OcopApp::new(common::catalog(), Some(ws), Lang::Vi, Some(common::today()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(16)
        .with_context_setup(ocop_tracker::ui::theme::install)
        .build_ui_state(|ui, app: &mut OcopApp| app.show(ui), app);
    // Let the background evidence check finish so every image is of a settled screen.
    for _ in 0..1000 {
        harness.run_steps(1);
        if harness.state().verify.as_ref().is_none_or(|v| v.finished) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness
}

#[test]
fn screens() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.run();
    harness.snapshot("dashboard");
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    harness.snapshot("portfolio");
    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    harness.snapshot("product_overview");
    harness.get_by_label("Chấm điểm").click();
    harness.run();
    harness.snapshot("product_scoring");
}
