//! Path data shared by the page and the standalone SVG, so both draw the
//! same shapes: arrowheads and the severity markers (a different shape per
//! severity, so colour is never the only signal).

use super::geometry::MARKER_R;
use super::model::Row;
use crate::rules::Severity;

/// Length of an arrowhead.
pub const HEAD: f32 = 9.0;

/// The arrow's line: from the tail to the base of the head.
pub fn shaft(row: &Row) -> (f32, f32) {
    let back = if row.leftwards() { HEAD } else { -HEAD };
    (row.x0, row.x1 + back)
}

/// A filled triangle at the arrow's head.
pub fn arrow_head(row: &Row) -> String {
    let (tip, y) = (row.x1, row.y);
    let base = if row.leftwards() {
        tip + HEAD
    } else {
        tip - HEAD
    };
    format!(
        "M{} {}L{} {}L{} {}Z",
        n(tip),
        n(y),
        n(base),
        n(y - 4.5),
        n(base),
        n(y + 4.5)
    )
}

/// The marker outline of a severity, centred on `(x, y)`: octagon
/// (critical), triangle (high), diamond (medium), square (low), circle (info).
pub fn marker(s: Severity, x: f32, y: f32) -> String {
    let r = MARKER_R;
    match s {
        Severity::Critical => {
            let a = r * 0.414;
            format!(
                "M{} {}L{} {}L{} {}L{} {}L{} {}L{} {}L{} {}L{} {}Z",
                n(x - a),
                n(y - r),
                n(x + a),
                n(y - r),
                n(x + r),
                n(y - a),
                n(x + r),
                n(y + a),
                n(x + a),
                n(y + r),
                n(x - a),
                n(y + r),
                n(x - r),
                n(y + a),
                n(x - r),
                n(y - a)
            )
        }
        Severity::High => {
            let h = r * 1.15;
            format!(
                "M{} {}L{} {}L{} {}Z",
                n(x),
                n(y - h),
                n(x + h),
                n(y + r * 0.85),
                n(x - h),
                n(y + r * 0.85)
            )
        }
        Severity::Medium => {
            let d = r * 1.2;
            format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                n(x),
                n(y - d),
                n(x + d),
                n(y),
                n(x),
                n(y + d),
                n(x - d),
                n(y)
            )
        }
        Severity::Low => {
            let a = r * 0.85;
            format!(
                "M{} {}H{}V{}H{}Z",
                n(x - a),
                n(y - a),
                n(x + a),
                n(y + a),
                n(x - a)
            )
        }
        Severity::Info => format!(
            "M{} {}A{r} {r} 0 1 0 {} {}A{r} {r} 0 1 0 {} {}Z",
            n(x - r),
            n(y),
            n(x + r),
            n(y),
            n(x - r),
            n(y),
            r = n(r)
        ),
    }
}

/// Where a marker's letter sits (the triangle's centre is lower).
pub fn marker_text_y(s: Severity, y: f32) -> f32 {
    match s {
        Severity::High => y + 4.5,
        _ => y + 3.5,
    }
}

/// A number for SVG text: at most one decimal, no trailing ".0".
/// Written with integers: the standard library's float formatting would
/// add about 3 KB gzipped to the page's wasm for this alone.
pub fn n(v: f32) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.25), "12.3");
        assert_eq!(n(-3.04), "-3");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(-0.25), "-0.3");
        assert_eq!(n(730.0), "730");
        assert_eq!(n(0.05), "0.1");
    }

    #[test]
    fn every_severity_has_a_closed_distinct_shape() {
        let all = [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
            Severity::Info,
        ];
        let paths: Vec<String> = all.iter().map(|s| marker(*s, 10.0, 10.0)).collect();
        for p in &paths {
            assert!(p.starts_with('M') && p.ends_with('Z'), "{p}");
        }
        for (i, a) in paths.iter().enumerate() {
            for b in paths.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
    }
}
