from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext

from toolkit import models
from toolkit.selectors import MARK_START, MARK_STOP, resource_language_of

register = template.Library()


@register.filter
def highlighted(text: str) -> str:
    """A search headline made safe: everything escaped, then only our own markers become
    <mark>."""
    safe = escape(text or "")
    return mark_safe(safe.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


@register.filter
def has_mark(text: str) -> bool:
    return MARK_START in (text or "")


@register.filter
def get_count(counts: dict, key: str) -> int:
    return counts.get(key, 0)


@register.inclusion_tag("toolkit/_home_card.html", takes_context=True)
def toolkit_home_card(context):
    """The toolkit card on a member's home page: a search box, the pathway they are working
    through (or the next to start), and for a PM the suggestions waiting for them."""
    from toolkit import policy, selectors

    request = context["request"]
    pathways = [
        c
        for c in selectors.collections_with_progress(
            organisation=request.organisation, user=request.user
        )
        if c.is_pathway and c.step_total
    ]
    unfinished = [c for c in pathways if c.steps_done < c.step_total]
    unfinished.sort(key=lambda c: -c.steps_done)
    waiting = 0
    if policy.is_curator(request.user, request.membership):
        waiting = selectors.queue_counts(user=request.user, membership=request.membership).get(
            models.Status.DRAFT, 0
        )
    return {
        "request": request,
        "pathway": unfinished[0] if unfinished else None,
        "completed": len(pathways) - len(unfinished),
        "waiting": waiting,
    }


@register.filter
def file_kind(name: str) -> str:
    """ "handout.pdf" -> "PDF"; what someone needs to know before downloading on a phone."""
    ext = (name or "").rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    word, sheet, slides, text = (
        gettext("Word document"),
        gettext("Spreadsheet"),
        gettext("Slides"),
        gettext("Text file"),
    )
    return {
        "pdf": "PDF",
        "doc": word,
        "docx": word,
        "odt": pgettext("kind of file", "Document"),
        "xls": sheet,
        "xlsx": sheet,
        "ods": sheet,
        "ppt": slides,
        "pptx": slides,
        "odp": slides,
        "txt": text,
        "md": text,
        "csv": gettext("Spreadsheet (CSV)"),
    }.get(
        ext,
        pgettext("kind of file", "Image")
        if ext in ("png", "jpg", "jpeg", "gif", "webp")
        else pgettext("kind of file", "File"),
    )


@register.filter
def lang_if_other(language: str) -> str:
    """` lang="cy" dir="auto"` on an element whose text is in another language than the page
    (a Welsh resource on an English page, an English one on a Welsh page), else nothing."""
    if not language or language == resource_language_of(get_language()):
        return ""
    return format_html(' lang="{}" dir="auto"', language)


# Named in the language it leads to, like the language switcher, so that a reader of that
# language recognises it whatever language the page is in.
READ_IN_ITS_OWN_LANGUAGE = {
    "cy": "Darllenwch hwn yn Gymraeg",
    "en": "Read this in English",
}


@register.simple_tag
def translation_link(resource) -> str:
    """The link to a resource's translation (when the reader may open it), with `hreflang`,
    and `lang` on its text when the text is in the language it leads to."""
    language = getattr(resource, "translation_language", "")
    public_id = getattr(resource, "translation_public_id", None)
    if not public_id:
        return ""
    url = reverse("toolkit:detail", args=[public_id])
    if language in READ_IN_ITS_OWN_LANGUAGE:
        return format_html(
            '<a href="{}" class="translation-link" lang="{}" hreflang="{}">{}</a>',
            url,
            language,
            language,
            READ_IN_ITS_OWN_LANGUAGE[language],
        )
    text = gettext("Read this in %(language)s") % {
        "language": dict(models.Language.choices).get(language, language)
    }
    return format_html(
        '<a href="{}" class="translation-link" hreflang="{}">{}</a>', url, language, text
    )
