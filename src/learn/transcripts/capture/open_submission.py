#!/usr/bin/env python3
"""A deliberately MISCONFIGURED submission server for the Learn scenario
"587 accepting mail without AUTH": aiosmtpd on 127.0.0.4:587, STARTTLS
offered and required, AUTH offered but NOT required, so any client that
connects can send as anyone to anyone. Messages are thrown away.
Loopback only; uses the capture certificate of tests/fixtures/capture/setup.sh."""
import signal, ssl
from aiosmtpd.controller import Controller


class Discard:
    async def handle_DATA(self, server, session, envelope):
        return "250 Message accepted for delivery"


def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain("/etc/smtp-lens/aio.example.test.crt", "/etc/smtp-lens/aio.example.test.key")
    c = Controller(Discard(), hostname="127.0.0.4", port=587, server_hostname="aio.example.test",
                   tls_context=ctx, require_starttls=True,
                   authenticator=lambda *a: None, auth_require_tls=True, auth_required=False)
    c.start()
    print("open submission on 127.0.0.4:587", flush=True)
    try:
        signal.pause()
    finally:
        c.stop()


if __name__ == "__main__":
    main()
