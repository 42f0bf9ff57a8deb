"""Finding a learner in free text (session notes, edit history, drafts): the export shows the
notes that mention them, and erasing removes them. One rule for both, so what a learner is shown
is what is erased."""

import re

# Words in a display name that say nothing about who someone is.
_NOT_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "the", "and"}


def name_words(display_name: str) -> list[str]:
    """The parts of a name worth searching free text for: "Mrs Prudence O." -> ["Prudence"].
    Initials and titles are too short or too common to find safely."""
    words = [w.strip(".,'()") for w in display_name.split()]
    return [w for w in words if len(w) >= 3 and w.lower() not in _NOT_NAMES]


def mention_pattern(display_name: str) -> re.Pattern | None:
    """A whole-word, case-insensitive match for any searchable part of the name, or None when
    there is nothing to search for (initials only). Whole words, so that "Ben" finds "Ben's
    phone" but not "benefits", and "Zoë" is found next to any punctuation."""
    words = name_words(display_name)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mentions(text, pattern: re.Pattern | None) -> bool:
    return bool(pattern and text and pattern.search(str(text)))
