//! Consistent placeholders: the same value always becomes the same
//! placeholder, numbered in order of first appearance, taken from the names
//! reserved for documentation (RFC 2606 `.example`, RFC 5737 IPv4, RFC 3849
//! IPv6) so a placeholder can never be someone's real address.

use core::net::{Ipv4Addr, Ipv6Addr};
use std::collections::{HashMap, HashSet};

use crate::rules::util::base_domain;

/// Public mail providers' domains: naming them reveals nothing private, and
/// the analysis uses them (provider-specific hints), so they are kept.
const PUBLIC_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "google.com",
    "outlook.com",
    "office365.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "amazonaws.com",
    "amazonses.com",
    "sendgrid.net",
    "mailgun.org",
    "mailgun.net",
    "postmarkapp.com",
    "sparkpostmail.com",
    "zoho.com",
    "fastmail.com",
    "gmx.net",
    "mail.ru",
];

/// True for names that are already documentation or local-only
/// (`example.com`, `*.test`, `localhost` ...) or a public provider's.
pub fn host_is_reserved(name: &str) -> bool {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let reserved_tld = [".example", ".test", ".invalid", ".localhost"]
        .iter()
        .any(|t| n.ends_with(t));
    let base = base_domain(&n);
    reserved_tld
        || n == "localhost"
        || n == "localhost.localdomain"
        || matches!(base.as_str(), "example.com" | "example.net" | "example.org")
        || PUBLIC_DOMAINS.contains(&base.as_str())
}

/// Loopback, unspecified, broadcast and the documentation ranges.
pub fn ipv4_is_reserved(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || (a, b, c) == (192, 0, 2)
        || (a, b, c) == (198, 51, 100)
        || (a, b, c) == (203, 0, 113)
}

/// Loopback, unspecified and the documentation prefix 2001:db8::/32.
pub fn ipv6_is_reserved(ip: Ipv6Addr) -> bool {
    let seg = ip.segments();
    ip.is_loopback()
        || ip.is_unspecified()
        || (seg.first(), seg.get(1)) == (Some(&0x2001), Some(&0xdb8))
}

/// The placeholders handed out so far.
#[derive(Default)]
pub struct Placeholders {
    /// Leave reserved names and addresses as they are.
    keep_reserved: bool,
    /// Values that occur in the text as they are: never handed out.
    pub taken: HashSet<String>,
    domains: HashMap<String, String>,
    hosts: HashMap<String, String>,
    users: HashMap<String, String>,
    v4: HashMap<Ipv4Addr, String>,
    v6: HashMap<Ipv6Addr, String>,
    n_domain: u32,
    n_host: u32,
    n_user: u32,
    n_v4: u32,
    n_v6: u128,
}

impl Placeholders {
    pub fn new(keep_reserved: bool) -> Self {
        Placeholders {
            keep_reserved,
            ..Placeholders::default()
        }
    }

    fn fresh(&mut self, make: impl Fn(u32) -> String, n: fn(&mut Self) -> &mut u32) -> String {
        loop {
            let counter = n(self);
            *counter += 1;
            let candidate = make(*counter);
            if !self.taken.contains(&candidate) {
                return candidate;
            }
        }
    }

    /// `acme.com` → `domain1.example`.
    fn domain(&mut self, base: &str) -> String {
        if let Some(p) = self.domains.get(base) {
            return p.clone();
        }
        let p = self.fresh(|i| format!("domain{i}.example"), |s| &mut s.n_domain);
        self.domains.insert(base.to_string(), p.clone());
        p
    }

    /// `mx.acme.com` → `host1.domain1.example`, `acme.com` →
    /// `domain1.example`, a single-label `laptop` → `host2`. Reserved
    /// names stay as they are.
    pub fn host(&mut self, name: &str) -> String {
        let lower = name.trim_end_matches('.').to_ascii_lowercase();
        if self.keep_reserved && host_is_reserved(&lower) {
            return name.to_string();
        }
        if let Some(p) = self.hosts.get(&lower) {
            return p.clone();
        }
        let p = if !lower.contains('.') {
            self.fresh(|i| format!("host{i}"), |s| &mut s.n_host)
        } else {
            let base = base_domain(&lower);
            let dom = self.domain(&base);
            if base == lower {
                dom
            } else {
                let host = self.fresh(|i| format!("host{i}.{dom}"), |s| &mut s.n_host);
                host
            }
        };
        self.hosts.insert(lower, p.clone());
        p
    }

    /// `bob@acme.com` → `user1@acme.com`, or `user1@domain1.example` when
    /// host names are redacted too. Addresses at reserved domains stay.
    pub fn email(&mut self, local: &str, domain: &str, hosts: bool) -> String {
        if self.keep_reserved && host_is_reserved(domain) {
            return format!("{local}@{domain}");
        }
        let key = format!("{}@{}", local, domain).to_ascii_lowercase();
        let user = match self.users.get(&key) {
            Some(u) => u.clone(),
            None => {
                let u = self.fresh(|i| format!("user{i}"), |s| &mut s.n_user);
                self.users.insert(key, u.clone());
                u
            }
        };
        let dom = if hosts {
            self.host(domain)
        } else {
            domain.to_string()
        };
        format!("{user}@{dom}")
    }

    /// A SASL user name: an address is mapped as one, a bare name
    /// (`alice`) becomes `userN`.
    pub fn user(&mut self, name: &str, hosts: bool) -> String {
        if let Some((local, domain)) = name.rsplit_once('@') {
            return self.email(local, domain, hosts);
        }
        if name.is_empty() {
            return String::new();
        }
        if let Some(u) = self.users.get(name) {
            return u.clone();
        }
        let u = self.fresh(|i| format!("user{i}"), |s| &mut s.n_user);
        self.users.insert(name.to_string(), u.clone());
        u
    }

    /// `10.1.2.3` → `192.0.2.1`, then `198.51.100.x`, `203.0.113.x`, and
    /// past those 762 the benchmarking range 198.18.0.0/15.
    pub fn ipv4(&mut self, ip: Ipv4Addr) -> String {
        if self.keep_reserved && ipv4_is_reserved(ip) {
            return ip.to_string();
        }
        if let Some(p) = self.v4.get(&ip) {
            return p.clone();
        }
        let p = self.fresh(
            |i| {
                let i = i.saturating_sub(1);
                let addr = match i / 254 {
                    0 => Ipv4Addr::new(192, 0, 2, (i % 254 + 1) as u8),
                    1 => Ipv4Addr::new(198, 51, 100, (i % 254 + 1) as u8),
                    2 => Ipv4Addr::new(203, 0, 113, (i % 254 + 1) as u8),
                    _ => Ipv4Addr::from(u32::from(Ipv4Addr::new(198, 18, 0, 1)) + (i - 762)),
                };
                addr.to_string()
            },
            |s| &mut s.n_v4,
        );
        self.v4.insert(ip, p.clone());
        p
    }

    /// `2a01:4f8::5` → `2001:db8::1`, `2001:db8::2` ...
    pub fn ipv6(&mut self, ip: Ipv6Addr) -> String {
        if self.keep_reserved && ipv6_is_reserved(ip) {
            return ip.to_string();
        }
        if let Some(p) = self.v6.get(&ip) {
            return p.clone();
        }
        let base = u128::from(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0));
        let p = loop {
            self.n_v6 += 1;
            let c = Ipv6Addr::from(base + self.n_v6).to_string();
            if !self.taken.contains(&c) {
                break c;
            }
        };
        self.v6.insert(ip, p.clone());
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consistent_and_reserved() {
        let mut p = Placeholders::new(true);
        assert_eq!(p.host("mx.acme.com"), "host1.domain1.example");
        assert_eq!(p.host("acme.com"), "domain1.example");
        assert_eq!(p.host("MX.Acme.com"), "host1.domain1.example");
        assert_eq!(p.email("Bob", "acme.com", true), "user1@domain1.example");
        assert_eq!(p.email("bob", "ACME.com", false), "user1@ACME.com");
        assert_eq!(p.user("alice", true), "user2");
        assert_eq!(p.host("smtp.gmail.com"), "smtp.gmail.com");
        assert_eq!(p.host("mail.example.test"), "mail.example.test");
        assert_eq!(p.ipv4(Ipv4Addr::new(10, 0, 0, 5)), "192.0.2.1");
        assert_eq!(p.ipv4(Ipv4Addr::new(127, 0, 0, 1)), "127.0.0.1");
        assert_eq!(p.ipv4(Ipv4Addr::new(10, 0, 0, 5)), "192.0.2.1");
    }

    #[test]
    fn never_hands_out_a_value_the_text_holds() {
        let mut p = Placeholders::new(true);
        p.taken.insert("192.0.2.1".into());
        assert_eq!(p.ipv4(Ipv4Addr::new(10, 0, 0, 5)), "192.0.2.2");
    }

    #[test]
    fn many_ipv4_stay_distinct() {
        let mut p = Placeholders::new(true);
        let all: HashSet<String> = (0..2000u32)
            .map(|i| p.ipv4(Ipv4Addr::from(0x0a00_0000 + i)))
            .collect();
        assert_eq!(all.len(), 2000);
    }
}
