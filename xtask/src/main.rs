//! `cargo xtask site`: builds the browser half of Carto82 into `target/site/`.
//!
//! - `pkg/`: the `app` crate compiled to wasm32 with `hydrate` (its islands only), bound by
//!   wasm-bindgen (as a library pinned in Cargo.lock, so its version always equals
//!   the `wasm-bindgen` crate's) and shrunk by npm's `wasm-opt`;
//! - `assets/`: `public/` plus the map library vendored from `node_modules/` (pinned by
//!   package-lock.json), served by us rather than a CDN.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage : cargo xtask site";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["site"] => site(),
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

/// Each step is skipped when its output is newer than its input, so that a second run
/// with nothing changed takes a second.
fn site() -> Result {
    let root = root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let site = target.join("site");

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
    // `pkg/{version}/`, named after the files' content: browsers may keep them for good,
    // and never pair a file of one build with another's. `version`, written last, names it for the server; a run stopped
    // half-way leaves the previous one, and the next run starts the step again. It sits
    // beside `pkg/`, not in it: it changes, and all of `/pkg` is served as never changing.
    let pkg = site.join("pkg");
    let version_file = site.join("version");
    if !is_newer(&version_file, &wasm) {
        let staging = site.join("pkg-en-cours");
        bind_and_optimise(&root, &wasm, &staging)?;
        let version = content_version(&staging)?;
        if pkg.exists() {
            std::fs::remove_dir_all(&pkg)?;
        }
        std::fs::create_dir_all(&pkg)?;
        std::fs::rename(&staging, pkg.join(&version))?;
        std::fs::write(&version_file, &version)?;
    }

    let assets = site.join("assets");
    sync_dir(&root.join("public"), &assets)?;
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
            if !from.exists() {
                return Err(format!(
                    "{} manque : lancez `npm ci` (ou tools/setup)",
                    from.display()
                )
                .into());
            }
            let name = Path::new(file).file_name().expect("file name");
            sync(&from, &vendor.join(package).join(name))?;
        }
    }
    precompress(&site)?;
    println!("site construit dans {}", site.display());
    Ok(())
}

fn bind_and_optimise(root: &Path, wasm: &Path, pkg: &Path) -> Result {
    if pkg.exists() {
        std::fs::remove_dir_all(pkg)?;
    }
    std::fs::create_dir_all(pkg)?;
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!(
            "{} manque : lancez `npm ci` (ou tools/setup)",
            wasm_opt.display()
        )
        .into());
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)?
        .out_name("app")
        .typescript(false)
        .generate(pkg)?;
    optimise(&wasm_opt, &pkg.join("app_bg.wasm"))
}

fn optimise(wasm_opt: &Path, module: &Path) -> Result {
    // The features rustc's wasm32 target enables by default; wasm-opt must accept them.
    run(Command::new(wasm_opt)
        .arg(module)
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
        .arg(module))
}

/// A hash of every file in `dir` (names and bytes). Only needs to differ between builds
/// that differ, so std's SipHash serves; 64 bits, as 16 hex digits.
fn content_version(dir: &Path) -> Result<String> {
    use std::hash::{DefaultHasher, Hasher};
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    let mut hasher = DefaultHasher::new();
    for name in names {
        hasher.write(name.as_encoded_bytes());
        hasher.write(&std::fs::read(dir.join(&name))?);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

/// Whether `output` exists and was written after `input`.
fn is_newer(output: &Path, input: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(output), modified(input)), (Some(o), Some(i)) if o >= i)
}

/// Copies a file or a directory tree, leaving unchanged files untouched (and their
/// compressed versions valid).
fn sync(from: &Path, to: &Path) -> Result {
    if from.is_dir() {
        return sync_dir(from, to);
    }
    let mut bytes = std::fs::read(from)?;
    if from.extension().is_some_and(|e| e == "css") {
        bytes = without_comments(&String::from_utf8(bytes)?).into_bytes();
    }
    if std::fs::read(to).ok().as_deref() != Some(bytes.as_slice()) {
        std::fs::create_dir_all(to.parent().expect("parent"))?;
        std::fs::write(to, bytes)?;
    }
    Ok(())
}

/// A stylesheet without its comments: they tell whoever edits the rules why, and were a
/// quarter of the compressed bytes every first visit downloads. A comment opened with
/// `/*!` (a licence) stays.
fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        let Some(length) = rest[start + 2..].find("*/") else {
            break;
        };
        let end = start + 2 + length + 2;
        out.push_str(&rest[..start]);
        if rest[start..].starts_with("/*!") {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let mut lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.push("");
    lines.join("\n")
}

fn sync_dir(from: &Path, to: &Path) -> Result {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        sync(&entry.path(), &to.join(entry.file_name()))?;
    }
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

/// Writes `name.br` and `name.gz` beside every compressible file, at the best levels: the
/// server sends them as they are (see server/src/static_files.rs).
fn precompress(dir: &Path) -> Result {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "css" | "wasm" | "svg" | "json" | "txt")
        ) || path.file_name().is_some_and(|n| n == "LICENSE");
        if !compressible || is_newer(&path.with_added_extension("br"), &path) {
            continue;
        }
        let raw = std::fs::read(&path)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut raw.as_slice(), &mut br, &params)?;
        std::fs::write(path.with_added_extension("br"), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &raw)?;
        std::fs::write(path.with_added_extension("gz"), gz.finish()?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn stylesheets_lose_their_comments_and_keep_their_rules_and_licences() {
        let css = "/* why */\na { color: red; } /* inline */\n\n/*! licence */\nb{}\n/* open";
        assert_eq!(
            without_comments(css),
            "a { color: red; } \n/*! licence */\nb{}\n/* open\n"
        );
    }
}
