//! "Which settings should I use?": the situations a reader can pick and
//! the recommended port, TLS mode and login for each, with the reason.

/// How TLS is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsSetting {
    /// TLS from the first byte (port 465; "SSL/TLS" in mail programs).
    Implicit,
    /// STARTTLS, and fail if it is not available.
    StarttlsRequired,
}

impl TlsSetting {
    pub fn label(self) -> &'static str {
        match self {
            TlsSetting::Implicit => "Implicit TLS (\"SSL/TLS\")",
            TlsSetting::StarttlsRequired => "STARTTLS, required",
        }
    }
}

/// The recommendation for one situation.
#[derive(Debug, PartialEq, Eq)]
pub struct Advice {
    pub port: u16,
    pub tls: TlsSetting,
    /// The second-best choice, e.g. `(587, StarttlsRequired)`.
    pub fallback: Option<(u16, TlsSetting)>,
    pub auth: &'static str,
    /// Why (markup).
    pub reason: &'static str,
    /// Practical notes (markup).
    pub notes: &'static [&'static str],
}

/// A situation the reader can pick.
#[derive(Debug, PartialEq, Eq)]
pub struct Situation {
    pub slug: &'static str,
    pub label: &'static str,
    pub example: &'static str,
    pub advice: Advice,
}

pub static SITUATIONS: &[Situation] = &[
    Situation {
        slug: "settings-app",
        label: "My app or website sends mail",
        example: "nodemailer, PHPMailer, Django, Rails, a script with smtplib",
        advice: Advice {
            port: 465,
            tls: TlsSetting::Implicit,
            fallback: Some((587, TlsSetting::StarttlsRequired)),
            auth: "AUTH PLAIN inside TLS, with an app password, API key or OAuth token — never your main password",
            reason: "Implicit TLS has no cleartext phase to strip or inject into, and is what RFC 8314 recommends for submission [RFC 8314 §3]. 587 with STARTTLS is as safe **if** your library is told to require it and to verify the certificate [RFC 8314 §3.3].",
            notes: &[
                "nodemailer: `port: 465, secure: true`; or `port: 587, secure: false, requireTLS: true`. Never `tls: { rejectUnauthorized: false }` in production.",
                "PHPMailer: `SMTPSecure = PHPMailer::ENCRYPTION_SMTPS` with port 465, or `ENCRYPTION_STARTTLS` with 587.",
                "Python: `smtplib.SMTP_SSL(host, 465, context=ssl.create_default_context())`, or `SMTP(host, 587)` then `starttls(context=...)` before `login()`.",
                "Keep the credential in configuration or a secret store, not in the code.",
            ],
        },
    },
    Situation {
        slug: "settings-mail-client",
        label: "A mail program (Thunderbird, Outlook, a phone)",
        example: "the outgoing (SMTP) server of a mail account",
        advice: Advice {
            port: 465,
            tls: TlsSetting::Implicit,
            fallback: Some((587, TlsSetting::StarttlsRequired)),
            auth: "OAuth 2.0 where the provider offers it (Gmail, Microsoft 365); otherwise your password or an app password, inside TLS",
            reason: "A mail program should refuse to log in over a connection that is not encrypted and verified [RFC 8314 §5.2] [RFC 8314 §5.3]. Choose \"SSL/TLS\" on 465, or \"STARTTLS\" on 587 — not \"STARTTLS if available\".",
            notes: &[
                "If the program offers \"OAuth2\" as the authentication method, pick it: you sign in on the provider's own page and the program never stores your password.",
                "A certificate warning on a server you set up yourself is not something to click through: it is exactly what an attacker would look like.",
            ],
        },
    },
    Situation {
        slug: "settings-printer",
        label: "A printer, scanner or other device",
        example: "scan-to-email, alarm panels, NAS and UPS notifications",
        advice: Advice {
            port: 587,
            tls: TlsSetting::StarttlsRequired,
            fallback: Some((465, TlsSetting::Implicit)),
            auth: "A dedicated account or app password for the device alone; if the device cannot do modern TLS or OAuth, a relay on your network that can",
            reason: "Devices often speak only STARTTLS on 587 and lag behind on TLS versions and login methods. Give the device its own revocable credential. If it only supports TLS 1.0/1.1 [RFC 8996 §4] or no TLS at all, do not weaken your provider's settings: point it at a local relay (Postfix, or the provider's relay service) that accepts it on your network and submits onward over TLS with a proper login.",
            notes: &[
                "Microsoft 365: if the device cannot use SMTP AUTH with OAuth, use an SMTP relay connector on port 25 to your tenant's MX, restricted to your public IP address.",
                "Check the device's firmware for \"SSL/TLS\" or \"STARTTLS\" options and TLS 1.2 support before deciding.",
            ],
        },
    },
    Situation {
        slug: "settings-smarthost",
        label: "A server relaying to a smarthost",
        example: "Postfix or Exim sending everything through a provider's relay",
        advice: Advice {
            port: 587,
            tls: TlsSetting::StarttlsRequired,
            fallback: Some((465, TlsSetting::Implicit)),
            auth: "SMTP AUTH with the relay's credentials (stored readable by the mail system only), inside TLS",
            reason: "To your provider's relay, your server is a client submitting mail [RFC 6409 §1]: it logs in, and must require TLS and verify the relay's certificate, since the password is on the line. Port 25 to a smarthost is usually blocked by your network [RFC 5068 §3] and gives no login.",
            notes: &[
                "Postfix: `relayhost = [smtp.example.com]:587`, `smtp_tls_security_level = secure` (verify the certificate), `smtp_sasl_auth_enable = yes`, `smtp_sasl_password_maps = ...`, `smtp_sasl_security_options = noanonymous`. For 465 add `smtp_tls_wrappermode = yes`.",
                "Exim: a `manualroute` router to the smarthost with `hosts_require_tls` and `hosts_require_auth` on its transport.",
                "Some relays authorise by your server's IP address on port 25 instead of a login; then still require TLS towards them.",
            ],
        },
    },
];
