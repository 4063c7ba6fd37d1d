//! Shared helpers of the native tests: the fixture corpus and its sidecars.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Folders under tests/fixtures that hold capture tooling, not fixtures.
const NOT_FIXTURES: &[&str] = &["capture", "capture-lib"];

/// One fixture: its path, text and sidecar.
pub struct Fixture {
    pub path: PathBuf,
    pub name: String,
    pub text: String,
    pub about: BTreeMap<String, String>,
}

impl Fixture {
    pub fn expect(&self, key: &str) -> Option<&str> {
        self.about.get(&format!("expect.{key}")).map(String::as_str)
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every fixture, sorted by path.
pub fn fixtures() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let dname = dir.file_name().unwrap().to_string_lossy().to_string();
        if NOT_FIXTURES.contains(&dname.as_str()) {
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let about_path = path.with_extension("about");
            let about = std::fs::read_to_string(&about_path)
                .unwrap_or_default()
                .lines()
                .filter_map(|l| {
                    l.split_once(':')
                        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                })
                .collect();
            let name = format!("{dname}/{}", path.file_stem().unwrap().to_string_lossy());
            out.push(Fixture {
                path,
                name,
                text,
                about,
            });
        }
    }
    out
}
