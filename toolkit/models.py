import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Audience, Language, ResourceType, SkillArea, Topic

# PostgreSQL stems English; it has no Welsh stemmer, and English rules mangle other languages'
# words ("cyfres" becomes "cyfr") and drop some as stopwords ("a", "i", "am" are Welsh words).
# So English resources are indexed and searched stemmed, every other language word for word.
STEMMED_SEARCH_CONFIG = "english"
WORD_FOR_WORD_SEARCH_CONFIG = "simple"
SEARCH_CONFIGS = (STEMMED_SEARCH_CONFIG, WORD_FOR_WORD_SEARCH_CONFIG)


def search_config_of_language():
    """An expression naming the text-search configuration of each row's language (for
    headlines, which must split a row's text the way its search vector was built)."""
    return Case(
        When(language=Language.ENGLISH, then=Value(STEMMED_SEARCH_CONFIG)),
        default=Value(WORD_FOR_WORD_SEARCH_CONFIG),
    )


def _indexed_text(config: str):
    # Title over summary over body.
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body_text", weight="C", config=config)
    )


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class SharedOrPrivateQuerySet(models.QuerySet):
    """For things that are network-wide (no organisation) or private to one organisation."""

    def network_wide(self):
        return self.filter(organisation__isnull=True)

    def visible_in(self, organisation):
        """Network-wide ones, plus the organisation's own private ones."""
        if organisation is None:
            return self.network_wide()
        return self.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


class ResourceQuerySet(SharedOrPrivateQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


def _resource_file_path(resource, filename):
    # A random folder per upload: file URLs are never guessable, and the original name survives
    # for the download.
    return f"toolkit/files/{uuid.uuid4().hex}/{filename}"


def _cover_path(resource, filename):
    return f"toolkit/covers/{uuid.uuid4().hex}/{filename}"


class Resource(models.Model):
    """One item in the toolkit library: written in Markdown, with an uploaded file or a link.
    Network-wide when `organisation` is empty; otherwise private to that organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toolkit_resources",
        help_text=_("Empty for the whole network."),
    )
    title = models.CharField(max_length=160)
    summary = models.CharField(
        max_length=400, help_text=_("One or two sentences for search results.")
    )
    body = models.TextField(
        blank=True, help_text=_("Markdown: ## headings, lists, **bold**, [links](https://…).")
    )
    # Rendered once on save: sanitised HTML for the page, plain text for search snippets.
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    audiences = ArrayField(models.CharField(max_length=20, choices=Audience.choices), default=list)
    skill_areas = ArrayField(
        models.CharField(max_length=30, choices=SkillArea.choices), default=list, blank=True
    )
    topics = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices), default=list, blank=True
    )
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), null=True, blank=True)
    file = models.FileField(upload_to=_resource_file_path, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_content_type = models.CharField(max_length=120, blank=True, editable=False)
    external_url = models.URLField(_("link"), max_length=500, blank=True)
    cover_image = models.ImageField(upload_to=_cover_path, blank=True, max_length=300)
    cover_content_type = models.CharField(max_length=40, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover image description"), max_length=200, blank=True, help_text=_("For screen readers.")
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_featured = models.BooleanField(_("featured on the toolkit home"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toolkit_suggestions",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    # Counters kept on the row so that sorting the library never needs a join.
    view_count = models.PositiveIntegerField(default=0)
    download_count = models.PositiveIntegerField(default=0)
    helpful_yes = models.PositiveIntegerField(default=0)
    helpful_no = models.PositiveIntegerField(default=0)

    # The same resource in another language (kept symmetrical by services.resource_translation_set).
    translation = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translation"),
    )

    # Kept by PostgreSQL itself, so no save can leave it stale; stemmed only for English (see
    # STEMMED_SEARCH_CONFIG). Both branches use constant configurations, so it stays immutable.
    search_vector = models.GeneratedField(
        expression=Case(
            When(language=Language.ENGLISH, then=_indexed_text(STEMMED_SEARCH_CONFIG)),
            default=_indexed_text(WORD_FOR_WORD_SEARCH_CONFIG),
            output_field=SearchVectorField(),
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        indexes = [
            GinIndex(fields=["search_vector"], name="toolkit_resource_search"),
            GinIndex(fields=["topics"], name="toolkit_resource_topics"),
            GinIndex(fields=["skill_areas"], name="toolkit_resource_skills"),
            GinIndex(fields=["audiences"], name="toolkit_resource_audiences"),
            models.Index(fields=["status", "organisation"], name="toolkit_resource_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(file__gt="") & Q(external_url__gt="")),
                name="toolkit_resource_file_or_link",
                violation_error_message=_("A resource has an uploaded file or a link, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_network_wide(self) -> bool:
        return self.organisation_id is None

    @property
    def helpful_percent(self) -> int | None:
        votes = self.helpful_yes + self.helpful_no
        return round(100 * self.helpful_yes / votes) if votes else None


class ResourceTransition(models.Model):
    """Who moved a resource through the curation workflow, and when."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.resource} → {self.to_status}"


class Feedback(models.Model):
    """One person's "was this helpful?" answer; answering again replaces it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    comment = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="toolkit_feedback_once")
        ]

    def __str__(self):
        if self.helpful:
            return _("%(resource)s: helpful") % {"resource": self.resource}
        return _("%(resource)s: not helpful") % {"resource": self.resource}


class ResourceUse(models.Model):
    """A view, download or link-follow, for the usage panel and the network dashboard."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Viewed")
        DOWNLOAD = "download", _("Downloaded")
        LINK = "link", _("Followed the link")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["at", "resource"], name="toolkit_use_at")]

    def __str__(self):
        return f"{self.kind} {self.resource}"


class SearchLog(models.Model):
    """What people searched for and how many results they got (no user is recorded)."""

    query = models.CharField(max_length=200)
    result_count = models.PositiveIntegerField()
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["at"], name="toolkit_search_at")]

    def __str__(self):
        return self.query


class CollectionQuerySet(SharedOrPrivateQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Collection(models.Model):
    """An ordered group of resources. A pathway is a collection worked through step by step, with
    a badge at the end."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toolkit_collections",
    )
    title = models.CharField(max_length=160)
    summary = models.CharField(max_length=400)
    is_pathway = models.BooleanField(
        _("learning pathway"),
        default=False,
        help_text=_("Champions mark steps done and earn a badge."),
    )
    badge_name = models.CharField(max_length=80, blank=True)
    is_featured = models.BooleanField(_("featured on the toolkit home"), default=False)
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        ordering = ["-is_featured", "title"]

    def __str__(self):
        return self.title


class CollectionStep(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="steps")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=300, blank=True, help_text=_("Why this step matters."))

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"], name="toolkit_step_resource_once"
            )
        ]

    def __str__(self):
        return f"{self.collection} #{self.position}: {self.resource}"


class StepCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(CollectionStep, on_delete=models.CASCADE, related_name="completions")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "step"], name="toolkit_step_done_once")
        ]

    def __str__(self):
        return _("%(step)s done") % {"step": self.step}


class Badge(models.Model):
    """Earned by completing every step of a pathway; kept if steps are added later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolkit_badges"
    )
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="badges")
    awarded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "collection"], name="toolkit_badge_once")
        ]

    def __str__(self):
        return self.collection.badge_name
