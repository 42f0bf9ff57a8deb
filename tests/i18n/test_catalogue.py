"""The Welsh catalogue is whole (issue 16 point 2): every string marked in the code is in
locale/cy, translated and not fuzzy, with Welsh's four plural forms; no template holds English
text outside a translate tag; and the pages, rendered in Welsh, show no English sentence the
English catalogue holds. `make messages` gathers new strings; docs/welsh-glossary.md says how to
translate them."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n import po

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale" / "cy" / "LC_MESSAGES"
CATALOGUES = ["django.po", "djangojs.po"]
IGNORE = ["tests", "bench", "var", "staticfiles", "static/vendor", ".venv", "node_modules"]


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(name):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(LOCALE / name)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    statistics = result.stderr.strip()
    assert "fuzzy" not in statistics and "untranslated" not in statistics, (
        f"{name}: {statistics}. Translate them (docs/welsh-glossary.md) and run make messages."
    )
    header = po.header(LOCALE / name)
    assert "Language: cy" in header
    assert "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;" in header


def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """Gather the strings again, in a copy of the code, into a scratch catalogue: any the
    committed one lacks was marked after the last `make messages`, and would show in English.
    (makemessages writes beside the code it reads, hence the copy.)"""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(*IGNORE, ".git", "media", "*.mo", "__pycache__")
    )
    ignore = [f"--ignore={pattern}" for pattern in IGNORE]
    for domain, extensions in (("django", "html,txt,py"), ("djangojs", "js")):
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "cy",
                "-d",
                domain,
                "-e",
                extensions,
                "--no-obsolete",
                "-v",
                "0",
                *ignore,
            ],
            cwd=copy,
            check=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "champions_portal.settings.test"},
        )
    for name in CATALOGUES:
        wanted = po.message_keys(copy / "locale" / "cy" / "LC_MESSAGES" / name)
        have = po.message_keys(LOCALE / name)
        missing = sorted(wanted - have)
        assert not missing, (
            f"{len(missing)} strings not in {name} (run make messages): "
            + "; ".join(repr(m) for m in missing[:10])
        )


# --- Templates: no English left outside a translate tag -----------------------------------------

# Words a template may show untranslated: names, codes, the language names in themselves.
ALLOWED_WORDS = {
    "Cymraeg",
    "English",
    "yn",
    "Gymraeg",
    "Yn",
    "In",
    "in",
    "CSV",
    "PDF",
    "QR",
    "API",
    "OpenAPI",
    "JSON",
    "ID",
    "Excel",
    "Digital",
    "Champions",
    "Portal",
}
BLOCKS = re.compile(
    r"{%\s*(comment|blocktranslate|blocktrans)\b.*?{%\s*end(comment|blocktranslate|blocktrans)\s*%}"
    r"|{#.*?#}|{%.*?%}|{{.*?}}|<(script|style)\b.*?</\3>|<!--.*?-->",
    re.S,
)
TAGS = re.compile(r"<[^>]*>")
ENTITIES = re.compile(r"&[#\w]+;")


def _unmarked_words(text: str) -> list[str]:
    text = TAGS.sub(" ", BLOCKS.sub(" ", text))
    text = ENTITIES.sub(" ", text)
    text = re.sub(r"\S*/\S*", " ", text)  # a path in a text email: "{{ site_url }}/sessions/log/"
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", text)
    return [w for w in words if w not in ALLOWED_WORDS]


# Attributes people read (or hear): their values must be translated too.
READ_ATTRIBUTES = re.compile(
    r'\b(aria-label|title|placeholder|alt|data-confirm)="([^"{]*[A-Za-z]{2}[^"{]*)"'
)


def _templates():
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt"} and path.is_file():
            yield path


def test_no_template_shows_english_outside_a_translate_tag():
    problems = []
    for path in _templates():
        source = path.read_text()
        words = _unmarked_words(source)
        if words:
            problems.append(f"{path.relative_to(ROOT)}: {' '.join(words[:12])}")
        for attribute, value in READ_ATTRIBUTES.findall(BLOCKS.sub(" ", source)):
            problems.append(f'{path.relative_to(ROOT)}: {attribute}="{value}"')
    assert not problems, "English outside translate tags:\n" + "\n".join(problems)


def test_welsh_has_an_own_word_for_each_english_sentence():
    """A translation that only copies the English is no translation (short names excepted)."""
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    copied = [
        key
        for key, value in catalogue.items()
        if isinstance(key, str) and key and " " in key and len(key) > 25 and key == value
    ]
    assert not copied, f"{len(copied)} copied untranslated, e.g. {copied[:5]}"
