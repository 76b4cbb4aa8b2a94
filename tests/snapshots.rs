//! Image snapshots of the main screens. They need a Vulkan renderer; the software one,
//! Debian `mesa-vulkan-drivers`, is what `.ci/run` installs. Without any renderer the test
//! says so and skips, unless `OCOP_REQUIRE_SNAPSHOTS=1` (set by `.ci/run`) makes that a
//! failure. Update with `UPDATE_SNAPSHOTS=1 cargo test --test integration snapshots::`, and look at every
//! new image before committing it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure message"
)]

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ocop_tracker::ui::OcopApp;
use ocop_tracker::ui::text::Lang;

fn harness(ws: &std::path::Path) -> Harness<'static, OcopApp> {
    common::app_harness(ws, egui::vec2(1280.0, 800.0), Lang::Vi)
}

/// Whether a wgpu renderer can be created here (egui_kittest panics when it cannot).
fn renderer_available(harness: &mut Harness<'static, OcopApp>) -> bool {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| harness.render()));
    match result {
        Ok(Ok(_)) => true,
        Ok(Err(err)) => {
            eprintln!("no renderer: {err}");
            false
        }
        Err(_) => false,
    }
}

#[test]
#[cfg_attr(
    ocop_no_vulkan,
    ignore = "no Vulkan driver here for the image snapshots (apt-get install -y mesa-vulkan-drivers); OCOP_REQUIRE_SNAPSHOTS=1 makes it a failure"
)]
fn screens() {
    let (_tmp, ws) = common::demo_copy();
    let mut harness = harness(&ws);
    harness.run();
    if !renderer_available(&mut harness) {
        assert!(
            std::env::var_os("OCOP_REQUIRE_SNAPSHOTS").is_none(),
            "OCOP_REQUIRE_SNAPSHOTS is set but no wgpu renderer is available (install mesa-vulkan-drivers)"
        );
        eprintln!("SKIPPED: image snapshots need a Vulkan renderer (Debian mesa-vulkan-drivers)");
        return;
    }
    harness.snapshot("dashboard");
    harness.get_by_label("Danh mục sản phẩm").click();
    harness.run();
    harness.snapshot("portfolio");
    harness.get_by_label("Cốm Hồng Quang").click();
    harness.run();
    harness.snapshot("product_overview");
    harness.get_by_label("Chấm điểm").click();
    harness.run();
    // The producer's self-assessment (a commune's workspace opens its own sheet first,
    // still empty in the demo).
    harness.get_by_label("Chủ thể tự đánh giá").click();
    harness.run();
    harness.snapshot("product_scoring");
}
