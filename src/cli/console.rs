//! The Windows console of a GUI-subsystem program.
//!
//! The Windows .exe is built for the GUI subsystem (`windows_subsystem = "windows"` in
//! main.rs), so double-clicking it opens no console window. Such a program has no console
//! of its own; a CLI command started from `cmd` or PowerShell attaches to the terminal it
//! was started from, so `check`, `list`, `--help`… still print there. Elsewhere nothing
//! to do.

/// Attaches to the console of the parent process (the terminal), if there is one.
/// Without one (double-click, a shortcut) nothing happens, and writes to stdout and
/// stderr are dropped quietly by std.
#[cfg(windows)]
pub fn attach_parent() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // The only unsafe code in the crate (see `[lints.rust]` in Cargo.toml).
    #[expect(
        unsafe_code,
        reason = "FFI: AttachConsole takes a process id by value and touches no Rust memory; \
                  failure (no parent console) is reported by the return value, ignored here"
    )]
    // SAFETY: a plain Win32 call with an integer argument; no pointers are passed.
    let _attached = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}

/// Not Windows: a console program already has its terminal.
#[cfg(not(windows))]
pub fn attach_parent() {}
