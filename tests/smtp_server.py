#!/usr/bin/env python3
"""Scripted SMTP server for the `eimon send` tests (Debian python3-aiosmtpd).

    smtp_server.py DIR CERT KEY

Listens on 127.0.0.1, three free ports: plain SMTP (no STARTTLS offered),
SMTP with STARTTLS (required before MAIL), and SMTP over implicit TLS,
the last two with the test-only certificate CERT/KEY (self-signed for IP
127.0.0.1). Prints "PLAIN STARTTLS IMPLICIT" on the first line of stdout,
then serves until killed.

Every accepted message is saved as DIR/NNNN.eml (the bytes received) and
DIR/NNNN.json ({"mail_from", "rcpt_tos", "port"}). Faults are read from
DIR/mode.json at each command, so a test can change them between runs:
  "defer":  [addr, ...]  answer RCPT TO with 451 (temporary)
  "reject": [addr, ...]  answer RCPT TO with 550 (permanent)
  "drop_after": N        once N messages are saved, drop every
                         connection at MAIL FROM without an answer
  "stall": S             sleep S seconds before answering DATA
  "login": [user, pass]  the only login accepted (AUTH PLAIN/LOGIN)
"""
import asyncio
import json
import logging
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

logging.getLogger("mail.log").setLevel(logging.CRITICAL)
DIR = sys.argv[1]


def mode():
    try:
        with open(os.path.join(DIR, "mode.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def saved():
    return len([n for n in os.listdir(DIR) if n.endswith(".eml")])


class Handler:
    def __init__(self, port_kind):
        self.kind = port_kind

    async def handle_MAIL(self, server, session, envelope, address, options):
        n = mode().get("drop_after")
        if n is not None and saved() >= n:
            server.transport.abort()
            return "421 4.3.2 dropped"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        m = mode()
        if address in m.get("defer", []):
            return "451 4.2.0 mailbox busy, try later"
        if address in m.get("reject", []):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        stall = mode().get("stall")
        if stall:
            await asyncio.sleep(stall)
            if server.transport is None or server.transport.is_closing():
                return "451 4.4.2 too late"  # the client gave up
        n = saved() + 1
        base = os.path.join(DIR, "%04d" % n)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from,
                       "rcpt_tos": envelope.rcpt_tos,
                       "port": self.kind}, f)
        os.rename(base + ".json.tmp", base + ".json")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    want = mode().get("login")
    ok = (isinstance(auth_data, LoginPassword) and want is not None and
          auth_data.login.decode() == want[0] and
          auth_data.password.decode() == want[1])
    # handled=False: aiosmtpd answers 535 itself
    return AuthResult(success=ok, handled=False)


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(sys.argv[2], sys.argv[3])
    loop = asyncio.get_running_loop()
    common = dict(authenticator=authenticator, decode_data=False,
                  hostname="eimon-test", ident="eimon test SMTP")
    plain = await loop.create_server(
        lambda: SMTP(Handler("plain"), auth_require_tls=False, **common),
        "127.0.0.1", 0)
    starttls = await loop.create_server(
        lambda: SMTP(Handler("starttls"), tls_context=ctx,
                     require_starttls=True, **common),
        "127.0.0.1", 0)
    implicit = await loop.create_server(
        lambda: SMTP(Handler("implicit"), auth_require_tls=False,
                     **common),
        "127.0.0.1", 0, ssl=ctx)
    ports = [s.sockets[0].getsockname()[1] for s in (plain, starttls,
                                                     implicit)]
    print(*ports, flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
