use super::{Block, Section, Tone};

pub const SECTION: Section = Section {
    slug: "port-587",
    title: "Port 587: submission, with STARTTLS and AUTH",
    lead: "Port 587 is the port for message submission [RFC 6409 §3.1]. The connection starts in cleartext, the client upgrades it with STARTTLS, logs in with AUTH, and only then sends the message.",
    blocks: &[
        Block::Steps(&[
            "The client connects; the server greets it with `220`.",
            "The client says `EHLO`; the server lists its extensions. `STARTTLS` should be among them, and — on a well-run server — `AUTH` should **not** be, yet.",
            "The client sends `STARTTLS`, the server answers `220 Ready to start TLS`, and the two do a TLS handshake [RFC 3207 §4]. The client checks the server's certificate.",
            "Inside TLS the client says `EHLO` again and gets a fresh list, which now includes `AUTH` [RFC 3207 §4.2].",
            "The client logs in with `AUTH`; `235` means it worked [RFC 4954 §4].",
            "`MAIL FROM`, `RCPT TO`, `DATA`, the message, `.`, `QUIT` — all encrypted.",
        ]),
        Block::P("A submission server must not accept mail from a client that has not logged in [RFC 6409 §4.3] (the scenario [587 accepting mail without AUTH](#scenario-587-no-auth) shows what happens when it does). Once it knows who you are it may enforce that the `From` is yours, refuse recipients by policy, and repair the message: add a missing `Date` or `Message-ID` [RFC 6409 §8]."),
        Block::P("If the server does not offer AUTH before TLS, that is deliberate: a login over cleartext would expose the password [RFC 4954 §4]. A server that wants TLS first answers `530 5.7.0 Must issue a STARTTLS command first` [RFC 3207 §4], or `538` for a mechanism that needs encryption [RFC 4954 §6]."),
        Block::Note(Tone::Warning, "STARTTLS only protects you if the client **requires** it. A client set to use it \"if available\" sends your password in cleartext as soon as someone removes the offer (the scenario [STARTTLS stripped](#scenario-stripped)). In nodemailer that is `requireTLS: true`, in PHPMailer `SMTPSecure = 'tls'`, in Python `smtplib` a `starttls()` whose failure you do not ignore."),
    ],
};
