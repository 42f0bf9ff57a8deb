"""What the API reads and writes. Output serializers name things by public id only; the input
serializer turns a request into the dict sessions_log.services takes, and nothing more: the rules
of a session are the service's (session_problems), so the form and the API cannot disagree."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.vocabulary import (
    AgeBand,
    Barrier,
    CancelReason,
    DataSupport,
    DeviceSupport,
    EmploymentStatus,
    Gender,
    Mode,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
    Topic,
    YesNoPreferNot,
)
from learners.models import Learner
from organisations.models import RECORDS_FLOOR
from sessions_log.models import MAX_DURATION_MINUTES, SupportSession
from toolkit.models import Resource

MAX_LEARNERS = 500


# --- reading ------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^[0-2][0-9]:[0-5][0-9]$",
        "nullable": True,
        "description": "UK local time, HH:MM.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A session's start time as people say it (UK local, no offset): OpenAPI's `time` format
    would demand an offset."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", read_only=True, allow_null=True, **kwargs)


def _blank_choice(vocabulary):
    return serializers.ChoiceField(choices=vocabulary.choices, allow_blank=True, read_only=True)


class SessionSerializer(serializers.ModelSerializer):
    """Reads the rows of api.selectors.session_rows (plain dicts), not model instances."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    champion = serializers.UUIDField(source="champion_public_id", read_only=True)
    team = serializers.UUIDField(source="team_public_id", read_only=True, allow_null=True)
    learners = serializers.ListField(child=serializers.UUIDField(), read_only=True)
    # Choice fields that may be blank, declared so the schema says so (a ModelSerializer's
    # read-only field forgets allow_blank).
    cancel_reason = _blank_choice(CancelReason)
    start_time = LocalTimeField()
    device_support = _blank_choice(DeviceSupport)
    data_support = _blank_choice(DataSupport)

    class Meta:
        model = SupportSession
        # Private notes stay in the portal: they are for the champion and their PMs.
        fields = [
            "id",
            "status",
            "cancel_reason",
            "cancel_note",
            "date",
            "start_time",
            "duration_minutes",
            "format",
            "mode",
            "venue",
            "skill_areas",
            "topics",
            "barriers",
            "device_support",
            "data_support",
            "signposting",
            "follow_up_needed",
            "follow_up_on",
            "anonymous_count",
            "people_count",
            "champion",
            "team",
            "learners",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    # The fields whose values JSON takes as they are.
    PLAIN = (
        "status",
        "cancel_reason",
        "cancel_note",
        "duration_minutes",
        "format",
        "mode",
        "venue",
        "skill_areas",
        "topics",
        "barriers",
        "device_support",
        "data_support",
        "signposting",
        "follow_up_needed",
        "anonymous_count",
        "people_count",
        "learners",
    )

    def to_representation(self, row):
        """The same output as DRF's field-by-field walk (tests/api/test_reads.py compares
        them), written out: on a page of 100 sessions the walk was most of the request's time."""
        fields = self.fields
        answer = {name: row[name] for name in self.PLAIN}
        team, start, follow_up = row["team_public_id"], row["start_time"], row["follow_up_on"]
        answer.update(
            id=str(row["public_id"]),
            date=row["date"].isoformat(),
            start_time=start.strftime("%H:%M") if start else None,
            follow_up_on=follow_up.isoformat() if follow_up else None,
            champion=str(row["champion_public_id"]),
            team=str(team) if team else None,
            created_at=fields["created_at"].to_representation(row["created_at"]),
            updated_at=fields["updated_at"].to_representation(row["updated_at"]),
        )
        return {name: answer[name] for name in self.Meta.fields}

    def generic_representation(self, row):
        return super().to_representation(row)


class LearnerSerializer(serializers.ModelSerializer):
    """A pseudonymous record: no contact details, no notes; disability (special category data)
    only for a key explicitly granted it, otherwise null."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    age_band = _blank_choice(AgeBand)
    gender = _blank_choice(Gender)
    employment_status = _blank_choice(EmploymentStatus)
    first_language_english = _blank_choice(YesNoPreferNot)
    disability = serializers.SerializerMethodField()

    class Meta:
        model = Learner
        fields = [
            "id",
            "reference",
            "display_name",
            "age_band",
            "gender",
            "employment_status",
            "first_language_english",
            "disability",
            "first_session_on",
            "last_session_on",
            "session_count",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=YesNoPreferNot.choices, allow_blank=True, allow_null=True)
    )
    def get_disability(self, learner) -> str | None:
        if self.context.get("special_category"):
            return learner.disability
        return None


class TeamSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    name = serializers.CharField()


class ChampionSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="user.public_id")
    name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()
    champion_kind = serializers.CharField()
    team = serializers.UUIDField(source="team.public_id", allow_null=True)


class ResourceSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    network_wide = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "summary",
            "resource_type",
            "audiences",
            "skill_areas",
            "topics",
            "language",
            "minutes",
            "external_url",
            "published_at",
            "network_wide",
        ]
        read_only_fields = fields

    def get_network_wide(self, resource) -> bool:
        return resource.organisation_id is None


# --- filters ------------------------------------------------------------------------------------


class SessionFilterSerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False, help_text=_("On or after this date."))
    date_to = serializers.DateField(required=False, help_text=_("On or before this date."))
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)
    team = serializers.UUIDField(required=False, help_text=_("A team's id."))
    champion = serializers.UUIDField(required=False, help_text=_("A champion's id."))

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"date_to": _("The end date must be on or after the start date.")}
            )
        return attrs


class FiguresQuerySerializer(serializers.Serializer):
    """For the schema only: the figures endpoints read these with the dashboard's own form
    (impact.forms), so a query means exactly what the page's filters mean."""

    period = serializers.ChoiceField(
        choices=[
            "this_month",
            "last_month",
            "last_7_days",
            "last_3_months",
            "last_12_months",
            "financial_year",
            "custom",
        ],
        required=False,
        help_text=_("A preset, or 'custom' with start and end. Default: last_12_months."),
    )
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    trend = serializers.ChoiceField(choices=["month", "week"], required=False)


class OrganisationFiguresQuerySerializer(FiguresQuerySerializer):
    team = serializers.UUIDField(required=False)
    champion = serializers.UUIDField(required=False)


class NetworkFiguresQuerySerializer(FiguresQuerySerializer):
    sector = serializers.CharField(required=False)
    region = serializers.CharField(required=False)


# --- writing ------------------------------------------------------------------------------------


def _choices(vocabulary, **kwargs):
    return serializers.ListField(
        child=serializers.ChoiceField(choices=vocabulary.choices),
        required=False,
        max_length=len(vocabulary.choices),
        **kwargs,
    )


LENDING_FIELDS = ("loan_device", "loan_due_on", "loan_agreement_accepted", "loan_data")


class SessionWriteSerializer(serializers.Serializer):
    """A session as sent in. Field types and limits only; every rule about sessions (dates,
    people, cancellations) is the service's, and its messages come back field by field."""

    champion = serializers.UUIDField(
        required=False,
        help_text=_(
            "With an API key: the id of the champion who gave the session, a member of the "
            "key's organisation. Ignored from a signed-in browser (the person signed in)."
        ),
    )
    status = serializers.ChoiceField(choices=SessionStatus.choices, default=SessionStatus.COMPLETED)
    date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=MAX_DURATION_MINUTES)
    format = serializers.ChoiceField(choices=SessionFormat.choices)
    mode = serializers.ChoiceField(choices=Mode.choices, default=Mode.IN_PERSON)
    venue = serializers.CharField(max_length=120, required=False, allow_blank=True)
    learners = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        max_length=MAX_LEARNERS,
        help_text=_("Ids of the organisation's learners who came."),
    )
    new_learner_names = serializers.ListField(
        child=serializers.CharField(max_length=80),
        required=False,
        max_length=MAX_LEARNERS,
        help_text=_("Names or initials of people new to the portal: a learner record each."),
    )
    anonymous_count = serializers.IntegerField(
        min_value=0, max_value=MAX_LEARNERS, required=False, default=0
    )
    skill_areas = _choices(SkillArea)
    topics = _choices(Topic)
    barriers = _choices(Barrier)
    signposting = _choices(Signposting)
    device_support = serializers.ChoiceField(
        choices=DeviceSupport.choices, required=False, allow_blank=True
    )
    data_support = serializers.ChoiceField(
        choices=DataSupport.choices, required=False, allow_blank=True
    )
    # Kit lent or given at the session, from the organisation's stock: the loan or the gift is
    # made with the session, in the same transaction, by the session form's own service
    # (devices/session_lending.py), so "device_support": "lent" always has a loan behind it.
    loan_device = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        help_text=_(
            "The asset tag or serial number (any case) of the device from the organisation's "
            "stock lent to the session's one learner. The loan is made with the session, or "
            "neither is saved; the session's device_support is then “lent”. An organisation "
            "that keeps devices must name the one it lent."
        ),
    )
    loan_due_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_(
            "When the lent device is due back, today or later. Left out: the organisation's "
            "usual loan length from today."
        ),
    )
    loan_agreement_accepted = serializers.BooleanField(
        required=False,
        help_text=_(
            "True when the learner accepted the loan agreement: a device is lent only with it."
        ),
    )
    loan_data = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        help_text=_(
            "The reference of the SIM card or data voucher from the organisation's stock given "
            "to the session's one learner; the session's data_support is then its kind."
        ),
    )
    confidence_before = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    confidence_after = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    goal_met = serializers.BooleanField(required=False, allow_null=True)
    follow_up_needed = serializers.BooleanField(required=False, default=False)
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    cancel_reason = serializers.ChoiceField(
        choices=CancelReason.choices, required=False, allow_blank=True
    )
    cancel_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        help_text=_("Private notes: kept in the portal, never sent out by the API."),
    )

    def validate_date(self, value):
        # The service judges dates against the organisation's window; this only keeps out
        # dates no one could mean (the year 1 of a cleared field), which PostgreSQL also takes.
        if value < RECORDS_FLOOR:
            raise serializers.ValidationError(_("Choose 1 January 2015 or later."))
        return value

    def validate_new_learner_names(self, value):
        return [name.strip() for name in value if name.strip()]


class SessionUpdateSerializer(SessionWriteSerializer):
    """A partial change (PATCH): only the fields sent are changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)
        self.fields.pop("champion")
        # A loan or gift is made with a new session; afterwards it is changed on the device's
        # page (returned, extended, lost), as in the portal.
        for name in LENDING_FIELDS:
            self.fields.pop(name)
        for field in self.fields.values():
            field.default = serializers.empty


class SessionCancelSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=CancelReason.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


BATCH_MAX_ITEMS = 25


class SessionBatchItemSerializer(serializers.Serializer):
    """One item of a batch: what one request to log or complete a session would send."""

    key = serializers.CharField(
        max_length=200,
        trim_whitespace=False,
        help_text=_("The item's Idempotency-Key, as the single endpoints take it."),
    )
    complete = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text=_("A planned session's id: record how it went, instead of logging a new one."),
    )
    session = serializers.DictField(help_text=_("The session, as the single endpoints take it."))


class SessionBatchSerializer(serializers.Serializer):
    items = SessionBatchItemSerializer(many=True, max_length=BATCH_MAX_ITEMS, allow_empty=False)


class SessionBatchAnswerSerializer(serializers.Serializer):
    key = serializers.CharField()
    status = serializers.IntegerField(
        help_text=_("What the item's own request would answer: 201, 200, 400, 403, 404, 409, 422.")
    )
    body = serializers.DictField(help_text=_("The session, or the item's problems."))


class SessionBatchResultSerializer(serializers.Serializer):
    results = SessionBatchAnswerSerializer(many=True)


class ValidationErrorSerializer(serializers.Serializer):
    """400: {field: [message, ...]}; problems with the whole request under non_field_errors."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# --- figures ------------------------------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class HeadlineRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    is_share = serializers.BooleanField()


class TrendRowSerializer(serializers.Serializer):
    start = serializers.DateField(source="month")
    label = serializers.CharField()
    sessions = serializers.IntegerField()
    hours = serializers.FloatField()
    people = serializers.IntegerField()


class CountRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True)


class BreakdownSerializer(serializers.Serializer):
    title = serializers.CharField()
    rows = CountRowSerializer(many=True)


class GroupRowSerializer(serializers.Serializer):
    id = serializers.CharField(allow_null=True, help_text=_("The team's or champion's id."))
    name = serializers.CharField()
    completed = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    hours = serializers.FloatField()
    people = serializers.IntegerField()
    last = serializers.DateField(allow_null=True)

    def to_representation(self, row):
        # A large organisation has hundreds of champions: the rows are plain values already.
        last = row["last"]
        return {
            "id": row["id"],
            "name": row["name"],
            "completed": row["completed"],
            "cancelled": row["cancelled"],
            "hours": float(row["hours"]),
            "people": row["people"],
            "last": last.isoformat() if last else None,
        }


class FiguresSerializer(serializers.Serializer):
    period = PeriodSerializer()
    previous_period = PeriodSerializer()
    headline = HeadlineRowSerializer(many=True, source="rows")
    trend = TrendRowSerializer(many=True)
    breakdowns = BreakdownSerializer(many=True)
    demographics = BreakdownSerializer(many=True)


class OrganisationFiguresSerializer(serializers.Serializer):
    figures = FiguresSerializer()
    teams = GroupRowSerializer(many=True)
    champions = GroupRowSerializer(many=True)


class NamedRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    completed = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    hours = serializers.FloatField()
    people = serializers.IntegerField()


class NetworkFiguresSerializer(serializers.Serializer):
    figures = FiguresSerializer()
    sectors = NamedRowSerializer(many=True)
    regions = NamedRowSerializer(many=True)
