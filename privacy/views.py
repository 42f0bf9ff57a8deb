"""Learners' rights, for the project managers of the learner's organisation: see and download
everything held about a learner, and erase them."""

import json

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.language import supported_language
from core.audit import Action, audit_record
from learners.models import Learner
from organisations.tenancy import member_required, require_pm

from . import selectors, services


def _learner(request, public_id) -> Learner:
    """For project managers; looked up before the role check, so another organisation's learner
    is a 404 for everyone (see organisations.tenancy)."""
    learner = get_object_or_404(
        Learner.objects.for_organisation(request.organisation).select_related("organisation"),
        public_id=public_id,
    )
    require_pm(request)
    return learner


def _export(request, public_id, fmt: str) -> tuple[Learner, dict]:
    learner = _learner(request, public_id)
    data = selectors.learner_export_data(learner=learner)
    audit_record(
        action=Action.EXPORT,
        organisation=request.organisation,
        target=learner,
        detail={"format": fmt},
        request=request,
    )
    return learner, data


@member_required
@require_GET
def learner_export(request: HttpRequest, public_id) -> HttpResponse:
    """The page to print for a learner who asked; ?lang=cy gives it in Welsh whatever the PM
    reads the portal in (the learner's language, not the PM's)."""
    language = supported_language(request.GET.get("lang")) or translation.get_language()
    with translation.override(language):
        learner, data = _export(request, public_id, "page")
        return render(request, "privacy/learner_export.html", {"learner": learner, "data": data})


@member_required
@require_GET
def learner_export_json(request: HttpRequest, public_id) -> HttpResponse:
    learner, data = _export(request, public_id, "json")
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="learner-{learner.reference}-{data["exported_at"][:10]}.json"'
    )
    return response


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that this cannot be undone"),
        error_messages={
            "required": gettext_lazy("Tick the box to confirm, or go back to keep the record.")
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def learner_erase(request: HttpRequest, public_id) -> HttpResponse:
    learner = _learner(request, public_id)
    if learner.anonymised_at:
        messages.info(
            request,
            _("Learner %(reference)s was already erased.") % {"reference": learner.reference},
        )
        return redirect("privacy:learner_export", public_id=learner.public_id)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.learner_erase(learner=learner, actor=request.user, request=request)
        messages.success(
            request,
            _(
                "Learner %(reference)s is erased. Their sessions still count in your figures, "
                "but nothing identifies them any more."
            )
            % {"reference": learner.reference},
        )
        return redirect("learners:list")
    return render(request, "privacy/learner_erase.html", {"learner": learner, "form": form})
