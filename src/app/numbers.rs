//! Numbers in words on the page, written with integers. One `{:.1}` or
//! `{}` of an `f64` anywhere links the standard library's float
//! formatting (both its shortest and its fixed-precision digit
//! generation, with their tables): 7.8 KB gzipped of the page's wasm,
//! measured, for a few labels.

/// `x` with one decimal, rounded: 34.249 → "34.2", 0.05 → "0.1".
pub fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round();
    let sign = if tenths < 0.0 { "-" } else { "" };
    // Saturates for the absurdly large; the page's numbers are sizes and times.
    let t = tenths.abs() as u64;
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// `x` rounded to a whole number: 12.5 → "13".
pub fn whole(x: f64) -> String {
    let r = x.round();
    let sign = if r < 0.0 { "-" } else { "" };
    format!("{sign}{}", r.abs() as u64)
}

// Run by the browser tests that include the app (tests/browser_*.rs).
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn one_decimal_rounds_to_tenths() {
        assert_eq!(one_decimal(34.249), "34.2");
        assert_eq!(one_decimal(20.0), "20.0");
        assert_eq!(one_decimal(0.05), "0.1");
        assert_eq!(one_decimal(-1.25), "-1.3");
    }

    #[wasm_bindgen_test]
    fn whole_rounds() {
        assert_eq!(whole(12.5), "13");
        assert_eq!(whole(0.4), "0");
        assert_eq!(whole(-3.0), "-3");
        assert_eq!(whole(44.0), "44");
    }
}
