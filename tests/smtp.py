"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, for tests to read."""

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class _Inbox:
    """aiosmtpd handler: parse and keep each message."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """`start()` it; `config` is what an app needs to send here; `wait_for(n)` waits for n messages."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.host = "127.0.0.1"
        self.port = _free_port()
        self._controller = Controller(self.inbox, hostname=self.host, port=self.port)

    def start(self) -> "SMTPServer":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    @property
    def config(self) -> dict:
        return {"MAIL_SERVER": self.host, "MAIL_PORT": self.port}

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self.inbox.messages)

    def clear(self) -> None:
        self.inbox.messages.clear()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """The messages, once at least `count` have arrived (AssertionError after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while len(self.inbox.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} email(s), got {len(self.inbox.messages)}")
            time.sleep(0.02)
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        """Messages delivered to `address`."""
        return [m for m in self.messages if address in m["X-Envelope-To"]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
