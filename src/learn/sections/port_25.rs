use super::{Block, Section, Tone};

pub const SECTION: Section = Section {
    slug: "port-25",
    title: "Port 25: server to server",
    lead: "Port 25 is SMTP's own port [RFC 5321 §4.5.4.2]: mail servers use it to relay mail to each other, and the recipient's MX listens on it for mail from the whole Internet.",
    blocks: &[
        Block::P("An MX on port 25 must accept mail for its own users from servers it has never heard of, so it cannot ask them to log in. It protects itself differently: it only accepts recipients in its own domains, and refuses to pass mail on to other domains for strangers — a server that does is an **open relay**, and is soon abused for spam [RFC 5321 §3.6]."),
        Block::P("Encryption on port 25 is **opportunistic**. Servers offer STARTTLS and most senders use it, but a public MX must not insist on it, since not every sender can do TLS [RFC 3207 §4], and senders traditionally accept any certificate. That protects against someone passively listening, not against someone who can change the traffic [RFC 7435 §1]. MTA-STS [RFC 8461 §1] and DANE [RFC 7672 §1] let a domain publish that its MX must be reached over TLS with a valid certificate."),
        Block::Heading {
            slug: "port-25-blocked",
            title: "Why your ISP blocks it, and why you should not submit on it",
        },
        Block::P("Infected home computers used to send spam straight to port 25 of the recipients' servers. Most ISPs, mobile networks and cloud providers therefore block outgoing connections to port 25 from ordinary customers, as recommended in BCP 134 [RFC 5068 §3]. A program that tries to send on port 25 from such a network just times out."),
        Block::List(&[
            "Port 25 was not made for logging in. A server that offers AUTH there often offers it before TLS, so a client that does not insist on STARTTLS sends its password in cleartext (the scenario [AUTH in cleartext on port 25](#scenario-cleartext-auth-25)).",
            "The submission port exists so that the server can apply the rules of submission — require a login, check the sender, fix the message — without getting in the way of relay [RFC 6409 §1].",
            "Receiving servers judge mail by where it comes from. Mail sent straight from your app to the recipient's MX comes from an address with no reputation and usually fails SPF and DMARC checks; mail submitted to your provider is sent on from its servers, signed and trusted.",
        ]),
        Block::Note(Tone::Warning, "Sending from a server to a **smarthost** (your provider's relay) is submission too: use 587 or 465 with a login, unless the provider tells you to use port 25 with access by IP address."),
    ],
};
