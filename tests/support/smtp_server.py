#!/usr/bin/python3
"""A real SMTP server for watchdesk's delivery tests (aiosmtpd, from Debian).

Binds 127.0.0.1 on an ephemeral port, prints "READY <port>" once listening, then one JSON line per
message received. Options: --starttls CERT KEY (STARTTLS offered and required), --auth USER PASS
(AUTH required), --reject CODE (answer every DATA with CODE).
"""
import argparse
import asyncio
import json
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, reject):
        self.reject = reject

    async def handle_DATA(self, server, session, envelope):
        if self.reject:
            return f"{self.reject} rejected by test server"
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
            "login": session.login_data.decode() if isinstance(session.login_data, bytes) else session.login_data,
        }
        print(json.dumps(record), flush=True)
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASS"))
    p.add_argument("--reject", default="")
    a = p.parse_args()

    tls = None
    if a.starttls:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(a.starttls[0], a.starttls[1])

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and a.auth and \
                auth_data.login.decode() == a.auth[0] and auth_data.password.decode() == a.auth[1]:
            session.login_data = auth_data.login
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    handler = Handler(a.reject)

    def factory():
        kwargs = {"hostname": "watchdesk-test"}
        if tls:
            kwargs.update(tls_context=tls, require_starttls=True)
        if a.auth:
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(tls))
        return SMTP(handler, **kwargs)

    async def serve():
        server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        print(f"READY {port}", flush=True)
        # Exit when the test closes our stdin.
        reader = asyncio.StreamReader()
        await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        await reader.read()
        server.close()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
