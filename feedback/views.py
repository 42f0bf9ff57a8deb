"""A short anonymous feedback form learners reach by a link or QR code, and the PM's page that
shows the answers and prints the QR code."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.language import language_for, supported_language, use_learner_page_language
from core.client_ip import client_ip
from core.paging import keyset_page
from organisations.tenancy import member_required, pm_required, require_pm

from . import selectors, services
from .forms import HideForm, LearnerFeedbackForm
from .models import FeedbackLink, LearnerFeedback

# Answers in an hour from one address (the client's, behind our proxies: core/client_ip.py):
# enough for a busy drop-in on one tablet, too few to flood the page. And through one link from
# everywhere, so a flood from many addresses stops too; the PM can change or pause the link.
SUBMISSIONS_PER_HOUR = 30
LINK_SUBMISSIONS_PER_HOUR = 200
HOUR = 60 * 60


def _over(key: str, limit: int) -> bool:
    if cache.add(key, 1, HOUR):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr: this is the first of a new hour
        cache.add(key, 1, HOUR)
        return False


def _too_many(request, link: FeedbackLink) -> str:
    """'device' or 'link' when that limit is reached, else ''. An address over its limit does not
    use up the link's."""
    if _over(f"feedback:from:{client_ip(request)}", SUBMISSIONS_PER_HOUR):
        return "device"
    if _over(f"feedback:link:{link.pk}", LINK_SUBMISSIONS_PER_HOUR):
        return "link"
    return ""


def _paused(request, link: FeedbackLink) -> HttpResponse:
    # 200, not 404: the link is right and will work again; nothing is wrong on the learner's side.
    return render(request, "feedback/paused.html", {"link": link, "public_page": True})


@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
    use_learner_page_language(request, link.organisation)
    if link.is_paused:
        return _paused(request, link)
    form = LearnerFeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        too_many = _too_many(request, link)
        if too_many:
            return render(
                request,
                "feedback/give.html",
                {"form": form, "link": link, "too_many": too_many, "public_page": True},
                status=429,
            )
        if form.is_valid():
            if not form.cleaned_data.get("website"):  # a robot fills in the hidden field
                services.feedback_submit(link=link, data=form.cleaned_data)
            thanks_url = reverse("feedback:thanks", args=[token])
            # The thanks page speaks the language the form did.
            return redirect(f"{thanks_url}?lang={request.LANGUAGE_CODE}")
    return render(request, "feedback/give.html", {"form": form, "link": link, "public_page": True})


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
    use_learner_page_language(request, link.organisation)
    return render(request, "feedback/thanks.html", {"link": link, "public_page": True})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration: the SVG goes inline in the page.
    return svg[svg.index("<svg") :]


@pm_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    link = services.link_for(request.organisation)
    url = settings.SITE_URL.rstrip("/") + reverse("feedback:give", args=[link.token])
    # The summary above the list says how many answers there are: the pages count nothing.
    page = keyset_page(
        selectors.answers_shown(request.organisation),
        order=("-submitted_at", "-id"),
        params=request.GET,
        list_name="feedback",
        per_page=25,
        count_up_to=None,
    )
    return render(
        request,
        "feedback/manage.html",
        {
            "url": url,
            "link": link,
            "qr_svg": mark_safe(_qr_svg(url)),  # made here from our own URL, nothing typed
            "summary": selectors.feedback_summary(request.organisation),
            "page_obj": page,
            "hidden": selectors.answers_hidden(request.organisation)[:50],
            "hide_form": HideForm(),
        },
    )


def _answer(request, public_id) -> LearnerFeedback:
    """One of this organisation's answers, looked up before the role check, so another
    organisation's is a 404 for everyone; then only a PM may act on it."""
    answer = get_object_or_404(
        LearnerFeedback.objects.filter(organisation=request.organisation), public_id=public_id
    )
    require_pm(request)
    return answer


@member_required
@require_POST
def hide_answer(request: HttpRequest, public_id) -> HttpResponse:
    answer = _answer(request, public_id)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["reason"][0])
        return redirect("feedback:manage")
    services.feedback_hide(
        feedback=answer, by=request.user, reason=form.cleaned_data["reason"], request=request
    )
    messages.success(
        request, _("The answer is hidden from this page and the figures. You can show it again.")
    )
    return redirect("feedback:manage")


@member_required
@require_POST
def show_answer(request: HttpRequest, public_id) -> HttpResponse:
    services.feedback_show(feedback=_answer(request, public_id), by=request.user, request=request)
    messages.success(request, _("The answer is shown again and counts in the figures."))
    return redirect("feedback:manage")


@pm_required
@require_GET
def poster(request: HttpRequest) -> HttpResponse:
    """A page to print: the QR code alone, the organisation's name and one line of invitation,
    in one language (?language=cy: the code opens the Welsh form) or both (Welsh first, as the
    Welsh Language Standards ask; the code opens the organisation's default)."""
    link = services.link_for(request.organisation)
    url = settings.SITE_URL.rstrip("/") + reverse("feedback:give", args=[link.token])
    if request.GET.get("language") == "both":
        languages = ["cy", "en-gb"]
    else:
        language = supported_language(request.GET.get("language")) or language_for(
            None, organisation=request.organisation
        )
        languages = [language]
        url += f"?lang={language}"
    return render(
        request,
        "feedback/poster.html",
        {
            "url": url,
            "link": link,
            "poster_languages": languages,
            "qr_svg": mark_safe(_qr_svg(url)),  # our own URL only
        },
    )


@pm_required
@require_POST
def change_link(request: HttpRequest) -> HttpResponse:
    services.link_change(organisation=request.organisation)
    messages.success(
        request, _("The feedback link has changed: the old link and QR code no longer work.")
    )
    return redirect("feedback:manage")


@pm_required
@require_POST
def pause_link(request: HttpRequest) -> HttpResponse:
    services.link_pause(organisation=request.organisation, paused=True)
    messages.success(
        request,
        _(
            "The feedback link is paused: learners who open it are told you are not taking "
            "feedback right now. The link and QR code stay the same."
        ),
    )
    return redirect("feedback:manage")


@pm_required
@require_POST
def resume_link(request: HttpRequest) -> HttpResponse:
    services.link_pause(organisation=request.organisation, paused=False)
    messages.success(request, _("The feedback link takes answers again."))
    return redirect("feedback:manage")
