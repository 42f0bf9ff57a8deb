"""A short anonymous feedback form learners reach by a link or QR code, and the PM's page that
shows the answers and prints the QR code."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.tenancy import pm_required

from . import selectors, services
from .forms import LearnerFeedbackForm
from .models import FeedbackLink

# Answers from one address in an hour: enough for a busy drop-in on one tablet, too few to
# flood the page.
SUBMISSIONS_PER_HOUR = 30


def _too_many(request) -> bool:
    key = f"feedback:from:{request.META.get('REMOTE_ADDR', '')}"
    if cache.add(key, 1, 60 * 60):
        return False
    try:
        return cache.incr(key) > SUBMISSIONS_PER_HOUR
    except ValueError:
        return False


@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
    form = LearnerFeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _too_many(request):
            return render(
                request,
                "feedback/give.html",
                {"form": form, "link": link, "too_many": True, "public_page": True},
                status=429,
            )
        if form.is_valid():
            if not form.cleaned_data.get("website"):  # a robot fills in the hidden field
                services.feedback_submit(link=link, data=form.cleaned_data)
            return redirect("feedback:thanks", token=token)
    return render(request, "feedback/give.html", {"form": form, "link": link, "public_page": True})


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
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
    answers = request.organisation.learner_feedback.all()
    page = Paginator(answers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/manage.html",
        {
            "url": url,
            "qr_svg": mark_safe(_qr_svg(url)),  # made here from our own URL, nothing typed
            "summary": selectors.feedback_summary(request.organisation),
            "page_obj": page,
        },
    )


@pm_required
@require_POST
def change_link(request: HttpRequest) -> HttpResponse:
    services.link_change(organisation=request.organisation)
    messages.success(
        request, "The feedback link has changed: the old link and QR code no longer work."
    )
    return redirect("feedback:manage")
