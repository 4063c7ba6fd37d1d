use super::{Block, Hop, Section};

pub const SECTION: Section = Section {
    slug: "roles",
    title: "Who is who on the path of an email",
    lead: "An email passes through several programs on its way, each with a name and a job. Knowing which one you are talking to tells you which port to use and what it will ask of you.",
    blocks: &[
        Block::Path(&[
            Hop {
                role: "MUA",
                name: "Mail user agent",
                text: "Your mail program or your app: Thunderbird, Outlook, a phone, a script using nodemailer or PHPMailer. It writes the message and hands it over.",
                next: Some("587 or 465, with login"),
            },
            Hop {
                role: "MSA",
                name: "Submission server",
                text: "Your provider's outgoing server, e.g. `smtp.gmail.com`. It checks who you are, may fix up the message (adding a missing `Date` or `Message-ID`) and accepts responsibility for it [RFC 6409 §8].",
                next: Some("25 (internal, or straight on)"),
            },
            Hop {
                role: "MTA",
                name: "Transfer server",
                text: "Moves mail between servers. It looks up the recipient domain's MX record in the DNS to find where to deliver [RFC 5321 §5.1].",
                next: Some("25, server to server"),
            },
            Hop {
                role: "MX",
                name: "Recipient's mail exchanger",
                text: "The server named in the recipient domain's MX record. It accepts mail for its own users from any server on the Internet, without a login.",
                next: None,
            },
        ]),
        Block::P("From the MX the message is delivered to the mailbox (by a delivery agent) and the recipient reads it over IMAP or POP, or in a web page — a different set of protocols and ports not covered here."),
        Block::P("The submission server and the transfer server are often the same program on the same machine (Postfix, Exim, Exchange), listening on different ports with different rules. SMTP itself describes the roles as originator, relay and delivery systems [RFC 5321 §2.3.10]; the split between submission and relay is RFC 6409's [RFC 6409 §1]."),
        Block::Note(super::Tone::Tip, "A rule of thumb: if you have a user name and password for the server, you are submitting — use 587 or 465. Port 25 is for servers that deliver to other servers."),
    ],
};
