"""Office uploads are checked as what they claim to be (the parts a .docx, .xlsx, .pptx or
OpenDocument file must hold) and refused when they are out of proportion (a zip bomb), with the
message beside the field."""

import io
import random
import struct
import time
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from toolkit.content import DOCUMENT_TYPES, check_document
from toolkit.models import Resource

from .factories import resource_data

GiB = 1 << 30
MiB = 1 << 20


def _zip(members: dict[str, bytes], *, level: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/"/>'
RELS = b'<?xml version="1.0"?><Relationships/>'


def minimal_ooxml(part: str, **more: bytes) -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, part: b"<x/>", **more})


def minimal_odf(mimetype: str, *, content: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF stores `mimetype` first and uncompressed, so its first bytes name the type.
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        if content:
            archive.writestr("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", b"<manifest/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _deflated_zeros(size: int, chunk: int = MiB) -> tuple[bytes, int]:
    """Raw deflate data for `size` zero bytes, made by compressing one chunk: after a full flush
    the compressor starts afresh, so each chunk compresses to the same bytes and the stream is
    that block repeated. (zipfile writing 1 GiB of zeros itself takes 7 s at level 9.)"""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(chunk)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return block * (size // chunk) + compressor.flush(), crc


def zip_bomb_docx(unpacked: int = GiB) -> bytes:
    """A .docx with every part a Word document has, plus one 'image' of zeros: about 1 MB that
    inflates to 1 GiB. Written as a plain zip (local headers, central directory, end record)."""
    members = []
    for name, raw in (("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", b"<x/>")):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        members.append(
            (name, compressor.compress(raw) + compressor.flush(), zlib.crc32(raw), len(raw))
        )
    members.append(("word/media/image1.bin", *_deflated_zeros(unpacked), unpacked))
    out, central = io.BytesIO(), []
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size,
                              len(encoded), 0) + encoded + data)  # fmt: skip
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                                   len(data), size, len(encoded), 0, 0, 0, 0, 0, offset)
                       + encoded)  # fmt: skip
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          len(directory), start, 0))  # fmt: skip
    return out.getvalue()


def _check(name: str, content: bytes) -> str:
    return check_document(SimpleUploadedFile(name, content))


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        _check(name, content)
    return exc.value.messages[0]


# --- the zip bomb -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb() -> bytes:
    started = time.monotonic()
    data = zip_bomb_docx()
    assert time.monotonic() - started < 5
    return data


def test_the_bomb_is_a_real_zip_of_1_gib_in_about_1_mb(bomb):
    assert len(bomb) < 1.2 * MiB
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > GiB
        with archive.open("word/media/image1.bin") as entry:
            assert entry.read(MiB) == bytes(MiB)  # it really inflates


def test_a_docx_that_inflates_to_1_gib_is_refused_beside_the_field(bomb, network_admin, client_for):
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {**resource_data(title="Bomb"), "file": SimpleUploadedFile("guide.docx", bomb)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "would unpack to 1.0\xa0GB" in html and "It may be a zip bomb" in html
    assert 'id="error_1_id_file"' in html  # beside the field, as crispy renders it
    assert not Resource.objects.exists()


def test_too_many_files_inside_is_refused():
    many = {f"word/media/{n}.xml": b"" for n in range(10_001)}
    message = _refused("many.docx", minimal_ooxml("word/document.xml", **many))
    assert "holds 10,004 files inside" in message


def test_out_of_proportion_under_100_mb_is_refused():
    """10 MB of zeros packs into about 10 KB: a thousand to one."""
    content = minimal_ooxml("word/document.xml", **{"word/media/zeros.bin": bytes(10 * MiB)})
    assert len(content) < 100 * 1024
    assert "It may be a zip bomb" in _refused("zeros.docx", content)


def test_a_document_with_real_pictures_is_in_proportion():
    pictures = random.Random(19).randbytes(3 * MiB)  # photos barely compress
    content = minimal_ooxml("word/document.xml", **{"word/media/image1.jpeg": pictures})
    assert _check("photos.docx", content) == DOCUMENT_TYPES["docx"]


# --- what it claims to be ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ext, part",
    [("docx", "word/document.xml"), ("xlsx", "xl/workbook.xml"), ("pptx", "ppt/presentation.xml")],
)
def test_a_minimal_ooxml_file_is_accepted(ext, part):
    assert _check(f"a.{ext}", minimal_ooxml(part)) == DOCUMENT_TYPES[ext]


def test_a_real_minimal_docx_is_accepted_through_the_form(network_admin, client_for):
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {
            **resource_data(title="Letter"),
            "file": SimpleUploadedFile("letter.docx", minimal_ooxml("word/document.xml")),
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file_content_type == DOCUMENT_TYPES["docx"]


@pytest.mark.parametrize(
    "name, content",
    [
        ("renamed.docx", _zip({"photo.jpg": b"\xff\xd8\xff", "notes.txt": b"hello"})),
        ("no-types.docx", _zip({"word/document.xml": b"<x/>"})),
        ("sheet-called.docx", minimal_ooxml("xl/workbook.xml")),
        ("document-called.xlsx", minimal_ooxml("word/document.xml")),
        ("document-called.pptx", minimal_ooxml("word/document.xml")),
        ("text-called.ods", minimal_odf("application/vnd.oasis.opendocument.text")),
        ("no-content.odt", minimal_odf("application/vnd.oasis.opendocument.text", content=False)),
        ("no-mimetype.odt", _zip({"content.xml": b"<x/>"})),
        ("truncated.docx", minimal_ooxml("word/document.xml")[:-30]),
        ("junk.docx", b"PK\x03\x04" + bytes(200)),
    ],
)
def test_a_zip_without_the_parts_is_refused(name, content):
    ext = name.rsplit(".", 1)[1]
    message = _refused(name, content)
    assert f"This file is called .{ext} but" in message


def test_a_renamed_zip_is_refused_beside_the_field(network_admin, client_for):
    upload = SimpleUploadedFile("guide.docx", _zip({"notes.txt": b"hello"}))
    response = client_for(network_admin).post(
        reverse("toolkit:create"), {**resource_data(title="Renamed"), "file": upload}
    )
    html = response.content.decode()
    assert "This file is called .docx but is not a Word document inside." in html
    assert 'id="error_1_id_file"' in html
    assert not Resource.objects.exists()


@pytest.mark.parametrize("ext", ["odt", "ods", "odp"])
def test_a_minimal_opendocument_file_is_accepted(ext):
    assert _check(f"a.{ext}", minimal_odf(DOCUMENT_TYPES[ext])) == DOCUMENT_TYPES[ext]
