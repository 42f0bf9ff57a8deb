"""What goes into a resource: Markdown rendered to safe HTML, and uploads checked by what they
are (their first bytes; an Office zip by the parts inside, toolkit/office.py), not by what
they are called."""

import html
import re
from pathlib import PurePath

import filetype
import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_lazy

from .office import OFFICE_EXTENSIONS, check_office_file

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "code", "pre",
    "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}

# Markup a Markdown author never needs; finding it means a paste from somewhere unsafe.
_UNSAFE_MARKUP = re.compile(
    r"<\s*(script|iframe|object|embed|style|form)\b"
    r"|<[^>]*\son[a-z]+\s*="
    r"|\]\(\s*(javascript|data|vbscript):"
    r"|<[^>]*(javascript|vbscript):",
    re.IGNORECASE,
)

UNSAFE_MARKUP_MESSAGE = gettext_lazy(
    "Scripts, event-handler attributes (like onclick) and javascript: links are not allowed. "
    "Remove them and save again."
)


def has_unsafe_markup(text: str) -> bool:
    return bool(_UNSAFE_MARKUP.search(text or ""))


def render_markdown(body: str) -> tuple[str, str]:
    """Sanitised HTML for the page and plain text for search snippets. Headings start at h2 so
    they sit under the page's own h1."""
    raw_html = markdown.markdown(body or "", extensions=["extra", "sane_lists"])
    raw_html = re.sub(r"<(/?)h1>", r"<\1h2>", raw_html)
    safe_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    text = nh3.clean(safe_html, tags=set())
    text = re.sub(r"\s+", " ", html.unescape(text)).strip()
    return safe_html, text


# What people share in a toolkit: documents, spreadsheets, slides, images, plain text.
# Extension -> the content type it must sniff as (None: text, checked separately).
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "txt": None,
    "csv": None,
    "md": None,
}
TEXT_CONTENT_TYPES = {"txt": "text/plain", "csv": "text/csv", "md": "text/markdown"}
# The old binary Office formats share one container; filetype may name any of them.
_OLE_TYPES = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
COVER_MAX_BYTES = 5 * 1024 * 1024

ACCEPT_DOCUMENTS = ",".join(f".{ext}" for ext in DOCUMENT_TYPES)
ACCEPT_IMAGES = ",".join(f".{ext}" for ext in IMAGE_TYPES)


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _head(upload, size=8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_document(upload) -> str:
    """The content type to serve the upload with, or ValidationError saying what is wrong."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            gettext("This file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(gettext("This file is empty."), code="empty")
    ext = _extension(upload.name)
    if ext not in DOCUMENT_TYPES:
        raise ValidationError(
            gettext(
                "Upload a PDF, an Office or OpenDocument file, an image (PNG, JPEG, GIF, WebP) or "
                "a plain-text file."
            ),
            code="wrong_type",
        )
    head = _head(upload)
    expected = DOCUMENT_TYPES[ext]
    if expected is None:
        if b"\x00" in head or filetype.guess(head) is not None:
            raise ValidationError(
                gettext("This file is called .%(ext)s but is not plain text.") % {"ext": ext},
                code="mismatch",
            )
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 4:
                raise ValidationError(
                    gettext("Save this text file as UTF-8 and upload it again."), code="encoding"
                ) from exc
        return TEXT_CONTENT_TYPES[ext]
    sniffed = filetype.guess_mime(head)
    matches = sniffed == expected or (expected in _OLE_TYPES and sniffed in _OLE_TYPES)
    if ext in ("docx", "xlsx", "pptx", "odt", "ods", "odp") and sniffed == "application/zip":
        # Some writers order the zip so the format is only visible deeper in; the zip's own
        # parts are checked below.
        matches = True
    if not matches:
        raise ValidationError(
            gettext("This file is called .%(ext)s but its contents are not a %(kind)s file.")
            % {"ext": ext, "kind": ext.upper()},
            code="mismatch",
        )
    if ext in OFFICE_EXTENSIONS:
        check_office_file(upload, ext)  # a zip: does it hold a document, in proportion?
    return expected


def check_cover_image(upload) -> str:
    if upload.size > COVER_MAX_BYTES:
        raise ValidationError(
            gettext("This image is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(COVER_MAX_BYTES)},
            code="too_large",
        )
    ext = _extension(upload.name)
    sniffed = filetype.guess_mime(_head(upload))
    if ext not in IMAGE_TYPES or sniffed not in IMAGE_TYPES.values():
        raise ValidationError(
            gettext("Use a PNG, JPEG or WebP image for the cover."), code="wrong_type"
        )
    return sniffed


def safe_download_name(name: str) -> str:
    """The original name without any path, and without characters that break a header."""
    base = PurePath(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\"\\/:*?<>|]+", "_", base).strip(" .")
    return base[:150] or "download"
