from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from PIL import Image

from core.vocabulary import SkillArea, Topic

from .content import (
    ACCEPT_DOCUMENTS,
    ACCEPT_IMAGES,
    UNSAFE_MARKUP_MESSAGE,
    check_cover_image,
    check_document,
    has_unsafe_markup,
)
from .models import Audience, Language, ResourceType, Status
from .selectors import SORTS

WEB_ADDRESS = URLValidator(
    schemes=["http", "https"],
    message=gettext_lazy("Give a web address that starts with https:// (or http://)."),
)


def _any(prompt, choices):
    return [("", prompt)] + list(choices)


def _file_help_text() -> str:
    return gettext(
        "PDF, Word, Excel, PowerPoint, OpenDocument, an image or a text file, up to %(size)s."
    ) % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)}


class ResourceFilterForm(forms.Form):
    """The search box and filters on the library page. Unknown values are dropped, not errors:
    a shared link with an old filter still shows results."""

    q = forms.CharField(label=gettext_lazy("Search the toolkit"), required=False, max_length=200)
    resource_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=_any(gettext_lazy("Any type"), ResourceType.choices),
    )
    audience = forms.ChoiceField(
        label=pgettext_lazy("who a resource is for", "For"),
        required=False,
        choices=_any(gettext_lazy("Any audience"), Audience.choices),
    )
    skill_area = forms.ChoiceField(
        label=gettext_lazy("Skill area"),
        required=False,
        choices=_any(gettext_lazy("Any skill area"), SkillArea.choices),
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("Topic"),
        required=False,
        choices=_any(gettext_lazy("Any topic"), Topic.choices),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=_any(gettext_lazy("Any language"), Language.choices),
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"), required=False, choices=list(SORTS.items())
    )

    FILTERS = ("resource_type", "audience", "skill_area", "topic", "language")

    def values(self) -> tuple[str, dict, str]:
        """(query, filters, sort), keeping whatever was valid."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name, "") if name not in self.errors else ""
            for name in ("q", "sort", *self.FILTERS)
        }
        return (
            " ".join(data["q"].split()),
            {name: data[name] for name in self.FILTERS},
            data["sort"],
        )


class TranslationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return gettext("%(title)s (%(language)s)") % {
            "title": obj.title,
            "language": obj.get_language_display(),
        }


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=160,
        error_messages={"required": gettext_lazy("Give the resource a title.")},
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One or two sentences, shown in search results."),
        error_messages={"required": gettext_lazy("Write a one- or two-sentence summary.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Markdown: ## for a heading, - for a list, **bold**, [words](https://link)."
        ),
    )
    resource_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=[("", gettext_lazy("Choose a type"))] + list(ResourceType.choices),
        error_messages={"required": gettext_lazy("Choose what kind of resource this is.")},
    )
    audiences = forms.MultipleChoiceField(
        label=gettext_lazy("Who is it for?"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose who it is for.")},
    )
    skill_areas = forms.MultipleChoiceField(
        label=gettext_lazy("Skill areas"),
        choices=SkillArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.MultipleChoiceField(
        label=gettext_lazy("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=Language.choices, initial=Language.ENGLISH
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Estimated time (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "min_value": gettext_lazy("Give a time of at least 1 minute, or leave it empty."),
            "max_value": gettext_lazy("Give a time of at most 600 minutes (10 hours)."),
            "invalid": gettext_lazy("Give the time as a whole number of minutes."),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_DOCUMENTS}),
        # Lazy: the size reads in the language of the request, not of start-up.
        help_text=lazy(_file_help_text, str)(),
    )
    external_url = forms.CharField(
        label=gettext_lazy("Or give a link"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("A web page or video, starting with https://"),
    )
    cover_image = forms.FileField(
        label=gettext_lazy("Cover image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
        help_text=gettext_lazy("PNG, JPEG or WebP, up to 5 MB."),
    )
    cover_alt = forms.CharField(
        label=gettext_lazy("Describe the cover image"), required=False, max_length=200
    )
    remove_cover = forms.BooleanField(label=gettext_lazy("Remove the cover image"), required=False)
    is_featured = forms.BooleanField(
        label=gettext_lazy("Feature on the toolkit home"), required=False
    )
    translation = TranslationChoiceField(
        label=gettext_lazy("The same resource in another language"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
        help_text=gettext_lazy(
            "Readers of this resource get a link to it, and readers of it a link back here."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose a resource from the list.")},
    )

    def __init__(self, *args, resource=None, can_feature=True, translation_choices=None, **kwargs):
        self.resource = resource
        if resource is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(resource, name)
                for name in self.base_fields
                if hasattr(resource, name) and name not in ("file", "cover_image", "translation")
            }
            kwargs["initial"]["translation"] = resource.translation_id
        super().__init__(*args, **kwargs)
        if translation_choices is None:
            del self.fields["translation"]
        else:
            self.fields["translation"].queryset = translation_choices
        self.file_content_type = ""
        self.cover_content_type = ""
        if resource is None or not resource.cover_image:
            del self.fields["remove_cover"]
        if resource is not None and resource.file_name:
            self.fields["file"].help_text = gettext(
                "Now: %(name)s. Choose a new file only to replace it. %(rules)s"
            ) % {"name": resource.file_name, "rules": self.fields["file"].help_text}
        if not can_feature:
            del self.fields["is_featured"]

    def clean_body(self):
        body = self.cleaned_data["body"]
        if has_unsafe_markup(body):
            raise ValidationError(UNSAFE_MARKUP_MESSAGE)
        return body

    def clean_external_url(self):
        url = self.cleaned_data["external_url"].strip()
        if url:
            WEB_ADDRESS(url)
        return url

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_content_type = check_document(upload)
        return upload

    def clean_cover_image(self):
        upload = self.cleaned_data.get("cover_image")
        if upload:
            self.cover_content_type = check_cover_image(upload)
            try:
                with Image.open(upload) as image:
                    image.verify()
            except Exception as exc:
                raise ValidationError(
                    gettext("This image is damaged or not really an image.")
                ) from exc
            upload.seek(0)
        return upload

    def clean(self):
        data = super().clean()
        has_file = bool(data.get("file")) or bool(
            self.resource and self.resource.file_name and not data.get("external_url")
        )
        if data.get("file") and data.get("external_url"):
            self.add_error("external_url", gettext("Give a file or a link, not both."))
        elif not (has_file or data.get("external_url") or (data.get("body") or "").strip()):
            if "body" not in self.errors:
                self.add_error(
                    "body", gettext("Write the resource here, upload a file, or give a link.")
                )
        if data.get("cover_image") and not data.get("cover_alt"):
            self.add_error(
                "cover_alt",
                gettext("Describe the image in a few words for people who cannot see it."),
            )
        if self.errors and (self.files.get("file") or self.files.get("cover_image")):
            self.add_error(
                None, gettext("Files are not kept when a form has errors: choose them again.")
            )
        return data

    def files_for_service(self) -> dict:
        return {
            "file": self.cleaned_data.get("file"),
            "file_content_type": self.file_content_type,
            "cover_image": self.cleaned_data.get("cover_image"),
            "cover_content_type": self.cover_content_type,
        }


class SuggestForm(ResourceForm):
    """What anyone signed in fills in to suggest a resource; curators complete the rest."""

    share_with = forms.ChoiceField(
        label=gettext_lazy("Who should be able to use it?"),
        choices=[
            ("network", gettext_lazy("Everyone in the network")),
            ("organisation", gettext_lazy("Only my organisation")),
        ],
        widget=forms.RadioSelect,
        initial="network",
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, can_feature=False, **kwargs)
        for name in ("cover_image", "cover_alt"):
            del self.fields[name]
        if organisation is None:
            del self.fields["share_with"]
        else:
            self.fields["share_with"].choices = [
                ("network", gettext("Everyone in the network")),
                ("organisation", gettext("Only %(name)s") % {"name": organisation.name}),
            ]
        self.order_fields(["share_with"])


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("To status"), choices=Status.choices)
    note = forms.CharField(required=False, max_length=300, label=gettext_lazy("Note (optional)"))


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=gettext_lazy("Was this helpful?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything to add? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CollectionForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=160,
        error_messages={"required": gettext_lazy("Give it a title.")},
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Say in a sentence what it is for.")},
    )
    is_pathway = forms.BooleanField(
        label=gettext_lazy("A learning pathway: champions mark steps done and earn a badge"),
        required=False,
    )
    badge_name = forms.CharField(
        label=gettext_lazy("Badge name"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("Shown when someone completes the pathway."),
    )
    is_featured = forms.BooleanField(
        label=gettext_lazy("Feature on the toolkit home"), required=False
    )
    is_published = forms.BooleanField(
        label=gettext_lazy("Visible to readers"), required=False, initial=True
    )
    steps = forms.CharField(
        label=gettext_lazy("Resources, in order"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "One resource title per line, exactly as in the library, in the order to use them."
        ),
        error_messages={"required": gettext_lazy("List at least one resource.")},
    )

    def __init__(self, *args, available=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.available = available  # queryset of resources that may be steps

    def clean_steps(self):
        titles = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        found = {r.title.casefold(): r for r in self.available.filter(title__in=titles)}
        if len(found) < len({t.casefold() for t in titles}):
            # A second, case-insensitive pass, so "spotting a scam" finds "Spotting a scam".
            for resource in self.available.only("pk", "title"):
                found.setdefault(resource.title.casefold(), resource)
        missing = [t for t in titles if t.casefold() not in found]
        if missing:
            raise ValidationError(
                gettext("Not found in the library: %(titles)s. Check the spelling.")
                % {"titles": "; ".join(missing)}
            )
        ordered, seen = [], set()
        for title in titles:
            resource = found[title.casefold()]
            if resource.pk not in seen:
                seen.add(resource.pk)
                ordered.append(resource)
        return ordered
