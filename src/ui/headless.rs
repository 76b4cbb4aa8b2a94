//! The real app drawn without a window (for `bench`): one egui context with the app's
//! fonts and theme, frames at 1280×800.

use std::time::{Duration, Instant};

use super::OcopApp;

/// A headless egui context for drawing frames of the app.
pub struct Headless {
    ctx: egui::Context,
}

impl Default for Headless {
    fn default() -> Self {
        let ctx = egui::Context::default();
        super::theme::install(&ctx);
        Headless { ctx }
    }
}

impl Headless {
    /// Draws one frame of `app` and returns how long it took: the whole pass on the CPU a
    /// user waits for, the app's code, egui's layout and the tessellation of every shape
    /// into triangles (only the GPU's upload and drawing are left out).
    pub fn frame(&self, app: &mut OcopApp) -> Duration {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let start = Instant::now();
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let triangles = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = start.elapsed();
        std::hint::black_box(triangles);
        took
    }
}
