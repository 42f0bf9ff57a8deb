"""An email backend that takes a while per message (like a slow SMTP server) and writes each
message to its own file, so a test can count exactly how many times each email was delivered."""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        directory = Path(settings.EMAIL_FILE_PATH)
        for message in email_messages:
            time.sleep(0.4)
            name = f"{message.to[0]}--{uuid.uuid4().hex}.eml"
            (directory / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
