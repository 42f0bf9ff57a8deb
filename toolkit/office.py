"""Office files (.docx, .xlsx, .pptx and OpenDocument) are zips, so their first bytes say only
"zip". This checks one is the file it claims to be (it holds the parts every such file must
have) and is not a zip bomb (a small file that unpacks to gigabytes, or to thousands of files,
which would be served to readers once published), from the zip's central directory alone: the
sizes and names it declares are read, nothing is extracted. Only ODF's few-byte `mimetype` entry
is read, after its declared size is checked."""

import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, pgettext_lazy

# Extension -> (what people call it, the part that makes it one).
OOXML = {
    "docx": (pgettext_lazy("is not … inside", "a Word document"), "word/document.xml"),
    "xlsx": (pgettext_lazy("is not … inside", "an Excel spreadsheet"), "xl/workbook.xml"),
    "pptx": (pgettext_lazy("is not … inside", "a PowerPoint presentation"), "ppt/presentation.xml"),
}
OOXML_CONTENT_TYPES = "[Content_Types].xml"
# Extension -> (what people call it, the value its `mimetype` entry must hold).
ODF = {
    "odt": (
        pgettext_lazy("is not … inside", "an OpenDocument text"),
        "application/vnd.oasis.opendocument.text",
    ),
    "ods": (
        pgettext_lazy("is not … inside", "an OpenDocument spreadsheet"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    "odp": (
        pgettext_lazy("is not … inside", "an OpenDocument presentation"),
        "application/vnd.oasis.opendocument.presentation",
    ),
}
OFFICE_EXTENSIONS = frozenset(OOXML) | frozenset(ODF)

# Out of proportion for a document people share: more than this unpacked, more files than
# this, or unpacking to more than MAX_RATIO times its size. The ratio is only judged above
# RATIO_FROM unpacked: a small file cannot be a bomb, and a short XML part compresses well.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_RATIO = 100
RATIO_FROM = 2 * 1024 * 1024


def _bomb_error(infos: list[zipfile.ZipInfo], ext: str) -> ValidationError | None:
    if len(infos) > MAX_ENTRIES:
        return ValidationError(
            gettext(
                "This .%(ext)s file holds %(count)s files inside; a document holds at most "
                "%(most)s. It may be a zip bomb: save it again from the program that made "
                "it, or share a link instead."
            )
            % {"ext": ext, "count": f"{len(infos):,}", "most": f"{MAX_ENTRIES:,}"},
            code="zip_bomb",
        )
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED or (unpacked > RATIO_FROM and unpacked / packed > MAX_RATIO):
        return ValidationError(
            gettext(
                "This .%(ext)s file would unpack to %(unpacked)s, out of proportion "
                "to its size (the most allowed is %(most)s, and no more than "
                "%(ratio)s times the file). It may be a zip bomb: save it again with smaller "
                "pictures, or share a link instead."
            )
            % {
                "ext": ext,
                "unpacked": filesizeformat(unpacked),
                "most": filesizeformat(MAX_UNPACKED),
                "ratio": MAX_RATIO,
            },
            code="zip_bomb",
        )
    return None


def _odf_mimetype(archive: zipfile.ZipFile) -> str:
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return ""
    if info.file_size > 200:
        return ""
    with archive.open(info) as entry:
        return entry.read(200).decode("ascii", "replace").strip()


def check_office_file(upload, ext: str) -> None:
    """Refuse (ValidationError, for beside the field) an Office or OpenDocument upload that is
    not what its extension says inside, or that is out of proportion."""
    label = (OOXML.get(ext) or ODF[ext])[0]
    not_it = ValidationError(
        # Translators: %(kind)s is a kind of file like "a Word document"; %(ext)s its extension.
        gettext(
            "This file is called .%(ext)s but is not %(kind)s inside. Open it in the program that "
            "made it, save it again as .%(ext)s, and upload that."
        )
        % {"ext": ext, "kind": label},
        code="mismatch",
    )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            bomb = _bomb_error(infos, ext)
            if bomb is not None:
                raise bomb
            names = {info.filename for info in infos}
            if ext in OOXML:
                if not {OOXML_CONTENT_TYPES, OOXML[ext][1]} <= names:
                    raise not_it
            elif "content.xml" not in names or _odf_mimetype(archive) != ODF[ext][1]:
                raise not_it
    # A damaged, encrypted or truncated zip, or an entry compressed some unusual way.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        RuntimeError,
        ValueError,
        NotImplementedError,
        OSError,
        EOFError,
    ):
        raise not_it from None
    finally:
        upload.seek(0)
