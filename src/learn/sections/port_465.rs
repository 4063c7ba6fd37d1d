use super::{Block, Section, Tone};

pub const SECTION: Section = Section {
    slug: "port-465",
    title: "Port 465: TLS from the first byte",
    lead: "On port 465 (the `submissions` service) the TLS handshake begins as soon as the connection opens; SMTP, greeting included, runs inside it [RFC 8314 §3.3]. This is called **implicit TLS**, and RFC 8314 recommends it over STARTTLS for submission [RFC 8314 §3].",
    blocks: &[
        Block::P("Why prefer it? With STARTTLS the client and the server first talk in cleartext, and the client must decide to upgrade based on what an unprotected reply said. Anything in that phase can be read and changed: the offer can be removed, commands can be slipped in. With implicit TLS there is no such phase: if TLS does not come up, nothing is sent at all. It also saves a round trip [RFC 8314 Appendix A]."),
        Block::P("RFC 8314 is also clear that the two are equally safe **when both sides require TLS and the client verifies the certificate** [RFC 8314 §3.3]; the difference is how easy each is to get wrong. That is why it asks clients and servers to support both during a transition [RFC 8314 §3.3], and why 587 with STARTTLS required is still a good setting."),
        Block::Heading {
            slug: "port-465-history",
            title: "Wasn't 465 deprecated?",
        },
        Block::P("For a while it was. Port 465 was registered for SMTP over SSL in the 1990s, then the registration was withdrawn in favour of STARTTLS on 587, while many providers kept using it. RFC 8314 registered it again, in 2018, as `submissions`: implicit TLS for submission [RFC 8314 §7.3]. Old advice calling 465 \"deprecated\" is out of date."),
        Block::Note(Tone::Tip, "Mail programs often call implicit TLS **SSL/TLS** and STARTTLS just **TLS** or **STARTTLS**. For port 465 choose SSL/TLS; for 587 choose STARTTLS. Mixing them up gives a hang or a \"wrong version number\" error."),
    ],
};
