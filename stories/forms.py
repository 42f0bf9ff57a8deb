from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image

from core.vocabulary import ConsentMethod
from toolkit.content import ACCEPT_IMAGES, check_cover_image

from .models import StoryUse


def check_photo(upload) -> str:
    """The toolkit's rules for an uploaded image (size, extension and sniffed contents), then
    Pillow's own check that it really is one. Returns the content type."""
    try:
        content_type = check_cover_image(upload)
    except ValidationError as exc:
        if exc.code == "wrong_type":
            raise ValidationError(gettext("Use a PNG, JPEG or WebP photo.")) from exc
        raise
    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception as exc:
        raise ValidationError(gettext("This photo is damaged or not really an image.")) from exc
    upload.seek(0)
    return content_type


class StoryForm(forms.Form):
    what_they_wanted = forms.CharField(
        label=_("What did they want to be able to do?"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say what they wanted to be able to do."),
            "max_length": _("Keep it to 600 characters or fewer."),
        },
    )
    what_changed = forms.CharField(
        label=_("What changed for them?"),
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Say what changed for them."),
            "max_length": _("Keep it to 1,200 characters or fewer."),
        },
    )
    quote = forms.CharField(
        label=_("A quote in their own words (optional)"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Keep the quote to 300 characters or fewer.")},
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        help_text=_("PNG, JPEG or WebP, up to 5 MB. Only with their agreement to the photo."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows (for people who cannot see it)"),
        max_length=200,
        required=False,
    )
    uses = forms.MultipleChoiceField(
        label=_("What did the learner agree to?"),
        choices=StoryUse.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ask about each one separately, and tell them they can say no to any."),
        error_messages={
            "required": _("Tick what the learner agreed to: at least the report or the network."),
            "invalid_choice": _("Choose only uses from the list."),
        },
    )
    method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=ConsentMethod.choices,
        initial=ConsentMethod.VERBAL,
        error_messages={"invalid_choice": _("Choose one of the ways listed.")},
    )
    what_they_were_told = forms.CharField(
        label=_("What were they told?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: where the story will appear, who will read it, and that they can "
            "withdraw at any time."
        ),
        error_messages={
            "required": _("Write down what you told them about how the story will be used."),
            "max_length": _("Keep it to 1,000 characters or fewer."),
        },
    )

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        self.photo_content_type = ""
        if upload:
            self.photo_content_type = check_photo(upload)
        return upload

    def clean(self):
        data = super().clean()
        uses = set(data.get("uses") or [])
        if "uses" in data and not uses & {StoryUse.ORGANISATION_REPORT, StoryUse.NETWORK}:
            self.add_error(
                "uses",
                gettext(
                    "Tick at least one place the story may appear: our reports or the network."
                ),
            )
        if data.get("photo"):
            if StoryUse.PHOTO not in uses:
                self.add_error(
                    "photo",
                    gettext("Tick that they agree to the photo being used, or leave it out."),
                )
            if not (data.get("photo_alt") or "").strip():
                self.add_error(
                    "photo_alt",
                    gettext("Describe the photo in a few words for people who cannot see it."),
                )
        if self.errors and self.files.get("photo"):
            self.add_error(
                None, gettext("Files are not kept when a form has errors: choose the photo again.")
            )
        if not self.errors:
            data["photo_content_type"] = self.photo_content_type
        return data
