#!/usr/bin/python3
"""A real SMTP server for watchdesk's delivery tests (aiosmtpd, from Debian).

Binds 127.0.0.1 on an ephemeral port, prints "READY <port>" once listening, then one JSON line per
message received, and exits when its standard input is closed. Options:
  --starttls CERT KEY   STARTTLS offered and required before MAIL
  --smtps CERT KEY      TLS from the first byte (smtps://)
  --auth USER PASS      AUTH required (after TLS when TLS is on); only USER/PASS is accepted
  --reject CODE         answer every DATA with CODE (a permanent or transient rejection)
  --reject-rcpt ADDR    answer RCPT TO:<ADDR> with 550 (repeatable)

Each message line holds the envelope, whether the session was encrypted, the login, the raw
message, and what Python's own e-mail parser makes of it (decoded Subject, parsed Date, defects),
so a test checks the message against an independent RFC 5322 / RFC 2047 implementation.
"""
import argparse
import asyncio
import email
import email.policy
import email.utils
import json
import logging
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_message(raw):
    """Python's reading of the message: what a standards-following mail client would show."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = {"defects": [type(d).__name__ for d in msg.defects]}
    for name in ("subject", "from", "to", "message-id", "mime-version", "content-type",
                 "content-transfer-encoding", "x-watchdesk-alert-id"):
        value = msg.get(name)
        if value is not None:
            out[name] = str(value)
            out["defects"] += [type(d).__name__ for d in getattr(value, "defects", ())]
    date = msg.get("date")
    if date is not None:
        try:
            out["date"] = email.utils.parsedate_to_datetime(str(date)).isoformat()
        except (TypeError, ValueError) as e:
            out["defects"].append("date: " + str(e))
    try:
        if msg.is_multipart():
            out["parts"] = [{"content-type": part.get_content_type(), "body": part.get_content(),
                             "defects": [type(d).__name__ for d in part.defects]}
                            for part in msg.iter_parts()]
        else:
            out["body"] = msg.get_content()
    except (LookupError, KeyError, ValueError) as e:
        out["defects"].append("body: " + str(e))
    head = raw.split(b"\r\n\r\n", 1)[0]
    out["longest_header_line"] = max((len(line) for line in head.split(b"\r\n")), default=0)
    return out


class Handler:
    def __init__(self, reject, reject_rcpt):
        self.reject = reject
        self.reject_rcpt = set(reject_rcpt)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject_rcpt:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reject:
            return f"{self.reject} rejected by test server"
        raw = envelope.original_content or envelope.content
        login = session.auth_data.login.decode() if session.authenticated else None
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": raw.decode("utf-8", "replace"),
            "tls": server.transport is not None and server.transport.get_extra_info("ssl_object") is not None,
            "login": login,
            "parsed": parse_message(raw),
        }
        print(json.dumps(record), flush=True)
        return "250 OK"


def main():
    # aiosmtpd itself still sets the deprecated login_data, and warns about test-only settings.
    warnings.filterwarnings("ignore", message="Session.login_data is deprecated")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    p = argparse.ArgumentParser()
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASS"))
    p.add_argument("--reject", default="")
    p.add_argument("--reject-rcpt", action="append", default=[])
    a = p.parse_args()

    def context(cert_and_key):
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(cert_and_key[0], cert_and_key[1])
        return tls

    starttls = context(a.starttls) if a.starttls else None
    implicit = context(a.smtps) if a.smtps else None

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and a.auth and \
                auth_data.login.decode() == a.auth[0] and auth_data.password.decode() == a.auth[1]:
            return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)

    handler = Handler(a.reject, a.reject_rcpt)

    def factory():
        kwargs = {"hostname": "watchdesk-test"}
        if starttls:
            kwargs.update(tls_context=starttls, require_starttls=True)
        if a.auth:
            kwargs.update(authenticator=authenticator, auth_required=True,
                          auth_require_tls=bool(starttls))
        return SMTP(handler, **kwargs)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, "127.0.0.1", 0, ssl=implicit)
        port = server.sockets[0].getsockname()[1]
        print(f"READY {port}", flush=True)
        # Exit when the test closes our stdin.
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        await reader.read()
        server.close()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
