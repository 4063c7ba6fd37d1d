//! Fixes in the user's own language: given the client tool that produced the
//! paste (its format) and the server software (from the banner or replies),
//! the exact setting, option or line of code to change. Generic advice is
//! the fallback when neither is known.
//!
//! Rules ask for a [`Topic`]; [`Fix`] assembles one line: an optional lead
//! sentence, the client's setting, then the server's.

use std::borrow::Cow;

use crate::ingest::Format;
use crate::session::Dir;

use super::util;
use super::Ctx;

/// The client tool (or library) that produced the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Swaks,
    Openssl,
    Curl,
    Smtplib,
    Nodemailer,
    Msmtp,
    Sendemail,
    Phpmailer,
    Ruby,
    Javamail,
    Symfony,
    Mailkit,
    /// telnet, nc, netcat: a human typing SMTP.
    Terminal,
    /// Exim delivering (exim -v): Exim is the client.
    Exim,
    /// sendmail -v delivering: Sendmail is the client.
    Sendmail,
    Unknown,
}

impl Client {
    pub fn name(self) -> &'static str {
        match self {
            Client::Swaks => "swaks",
            Client::Openssl => "openssl s_client",
            Client::Curl => "curl",
            Client::Smtplib => "Python smtplib",
            Client::Nodemailer => "Nodemailer",
            Client::Msmtp => "msmtp",
            Client::Sendemail => "sendEmail",
            Client::Phpmailer => "PHPMailer",
            Client::Ruby => "Ruby Net::SMTP",
            Client::Javamail => "Jakarta Mail (JavaMail)",
            Client::Symfony => "Symfony Mailer",
            Client::Mailkit => "MailKit",
            Client::Terminal => "telnet / nc",
            Client::Exim => "Exim's smtp transport",
            Client::Sendmail => "Sendmail",
            Client::Unknown => "the client",
        }
    }
}

/// The server software.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Postfix,
    Exim,
    /// Exchange Server (on premises).
    Exchange,
    Microsoft365,
    Gmail,
    Sendmail,
    OpenSmtpd,
    Aiosmtpd,
    Unknown,
}

impl Server {
    pub fn name(self) -> &'static str {
        match self {
            Server::Postfix => "Postfix",
            Server::Exim => "Exim",
            Server::Exchange => "Exchange",
            Server::Microsoft365 => "Microsoft 365",
            Server::Gmail => "Gmail",
            Server::Sendmail => "Sendmail",
            Server::OpenSmtpd => "OpenSMTPD",
            Server::Aiosmtpd => "aiosmtpd",
            Server::Unknown => "the server",
        }
    }
}

/// The client of the session: its own format first (a paste can hold
/// several tools), then the paste's.
pub fn client(ctx: &Ctx<'_>) -> Client {
    let format = ctx
        .session
        .format
        .and_then(Format::from_id)
        .unwrap_or(ctx.format);
    match format {
        Format::Swaks => Client::Swaks,
        Format::Openssl => Client::Openssl,
        Format::Curl => Client::Curl,
        Format::Smtplib => Client::Smtplib,
        Format::Nodemailer => Client::Nodemailer,
        Format::Msmtp => Client::Msmtp,
        Format::Sendemail => Client::Sendemail,
        Format::Phpmailer => Client::Phpmailer,
        Format::Ruby => Client::Ruby,
        Format::Javamail => Client::Javamail,
        Format::Symfony => Client::Symfony,
        Format::Terminal => Client::Terminal,
        Format::Sendmail => Client::Sendmail,
        // exim -v shows Exim delivering to another server.
        Format::EximLog if ctx.session.server.is_some_and(|s| s != "Exim") => Client::Exim,
        Format::Rfc if is_mailkit(ctx) => Client::Mailkit,
        Format::Rfc | Format::PostfixLog | Format::EximLog | Format::Unknown => Client::Unknown,
    }
}

/// MailKit's ProtocolLogger starts with `Connected to smtp://host:port/...`.
fn is_mailkit(ctx: &Ctx<'_>) -> bool {
    ctx.session
        .events
        .iter()
        .filter(|e| e.dir != Dir::Client && e.dir != Dir::Server)
        .take(8)
        .any(|e| {
            let t = util::text(ctx, e).trim_start();
            t.starts_with("Connected to smtp://") || t.starts_with("Connected to smtps://")
        })
}

/// The server of the session, from its banner and replies, or the log.
pub fn server(ctx: &Ctx<'_>) -> Server {
    match ctx.session.server {
        Some("Postfix") => Server::Postfix,
        Some("Exim") => Server::Exim,
        Some("Microsoft Exchange") => Server::Exchange,
        Some("Microsoft 365") => Server::Microsoft365,
        Some("Gmail") => Server::Gmail,
        Some("Sendmail") => Server::Sendmail,
        Some("OpenSMTPD") => Server::OpenSmtpd,
        Some("aiosmtpd") => Server::Aiosmtpd,
        Some(_) => Server::Unknown,
        None => match ctx
            .session
            .format
            .and_then(Format::from_id)
            .unwrap_or(ctx.format)
        {
            // A server's own log names the server.
            Format::PostfixLog => Server::Postfix,
            Format::EximLog => Server::Exim,
            _ => Server::Unknown,
        },
    }
}

/// What a fix is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// The client must use STARTTLS (and refuse to go on without it).
    RequireTls,
    /// The client uses TLS from the first byte (port 465).
    ImplicitTls,
    /// The server offers and accepts AUTH only inside TLS.
    AuthOnlyOverTls,
    /// The server offers STARTTLS.
    OfferStarttls,
    /// The server refuses mail and AUTH on the submission port without TLS.
    RequireTlsOnSubmission,
    /// The client verifies the certificate; the server presents a valid one.
    VerifyCertificate,
    /// TLS 1.2 or later on both sides.
    ModernTls,
    /// The client's user name and password settings.
    Credentials,
    /// Choosing the SASL mechanism.
    Mechanism,
    /// Submit on 587 (STARTTLS) or 465 (TLS), not 25.
    SubmissionPort,
    /// The server relays only for authenticated users and its own networks.
    RelayRestrictions,
    /// The server requires AUTH on the submission port.
    SubmissionAuth,
    DisableVrfy,
    DisableExpn,
    /// EHLO again after the TLS handshake.
    EhloAfterStarttls,
    /// EHLO rather than HELO.
    Ehlo,
    /// CRLF line endings in the message; the server refuses bare LF.
    CrlfLineEndings,
    /// Lines within the RFC 5321 limits.
    LineLength,
    /// SMTPUTF8 for non-ASCII addresses.
    Smtputf8,
    /// Wait for each reply unless PIPELINING is offered.
    Pipelining,
    /// Nothing may follow STARTTLS before the handshake.
    StarttlsInjection,
    /// The message size limit.
    MessageSize,
    /// Sending rate and limits.
    RateLimit,
    /// The RFC 5321 command order.
    CommandOrder,
    /// Make the transcript show whether TLS was used.
    ShowTls,
}

/// Assembles a fix: a lead sentence, then the client's and the server's
/// settings for the topics asked, each at most once.
#[derive(Debug, Default)]
pub struct Fix {
    /// Borrowed when the text is fixed (most advice): a finding's fix is
    /// built for every finding, and only the joined text is allocated.
    parts: Vec<Cow<'static, str>>,
}

impl Fix {
    pub fn new() -> Fix {
        Fix::default()
    }

    /// A sentence of its own (the specific cause, say).
    pub fn say(mut self, s: impl Into<Cow<'static, str>>) -> Fix {
        let s = s.into();
        if !s.is_empty() && !self.parts.contains(&s) {
            self.parts.push(s);
        }
        self
    }

    /// The client's setting for `topic` (or the generic client advice).
    pub fn client(self, ctx: &Ctx<'_>, topic: Topic) -> Fix {
        let c = client(ctx);
        match client_advice(c, topic) {
            Some(a) => {
                // STARTTLS advice names 587; on 25 or 2525 keep the user's port.
                let mut s = String::with_capacity(c.name().len() + 2 + a.len());
                s.push_str(c.name());
                s.push_str(": ");
                match ctx.session.port {
                    Some(p @ (25 | 2525)) if topic == Topic::RequireTls => with_port(&mut s, a, p),
                    _ => s.push_str(a),
                }
                self.say(s)
            }
            None => match generic_client(topic) {
                Some(g) => self.say(g),
                None => self,
            },
        }
    }

    /// The server's setting for `topic` (or the generic server advice).
    pub fn server(self, ctx: &Ctx<'_>, topic: Topic) -> Fix {
        let s = server(ctx);
        match server_advice(s, topic) {
            Some(a) => {
                let mut t = String::with_capacity(5 + s.name().len() + a.len());
                t.push_str("On ");
                t.push_str(s.name());
                t.push_str(": ");
                t.push_str(a);
                self.say(t)
            }
            None => match generic_server(topic) {
                Some(g) => self.say(g),
                None => self,
            },
        }
    }

    /// Both sides.
    pub fn both(self, ctx: &Ctx<'_>, topic: Topic) -> Fix {
        self.client(ctx, topic).server(ctx, topic)
    }

    /// The provider-specific fix for a reply (Gmail app passwords, Microsoft
    /// 365 SMTP AUTH...), when the reply is recognisable.
    pub fn provider(self, ctx: &Ctx<'_>, reply: Option<&crate::session::Event>) -> Fix {
        match reply.and_then(|r| util::provider_hint(ctx, r)) {
            Some(h) => {
                let mut t = String::with_capacity(h.provider.len() + 2 + h.fix.len());
                t.push_str(h.provider);
                t.push_str(": ");
                t.push_str(h.fix);
                self.say(t)
            }
            None => self,
        }
    }

    pub fn build(self) -> String {
        match <[Cow<'static, str>; 1]>::try_from(self.parts) {
            Ok([one]) => one.into_owned(),
            Err(parts) => parts.join(" "),
        }
    }
}

/// Appends `advice` with the port 587 it names (`host:587`, `port: 587`,
/// `port 587`) replaced by `port`, in one pass (three `str::replace`
/// calls, one after the other, give the same: no replacement makes
/// another's pattern).
fn with_port(out: &mut String, advice: &str, port: u16) {
    let mut rest = advice;
    while let Some(i) = crate::ingest::find::find(rest, "587") {
        let (head, tail) = (rest.get(..i).unwrap_or(""), rest.get(i + 3..).unwrap_or(""));
        out.push_str(head);
        if ["host:", "port: ", "port "]
            .iter()
            .any(|p| head.ends_with(p))
        {
            out.push_str(&port.to_string());
        } else {
            out.push_str("587");
        }
        rest = tail;
    }
    out.push_str(rest);
}

/// The client's own setting for a topic.
pub fn client_advice(c: Client, topic: Topic) -> Option<&'static str> {
    use Client as C;
    use Topic as T;
    Some(match (c, topic) {
        // ----- STARTTLS, required -------------------------------------
        (C::Swaks, T::RequireTls) => "add `--tls` (swaks then refuses to go on if STARTTLS fails or is not offered) and use `--server host:587`; or `--tls-on-connect` with port 465.",
        (C::Openssl, T::RequireTls) => "use `openssl s_client -starttls smtp -connect host:587 -crlf` (or `-connect host:465 -crlf` for TLS from the first byte).",
        (C::Curl, T::RequireTls) => "add `--ssl-reqd` to `smtp://host:587` (plain `--ssl` silently falls back to cleartext), or use `smtps://host:465`.",
        (C::Smtplib, T::RequireTls) => "`server = smtplib.SMTP(host, 587)`, then `server.starttls(context=ssl.create_default_context())` before `server.login(...)`; or `smtplib.SMTP_SSL(host, 465, context=ssl.create_default_context())`.",
        (C::Nodemailer, T::RequireTls) => "`{ host, port: 587, secure: false, requireTLS: true }` (requireTLS makes Nodemailer fail instead of sending in cleartext), or `{ port: 465, secure: true }`.",
        (C::Msmtp, T::RequireTls) => "`tls on` and `tls_starttls on` with `port 587` (msmtp then refuses a server without STARTTLS); or `tls_starttls off` with `port 465`.",
        (C::Sendemail, T::RequireTls) => "`-o tls=yes` with `-s host:587` (the default `tls=auto` falls back to cleartext when STARTTLS is missing).",
        (C::Phpmailer, T::RequireTls) => "`$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS; $mail->Port = 587;` (SMTPAutoTLS alone uses STARTTLS only when offered and silently carries on without it), or `PHPMailer::ENCRYPTION_SMTPS` with port 465.",
        (C::Ruby, T::RequireTls) => "`Net::SMTP.start(host, 587, starttls: :always, ...)` (or `smtp.enable_starttls` before `start`; `enable_starttls_auto` falls back to cleartext); with the mail gem `enable_starttls: true`.",
        (C::Javamail, T::RequireTls) => "set `mail.smtp.starttls.enable=true` and `mail.smtp.starttls.required=true` with `mail.smtp.port=587`; or `mail.smtp.ssl.enable=true` with port 465.",
        (C::Symfony, T::RequireTls) => "use `MAILER_DSN=smtp://USER:PASS@host:587` (STARTTLS is used when offered; on Symfony 7.3+ add `?require_tls=true` so it fails instead of sending in cleartext), or `smtps://USER:PASS@host:465`.",
        (C::Mailkit, T::RequireTls) => "`client.Connect(host, 587, SecureSocketOptions.StartTls)` (not `StartTlsWhenAvailable` or `None`), or `SecureSocketOptions.SslOnConnect` with port 465.",
        (C::Terminal, T::RequireTls) => "telnet and nc cannot do TLS; test with `openssl s_client -starttls smtp -connect host:587 -crlf` or `swaks --tls --server host:587` instead.",
        (C::Exim, T::RequireTls) => "set `hosts_require_tls = *` in the smtp transport so Exim never delivers or authenticates without TLS.",
        (C::Sendmail, T::RequireTls) => "require TLS towards this host in the access map, e.g. `TLS_Srv:host.example ENCR:128`, then rebuild the map.",
        // ----- TLS from the first byte (465) ---------------------------
        (C::Swaks, T::ImplicitTls) => "`--tls-on-connect` (`--tlsc`) with `--server host:465`; `--tls` is for STARTTLS on 587.",
        (C::Openssl, T::ImplicitTls) => "`openssl s_client -connect host:465 -crlf` for port 465; for 587 or 25 add `-starttls smtp`.",
        (C::Curl, T::ImplicitTls) => "`smtps://host:465` (for 587 use `smtp://host:587 --ssl-reqd`).",
        (C::Smtplib, T::ImplicitTls) => "`smtplib.SMTP_SSL(host, 465, context=ssl.create_default_context())` (for 587 use `SMTP(host, 587)` and `starttls()`).",
        (C::Nodemailer, T::ImplicitTls) => "`{ port: 465, secure: true }` (for 587 use `secure: false, requireTLS: true`).",
        (C::Msmtp, T::ImplicitTls) => "`tls on`, `tls_starttls off`, `port 465` (for 587 keep `tls_starttls on`).",
        (C::Phpmailer, T::ImplicitTls) => "`$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS; $mail->Port = 465;` (for 587 use `ENCRYPTION_STARTTLS`).",
        (C::Ruby, T::ImplicitTls) => "`Net::SMTP.start(host, 465, tls: true, ...)` (mail gem: `tls: true`); for 587 use `starttls: :always`.",
        (C::Javamail, T::ImplicitTls) => "`mail.smtp.ssl.enable=true` with `mail.smtp.port=465` (for 587 use `mail.smtp.starttls.required=true`).",
        (C::Symfony, T::ImplicitTls) => "`MAILER_DSN=smtps://USER:PASS@host:465` (for 587 use `smtp://`).",
        (C::Mailkit, T::ImplicitTls) => "`client.Connect(host, 465, SecureSocketOptions.SslOnConnect)` (for 587 use `SecureSocketOptions.StartTls`).",
        (C::Sendemail, T::ImplicitTls) => "sendEmail cannot do TLS from the first byte; use port 587 with `-o tls=yes`.",
        (C::Terminal, T::ImplicitTls) => "telnet and nc cannot do TLS; use `openssl s_client -connect host:465 -crlf` or `swaks --tls-on-connect --server host:465`.",
        // ----- certificate verification ----------------------------------
        (C::Swaks, T::VerifyCertificate) => "add `--tls-verify` (swaks 20240103 or later; older versions never verify) and connect by the name on the certificate.",
        (C::Openssl, T::VerifyCertificate) => "add `-verify_return_error -verify_hostname host` (and `-CAfile` for a private CA): s_client prints verify errors but carries on regardless.",
        (C::Curl, T::VerifyCertificate) => "drop `-k` / `--insecure`; for a private CA pass `--cacert ca.pem`.",
        (C::Smtplib, T::VerifyCertificate) => "pass `context=ssl.create_default_context()` to `starttls()` / `SMTP_SSL` and do not set `check_hostname = False` or `verify_mode = ssl.CERT_NONE`; create the client as `smtplib.SMTP(host, port)` so it knows the host name to check.",
        (C::Nodemailer, T::VerifyCertificate) => "remove `tls: { rejectUnauthorized: false }`; for a private CA pass `tls: { ca: [fs.readFileSync('ca.pem')] }`.",
        (C::Msmtp, T::VerifyCertificate) => "`tls_certcheck on` with `tls_trust_file system` (or the CA file); never `tls_certcheck off`.",
        (C::Sendemail, T::VerifyCertificate) => "keep IO::Socket::SSL's default verification and install the server's CA in the system store; do not patch in `SSL_verify_mode => 0`.",
        (C::Phpmailer, T::VerifyCertificate) => "remove `$mail->SMTPOptions` entries `'verify_peer' => false`, `'verify_peer_name' => false` and `'allow_self_signed' => true`; for a private CA set `'cafile'`.",
        (C::Ruby, T::VerifyCertificate) => "keep `tls_verify: true` (net-smtp) / `openssl_verify_mode: 'peer'` (mail gem); never `OpenSSL::SSL::VERIFY_NONE`.",
        (C::Javamail, T::VerifyCertificate) => "`mail.smtp.ssl.checkserveridentity=true` and no `mail.smtp.ssl.trust=*`; import a private CA into the JVM trust store.",
        (C::Symfony, T::VerifyCertificate) => "remove `verify_peer=0` from the DSN; for a private CA configure `cafile` in the stream options.",
        (C::Mailkit, T::VerifyCertificate) => "remove any `client.ServerCertificateValidationCallback = (s, c, h, e) => true`; let MailKit validate the chain and host name.",
        (C::Exim, T::VerifyCertificate) => "set `tls_verify_certificates = system` and `tls_verify_hosts = *` (or DANE with `hosts_require_dane`) in the smtp transport.",
        (C::Sendmail, T::VerifyCertificate) => "set `confCACERT_PATH` / `confCACERT` and require verification per host with `TLS_Srv:host VERIFY` in the access map.",
        // ----- TLS versions ---------------------------------------------
        (C::Swaks, T::ModernTls) => "let swaks negotiate (drop any `--tls-protocol` that forces an old version) or pass `--tls-protocol tlsv1_2,tlsv1_3`.",
        (C::Openssl, T::ModernTls) => "drop `-tls1` / `-tls1_1` (and `-cipher DEFAULT@SECLEVEL=0`); use the default or `-tls1_2` / `-tls1_3`.",
        (C::Curl, T::ModernTls) => "add `--tlsv1.2` (a minimum) and drop any `--tls-max 1.1`.",
        (C::Smtplib, T::ModernTls) => "`ctx = ssl.create_default_context(); ctx.minimum_version = ssl.TLSVersion.TLSv1_2` and pass `context=ctx`.",
        (C::Nodemailer, T::ModernTls) => "`tls: { minVersion: 'TLSv1.2' }`.",
        (C::Msmtp, T::ModernTls) => "`tls_priorities NORMAL:-VERS-TLS1.0:-VERS-TLS1.1` (GnuTLS builds), or update msmtp and its TLS library.",
        (C::Phpmailer, T::ModernTls) => "`$mail->SMTPOptions = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT]];`.",
        (C::Javamail, T::ModernTls) => "`mail.smtp.ssl.protocols=TLSv1.2 TLSv1.3`.",
        (C::Mailkit, T::ModernTls) => "`client.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;`.",
        (C::Ruby, T::ModernTls) => "pass `ssl_context_params: { min_version: OpenSSL::SSL::TLS1_2_VERSION }` (net-smtp 0.3+).",
        (C::Exim, T::ModernTls) => "set `tls_require_ciphers = NORMAL:-VERS-TLS1.0:-VERS-TLS1.1` (GnuTLS) in the smtp transport.",
        // ----- credentials ----------------------------------------------
        (C::Swaks, T::Credentials) => "`--auth-user USER --auth-password PASS` (check the user is the full address if the provider wants one).",
        (C::Openssl, T::Credentials) => "the AUTH PLAIN payload is base64 of `\\0user\\0password`: `printf '\\0%s\\0%s' USER PASS | base64`.",
        (C::Curl, T::Credentials) => "`--user 'USER:PASS'` (quote it: shells mangle `!` and `$`).",
        (C::Smtplib, T::Credentials) => "`server.login(USER, PASS)` after `starttls()`.",
        (C::Nodemailer, T::Credentials) => "`auth: { user: USER, pass: PASS }` in the transport options.",
        (C::Msmtp, T::Credentials) => "`auth on`, `user USER` and `passwordeval \"cat ~/.msmtp-pass\"` (or `password`).",
        (C::Sendemail, T::Credentials) => "`-xu USER -xp PASS`.",
        (C::Phpmailer, T::Credentials) => "`$mail->SMTPAuth = true; $mail->Username = 'USER'; $mail->Password = 'PASS';`.",
        (C::Ruby, T::Credentials) => "`Net::SMTP.start(host, 587, user: USER, secret: PASS, authtype: :plain, starttls: :always)`.",
        (C::Javamail, T::Credentials) => "`mail.smtp.auth=true` and `Transport.send(message, USER, PASS)` (or an `Authenticator`).",
        (C::Symfony, T::Credentials) => "put them in the DSN, URL-encoded: `smtp://USER:PASS@host:587` (`@` in the user name becomes `%40`).",
        (C::Mailkit, T::Credentials) => "`client.Authenticate(USER, PASS)` after `Connect`.",
        (C::Exim, T::Credentials) => "give the authenticator's `client_send` the right user and password and set `hosts_require_auth` in the transport.",
        // ----- mechanism ------------------------------------------------
        (C::Swaks, T::Mechanism) => "pick one the server lists after AUTH in its EHLO reply, e.g. `--auth PLAIN` or `--auth LOGIN` (or plain `--auth` to let swaks choose).",
        (C::Curl, T::Mechanism) => "`--login-options AUTH=PLAIN` (or `AUTH=LOGIN`), one the server lists.",
        (C::Nodemailer, T::Mechanism) => "`authMethod: 'PLAIN'` (or `'LOGIN'`), one the server lists.",
        (C::Msmtp, T::Mechanism) => "`auth on` (msmtp picks one the server offers) or `auth plain` / `auth login`.",
        (C::Phpmailer, T::Mechanism) => "`$mail->AuthType = 'PLAIN';` (or `'LOGIN'`, `'XOAUTH2'`), one the server lists.",
        (C::Javamail, T::Mechanism) => "`mail.smtp.auth.mechanisms=PLAIN LOGIN` (the ones the server lists).",
        (C::Ruby, T::Mechanism) => "`authtype: :plain` (or `:login`), one the server lists.",
        (C::Mailkit, T::Mechanism) => "remove mechanisms the account cannot use, e.g. `client.AuthenticationMechanisms.Remove(\"XOAUTH2\")`.",
        (C::Terminal | C::Openssl, T::Mechanism) => "use `AUTH PLAIN <base64 of \\0user\\0password>` or `AUTH LOGIN`, whichever the EHLO reply lists.",
        // ----- submission port ------------------------------------------
        (C::Swaks, T::SubmissionPort) => "`--server host:587 --tls` (or `--server host:465 --tls-on-connect`).",
        (C::Curl, T::SubmissionPort) => "`smtp://host:587 --ssl-reqd` (or `smtps://host:465`).",
        (C::Smtplib, T::SubmissionPort) => "`smtplib.SMTP(host, 587)` + `starttls()`, or `smtplib.SMTP_SSL(host, 465)`.",
        (C::Nodemailer, T::SubmissionPort) => "`port: 587, requireTLS: true` (or `port: 465, secure: true`).",
        (C::Msmtp, T::SubmissionPort) => "`port 587` with `tls_starttls on` (or `port 465` with `tls_starttls off`).",
        (C::Sendemail, T::SubmissionPort) => "`-s host:587 -o tls=yes`.",
        (C::Phpmailer, T::SubmissionPort) => "`$mail->Port = 587; $mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;` (or 465 with `ENCRYPTION_SMTPS`).",
        (C::Ruby, T::SubmissionPort) => "`Net::SMTP.start(host, 587, starttls: :always, ...)`.",
        (C::Javamail, T::SubmissionPort) => "`mail.smtp.port=587` with `mail.smtp.starttls.required=true`.",
        (C::Symfony, T::SubmissionPort) => "`smtp://USER:PASS@host:587` (or `smtps://...:465`).",
        (C::Mailkit, T::SubmissionPort) => "`client.Connect(host, 587, SecureSocketOptions.StartTls)`.",
        (C::Openssl, T::SubmissionPort) => "`openssl s_client -starttls smtp -connect host:587 -crlf`.",
        (C::Terminal, T::SubmissionPort) => "test submission with `swaks --server host:587 --tls --auth-user USER`.",
        (C::Exim, T::SubmissionPort) => "set `port = 587` and `hosts_require_tls = *` in the smtp transport towards the smarthost.",
        // ----- EHLO after STARTTLS --------------------------------------
        (C::Openssl, T::EhloAfterStarttls) => "s_client sent its own EHLO before STARTTLS; type `EHLO yourname` again as the first command once the handshake is done.",
        (C::Smtplib, T::EhloAfterStarttls) => "call `server.ehlo()` right after `server.starttls()` (login() and sendmail() do it for you when you use them).",
        (C::Terminal, T::EhloAfterStarttls) => "send `EHLO yourname` again as the first command after the handshake.",
        // ----- EHLO -----------------------------------------------------
        (C::Terminal | C::Openssl, T::Ehlo) => "type `EHLO yourname` instead of `HELO yourname`.",
        (C::Swaks, T::Ehlo) => "drop `--protocol SMTP` (swaks uses EHLO by default).",
        (C::Smtplib, T::Ehlo) => "call `server.ehlo()` (not `helo()`); smtplib falls back to HELO itself when the server refuses EHLO.",
        // ----- line endings ---------------------------------------------
        (C::Terminal, T::CrlfLineEndings) => "start nc with `-C` (`nc -C host 25`; ncat `--crlf`) so Enter sends CRLF; telnet already does.",
        (C::Openssl, T::CrlfLineEndings) => "add `-crlf` to `openssl s_client`.",
        (C::Smtplib, T::CrlfLineEndings) => "send with `server.send_message(msg)` or `sendmail()` (they turn every line ending into CRLF) instead of writing the data yourself with `send()`.",
        // ----- SMTPUTF8 -------------------------------------------------
        (C::Smtplib, T::Smtputf8) => "use `server.send_message(msg)` (it adds SMTPUTF8 when an address needs it and the server offers it) or `sendmail(from, to, msg, mail_options=['SMTPUTF8'])`.",
        (C::Javamail, T::Smtputf8) => "set `mail.mime.allowutf8=true` (Jakarta Mail then sends SMTPUTF8 when the server offers it).",
        (C::Terminal | C::Openssl, T::Smtputf8) => "add the parameter: `MAIL FROM:<jörg@example.org> SMTPUTF8`.",
        // ----- pipelining -----------------------------------------------
        (C::Terminal, T::Pipelining) => "type one command and wait for its reply; when scripting, put `sleep 1` between the printf'd commands, or use `swaks`, which pipelines only when the server offers PIPELINING.",
        (C::Openssl, T::Pipelining) => "type one command at a time and wait for its reply (or script with `swaks`, which waits when the server does not offer PIPELINING).",
        // ----- showing TLS ----------------------------------------------
        (C::Smtplib, T::ShowTls) => "call `set_debuglevel(1)` before connecting and pass the host to the constructor (`smtplib.SMTP(host, 587)`) so the log shows the port and the STARTTLS exchange; use `SMTP_SSL` or `starttls()` explicitly.",
        (C::Phpmailer, T::ShowTls) => "use `$mail->SMTPDebug = SMTP::DEBUG_CONNECTION;` (3): the log then shows `Connection: opening to ssl://host:465` or the STARTTLS exchange; set `SMTPSecure` explicitly.",
        (C::Symfony, T::ShowTls) => "check the DSN: `smtps://` means TLS from the first byte, `smtp://` on 587 uses STARTTLS when offered (Symfony 7.3+: `?require_tls=true`).",
        (C::Nodemailer, T::ShowTls) => "enable `logger: true` as well as `debug: true`: the INFO lines say \"Secure connection established\" or \"upgraded with STARTTLS\".",
        (C::Javamail, T::ShowTls) => "the `DEBUG SMTP: trying to connect to host ..., port ..., isSSL ...` line shows it; keep `mail.debug=true` from the start.",
        // ----- command order --------------------------------------------
        (C::Terminal | C::Openssl, T::CommandOrder) => "type the commands in RFC 5321 order: EHLO, (STARTTLS, EHLO), AUTH, MAIL FROM, RCPT TO, DATA, QUIT; after a 503, start over with RSET.",
        // ----- STARTTLS injection ---------------------------------------
        (C::Terminal | C::Openssl, T::StarttlsInjection) => "send nothing after STARTTLS until the server's 220 has arrived and the handshake is done.",
        _ => return None,
    })
}

/// The server's own setting for a topic.
pub fn server_advice(s: Server, topic: Topic) -> Option<&'static str> {
    use Server as S;
    use Topic as T;
    Some(match (s, topic) {
        // ----- AUTH only inside TLS -------------------------------------
        (S::Postfix, T::AuthOnlyOverTls) => "set `smtpd_tls_auth_only = yes` in main.cf: AUTH is then offered and accepted only after STARTTLS.",
        (S::Exim, T::AuthOnlyOverTls) => "set `auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}` (or `server_advertise_condition = ${if def:tls_in_cipher}` in each authenticator).",
        (S::Sendmail, T::AuthOnlyOverTls) => "add `p` to `confAUTH_OPTIONS` (`define(`confAUTH_OPTIONS', `A p')dnl`): no plaintext mechanisms without TLS.",
        (S::Exchange, T::AuthOnlyOverTls) => "on the receive connector use `Set-ReceiveConnector -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS`.",
        (S::OpenSmtpd, T::AuthOnlyOverTls) => "listen with `tls-require` (e.g. `listen on egress port submission tls-require pki mail.example.org auth`).",
        (S::Aiosmtpd, T::AuthOnlyOverTls) => "keep `auth_require_tls=True` (the default) on the `SMTP`/`Controller` and give it a `tls_context`.",
        // ----- offer STARTTLS -------------------------------------------
        (S::Postfix, T::OfferStarttls) => "set `smtpd_tls_security_level = may` with a certificate (`smtpd_tls_chain_files = /etc/letsencrypt/live/HOST/privkey.pem, /etc/letsencrypt/live/HOST/fullchain.pem`), and `-o smtpd_tls_security_level=encrypt` on the submission service in master.cf.",
        (S::Exim, T::OfferStarttls) => "set `tls_advertise_hosts = *` with `tls_certificate` and `tls_privatekey` (Debian: `MAIN_TLS_ENABLE = yes`).",
        (S::Sendmail, T::OfferStarttls) => "define `confSERVER_CERT`, `confSERVER_KEY` and `confCACERT` in sendmail.mc and rebuild sendmail.cf.",
        (S::OpenSmtpd, T::OfferStarttls) => "add `pki mail.example.org cert \"...\" key \"...\"` and `listen on egress tls pki mail.example.org`.",
        (S::Aiosmtpd, T::OfferStarttls) => "pass `tls_context=ssl_context` (and `require_starttls=True`) to the `Controller`.",
        (S::Exchange, T::OfferStarttls) => "bind a valid certificate to SMTP with `Enable-ExchangeCertificate -Services SMTP`.",
        // ----- TLS required on submission -------------------------------
        (S::Postfix, T::RequireTlsOnSubmission) => "in master.cf, give the submission service `-o smtpd_tls_security_level=encrypt` (and `smtpd_tls_auth_only = yes`).",
        (S::Exim, T::RequireTlsOnSubmission) => "in the MAIL or RCPT ACL: `deny condition = ${if eq{$received_port}{587}} !encrypted = * message = STARTTLS required`.",
        (S::Aiosmtpd, T::RequireTlsOnSubmission) => "pass `require_starttls=True` with a `tls_context`.",
        (S::OpenSmtpd, T::RequireTlsOnSubmission) => "use `tls-require` on the submission listener.",
        // ----- certificate ----------------------------------------------
        (S::Postfix, T::VerifyCertificate) => "serve a certificate from a public CA for the name clients connect to: `smtpd_tls_chain_files = .../privkey.pem, .../fullchain.pem`.",
        (S::Exim, T::VerifyCertificate) => "serve a certificate from a public CA for the name clients connect to: `tls_certificate = .../fullchain.pem`, `tls_privatekey = .../privkey.pem`.",
        (S::Sendmail, T::VerifyCertificate) => "point `confSERVER_CERT` at a full chain from a public CA for the host name clients use.",
        (S::Aiosmtpd, T::VerifyCertificate) => "load a certificate chain from a public CA into the `tls_context` (`context.load_cert_chain(fullchain, key)`).",
        // ----- TLS versions ---------------------------------------------
        (S::Postfix, T::ModernTls) => "set `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2` (Postfix 3.6+; older: `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`), and do not lower the OpenSSL security level.",
        (S::Exim, T::ModernTls) => "set `tls_require_ciphers = NORMAL:-VERS-TLS1.0:-VERS-TLS1.1` (GnuTLS builds) or `openssl_options = +no_tlsv1 +no_tlsv1_1` (OpenSSL builds).",
        (S::Sendmail, T::ModernTls) => "set `O ServerSSLOptions=+SSL_OP_NO_SSLv3 +SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1`.",
        (S::Exchange, T::ModernTls) => "disable TLS 1.0 and 1.1 in SCHANNEL (Exchange Server TLS guidance) and keep TLS 1.2 enabled.",
        // ----- relay ----------------------------------------------------
        (S::Postfix, T::RelayRestrictions) => "set `smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination` and keep `mynetworks` to your own hosts (`postconf mynetworks`).",
        (S::Exim, T::RelayRestrictions) => "in `acl_check_rcpt` accept only `hosts = +relay_from_hosts` or `authenticated = *` before `require message = relay not permitted domains = +local_domains : +relay_to_domains`; keep `relay_from_hosts` to your own hosts.",
        (S::Sendmail, T::RelayRestrictions) => "remove `RELAY` entries for foreign networks from /etc/mail/access and any `FEATURE(`promiscuous_relay')`.",
        (S::OpenSmtpd, T::RelayRestrictions) => "relay only `match from local for any action \"relay\"` and `match auth from any for any action \"relay\"`; never `match from any for any`.",
        (S::Aiosmtpd, T::RelayRestrictions) => "in the handler's `handle_RCPT`, return `550 5.7.1 Relaying denied` for domains you do not host unless the session is authenticated.",
        (S::Exchange | S::Microsoft365, T::RelayRestrictions) => "remove `ms-Exch-SMTP-Accept-Any-Recipient` from anonymous users on the receive connector (or restrict the connector's `RemoteIPRanges`).",
        // ----- AUTH on submission ---------------------------------------
        (S::Postfix, T::SubmissionAuth) => "in master.cf, give the submission service `-o smtpd_sasl_auth_enable=yes -o smtpd_relay_restrictions=permit_sasl_authenticated,reject`.",
        (S::Exim, T::SubmissionAuth) => "in the RCPT ACL: `deny condition = ${if eq{$received_port}{587}} !authenticated = * message = authentication required`.",
        (S::Aiosmtpd, T::SubmissionAuth) => "pass `auth_required=True` (with an `authenticator`) to the `Controller`.",
        (S::OpenSmtpd, T::SubmissionAuth) => "listen on the submission port with `auth` and relay only `match auth from any for any`.",
        // ----- VRFY / EXPN ----------------------------------------------
        (S::Postfix, T::DisableVrfy) => "set `disable_vrfy_command = yes` in main.cf.",
        (S::Exim, T::DisableVrfy) => "remove `acl_smtp_vrfy` (with no ACL Exim refuses VRFY) or point it at an ACL that denies.",
        (S::Sendmail, T::DisableVrfy) => "add `novrfy` (or `goaway`) to `confPRIVACY_FLAGS`.",
        (S::Exim, T::DisableExpn) => "remove `acl_smtp_expn` (with no ACL Exim refuses EXPN) or point it at an ACL that denies.",
        (S::Sendmail, T::DisableExpn) => "add `noexpn` (or `goaway`) to `confPRIVACY_FLAGS`.",
        (S::Postfix, T::DisableExpn) => "Postfix has no EXPN; if EXPN answers, another server is listening.",
        // ----- bare LF --------------------------------------------------
        (S::Postfix, T::CrlfLineEndings) => "set `smtpd_forbid_bare_newline = yes` (Postfix 3.5.23, 3.6.13, 3.7.9, 3.8.4 or later; Postfix 3.9 defaults to `normalize`) against SMTP smuggling.",
        (S::Exim, T::CrlfLineEndings) => "upgrade to Exim 4.97.1 or later, which no longer takes a bare-LF dot as the end of data (SMTP smuggling fix).",
        (S::Sendmail, T::CrlfLineEndings) => "upgrade to Sendmail 8.18.1 or later, which rejects bare CR and LF by default.",
        // ----- message size ---------------------------------------------
        (S::Postfix, T::MessageSize) => "raise `message_size_limit` (bytes) in main.cf if the limit is too low; attachments grow by about a third in base64.",
        (S::Exim, T::MessageSize) => "raise `message_size_limit` (e.g. `message_size_limit = 50M`) if the limit is too low.",
        (S::Sendmail, T::MessageSize) => "raise `confMAX_MESSAGE_SIZE` in sendmail.mc if the limit is too low.",
        (S::Microsoft365 | S::Exchange, T::MessageSize) => "the limits are per mailbox and organisation: `Set-Mailbox -MaxSendSize` / `Set-TransportConfig -MaxSendSize`.",
        (S::Gmail, T::MessageSize) => "Gmail accepts at most 25 MB per message; share large files as links.",
        // ----- rate -----------------------------------------------------
        (S::Postfix, T::RateLimit) => "the limits are `smtpd_client_message_rate_limit`, `smtpd_client_recipient_rate_limit` and `smtpd_client_connection_rate_limit` per `anvil_rate_time_unit`; raise them only for trusted senders.",
        (S::Exim, T::RateLimit) => "the limit is a `ratelimit = ...` condition in the ACL; exempt trusted senders there if it is too strict.",
        (S::Gmail, T::RateLimit) => "Google enforces daily sending limits per account; spread the sending or use Google Workspace relay.",
        (S::Microsoft365, T::RateLimit) => "Exchange Online allows about 30 messages per minute and 10,000 recipients per day per mailbox; spread the sending or use a bulk service.",
        // ----- STARTTLS injection ---------------------------------------
        (S::Postfix, T::StarttlsInjection) => "upgrade: Postfix 2.8 and later discard commands pipelined before the TLS handshake (CVE-2011-0411).",
        (S::Exim, T::StarttlsInjection) => "upgrade Exim; current versions discard input buffered before the TLS handshake.",
        _ => return None,
    })
}

/// Generic client advice, when the client is not known.
fn generic_client(topic: Topic) -> Option<&'static str> {
    use Topic as T;
    Some(match topic {
        T::RequireTls => "Make the client require TLS: STARTTLS on port 587 (set to \"required\", not \"when available\"), or TLS from the first byte on port 465.",
        T::ImplicitTls => "On port 465 the client must start TLS at once (\"SSL/TLS\", `smtps://`); on 587 it must use STARTTLS.",
        T::VerifyCertificate => "Let the client verify the certificate chain and host name; never disable verification to make an error go away.",
        T::ModernTls => "Allow only TLS 1.2 and 1.3 in the client (RFC 8996).",
        T::Credentials => "Check the user name (often the full address) and password; many providers need an app password or OAuth2 instead of the account password.",
        T::Mechanism => "Use a mechanism the server lists after AUTH in its EHLO reply (usually PLAIN or LOGIN, inside TLS).",
        T::SubmissionPort => "Submit on port 587 with STARTTLS or 465 with TLS (RFC 6409, RFC 8314); port 25 is for server-to-server relay and often blocked.",
        T::EhloAfterStarttls => "Send EHLO again as the first command after the TLS handshake, and use only the capabilities of that second reply.",
        T::Ehlo => "Greet with EHLO; HELO turns off every extension (STARTTLS, AUTH, SIZE, PIPELINING).",
        T::CrlfLineEndings => "End every line of the message with CRLF; normalise bare LF and CR before sending.",
        T::LineLength => "Keep command lines under 512 octets and message lines under 1000 (including CRLF): let the mail library encode long lines as quoted-printable or base64.",
        T::Smtputf8 => "Add the SMTPUTF8 parameter to MAIL FROM when an address is not ASCII, and only when the server offers SMTPUTF8 (RFC 6531); otherwise use an ASCII address.",
        T::Pipelining => "Wait for each reply before sending the next command unless the server's EHLO reply lists PIPELINING (RFC 2920).",
        T::StarttlsInjection => "Send nothing after STARTTLS until its 220 reply and the handshake, and discard anything read before the handshake.",
        T::MessageSize => "Send less: shrink or drop attachments, or share large files as links; check the SIZE the server announces in its EHLO reply.",
        T::RateLimit => "Slow down: retry later with backoff, reuse one connection for several messages, and spread bulk sending over time.",
        T::CommandOrder => "Follow the RFC 5321 order: EHLO, (STARTTLS, EHLO), AUTH, MAIL FROM, RCPT TO, DATA, QUIT; after an error, send RSET before a new MAIL.",
        T::ShowTls => "Check the port and TLS setting in the client's configuration (465 = TLS from the first byte; 587 = STARTTLS), and raise its debug level so the log shows the connection.",
        T::AuthOnlyOverTls
        | T::OfferStarttls
        | T::RequireTlsOnSubmission
        | T::RelayRestrictions
        | T::SubmissionAuth
        | T::DisableVrfy
        | T::DisableExpn => return None,
    })
}

/// Generic server advice, when the server is not known.
fn generic_server(topic: Topic) -> Option<&'static str> {
    use Topic as T;
    Some(match topic {
        T::AuthOnlyOverTls => "On the server: offer and accept AUTH only after STARTTLS (or on port 465).",
        T::OfferStarttls => "On the server: install a certificate and offer STARTTLS; on the submission port require it.",
        T::RequireTlsOnSubmission => "On the server: refuse AUTH and MAIL on the submission port until STARTTLS has been done.",
        T::VerifyCertificate => "On the server: present a certificate from a public CA (e.g. Let's Encrypt) for the host name clients connect to, with its full chain.",
        T::ModernTls => "On the server: disable SSLv3, TLS 1.0 and TLS 1.1 (RFC 8996).",
        T::RelayRestrictions => "On the server: relay only for authenticated users and your own networks; accept everyone else only for your own domains.",
        T::SubmissionAuth => "On the server: require AUTH on the submission port before accepting any recipient.",
        T::DisableVrfy => "On the server: disable VRFY, or answer every VRFY with `252` so it confirms nothing (RFC 5321 §7.3).",
        T::DisableExpn => "On the server: disable EXPN (RFC 5321 §7.3).",
        T::CrlfLineEndings => "On the server: reject or normalise bare LF in message data (SMTP smuggling); upgrade to a version with the fix.",
        T::StarttlsInjection => "On the server: upgrade; the server must discard anything received before the TLS handshake (RFC 3207 §4.2, CVE-2011-0411).",
        T::MessageSize => "On the server: raise the message size limit if it is too low for legitimate mail.",
        T::RateLimit => "On the server: review the rate limit if legitimate senders hit it.",
        T::RequireTls
        | T::ImplicitTls
        | T::Credentials
        | T::Mechanism
        | T::SubmissionPort
        | T::EhloAfterStarttls
        | T::Ehlo
        | T::LineLength
        | T::Smtputf8
        | T::Pipelining
        | T::CommandOrder
        | T::ShowTls => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_port_is_put_in_as_the_three_replacements_did() {
        use Client as C;
        let clients = [
            C::Swaks,
            C::Openssl,
            C::Curl,
            C::Smtplib,
            C::Nodemailer,
            C::Msmtp,
            C::Sendemail,
            C::Phpmailer,
            C::Ruby,
            C::Javamail,
            C::Symfony,
            C::Mailkit,
            C::Terminal,
            C::Exim,
            C::Sendmail,
            C::Unknown,
        ];
        let mut texts: Vec<&str> = clients
            .iter()
            .filter_map(|c| client_advice(*c, Topic::RequireTls))
            .collect();
        texts.extend([
            "",
            "587",
            "host:587587 port: 587, port 587; port:587 5587 host: 587",
            "`--server host:587`",
        ]);
        assert!(texts.iter().filter(|t| t.contains("587")).count() > 5);
        for a in texts {
            for p in [25u16, 2525] {
                let want = a
                    .replace("host:587", &format!("host:{p}"))
                    .replace("port: 587", &format!("port: {p}"))
                    .replace("port 587", &format!("port {p}"));
                let mut got = String::new();
                with_port(&mut got, a, p);
                assert_eq!(got, want, "{a}");
            }
        }
    }
}
