//! `cargo xtask site`: builds the browser half of Carto82 into `target/site/`.
//!
//! - `pkg/`: the `app` crate compiled to wasm32 with `hydrate`, bound by wasm-bindgen (as a
//!   library pinned in Cargo.lock, so its version always equals the `wasm-bindgen` crate's)
//!   and shrunk by npm's `wasm-opt`;
//! - `assets/`: `public/` plus the map library vendored from `node_modules/` (pinned by
//!   package-lock.json), served by us rather than a CDN.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage : cargo xtask site [--no-opt]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("site") => site(!args.iter().any(|a| a == "--no-opt")),
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask : {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_owned()
}

fn site(optimise: bool) -> Result {
    let root = root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let site = target.join("site");
    let pkg = site.join("pkg");

    run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(&root)
            .args([
                "build",
                "-p",
                "app",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--no-default-features",
                "--features",
                "hydrate",
                "--profile",
                "wasm-release",
            ]),
    )?;
    let wasm = target.join("wasm32-unknown-unknown/wasm-release/app.wasm");

    if pkg.exists() {
        std::fs::remove_dir_all(&pkg)?;
    }
    std::fs::create_dir_all(&pkg)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name("app")
        .typescript(false)
        .generate(&pkg)?;

    if optimise {
        let bound = pkg.join("app_bg.wasm");
        let wasm_opt = root.join("node_modules/.bin/wasm-opt");
        if !wasm_opt.exists() {
            return Err(format!(
                "{} manque : lancez `npm ci` (ou tools/setup)",
                wasm_opt.display()
            )
            .into());
        }
        // The features rustc's wasm32 target enables by default; wasm-opt must accept them.
        run(Command::new(wasm_opt)
            .arg(&bound)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
                "-o",
            ])
            .arg(&bound))?;
    }

    let assets = site.join("assets");
    if assets.exists() {
        std::fs::remove_dir_all(&assets)?;
    }
    copy_dir(&root.join("public"), &assets)?;
    let modules = root.join("node_modules");
    let vendor = assets.join("vendor");
    for (package, files) in [
        (
            "leaflet",
            &[
                "dist/leaflet.js",
                "dist/leaflet.css",
                "dist/images",
                "LICENSE",
            ][..],
        ),
        (
            "leaflet.markercluster",
            &[
                "dist/leaflet.markercluster.js",
                "dist/MarkerCluster.css",
                "MIT-LICENCE.txt",
            ][..],
        ),
    ] {
        for file in files {
            let from = modules.join(package).join(file);
            let name = Path::new(file).file_name().expect("file name");
            let to = vendor.join(package).join(name);
            if from.is_dir() {
                copy_dir(&from, &to)?;
            } else {
                std::fs::create_dir_all(to.parent().expect("parent"))?;
                std::fs::copy(&from, &to)
                    .map_err(|e| format!("{} : {e} (lancez `npm ci`)", from.display()))?;
            }
        }
    }
    println!("site construit dans {}", site.display());
    Ok(())
}

fn run(command: &mut Command) -> Result {
    let status = command.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} a échoué ({status})").into())
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
