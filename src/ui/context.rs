//! A screen's context, in the spirit of Rerun's `ViewerContext`: what a screen reads,
//! bundled in one value, and the outboxes of what the user asked for. A screen never
//! changes the model: it sends [`Command`]s (applied, saved and undoable after the frame)
//! and [`UiAction`]s (navigation, dialogs, file pickers).

use crate::app::AppState;
use crate::command::Command;

use super::UiAction;
use super::text::Lang;

/// What one screen (or a part of one) reads, and where its requests go.
pub struct ScreenCtx<'a> {
    /// The open workspace, read-only.
    pub state: &'a AppState,
    /// The language the screen is drawn in.
    pub lang: Lang,
    /// Nothing may be edited here: a read-only product, or a window that writes nothing.
    pub read_only: bool,
    commands: &'a mut Vec<Command>,
    actions: &'a mut Vec<UiAction>,
}

impl<'a> ScreenCtx<'a> {
    /// A context over `state` sending into the frame's two outboxes.
    pub fn new(
        state: &'a AppState,
        lang: Lang,
        read_only: bool,
        commands: &'a mut Vec<Command>,
        actions: &'a mut Vec<UiAction>,
    ) -> Self {
        ScreenCtx {
            state,
            lang,
            read_only,
            commands,
            actions,
        }
    }

    /// The user changed something: applied after the frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The user asked for something that is not an edit.
    pub fn action(&mut self, action: UiAction) {
        self.actions.push(action);
    }

    /// The command outbox, for a helper that only edits.
    pub fn commands(&mut self) -> &mut Vec<Command> {
        self.commands
    }

    /// The action outbox, for a helper that only asks.
    pub fn actions(&mut self) -> &mut Vec<UiAction> {
        self.actions
    }

    /// The same outboxes for a part that is read-only when `read_only` (or when this
    /// context already is).
    pub fn read_only_if(&mut self, read_only: bool) -> ScreenCtx<'_> {
        ScreenCtx {
            state: self.state,
            lang: self.lang,
            read_only: self.read_only || read_only,
            commands: self.commands,
            actions: self.actions,
        }
    }

    /// Whether `part` of `product` may be edited here: this context is not read-only and
    /// the one ownership rule (`domain::sides`, through `AppState::may_edit`) allows it.
    pub fn may_edit(
        &self,
        product: &crate::domain::model::ProductId,
        part: crate::domain::sides::Part<'_>,
    ) -> bool {
        !self.read_only && self.state.may_edit(product, part)
    }

    /// The same outboxes for remarks: this side writes its own remarks also on the
    /// other side's parts, which this context may show read-only (`AppState::may_edit`
    /// still refuses in a locked window or on a product open read-only).
    pub fn for_remarks(&mut self) -> ScreenCtx<'_> {
        ScreenCtx {
            state: self.state,
            lang: self.lang,
            read_only: false,
            commands: self.commands,
            actions: self.actions,
        }
    }

    /// The hover text of a control greyed because the part is the other side's.
    pub fn others_part_hint(&self) -> &'static str {
        crate::text::others_part_hint(self.state.side(), self.lang)
    }
}
