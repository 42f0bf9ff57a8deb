"""The API's endpoints. DRF's class-based views (not the project's function views) because
drf-spectacular reads the schema from them: each view names its serializers and parameters once,
for the code and the documentation alike. Each view looks its object up in the caller's
organisation first (another organisation's object is a 404), then checks the role (403)."""

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.db_router import reading_from_replica
from devices import session_lending
from impact.forms import NetworkFilterForm, OrganisationFilterForm
from impact.scope import Scope
from sessions_log import services as sessions

from . import receiving, selectors, serializers
from .models import ApiKey
from .permissions import ActsForOrganisation, ReadsNetwork, caller, require_reader
from .services import api_request_record

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=str(
        _(
            "A unique id you make for this session (a UUID is ideal), 1-200 characters. "
            "Sending the same key again returns the first result and stores nothing new."
        )
    ),
)
ERRORS = {
    400: OpenApiResponse(serializers.ValidationErrorSerializer, description="Field by field."),
    401: serializers.DetailSerializer,
    403: serializers.DetailSerializer,
    404: serializers.DetailSerializer,
    429: serializers.DetailSerializer,
}


def _errors(*codes):
    return {code: ERRORS[code] for code in codes}


class NewestFirst(CursorPagination):
    """Cursor pagination: each page is one index range scan however deep, unlike OFFSET."""

    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"
    ordering = ("-date", "-id")

    def decode_cursor(self, request):
        # DRF answers a cursor it cannot read with 404; it is a bad parameter, so 400.
        try:
            return super().decode_cursor(request)
        except NotFound as exc:
            raise ValidationError(
                {"cursor": [_("This cursor is not valid: use a next link.")]}
            ) from exc


class NewestCreatedFirst(NewestFirst):
    ordering = ("-created_at", "-id")


class ByName(NewestFirst):
    ordering = ("name", "id")


class PublishedFirst(NewestFirst):
    ordering = ("-published_at", "-id")


class Recorded:
    """Every request made with a key (a revoked or expired one too) is recorded: one INSERT,
    after the answer is known."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(request, "auth", None)
        if not isinstance(key, ApiKey):
            key = getattr(request, "api_refused_key", None)
        if isinstance(key, ApiKey):
            match = request.resolver_match
            api_request_record(
                key=key,
                method=request.method,
                endpoint=match.view_name if match else request.path,
                status=response.status_code,
            )
        return response


class OrganisationView(Recorded, generics.GenericAPIView):
    permission_classes = [ActsForOrganisation]

    @property
    def organisation(self):
        return caller(self.request).organisation


def _validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _get(queryset, public_id):
    """The object with this id in a queryset already scoped to the caller's organisation."""
    try:
        wanted = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise NotFound from exc
    return get_object_or_404(queryset, public_id=wanted)


PUBLIC_ID = OpenApiParameter("public_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


# --- sessions -----------------------------------------------------------------------------------


class SessionList(OrganisationView):
    serializer_class = serializers.SessionSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        filters = _validated(serializers.SessionFilterSerializer, self.request.query_params)
        return selectors.sessions_for(organisation=self.organisation, filters=filters)

    @extend_schema(
        operation_id="sessions_list",
        parameters=[serializers.SessionFilterSerializer],
        responses={200: serializers.SessionSerializer(many=True), **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        require_reader(request)
        page = self.paginate_queryset(selectors.session_rows(self.get_queryset()))
        rows = selectors.with_learners(page)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    @extend_schema(
        operation_id="sessions_create",
        parameters=[IDEMPOTENCY_KEY],
        request=serializers.SessionWriteSerializer,
        responses={
            201: serializers.SessionSerializer,
            200: OpenApiResponse(
                serializers.SessionSerializer, description="A repeat: the first result."
            ),
            422: serializers.DetailSerializer,
            **_errors(400, 401, 403, 429),
        },
    )
    def post(self, request):
        """Log a session through the session form's own service, once per Idempotency-Key."""
        who = caller(request)
        session, created = receiving.receive_session(
            who, key=request.headers.get("Idempotency-Key", ""), payload=request.data
        )
        row = selectors.session_row(organisation=who.organisation, pk=session.pk)
        return Response(
            self.get_serializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class SessionObject(OrganisationView):
    serializer_class = serializers.SessionSerializer
    lookup_field = "public_id"

    def get_queryset(self):
        return selectors.sessions_for(organisation=self.organisation, filters={})

    def get_session(self):
        return receiving.session_of_caller(caller(self.request), self.kwargs["public_id"])

    def _answer(self, session):
        row = selectors.session_row(organisation=self.organisation, pk=session.pk)
        return Response(self.get_serializer(row).data)


class SessionDetail(SessionObject):
    @extend_schema(
        operation_id="sessions_retrieve",
        parameters=[PUBLIC_ID],
        responses={200: serializers.SessionSerializer, **_errors(401, 403, 404, 429)},
    )
    @reading_from_replica
    def get(self, request, public_id):
        return self._answer(self.get_session())

    @extend_schema(
        operation_id="sessions_update",
        parameters=[PUBLIC_ID],
        request=serializers.SessionUpdateSerializer,
        responses={200: serializers.SessionSerializer, **_errors(400, 401, 403, 404, 429)},
    )
    def patch(self, request, public_id):
        """Change some of a session's fields through the session form's own service (history
        is kept)."""
        session = self.get_session()
        data = _validated(serializers.SessionUpdateSerializer, request.data)
        # As on the session form: a session that lent a device stays "Device lent".
        kept = session_lending.session_edit_problems(
            session=session,
            device_support=data.get("device_support"),
            data_support=data.get("data_support"),
        )
        if kept:
            raise ValidationError({field: [message] for field, message in kept.items()})
        if "learners" in data:
            data["learners"] = receiving.learners_of(caller(request), data["learners"])
        try:
            session = sessions.session_update(
                session=session, data=data, changed_by=caller(request).user
            )
        except DjangoValidationError as exc:
            raise ValidationError(receiving.field_errors(exc)) from exc
        return self._answer(session)


class SessionCancel(SessionObject):
    @extend_schema(
        operation_id="sessions_cancel",
        parameters=[PUBLIC_ID],
        request=serializers.SessionCancelSerializer,
        responses={200: serializers.SessionSerializer, **_errors(400, 401, 403, 404, 429)},
    )
    def post(self, request, public_id):
        session = self.get_session()
        data = _validated(serializers.SessionCancelSerializer, request.data)
        try:
            session = sessions.session_cancel(
                session=session,
                reason=data["reason"],
                note=data["note"],
                changed_by=caller(request).user,
            )
        except DjangoValidationError as exc:
            raise ValidationError(receiving.field_errors(exc)) from exc
        return self._answer(session)


class SessionComplete(OrganisationView):
    serializer_class = serializers.SessionSerializer

    @extend_schema(
        operation_id="sessions_complete",
        parameters=[PUBLIC_ID, IDEMPOTENCY_KEY],
        request=serializers.SessionWriteSerializer,
        responses={
            200: OpenApiResponse(
                serializers.SessionSerializer, description="Recorded (a repeat: the same)."
            ),
            409: OpenApiResponse(
                serializers.DetailSerializer,
                description="The session is no longer planned: its outcome was recorded.",
            ),
            422: serializers.DetailSerializer,
            **_errors(400, 401, 403, 404, 429),
        },
    )
    def post(self, request, public_id):
        """Record how a planned session went (the session form's fields, as for logging one),
        once per Idempotency-Key: how the offline sync completes a planned session."""
        who = caller(request)
        session, _created = receiving.receive_completion(
            who,
            key=request.headers.get("Idempotency-Key", ""),
            public_id=public_id,
            payload=request.data,
        )
        row = selectors.session_row(organisation=who.organisation, pk=session.pk)
        return Response(self.get_serializer(row).data)


class SessionBatch(OrganisationView):
    serializer_class = serializers.SessionBatchSerializer

    @extend_schema(
        operation_id="sessions_batch",
        request=serializers.SessionBatchSerializer,
        responses={200: serializers.SessionBatchResultSerializer, **_errors(400, 401, 403, 429)},
    )
    def post(self, request):
        """Several sessions logged or completed in one request (up to 25), each with its own
        key, each answered as its own request would be: how a device sends its queue. One item
        refused does not stop the others; a batch cut off half-way is sent again as it was."""
        items = _validated(serializers.SessionBatchSerializer, request.data)["items"]
        results = receiving.receive_batch(caller(request), items=items)
        return Response({"results": results})


# --- people -------------------------------------------------------------------------------------


class LearnerList(OrganisationView):
    serializer_class = serializers.LearnerSerializer
    pagination_class = NewestCreatedFirst

    def get_serializer_context(self):
        who = caller(self.request)
        return {
            **super().get_serializer_context(),
            "special_category": who.can_read_special_category,
        }

    def get_queryset(self):
        return selectors.learners_for(organisation=self.organisation)

    @extend_schema(
        operation_id="learners_list",
        responses={200: serializers.LearnerSerializer(many=True), **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        require_reader(request)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class LearnerDetail(LearnerList):
    @extend_schema(
        operation_id="learners_retrieve",
        parameters=[PUBLIC_ID],
        responses={200: serializers.LearnerSerializer, **_errors(401, 403, 404, 429)},
    )
    @reading_from_replica
    def get(self, request, public_id):
        learner = _get(self.get_queryset(), public_id)
        require_reader(request)
        return Response(self.get_serializer(learner).data)


class TeamList(OrganisationView):
    serializer_class = serializers.TeamSerializer
    pagination_class = ByName

    @extend_schema(
        operation_id="teams_list",
        responses={200: serializers.TeamSerializer(many=True), **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        require_reader(request)
        page = self.paginate_queryset(selectors.teams_for(organisation=self.organisation))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ChampionPages(NewestFirst):
    ordering = ("joined_at", "id")


class ChampionList(OrganisationView):
    serializer_class = serializers.ChampionSerializer
    pagination_class = ChampionPages

    @extend_schema(
        operation_id="champions_list",
        responses={200: serializers.ChampionSerializer(many=True), **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        require_reader(request)
        page = self.paginate_queryset(selectors.champions_for(organisation=self.organisation))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- figures ------------------------------------------------------------------------------------


def _form_errors(form) -> dict:
    return {
        ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
        for field, messages in form.errors.items()
    }


class OrganisationFigures(OrganisationView):
    @extend_schema(
        operation_id="figures_retrieve",
        parameters=[serializers.OrganisationFiguresQuerySerializer],
        responses={200: serializers.OrganisationFiguresSerializer, **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        """The organisation dashboard's figures for a period: the same numbers as the page,
        from the same code, with the page's filters (period, start, end, team, champion)."""
        require_reader(request)
        organisation = self.organisation
        form = OrganisationFilterForm(
            request.query_params or None, organisation=organisation, today=timezone.localdate()
        )
        if form.is_bound and not form.is_valid():
            raise ValidationError(_form_errors(form))
        data = form.cleaned_data if form.is_bound else {}
        scope = Scope(
            organisation=organisation, team=data.get("team"), champion=data.get("champion")
        )
        found = selectors.organisation_figures(
            scope=scope, period=form.get_period(), unit=form.trend_unit()
        )
        return Response(serializers.OrganisationFiguresSerializer(found).data)


class NetworkFigures(Recorded, APIView):
    permission_classes = [ReadsNetwork]

    @extend_schema(
        operation_id="network_figures_retrieve",
        parameters=[serializers.NetworkFiguresQuerySerializer],
        responses={200: serializers.NetworkFiguresSerializer, **_errors(400, 401, 403, 429)},
    )
    @reading_from_replica
    def get(self, request):
        """The network dashboard's figures, for a network admin's key."""
        form = NetworkFilterForm(request.query_params or None, today=timezone.localdate())
        if form.is_bound and not form.is_valid():
            raise ValidationError(_form_errors(form))
        data = form.cleaned_data if form.is_bound else {}
        scope = Scope(sector=data.get("sector") or None, region=data.get("region") or None)
        found = selectors.network_figures(
            scope=scope, period=form.get_period(), unit=form.trend_unit()
        )
        return Response(serializers.NetworkFiguresSerializer(found).data)


# --- toolkit ------------------------------------------------------------------------------------


class ToolkitList(Recorded, generics.GenericAPIView):
    """The published toolkit. No key is needed for the network-wide resources; an organisation's
    key (or member) also sees its own private published ones."""

    permission_classes = [AllowAny]
    serializer_class = serializers.ResourceSerializer
    pagination_class = PublishedFirst

    @extend_schema(
        operation_id="toolkit_list",
        auth=[{"ApiKey": []}, {}],
        responses={200: serializers.ResourceSerializer(many=True), **_errors(400, 401, 429)},
    )
    @reading_from_replica
    def get(self, request):
        organisation = None
        if request.auth is not None or request.user.is_authenticated:
            organisation = caller(request).organisation
        page = self.paginate_queryset(selectors.published_resources(organisation=organisation))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
