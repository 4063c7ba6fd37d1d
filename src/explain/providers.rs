//! Provider-specific failures recognised from a reply: its code, its enhanced
//! code and its text (all lines), optionally with the server's host name.
//!
//! Each hint has a pattern; every condition in it must hold. A hint that
//! names a provider in its wording but matches only generic text (such as
//! "Authentication Credentials Invalid") also requires a provider marker, a
//! host name like "amazonaws.com" or Gmail's "gsmtp" tag, so that a generic
//! server is never reported as that provider.

use super::text::{contains_ci, contains_code_token};
use super::ProviderHint;

/// When a hint applies. Every non-empty part must match.
struct When {
    /// Basic reply codes; empty means any.
    codes: &'static [u16],
    /// Enhanced codes; empty means any. Compared with the reply's enhanced
    /// code, or looked for in the text when the caller has none.
    enhanced: &'static [&'static str],
    /// Groups of phrases: each group needs at least one of its phrases in the
    /// text (or in the server name). Matched ignoring ASCII case.
    groups: &'static [&'static [&'static str]],
}

impl When {
    /// How many conditions the pattern has; more means more specific.
    fn specificity(&self) -> usize {
        usize::from(!self.codes.is_empty())
            + usize::from(!self.enhanced.is_empty())
            + self.groups.len()
    }

    fn matches(&self, code: u16, enhanced: Option<&str>, text: &str, server: &str) -> bool {
        // Cheapest test first: most rules fail on the code.
        if !(self.codes.is_empty() || self.codes.contains(&code)) {
            return false;
        }
        let enhanced_ok = self.enhanced.is_empty()
            || match enhanced.map(str::trim) {
                Some(given) => self.enhanced.iter().any(|e| e.eq_ignore_ascii_case(given)),
                None => self.enhanced.iter().any(|e| contains_code_token(text, e)),
            };
        enhanced_ok
            && self.groups.iter().all(|group| {
                group
                    .iter()
                    .any(|phrase| contains_ci(text, phrase) || contains_ci(server, phrase))
            })
    }
}

struct Rule {
    hint: ProviderHint,
    when: When,
}

const GOOGLE: &[&str] = &["gsmtp", "google.com"];
const AMAZON_SES: &[&str] = &["amazonaws.com", "amazonses", "email-smtp."];

const GMAIL: &str = "Gmail / Google Workspace";
const M365: &str = "Microsoft 365 / Exchange Online";
const MICROSOFT: &str = "Microsoft (Exchange, Microsoft 365, Outlook.com)";
const YAHOO: &str = "Yahoo Mail";
const ICLOUD: &str = "iCloud Mail";
const SES: &str = "Amazon SES";
const SENDGRID: &str = "Twilio SendGrid";
const MAILGUN: &str = "Mailgun";

const GOOGLE_ERRORS: &str = "Google Workspace Admin Help: Gmail SMTP errors and codes";
const GOOGLE_APP_PASSWORDS: &str = "Google Account Help: Sign in with app passwords";
const GOOGLE_SENDERS: &str = "Google: Email sender guidelines";
const MS_SMTP_AUTH: &str = "Microsoft Learn: Enable or disable authenticated client SMTP submission (SMTP AUTH) in Exchange Online";
const MS_OAUTH: &str = "Microsoft Learn: Authenticate an IMAP, POP or SMTP connection using OAuth";
const MS_NDR_700: &str =
    "Microsoft Learn: Fix NDR error codes 5.7.700 through 5.7.750 in Exchange Online";

/// The hints, most specific first within each provider.
static RULES: &[Rule] = &[
    // ---------------------------------------------------------------- Gmail
    Rule {
        hint: ProviderHint {
            id: "gmail.bad-credentials",
            provider: GMAIL,
            title: "Gmail refused the username or password",
            text: "Google rejected the login. Google no longer lets mail programs sign in with the normal account password (\"less secure apps\" access is gone).",
            fix: "Turn on 2-Step Verification, create an app password and use those 16 characters (without spaces) as the SMTP password with the full address as username; or sign in with OAuth 2.0 (XOAUTH2).",
            refs: &[GOOGLE_APP_PASSWORDS, "https://support.google.com/mail/?p=BadCredentials", GOOGLE_ERRORS],
        },
        when: When { codes: &[535], enhanced: &["5.7.8"], groups: &[&["BadCredentials", "Username and Password not accepted"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.app-password-required",
            provider: GMAIL,
            title: "Gmail wants an app password",
            text: "The account has 2-Step Verification on, so Google does not accept its normal password from a mail program.",
            fix: "Create an app password for the account and use it as the SMTP password, or switch the program to OAuth 2.0 (XOAUTH2).",
            refs: &[GOOGLE_APP_PASSWORDS, "https://support.google.com/mail/?p=InvalidSecondFactor"],
        },
        when: When { codes: &[534], enhanced: &["5.7.9"], groups: &[&["Application-specific password required", "InvalidSecondFactor"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.web-login-required",
            provider: GMAIL,
            title: "Gmail blocked a suspicious sign-in",
            text: "Google found this login suspicious (a new place or program) and wants the account owner to sign in through a web browser first.",
            fix: "Sign in to the account in a browser, from the same network if possible, and confirm the activity; then retry. An app password or OAuth 2.0 avoids this.",
            refs: &["https://support.google.com/mail/answer/78754", GOOGLE_ERRORS],
        },
        when: When { codes: &[534], enhanced: &["5.7.14"], groups: &[&["WebLoginRequired", "web browser", "answer/78754"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.auth-required",
            provider: GMAIL,
            title: "Gmail requires a login before sending",
            text: "Gmail's SMTP server only relays mail for logged-in users, and the client sent MAIL FROM without a successful AUTH.",
            fix: "Turn on SMTP authentication in the program (full address plus an app password, or OAuth 2.0) and use port 587 with STARTTLS or port 465 with TLS.",
            refs: &["https://support.google.com/mail/?p=WantAuthError", GOOGLE_ERRORS],
        },
        when: When { codes: &[530], enhanced: &["5.7.0", "5.5.1"], groups: &[&["Authentication Required"], GOOGLE] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.login-rate-limited",
            provider: GMAIL,
            title: "Gmail is limiting login attempts",
            text: "Too many logins were tried in a short time, so Google refuses new ones for a while.",
            fix: "Stop retrying with wrong credentials, wait, then log in once with the right app password or OAuth token and send several messages over that one connection.",
            refs: &[GOOGLE_ERRORS],
        },
        when: When { codes: &[454], enhanced: &[], groups: &[&["Too many login attempts"], GOOGLE] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.unauthenticated-mail",
            provider: GMAIL,
            title: "Gmail rejected unauthenticated mail",
            text: "Gmail blocked the message because the sender's domain failed authentication: SPF and DKIM did not pass, or the domain's DMARC policy says to reject such mail.",
            fix: "Publish an SPF record that covers the sending servers, sign mail with DKIM for the From: domain, and make them align for DMARC. Bulk senders need all three.",
            refs: &[GOOGLE_SENDERS, "https://support.google.com/mail/answer/81126", "RFC 7372"],
        },
        when: When { codes: &[], enhanced: &["5.7.26", "4.7.26"], groups: &[GOOGLE] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.blocked-as-spam",
            provider: GMAIL,
            title: "Gmail blocked the message as likely spam",
            text: "Gmail's filters judged the message, or mail from the sending IP or domain, to be unsolicited and refused it.",
            fix: "Check the IP and domain reputation in Google Postmaster Tools, make sure SPF, DKIM and DMARC pass, remove spam-like content and only mail people who asked for it.",
            refs: &[GOOGLE_ERRORS, GOOGLE_SENDERS],
        },
        when: When { codes: &[550], enhanced: &["5.7.1"], groups: &[&["unsolicited", "spam"], GOOGLE] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.daily-limit",
            provider: GMAIL,
            title: "Gmail daily sending limit reached",
            text: "The account has hit Google's daily limit on messages or recipients, so Gmail refuses more for now.",
            fix: "Wait for the limit to reset (up to 24 hours). For bulk or application mail use a sending service or Google Workspace's SMTP relay, not a personal mailbox.",
            refs: &["Google Workspace Admin Help: Gmail sending limits", GOOGLE_ERRORS],
        },
        when: When { codes: &[550], enhanced: &["5.4.5"], groups: &[&["quota exceeded", "limit exceeded"], GOOGLE] },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.rate-limited",
            provider: GMAIL,
            title: "Gmail is temporarily limiting your mail",
            text: "Google deferred the mail: the sender is sending too fast, has an unusual rate of unsolicited mail, or the recipient is receiving too quickly. A 4xx code means it is temporary.",
            fix: "Slow down and let the sending server retry later. If it keeps happening, follow Google's sender guidelines: SPF, DKIM and DMARC, low complaint rates, and watch Postmaster Tools.",
            refs: &[GOOGLE_ERRORS, GOOGLE_SENDERS],
        },
        when: When {
            codes: &[421, 450],
            enhanced: &[],
            groups: &[&["try again later", "unusual rate", "receiving mail too quickly", "receiving mail at a rate"], GOOGLE],
        },
    },
    Rule {
        hint: ProviderHint {
            id: "gmail.message-too-large",
            provider: GMAIL,
            title: "Message too big for Gmail",
            text: "The message is over Google's size limit. Attachments grow by about a third when encoded for email, so files somewhat under the limit can still be too big.",
            fix: "Share large files as a link (for example Google Drive) instead of attaching them, or split them over several messages.",
            refs: &[GOOGLE_ERRORS, "Gmail Help: Attachment size limit"],
        },
        when: When { codes: &[552], enhanced: &["5.2.3", "5.3.4"], groups: &[&["Google's message size", "gsmtp", "google.com"]] },
    },
    // ------------------------------------------------------------ Microsoft
    Rule {
        hint: ProviderHint {
            id: "microsoft.basic-auth-retired",
            provider: M365,
            title: "Basic authentication retired for SMTP AUTH",
            text: "Exchange Online no longer accepts a username and password (Basic authentication) for SMTP client submission here; only OAuth is allowed. In this reply 5.7.30 is Microsoft's own use, not the REQUIRETLS meaning.",
            fix: "Switch the app or device to OAuth 2.0 (XOAUTH2) for smtp.office365.com, or send another way: Microsoft Graph, a connector (SMTP relay) or High Volume Email.",
            refs: &["Microsoft Exchange Team Blog: Exchange Online to retire Basic auth for Client Submission (SMTP AUTH)", MS_OAUTH],
        },
        when: When { codes: &[], enhanced: &["5.7.30"], groups: &[&["Basic authentication is not supported"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.smtp-auth-disabled-for-tenant",
            provider: M365,
            title: "SMTP AUTH is turned off for this Microsoft 365 organisation",
            text: "Authenticated SMTP submission is disabled for the whole tenant (the default for newer tenants), so every SMTP login is refused whatever the password.",
            fix: "An admin can enable SMTP AUTH just for the sending mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false, or \"Authenticated SMTP\" in the Microsoft 365 admin center); Security Defaults must not block it. Better: use OAuth, Microsoft Graph or a connector.",
            refs: &["https://aka.ms/smtp_auth_disabled", MS_SMTP_AUTH],
        },
        when: When { codes: &[535], enhanced: &["5.7.139"], groups: &[&["SmtpClientAuthentication is disabled", "smtp_auth_disabled"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.auth-blocked-by-policy",
            provider: M365,
            title: "Microsoft 365 sign-in blocked by policy",
            text: "The password may be right, but a tenant policy (Security Defaults, Conditional Access or multi-factor authentication) blocks password logins over SMTP.",
            fix: "Use OAuth 2.0 for SMTP, or have an admin exclude this sending account from the policy and enable SMTP AUTH for it. For devices and apps, a connector (SMTP relay) avoids user logins.",
            refs: &[MS_SMTP_AUTH, "Microsoft Learn: Security defaults in Microsoft Entra ID"],
        },
        when: When {
            codes: &[535],
            enhanced: &["5.7.139"],
            groups: &[&["security defaults", "did not meet the criteria", "conditional access", "user is locked"]],
        },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.basic-auth-disabled",
            provider: MICROSOFT,
            title: "Password login switched off (Basic authentication disabled)",
            text: "Microsoft no longer accepts the account password for SMTP here. For personal Outlook.com, Hotmail and Live accounts, password (Basic) sign-in from mail apps ended in September 2024.",
            fix: "Use a program or library that signs in with OAuth 2.0 (\"Modern Auth\", XOAUTH2) to smtp-mail.outlook.com or smtp.office365.com.",
            refs: &["Microsoft Support: Modern Authentication methods now needed to continue syncing Outlook Email in non-Microsoft email apps", MS_OAUTH],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["basic authentication is disabled"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.auth-unsuccessful",
            provider: MICROSOFT,
            title: "Exchange rejected the login",
            text: "The Microsoft mail server refused the SMTP login: a wrong username or password, a password login blocked by multi-factor authentication or policy, or SMTP AUTH switched off for the mailbox.",
            fix: "Use the full address as username and check the password; if the account has multi-factor authentication, use OAuth 2.0; ask an admin to confirm \"Authenticated SMTP\" is enabled for the mailbox.",
            refs: &[MS_SMTP_AUTH, "Microsoft [MS-SMTPNTLM] §2.2.1.4"],
        },
        when: When { codes: &[535], enhanced: &["5.7.3"], groups: &[&["Authentication unsuccessful"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.client-not-authenticated",
            provider: M365,
            title: "Microsoft 365 needs a login before sending",
            text: "The client tried to send through Exchange Online without a successful login, for example with authentication turned off in the app.",
            fix: "Turn on SMTP authentication in the app with the mailbox's full address, connect to smtp.office365.com on port 587 with STARTTLS, and send from that mailbox's own address.",
            refs: &["Microsoft Learn: How to set up a multifunction device or application to send email using Microsoft 365", MS_SMTP_AUTH],
        },
        when: When { codes: &[], enhanced: &["5.7.57"], groups: &[&["not authenticated"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.send-as-denied",
            provider: MICROSOFT,
            title: "Not allowed to send as this From address",
            text: "The login worked, but the message's From address is not the logged-in mailbox, and that mailbox has no permission to send as it.",
            fix: "Make the From address the mailbox you log in with, or have an admin grant that mailbox Send As (or Send on Behalf) permission for the address.",
            refs: &["Microsoft Learn: Manage permissions for recipients in Exchange Online"],
        },
        when: When {
            codes: &[],
            enhanced: &[],
            groups: &[&["SendAsDenied", "permissions to send as this sender", "permission to send as"]],
        },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.relay-tenant-attribution",
            provider: M365,
            title: "Relay not matched to your Microsoft 365 connector",
            text: "Exchange Online could not match this relaying server to an inbound connector of your organisation (by its IP address or TLS certificate), so it refused to relay.",
            fix: "Update the inbound connector so its sender IP addresses or certificate name match the relaying server (hybrid setups: rerun the Hybrid Configuration Wizard after a certificate change).",
            refs: &["Microsoft Learn: \"550 5.7.64 TenantAttribution\" when sending mail externally in Microsoft 365"],
        },
        when: When { codes: &[], enhanced: &["5.7.64"], groups: &[&["TenantAttribution", "Relay Access Denied"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.traffic-not-accepted-from-ip",
            provider: M365,
            title: "Microsoft 365 won't send mail from this IP",
            text: "Exchange Online refused the tenant's outgoing mail because of the sending IP's poor reputation; this often hits new or trial tenants, or follows spam from a compromised account.",
            fix: "Look for compromised accounts and stop any spam, make sure SPF, DKIM and DMARC pass for your domains, and contact Microsoft support if the block stays.",
            refs: &[MS_NDR_700],
        },
        when: When { codes: &[], enhanced: &["5.7.708"], groups: &[] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.unregistered-domain",
            provider: M365,
            title: "Sending from a domain not registered in the tenant",
            text: "Exchange Online blocked the tenant from sending because mail went out with From domains that are not accepted (verified) domains of the tenant.",
            fix: "Add and verify the domain as an accepted domain in Microsoft 365, or send only from verified domains; contact Microsoft support if the block stays.",
            refs: &[MS_NDR_700],
        },
        when: When { codes: &[], enhanced: &["5.7.750"], groups: &[] },
    },
    Rule {
        hint: ProviderHint {
            id: "microsoft.blocked-sending-ip",
            provider: "Microsoft (Outlook.com, Exchange Online Protection)",
            title: "Sending IP is on Microsoft's block list",
            text: "Microsoft's mail filtering refuses mail from the sending server's IP address because of its reputation.",
            fix: "Make sure the server is not sending spam (compromised accounts, open relay), then request removal through Microsoft's delist portal (sender.office.com) or Outlook.com sender support.",
            refs: &["Microsoft Learn: Use the delist portal to remove yourself from the blocked senders list", "https://sender.office.com"],
        },
        when: When { codes: &[550, 554], enhanced: &[], groups: &[&["banned sending IP", "on our block list"]] },
    },
    // ---------------------------------------------------------------- Yahoo
    Rule {
        hint: ProviderHint {
            id: "yahoo.too-many-bad-auth",
            provider: YAHOO,
            title: "Yahoo refused the login",
            text: "Yahoo rejected the login and is counting failed attempts. Usually the normal account password was used, but Yahoo only accepts app passwords from other mail programs.",
            fix: "Generate an app password under Yahoo Account Security and use it with the full Yahoo address; pause retries for a while so the block clears.",
            refs: &["Yahoo Help: Generate and manage third-party app passwords"],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["#AUTH005"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "yahoo.deferred",
            provider: YAHOO,
            title: "Yahoo deferred the mail",
            text: "Yahoo is temporarily deferring mail from the sending server because of unusual volume, user complaints or its reputation (codes such as TSS04).",
            fix: "Slow down and let the server retry; make sure SPF, DKIM and DMARC pass, keep complaint rates low, and look up the code on Yahoo's Sender Hub.",
            refs: &["Yahoo Sender Hub: SMTP error codes"],
        },
        when: When { codes: &[421, 451], enhanced: &[], groups: &[&["temporarily deferred"], &["yahoo"]] },
    },
    // --------------------------------------------------------------- iCloud
    Rule {
        hint: ProviderHint {
            id: "icloud.app-specific-password",
            provider: ICLOUD,
            title: "iCloud Mail needs an app-specific password",
            text: "iCloud Mail does not accept the Apple Account password from other mail programs; they must use an app-specific password.",
            fix: "With two-factor authentication on, create an app-specific password at account.apple.com and log in to smtp.mail.me.com (port 587, STARTTLS) with the full iCloud address and that password.",
            refs: &["Apple Support: Sign in to apps with your Apple Account using app-specific passwords", "Apple Support: iCloud Mail server settings"],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["mail.me.com", "icloud"]] },
    },
    // ----------------------------------------------------------- Amazon SES
    Rule {
        hint: ProviderHint {
            id: "ses.identity-not-verified",
            provider: SES,
            title: "Amazon SES: address or domain not verified",
            text: "SES only sends from verified addresses and domains, and while the account is in the SES sandbox it also only sends to verified addresses. The identities named in the reply are not verified in that AWS region.",
            fix: "Verify the From address or its domain in the SES console, in the same region as the SMTP endpoint; to send to anyone, request production access (leave the sandbox).",
            refs: &["AWS: Verified identities in Amazon SES", "AWS re:Post: 554 Message rejected \"Email address is not verified\"", "AWS: Request production access (moving out of the Amazon SES sandbox)"],
        },
        when: When { codes: &[554], enhanced: &[], groups: &[&["is not verified"], &["failed the check in region"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "ses.sending-limit",
            provider: SES,
            title: "Amazon SES sending limit reached",
            text: "The account went over its SES maximum send rate (messages per second) or its daily sending quota, so SES dropped this message; it will not retry it.",
            fix: "Send more slowly, or queue and retry after a pause (for the daily quota, once the 24-hour window moves on); ask for higher sending limits in the SES console.",
            refs: &["AWS: Errors related to the sending quotas for your Amazon SES account"],
        },
        when: When { codes: &[454], enhanced: &[], groups: &[&["Throttling failure"], &["Maximum sending rate", "Daily message quota"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "ses.bad-smtp-credentials",
            provider: SES,
            title: "Amazon SES rejected the SMTP credentials",
            text: "SES SMTP needs SMTP credentials: they are not an IAM access key and secret, and they only work in the AWS region they were created for.",
            fix: "Create SMTP credentials in the SES console (or derive the SMTP password from the secret key with AWS's published method) for the region of your endpoint, such as email-smtp.us-east-1.amazonaws.com.",
            refs: &["AWS: Obtaining Amazon SES SMTP credentials"],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["Authentication Credentials Invalid"], AMAZON_SES] },
    },
    Rule {
        hint: ProviderHint {
            id: "ses.iam-not-authorized",
            provider: SES,
            title: "Amazon SES: user not allowed to send",
            text: "The SMTP credentials belong to an IAM user whose policies do not allow ses:SendRawEmail, or a policy denies it.",
            fix: "Give the IAM user a policy allowing ses:SendRawEmail for the identities it sends from, and check permission boundaries and organisation policies (SCPs).",
            refs: &["AWS re:Post: \"Unauthorized\" error when sending email with Amazon SES"],
        },
        when: When { codes: &[554, 530], enhanced: &[], groups: &[&["ses:SendRawEmail", "ses:SendEmail"]] },
    },
    // ------------------------------------------------------------- SendGrid
    Rule {
        hint: ProviderHint {
            id: "sendgrid.bad-credentials",
            provider: SENDGRID,
            title: "SendGrid rejected the login",
            text: "SendGrid's SMTP relay only accepts API keys: the username must be the literal word \"apikey\" and the password an API key allowed to send mail.",
            fix: "Set the SMTP username to apikey (exactly that word) and the password to a valid API key with Mail Send permission; check it was not revoked and has no stray spaces or line breaks.",
            refs: &["Twilio SendGrid Docs: Integrating with the SMTP API"],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["Bad username / password"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "sendgrid.unverified-sender",
            provider: SENDGRID,
            title: "SendGrid: From address not verified",
            text: "The From address is not a verified Sender Identity (a verified single sender or an authenticated domain) in the SendGrid account, so nothing is sent until it is.",
            fix: "Verify the sender address or authenticate its domain in SendGrid (Settings, Sender Authentication) and send from that address.",
            refs: &["Twilio SendGrid Docs: Sender Identity", "Twilio SendGrid Docs: SMTP Errors and Troubleshooting"],
        },
        when: When { codes: &[], enhanced: &[], groups: &[&["verified Sender Identity"]] },
    },
    // -------------------------------------------------------------- Mailgun
    Rule {
        hint: ProviderHint {
            id: "mailgun.bad-credentials",
            provider: MAILGUN,
            title: "Mailgun rejected the SMTP login",
            text: "Mailgun did not accept the SMTP username or password. Mailgun SMTP logins belong to a sending domain (such as postmaster@mg.example.com), not to the dashboard account.",
            fix: "Copy or reset the SMTP credentials for that domain in the Mailgun dashboard, use the full login, and connect to the host of your account's region (smtp.mailgun.org or smtp.eu.mailgun.org).",
            refs: &["Mailgun Docs: SMTP credentials"],
        },
        when: When { codes: &[535], enhanced: &[], groups: &[&["not loving your login", "mailgun"]] },
    },
    Rule {
        hint: ProviderHint {
            id: "mailgun.sandbox-recipient",
            provider: MAILGUN,
            title: "Mailgun sandbox: recipient not authorised",
            text: "Sandbox domains and free accounts may only send to authorised recipients, and this recipient is not one of them.",
            fix: "Add and confirm the recipient under Authorized Recipients, or add and verify your own sending domain (on a plan that allows it).",
            refs: &["Mailgun Help: Authorized recipients for sandbox domains"],
        },
        when: When { codes: &[], enhanced: &[], groups: &[&["for test purposes only"]] },
    },
];

/// Matches a reply (its code, enhanced code if any, and full text including
/// continuation lines) against known provider failures. Returns every hint
/// that matches, most specific first.
pub fn provider_hints(code: u16, enhanced: Option<&str>, text: &str) -> Vec<&'static ProviderHint> {
    provider_hints_with_server(code, enhanced, text, None)
}

/// Like [`provider_hints`], with the server's name as extra evidence: the
/// host connected to, or the name in its greeting or EHLO answer (e.g.
/// "email-smtp.us-east-1.amazonaws.com"). Some hints (Amazon SES, iCloud)
/// can only be told apart from generic servers by that name.
pub fn provider_hints_with_server(
    code: u16,
    enhanced: Option<&str>,
    text: &str,
    server: Option<&str>,
) -> Vec<&'static ProviderHint> {
    let server = server.unwrap_or("");
    let mut found: Vec<&'static Rule> = RULES
        .iter()
        .filter(|rule| rule.when.matches(code, enhanced, text, server))
        .collect();
    // Stable: equally specific hints keep the table order.
    crate::sort::sort_by_key(&mut found, |rule| {
        core::cmp::Reverse(rule.when.specificity())
    });
    found.into_iter().map(|rule| &rule.hint).collect()
}

/// Every provider hint, in table order (for listings and documentation).
pub fn all_provider_hints() -> impl Iterator<Item = &'static ProviderHint> {
    RULES.iter().map(|rule| &rule.hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(code: u16, enhanced: Option<&str>, text: &str) -> Vec<&'static str> {
        provider_hints(code, enhanced, text)
            .iter()
            .map(|h| h.id)
            .collect()
    }

    fn ids_with(code: u16, enhanced: Option<&str>, text: &str, server: &str) -> Vec<&'static str> {
        provider_hints_with_server(code, enhanced, text, Some(server))
            .iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn ids_are_unique_and_every_hint_is_filled_in() {
        let all: Vec<&ProviderHint> = all_provider_hints().collect();
        for (i, a) in all.iter().enumerate() {
            assert!(
                all.iter().skip(i + 1).all(|b| b.id != a.id),
                "duplicate id {}",
                a.id
            );
            assert!(!a.provider.is_empty() && !a.title.is_empty() && !a.text.is_empty());
            assert!(!a.fix.is_empty() && !a.refs.is_empty(), "{}", a.id);
        }
    }

    #[test]
    fn every_rule_has_at_least_one_condition_beyond_the_code() {
        for rule in RULES {
            assert!(
                !rule.when.enhanced.is_empty() || !rule.when.groups.is_empty(),
                "{}",
                rule.hint.id
            );
        }
    }

    #[test]
    fn gmail_bad_credentials() {
        let text = "535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c4b8200b003e8dcc67bdesm1234567wmp.30 - gsmtp";
        assert_eq!(ids(535, Some("5.7.8"), text), ["gmail.bad-credentials"]);
        // Without a parsed enhanced code the code is found in the text.
        assert_eq!(ids(535, None, text), ["gmail.bad-credentials"]);
    }

    #[test]
    fn generic_postfix_535_is_not_gmail() {
        let text = "535 5.7.8 Error: authentication failed: authentication failure";
        assert!(ids(535, Some("5.7.8"), text).is_empty());
        assert!(ids_with(535, Some("5.7.8"), text, "mail.example.org").is_empty());
    }

    #[test]
    fn gmail_app_password_and_web_login() {
        let app = "534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor z8-20020a170902ccc800b0016363b15acasm10419980ple.112 - gsmtp";
        assert_eq!(
            ids(534, Some("5.7.9"), app),
            ["gmail.app-password-required"]
        );
        let web = "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbv> Please log in via your web browser and\n534-5.7.14 then try again.\n534-5.7.14  Learn more at\n534 5.7.14  https://support.google.com/mail/answer/78754 l73sm1580914qke.26 - gsmtp";
        assert_eq!(ids(534, Some("5.7.14"), web), ["gmail.web-login-required"]);
    }

    #[test]
    fn gmail_auth_required_needs_a_google_marker() {
        let gmail = "530-5.7.0 Authentication Required. Learn more at\n530 5.7.0  https://support.google.com/mail/?p=WantAuthError x1-20020a17090a8a8100b002340c2ae1bdsm123456pjn.1 - gsmtp";
        assert_eq!(ids(530, Some("5.7.0"), gmail), ["gmail.auth-required"]);
        assert!(ids(530, Some("5.7.0"), "530 5.7.0 Authentication required").is_empty());
    }

    #[test]
    fn gmail_rate_limit_and_dmarc() {
        let rate = "421-4.7.0 Try again later, closing connection. (EHLO)\n421-4.7.0  For more information, go to\n421 4.7.0  https://support.google.com/a/answer/3221692 - gsmtp";
        assert_eq!(ids(421, Some("4.7.0"), rate), ["gmail.rate-limited"]);
        assert!(ids(
            421,
            Some("4.7.0"),
            "421 4.7.0 Try again later, closing connection."
        )
        .is_empty());
        let dmarc = "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's\n550-5.7.26 DMARC policy. Please contact the administrator of example.com domain.\n550 5.7.26  https://support.google.com/mail/answer/2451690 - gsmtp";
        assert_eq!(
            ids(550, Some("5.7.26"), dmarc),
            ["gmail.unauthenticated-mail"]
        );
    }

    #[test]
    fn gmail_too_large() {
        let text = "552-5.2.3 Your message exceeded Google's message size limits. For more information, visit\n552 5.2.3  https://support.google.com/mail/?p=MaxSizeError - gsmtp";
        assert_eq!(ids(552, Some("5.2.3"), text), ["gmail.message-too-large"]);
    }

    #[test]
    fn microsoft_smtp_auth_disabled_for_tenant() {
        let text = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [SN4PR0601CA0012.namprd06.prod.outlook.com 2024-01-01T00:00:00.000Z 08DC0A1B2C3D4E5F]";
        assert_eq!(
            ids(535, Some("5.7.139"), text),
            ["microsoft.smtp-auth-disabled-for-tenant"]
        );
    }

    #[test]
    fn microsoft_policy_and_basic_auth_variants() {
        let policy = "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.";
        assert_eq!(
            ids(535, Some("5.7.139"), policy),
            ["microsoft.auth-blocked-by-policy"]
        );
        let basic = "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BN9PR03CA0123.namprd03.prod.outlook.com]";
        assert_eq!(
            ids(535, Some("5.7.139"), basic),
            ["microsoft.basic-auth-disabled"]
        );
        let retired = "550 5.7.30 Basic authentication is not supported for Client Submission.";
        assert_eq!(
            ids(550, Some("5.7.30"), retired),
            ["microsoft.basic-auth-retired"]
        );
        // The REQUIRETLS meaning of 5.7.30 is not mistaken for Microsoft's.
        assert!(ids(
            550,
            Some("5.7.30"),
            "550 5.7.30 REQUIRETLS support required"
        )
        .is_empty());
    }

    #[test]
    fn microsoft_authentication_unsuccessful() {
        let text =
            "535 5.7.3 Authentication unsuccessful [SN4PR0601CA0012.namprd06.prod.outlook.com]";
        assert_eq!(
            ids(535, Some("5.7.3"), text),
            ["microsoft.auth-unsuccessful"]
        );
    }

    #[test]
    fn microsoft_send_as_and_not_authenticated() {
        let send_as = "554 5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.";
        assert_eq!(
            ids(554, Some("5.2.0"), send_as),
            ["microsoft.send-as-denied"]
        );
        let anon = "530 5.7.57 Client not authenticated to send mail. [AM0PR10CA0001.EURPRD10.PROD.OUTLOOK.COM]";
        assert_eq!(
            ids(530, Some("5.7.57"), anon),
            ["microsoft.client-not-authenticated"]
        );
    }

    #[test]
    fn microsoft_reputation_blocks() {
        let ip = "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230)";
        assert_eq!(
            ids(550, Some("5.7.708"), ip),
            ["microsoft.traffic-not-accepted-from-ip"]
        );
        let domains = "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.";
        assert_eq!(
            ids(550, Some("5.7.750"), domains),
            ["microsoft.unregistered-domain"]
        );
        let banned = "550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions.";
        assert_eq!(
            ids(550, Some("5.7.606"), banned),
            ["microsoft.blocked-sending-ip"]
        );
        let relay = "550 5.7.64 TenantAttribution; Relay Access Denied SMTP";
        assert_eq!(
            ids(550, Some("5.7.64"), relay),
            ["microsoft.relay-tenant-attribution"]
        );
    }

    #[test]
    fn yahoo_and_icloud() {
        let yahoo = "535 5.7.0 (#AUTH005) Too many bad auth attempts.";
        assert_eq!(ids(535, Some("5.7.0"), yahoo), ["yahoo.too-many-bad-auth"]);
        let deferred = "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes";
        assert_eq!(ids(421, Some("4.7.0"), deferred), ["yahoo.deferred"]);
        let icloud = "535 5.7.8 Authentication failed";
        assert!(ids(535, Some("5.7.8"), icloud).is_empty());
        assert_eq!(
            ids_with(535, Some("5.7.8"), icloud, "smtp.mail.me.com"),
            ["icloud.app-specific-password"]
        );
    }

    #[test]
    fn amazon_ses() {
        let unverified = "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: x@y";
        assert_eq!(ids(554, None, unverified), ["ses.identity-not-verified"]);
        let rate = "454 Throttling failure: Maximum sending rate exceeded.";
        assert_eq!(ids(454, None, rate), ["ses.sending-limit"]);
        let creds = "535 Authentication Credentials Invalid";
        assert!(
            ids(535, None, creds).is_empty(),
            "a generic 535 must not be called SES"
        );
        assert_eq!(
            ids_with(535, None, creds, "email-smtp.us-east-1.amazonaws.com"),
            ["ses.bad-smtp-credentials"]
        );
        let iam = "554 Access denied: User `arn:aws:iam::123456789012:user/ses-smtp-user' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/example.com'";
        assert_eq!(ids(554, None, iam), ["ses.iam-not-authorized"]);
    }

    #[test]
    fn sendgrid_and_mailgun() {
        assert_eq!(
            ids(
                535,
                None,
                "535 Authentication failed: Bad username / password"
            ),
            ["sendgrid.bad-credentials"]
        );
        let sender = "550 The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved. Visit https://sendgrid.com/docs/for-developers/sending-email/sender-identity/ to see the Sender Identity requirements";
        assert_eq!(ids(550, None, sender), ["sendgrid.unverified-sender"]);
        assert_eq!(
            ids(
                535,
                Some("5.7.0"),
                "535 5.7.0 Mailgun is not loving your login or password"
            ),
            ["mailgun.bad-credentials"]
        );
        let sandbox = "421 Domain sandbox0123.mailgun.org is not allowed to send: Free accounts are for test purposes only. Please upgrade or add the address to authorized recipients in Account Settings.";
        assert_eq!(ids(421, None, sandbox), ["mailgun.sandbox-recipient"]);
    }

    #[test]
    fn matching_ignores_case() {
        let shouted = "535-5.7.8 USERNAME AND PASSWORD NOT ACCEPTED. - GSMTP";
        assert_eq!(ids(535, Some("5.7.8"), shouted), ["gmail.bad-credentials"]);
    }

    #[test]
    fn wrong_code_does_not_match() {
        let text = "Username and Password not accepted https://support.google.com/mail/?p=BadCredentials - gsmtp";
        assert!(ids(250, Some("2.0.0"), text).is_empty());
        assert!(ids(535, Some("5.7.80"), text).is_empty());
    }

    #[test]
    fn several_hints_come_most_specific_first() {
        // A relay reply that carries both a Microsoft send-as denial and an
        // SES IAM refusal is contrived, but shows the ordering: the SES rule
        // has a code and a phrase group (2), the Microsoft one only a phrase
        // group (1).
        let text = "554 SendAsDenied; not authorized to perform `ses:SendRawEmail'";
        assert_eq!(
            ids(554, None, text),
            ["ses.iam-not-authorized", "microsoft.send-as-denied"]
        );
    }
}
