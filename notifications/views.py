from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from organisations.tenancy import network_admin_required

from . import selectors, services
from .forms import EmailPreferenceForm
from .jobs import KINDS, UNSUBSCRIBE_SALT
from .models import EmailPreference, OutboundEmail


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    preference, _ = EmailPreference.objects.get_or_create(user=request.user)
    form = EmailPreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your email choices are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "summaries": selectors.summaries_delivered_to(user=request.user)},
    )


# Mail clients send the RFC 8058 one-click POST without a CSRF token; the signed token in the
# address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click, no sign-in: GET asks to confirm (so link scanners unsubscribe nobody), POST
    unsubscribes from that kind of email."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=data["u"])
        kind = data["k"]
        if kind not in KINDS:
            raise ValueError(kind)
    except (signing.BadSignature, User.DoesNotExist, KeyError, ValueError, TypeError):
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        preference, _ = EmailPreference.objects.get_or_create(user=user)
        if kind == "reminders":
            preference.reminders = False
        elif kind == "summary":
            preference.summary_frequency = EmailPreference.Frequency.OFF
        else:
            preference.network_summary = False
        preference.save()
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind_label": KINDS[kind], "done": done, "email": user.email},
    )


# --- The outbox (network admins) ---------------------------------------------------------------

OUTBOX_PAGE_ROWS = 200


@network_admin_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """Failed and delayed emails: who, what, when, the last error; send one or all again."""
    emails = selectors.outbox_attention()
    shown = list(emails[: OUTBOX_PAGE_ROWS + 1])
    return render(
        request,
        "notifications/outbox.html",
        {
            "emails": shown[:OUTBOX_PAGE_ROWS],
            "more": len(shown) > OUTBOX_PAGE_ROWS,
            "now": timezone.now(),
        },
    )


@network_admin_required
@require_POST
def outbox_requeue(request: HttpRequest, public_id) -> HttpResponse:
    email = get_object_or_404(
        OutboundEmail.objects.only(*selectors.LIST_FIELDS), public_id=public_id
    )
    if services.email_requeue(email=email, by=request.user, request=request):
        messages.success(
            request, gettext("The email to %(to)s will be sent again now.") % {"to": email.to}
        )
    else:
        messages.info(
            request,
            gettext("The email to %(to)s is being sent or was sent already.") % {"to": email.to},
        )
    return redirect("notifications:outbox")


@network_admin_required
@require_POST
def outbox_requeue_all(request: HttpRequest) -> HttpResponse:
    count = services.outbox_requeue_all(by=request.user, request=request)
    messages.success(
        request,
        ngettext(
            "%(count)s email will be sent again now.",
            "%(count)s emails will be sent again now.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:outbox")
