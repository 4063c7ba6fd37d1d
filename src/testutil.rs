//! Helpers for the unit tests.

/// Every fixture transcript under tests/fixtures, concatenated in path
/// order, each followed by a newline.
pub fn every_fixture() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut paste = String::new();
    for f in files {
        paste.push_str(&String::from_utf8_lossy(&std::fs::read(f).unwrap()));
        paste.push('\n');
    }
    paste
}
