//! The explanation catalog: what every SMTP reply code, enhanced status code,
//! command, EHLO keyword and SASL mechanism means, in plain words, plus
//! recognisers for well-known provider-specific failures.
//!
//! Everything here is static data. Look-ups never allocate (except
//! [`provider_hints`], which returns a `Vec` of references) and never panic.
//! The wording is our own; each entry names the documents it rests on in
//! `refs` (RFC sections, the IANA registries, or provider documentation).

/// A table of entries, `static NAME: &[(KEY, Entry)]`, and beside it
/// `static NAME_TITLES: &[(KEY, &str)]`, the same keys with the titles
/// only, from one list. The page's flow diagram labels replies with the
/// titles ([`reply_title`], [`enhanced_title`]), so its wasm carries the
/// titles without the explanations' text, which it loads only when a
/// line's explanation is shown (src/bin/explain.rs).
macro_rules! entries {
    (
        $(#[$doc:meta])*
        $entries:ident, $titles:ident: $key:ty = [
            $(($k:expr, Entry { title: $t:expr, text: $x:expr, refs: $r:expr $(,)? } $(,)?)),* $(,)?
        ]
    ) => {
        $(#[$doc])*
        static $entries: &[($key, Entry)] = &[$(($k, Entry { title: $t, text: $x, refs: $r })),*];
        /// The titles of the table above, in its order.
        static $titles: &[($key, &str)] = &[$(($k, $t)),*];
    };
}

mod auth_mechanisms;
mod commands;
mod enhanced_codes;
mod keywords;
mod providers;
mod reply_codes;
mod text;

use serde::Serialize;

pub use auth_mechanisms::{all_auth_mechanisms, auth_mechanism};
pub use commands::{all_commands, command};
pub use enhanced_codes::{
    all_enhanced_codes, enhanced, enhanced_class_specific, enhanced_classes, enhanced_subjects,
    enhanced_title,
};
pub use keywords::{all_ehlo_keywords, ehlo_keyword};
pub use providers::{all_provider_hints, provider_hints, provider_hints_with_server};
pub use reply_codes::{all_reply_codes, reply, reply_classes, reply_title};

/// One explanation: a short title, one or two plain sentences, references like "RFC 5321 §4.2.3".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// A few words, e.g. "Authentication credentials invalid".
    pub title: &'static str,
    /// One or two plain sentences a non-expert understands.
    pub text: &'static str,
    /// Where the meaning comes from, e.g. "RFC 4954 §6".
    pub refs: &'static [&'static str],
}

/// A provider-specific, real-world failure recognised from the reply text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProviderHint {
    /// Stable identifier, e.g. "gmail.bad-credentials".
    pub id: &'static str,
    /// Who sent the reply, e.g. "Gmail", "Microsoft 365 / Exchange Online".
    pub provider: &'static str,
    /// A few words naming the failure.
    pub title: &'static str,
    /// What happened, in plain words.
    pub text: &'static str,
    /// What to change so it works.
    pub fix: &'static str,
    /// Provider documentation or RFCs behind the hint.
    pub refs: &'static [&'static str],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of every table, with a label for failure messages.
    fn every_entry() -> Vec<(String, &'static Entry)> {
        let mut all: Vec<(String, &'static Entry)> = Vec::new();
        all.extend(
            all_reply_codes()
                .iter()
                .map(|(c, e)| (format!("reply {c}"), e)),
        );
        all.extend(
            reply_classes()
                .iter()
                .map(|(c, e)| (format!("reply class {c}"), e)),
        );
        all.extend(
            all_enhanced_codes()
                .iter()
                .map(|((s, d), e)| (format!("X.{s}.{d}"), e)),
        );
        all.extend(
            enhanced_subjects()
                .iter()
                .map(|(s, e)| (format!("X.{s}.*"), e)),
        );
        all.extend(
            enhanced_classes()
                .iter()
                .map(|(c, e)| (format!("{c}.*.*"), e)),
        );
        all.extend(
            enhanced_class_specific()
                .iter()
                .map(|((c, s, d), e)| (format!("{c}.{s}.{d}"), e)),
        );
        all.extend(
            all_commands()
                .iter()
                .map(|(k, e)| (format!("command {k}"), e)),
        );
        all.extend(
            all_ehlo_keywords()
                .iter()
                .map(|(k, e)| (format!("keyword {k}"), e)),
        );
        all.extend(
            all_auth_mechanisms()
                .iter()
                .map(|(k, e)| (format!("mechanism {k}"), e)),
        );
        all
    }

    /// The titles-only tables give exactly the entries' titles, fallbacks
    /// included (the diagram labels replies with them).
    #[test]
    fn titles_alone_are_the_entries_titles() {
        for code in 0..=700u16 {
            assert_eq!(
                reply_title(code),
                reply(code).map(|e| e.title),
                "reply {code}"
            );
        }
        let mut codes: Vec<String> = Vec::new();
        for class in ["2", "4", "5", "X", "3"] {
            for subject in 0..=9u16 {
                for detail in 0..=30u16 {
                    codes.push(format!("{class}.{subject}.{detail}"));
                }
            }
        }
        codes.extend(["5.7.8", " 2.0.0 ", "5.7", "5.7.8.1", "", "5.1000.1"].map(String::from));
        let mut found = 0;
        for code in &codes {
            let want = enhanced(code).map(|e| e.title);
            found += usize::from(want.is_some());
            assert_eq!(enhanced_title(code), want, "enhanced {code:?}");
        }
        assert!(found > 1000, "only {found} codes found");
    }

    #[test]
    fn every_entry_is_short_plain_and_referenced() {
        for (label, e) in every_entry() {
            assert!(!e.title.is_empty() && e.title.len() <= 80, "{label}: title");
            assert!(
                !e.text.is_empty() && e.text.len() <= 280,
                "{label}: text length {}",
                e.text.len()
            );
            // "One or two sentences": at most one sentence break inside the text.
            assert!(
                e.text.matches(". ").count() <= 1,
                "{label}: more than two sentences"
            );
            assert!(
                e.text.ends_with('.') || e.text.ends_with(".)"),
                "{label}: text should end a sentence"
            );
            assert!(
                !e.refs.is_empty() && e.refs.iter().all(|r| !r.is_empty()),
                "{label}: refs"
            );
        }
    }

    /// The JSON field names of a serialisable value, sorted.
    fn json_keys<T: Serialize>(value: &T) -> Option<Vec<String>> {
        let json = serde_json::to_value(value).ok()?;
        let mut keys: Vec<String> = json.as_object()?.keys().cloned().collect();
        keys.sort();
        Some(keys)
    }

    #[test]
    fn entries_and_hints_serialise_with_stable_field_names() {
        let entry = reply(535).and_then(json_keys);
        assert_eq!(
            entry,
            Some(["refs", "text", "title"].map(String::from).to_vec())
        );
        let hint = all_provider_hints().next().and_then(json_keys);
        let expected = ["fix", "id", "provider", "refs", "text", "title"]
            .map(String::from)
            .to_vec();
        assert_eq!(hint, Some(expected));
    }
}
