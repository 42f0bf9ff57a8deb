"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records every message it accepts, and can be
stopped and started again on the same port to play a mail-server outage."""

import asyncio
import email
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    def __init__(self, *, port: int | None = None, delay: float = 0.0):
        self.port = port or free_port()
        self.delay = delay  # seconds before answering DATA, like a busy server
        self.received: list[tuple[str, str]] = []  # (recipient, Message-ID) per accepted copy
        self._lock = threading.Lock()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content)
        with self._lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient, message["Message-ID"]))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def copies(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self.received)
