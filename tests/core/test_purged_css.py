"""Pages load only the Bootstrap rules they use (scripts/build_css.sh, PurgeCSS). This fails when a
template or script uses a Bootstrap class that the purged file lacks: run the script again."""

import re
from pathlib import Path

import crispy_bootstrap5

ROOT = Path(__file__).resolve().parent.parent.parent
VENDOR = ROOT / "static" / "vendor" / "bootstrap-5.3.9"
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")


def _classes_in_css(path: Path) -> set[str]:
    # Drop url(...) and numbers like .5rem, which look like classes to the pattern.
    css = re.sub(r"url\([^)]*\)", "", path.read_text())
    return set(SELECTOR_CLASS.findall(css))


def _classes_in_markup() -> set[str]:
    found = set()
    sources = [
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("*/templates/**/*.html"),
        *Path(crispy_bootstrap5.__file__).parent.glob("templates/**/*.html"),
    ]
    for path in sources:
        for attribute in CLASS_ATTRIBUTE.findall(path.read_text()):
            # Template tags inside an attribute ({% if %}…{% endif %}, {{ … }}) are not classes.
            plain = re.sub(r"{%.*?%}|{{.*?}}", " ", attribute)
            found.update(plain.split())
    return found


def test_every_bootstrap_class_the_templates_use_is_in_the_purged_css():
    bootstrap = _classes_in_css(VENDOR / "bootstrap.min.css")
    purged = _classes_in_css(VENDOR / "bootstrap.purged.min.css")
    used = _classes_in_markup() & bootstrap
    assert len(used) > 100  # the markup was read
    missing = sorted(used - purged)
    assert not missing, f"Run scripts/build_css.sh: the purged CSS lacks {missing}"


def test_every_page_links_the_purged_css():
    base = (ROOT / "templates" / "base.html").read_text()
    assert "bootstrap.purged.min.css" in base and "bootstrap.min.css" not in base
