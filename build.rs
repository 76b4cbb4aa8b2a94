//! Which outside tools the tests can use on this machine, found when the crate is built:
//! a test that needs a missing one is compiled as ignored with the reason (`cargo test`
//! lists it as "ignored", never "ok"), unless its `OCOP_REQUIRE_*` variable is set, which
//! makes it run and fail instead (`.ci/run` sets them). Nothing here touches the program.
//!
//! cfgs: `ocop_no_libreoffice` (soffice/libreoffice), `ocop_no_poppler` (pdftotext),
//! `ocop_no_syncthing`, `ocop_no_vulkan` (a Vulkan driver for the image snapshots).

use std::env;
use std::path::Path;

fn on_path(names: &[&str]) -> bool {
    let Some(path) = env::var_os("PATH") else {
        return false;
    };
    env::split_paths(&path).any(|dir| {
        names.iter().any(|name| {
            dir.join(name).is_file() || dir.join(format!("{name}.exe")).is_file()
        })
    })
}

fn vulkan_driver() -> bool {
    if !cfg!(target_os = "linux") {
        return true; // not looked for elsewhere: the snapshot test checks at run time
    }
    ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(Path::new(dir)).ok())
        .flatten()
        .filter_map(Result::ok)
        .any(|entry| entry.path().extension().is_some_and(|e| e == "json"))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    let tools: [(&str, bool, &str); 4] = [
        (
            "ocop_no_libreoffice",
            on_path(&["soffice", "libreoffice"]),
            "OCOP_REQUIRE_LIBREOFFICE",
        ),
        ("ocop_no_poppler", on_path(&["pdftotext"]), "OCOP_REQUIRE_LIBREOFFICE"),
        ("ocop_no_syncthing", on_path(&["syncthing"]), "OCOP_REQUIRE_SYNCTHING"),
        ("ocop_no_vulkan", vulkan_driver(), "OCOP_REQUIRE_SNAPSHOTS"),
    ];
    for (cfg, found, require) in tools {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-env-changed={require}");
        if !found && env::var_os(require).is_none() {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
