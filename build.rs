//! Build script: for a Windows target only, compiles the icon, the version information
//! and the application manifest (long paths, Common Controls 6, no elevation) into the
//! .exe with mingw's `windres`. Other targets: nothing to do, no extra dependencies.
//! On every target it also notes which outside tools the tests can use here
//! ([`test_tools`]).

use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn on_path(names: &[&str]) -> bool {
    let Some(path) = env::var_os("PATH") else {
        return false;
    };
    env::split_paths(&path).any(|dir| {
        names
            .iter()
            .any(|name| dir.join(name).is_file() || dir.join(format!("{name}.exe")).is_file())
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

/// Which outside tools the tests can use on this machine, found when the crate is built:
/// a test that needs a missing one is compiled as ignored with the reason (`cargo test`
/// lists it as "ignored", never "ok"), unless its `OCOP_REQUIRE_*` variable is set, which
/// makes it run and fail instead (`.ci/run` sets them). Nothing here touches the program.
/// cfgs: `ocop_no_libreoffice` (soffice/libreoffice), `ocop_no_poppler` (pdftotext),
/// `ocop_no_syncthing`, `ocop_no_vulkan` (a Vulkan driver for the image snapshots).
fn test_tools() {
    println!("cargo::rerun-if-env-changed=PATH");
    let tools: [(&str, bool, &str); 4] = [
        (
            "ocop_no_libreoffice",
            on_path(&["soffice", "libreoffice"]),
            "OCOP_REQUIRE_LIBREOFFICE",
        ),
        (
            "ocop_no_poppler",
            on_path(&["pdftotext"]),
            "OCOP_REQUIRE_LIBREOFFICE",
        ),
        (
            "ocop_no_syncthing",
            on_path(&["syncthing"]),
            "OCOP_REQUIRE_SYNCTHING",
        ),
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

fn main() -> Result<(), String> {
    println!("cargo:rerun-if-changed=build.rs");
    test_tools();
    println!("cargo:rerun-if-changed=assets/icon.ico");
    println!("cargo:rerun-if-changed=assets/windows/ocop-tracker.exe.manifest");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out_dir = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let rc_path = out_dir.join("ocop-tracker.rc");
    let object = out_dir.join("ocop-tracker-resources.o");
    std::fs::write(&rc_path, resource_script(&manifest_dir)?).map_err(|e| e.to_string())?;

    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        if env::var("HOST").ok() == env::var("TARGET").ok() {
            "windres".to_owned()
        } else {
            "x86_64-w64-mingw32-windres".to_owned()
        }
    });
    let status = Command::new(&windres)
        .args([
            "--input-format=rc",
            "--output-format=coff",
            "-c",
            "65001",
            "-i",
        ])
        .arg(&rc_path)
        .arg("-o")
        .arg(&object)
        .status()
        .map_err(|e| {
            format!(
                "could not run {windres} (Debian: apt-get install binutils-mingw-w64-x86-64): {e}"
            )
        })?;
    if !status.success() {
        return Err(format!("{windres} failed on {}", rc_path.display()));
    }
    // An object file on the link line is linked whole, so the resources cannot be
    // dropped as unreferenced (as they could from a static library).
    println!("cargo:rustc-link-arg-bins={}", object.display());
    Ok(())
}

/// The resource script: icon (id 1, the one Explorer shows), manifest, version info.
fn resource_script(manifest_dir: &std::path::Path) -> Result<String, String> {
    let version = env::var("CARGO_PKG_VERSION").map_err(|e| e.to_string())?;
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u16>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    // windres reads paths in the script with C escapes: forward slashes avoid them.
    let path = |rel: &str| {
        manifest_dir
            .join(rel)
            .display()
            .to_string()
            .replace('\\', "/")
    };
    let mut rc = String::new();
    let _ = writeln!(rc, "#pragma code_page(65001)");
    let _ = writeln!(rc, "1 ICON \"{}\"", path("assets/icon.ico"));
    let _ = writeln!(
        rc,
        "1 24 \"{}\"",
        path("assets/windows/ocop-tracker.exe.manifest")
    );
    let _ = write!(
        rc,
        r#"1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "000004b0"
    BEGIN
      VALUE "CompanyName", "ocop-tracker"
      VALUE "FileDescription", "Theo dõi OCOP - OCOP tracker"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "ocop-tracker"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
      VALUE "OriginalFilename", "ocop-tracker.exe"
      VALUE "ProductName", "ocop-tracker"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0000, 0x04b0
  END
END
"#
    );
    Ok(rc)
}
