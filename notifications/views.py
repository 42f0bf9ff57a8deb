from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User

from .forms import EmailPreferenceForm
from .jobs import KINDS, UNSUBSCRIBE_SALT
from .models import EmailPreference


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    preference, _ = EmailPreference.objects.get_or_create(user=request.user)
    form = EmailPreferenceForm(
        request.POST if request.method == "POST" else None, instance=preference
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


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
