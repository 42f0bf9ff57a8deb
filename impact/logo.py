"""The organisation's logo on its board report: the upload form (checked like every other
image), its writes, and the logo as a data: address for the PDF (WeasyPrint fetches no page
behind a sign-in, so the PDF carries its images inside it)."""

import base64

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import ReportLogo


class LogoForm(forms.Form):
    image = forms.FileField(
        label=_("Your organisation's logo"),
        help_text=_("PNG, JPEG or WebP, up to 5 MB. It appears at the top of the board report."),
        error_messages={"required": _("Choose an image file.")},
    )

    def clean_image(self):
        from stories.forms import check_photo

        upload = self.cleaned_data["image"]
        self.content_type = check_photo(upload)
        return upload


def logo_for(organisation) -> ReportLogo | None:
    return ReportLogo.objects.filter(organisation=organisation).first()


@transaction.atomic
def logo_save(*, organisation, image, content_type: str, by) -> ReportLogo:
    old = logo_for(organisation)
    if old is not None:
        storage, name = old.image.storage, old.image.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(name))
    logo = ReportLogo(organisation=organisation, content_type=content_type, uploaded_by=by)
    logo.image.save("logo", image, save=False)
    logo.save()
    return logo


@transaction.atomic
def logo_remove(*, organisation) -> None:
    old = logo_for(organisation)
    if old is not None:
        storage, name = old.image.storage, old.image.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(name))


def data_uri(field, content_type: str) -> str:
    """A stored image as a data: address, for the PDF ("" when the file is missing)."""
    try:
        with field.open("rb") as handle:
            body = handle.read()
    except (FileNotFoundError, ValueError):
        return ""
    return f"data:{content_type};base64,{base64.b64encode(body).decode()}"
