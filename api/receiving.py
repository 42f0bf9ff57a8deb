"""Sessions coming in: a session logged (POST /api/v1/sessions/), a planned one completed (POST
/api/v1/sessions/<id>/complete/), or several of either in one request (POST
/api/v1/sessions/batch/, how the offline sync sends a device's queue). Each is answered as its
own request would be, and each is idempotent on its own key (api.services), so a batch cut off
half-way is simply sent again. Problems are raised as DRF exceptions, which the single views
answer as they are and the batch turns into one item's answer."""

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError

from devices import session_lending
from sessions_log.models import SupportSession
from sessions_log.services import NotPlannedAnyMore

from . import selectors, serializers
from .permissions import Caller
from .services import (
    IdempotencyConflict,
    completion_fingerprint,
    request_fingerprint,
    session_already_received,
    session_complete_receive,
    session_receive,
)

KEY_MAX_LENGTH = 200


class KeyUsedForOtherData(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = IdempotencyConflict.message
    default_code = "idempotency_conflict"


class NoLongerPlanned(APIException):
    """409, with the session's status now as `status`, so a device can say what happened."""

    status_code = status.HTTP_409_CONFLICT

    def __init__(self, refused: NotPlannedAnyMore):
        super().__init__({"detail": str(refused.message), "status": refused.code})


def field_errors(exc: DjangoValidationError) -> dict:
    """A service's ValidationError as the API's {field: [message, ...]}."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in exc.messages]}


def valid_key(key) -> bool:
    return isinstance(key, str) and 1 <= len(key.strip()) <= KEY_MAX_LENGTH and key.isprintable()


def require_key(key, *, field: str = "Idempotency-Key") -> str:
    if not valid_key(key):
        raise ValidationError({field: [_("Send an Idempotency-Key of 1 to 200 characters.")]})
    return key.strip()


def session_of_caller(who: Caller, public_id) -> SupportSession:
    """A live session of the caller's organisation (another organisation's is a 404, as if it
    did not exist); a champion's browser reaches only their own (403), keys and PMs any."""
    try:
        wanted = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise NotFound from exc
    session = (
        selectors.sessions_for(organisation=who.organisation, filters={})
        .filter(public_id=wanted)
        .first()
    )
    if session is None:
        raise NotFound
    if not who.is_pm and session.champion_id != getattr(who.user, "pk", None):
        raise PermissionDenied(_("You can only change your own sessions."))
    return session


def learners_of(who: Caller, public_ids) -> list:
    """The organisation's learners still on record, in the order given (one query)."""
    found = selectors.learners_by_public_id(organisation=who.organisation, public_ids=public_ids)
    if len(found) != len(set(public_ids)):
        raise ValidationError({"learners": [_("Choose learners of your own organisation.")]})
    return [found[i] for i in dict.fromkeys(public_ids)]


def _described(incoming) -> dict:
    """The request in plain values, for its fingerprint (the same session sent again matches)."""
    data = incoming.validated_data
    described = incoming.to_representation(data) | {
        "learners": sorted(str(i) for i in data.get("learners", []))
    }
    described.pop("champion", None)
    return described


def _champion(who: Caller, champion_id):
    if who.user is not None:
        return who.user
    champion = selectors.champion_of(organisation=who.organisation, public_id=champion_id)
    if champion is None:
        raise ValidationError({"champion": [_("Choose an active member of your organisation.")]})
    return champion


def _kit(who: Caller, data: dict, lending: dict) -> dict:
    """The device lent or SIM or voucher given at the session, read and checked as the session
    form reads them (devices.session_lending): a loan is made with the session, or neither."""
    return session_lending.session_kit_read(
        organisation=who.organisation,
        session_data=data,
        device_label=lending.get("loan_device", ""),
        due_on=lending.get("loan_due_on"),
        agreement_accepted=lending.get("loan_agreement_accepted", False),
        data_reference=lending.get("loan_data", ""),
        today=timezone.localdate(),
    )


def receive_session(who: Caller, *, key, payload) -> tuple[SupportSession, bool]:
    """Log a session through the session form's own service, once per key: (session, created)."""
    key = require_key(key)
    incoming = serializers.SessionWriteSerializer(data=payload)
    incoming.is_valid(raise_exception=True)
    data = dict(incoming.validated_data)
    described = _described(incoming)
    lending = {name: data.pop(name) for name in serializers.LENDING_FIELDS if name in data}
    champion_id = data.pop("champion", None)
    if who.user is not None:
        champion_id = who.user.public_id  # the signed-in person logs their own session
    elif champion_id is None:
        raise ValidationError({"champion": [_("Give the id of the champion.")]})
    wanted = request_fingerprint(champion_public_id=champion_id, described=described)
    try:
        # A repeat is answered before anything is looked up again.
        session = session_already_received(organisation=who.organisation, key=key, wanted=wanted)
        if session is not None:
            return session, False
        return session_receive(
            organisation=who.organisation,
            champion=_champion(who, champion_id),
            data={**data, "learners": learners_of(who, data.get("learners", []))},
            key=key,
            created_by=who.user,
            described=described,
            kit=_kit(who, data, lending),
        )
    except IdempotencyConflict as exc:
        raise KeyUsedForOtherData from exc
    except DjangoValidationError as exc:
        raise ValidationError(field_errors(exc)) from exc


def receive_completion(who: Caller, *, key, public_id, payload) -> tuple[SupportSession, bool]:
    """Record how a planned session went, once per key (the id a device made for completing
    it): (session, True) the first time, (session, False) for a repeat. The payload is the
    session form's, as for logging one. A repeat is answered first, however the session has
    changed since; then the session is looked up (404 for another organisation's, whatever
    else is wrong with the request), then the rest is checked."""
    incoming = serializers.SessionWriteSerializer(data=payload)
    payload_ok = incoming.is_valid()
    caller = who.user.public_id if who.user is not None else f"key:{who.key.public_id}"
    wanted = None
    if valid_key(key) and payload_ok:
        key = key.strip()
        wanted = completion_fingerprint(
            caller_public_id=caller, session_public_id=public_id, described=_described(incoming)
        )
        try:
            session = session_already_received(
                organisation=who.organisation, key=key, wanted=wanted
            )
        except IdempotencyConflict as exc:
            raise KeyUsedForOtherData from exc
        if session is not None:
            return session, False
    session = session_of_caller(who, public_id)
    key = require_key(key)
    if not payload_ok:
        raise ValidationError(incoming.errors)
    data = dict(incoming.validated_data)
    data.pop("champion", None)  # the session's champion stays its champion
    # As on the portal's form, kit is lent when a session is logged; a planned session's device
    # is lent from the device's page.
    lending = {name: data.pop(name) for name in serializers.LENDING_FIELDS if name in data}
    if lending.get("loan_device") or lending.get("loan_data"):
        raise ValidationError(
            {
                "loan_device" if lending.get("loan_device") else "loan_data": [
                    _(
                        "Kit is recorded with a session as it is logged. For a planned "
                        "session, record the loan or the gift on the stock pages."
                    )
                ]
            }
        )
    if "learners" in data:  # left out, the plan's learners stay
        data["learners"] = learners_of(who, data["learners"])
    try:
        return session_complete_receive(
            organisation=who.organisation,
            session=session,
            data=data,
            key=key,
            changed_by=who.user,
            wanted=wanted,
        )
    except IdempotencyConflict as exc:
        raise KeyUsedForOtherData from exc
    except NotPlannedAnyMore as exc:
        raise NoLongerPlanned(exc) from exc
    except DjangoValidationError as exc:
        raise ValidationError(field_errors(exc)) from exc


def receive_batch(who: Caller, *, items: list[dict]) -> list[dict]:
    """Each item as its own request: {"key", "status", "body"}, body being what that request
    would answer (the session, or its problems). The sessions' rows are read for all the items
    at once (two queries), after every item is stored."""
    answers: list[dict] = []
    stored: dict[int, list[dict]] = {}
    for item in items:
        key = item.get("key")
        answer = {"key": key}
        try:
            if item.get("complete"):
                session, created = receive_completion(
                    who, key=key, public_id=item["complete"], payload=item.get("session") or {}
                )
                answer["status"] = status.HTTP_200_OK
            else:
                session, created = receive_session(who, key=key, payload=item.get("session") or {})
                answer["status"] = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        except APIException as exc:
            answer["status"] = exc.status_code
            answer["body"] = exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail}
        else:
            stored.setdefault(session.pk, []).append(answer)
        answers.append(answer)
    if stored:
        for row in selectors.session_rows_of(organisation=who.organisation, pks=list(stored)):
            body = serializers.SessionSerializer(row).data
            for answer in stored[row["id"]]:
                answer["body"] = body
    return answers
