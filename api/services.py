"""Writes of the API: keys, the request log, and the one idempotent path by which sessions come in
(other systems' keys now, the offline sync later). Sessions themselves are written only by
sessions_log.services, the service the session form uses."""

import hashlib
import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from devices import session_lending
from organisations.models import Organisation
from sessions_log import services as sessions
from sessions_log.models import SupportSession

from .models import Access, ApiKey, ApiRequest, IdempotencyRecord, hash_secret, new_key

LAST_USED_RESOLUTION = 60  # seconds: last_used_at is kept to the minute


class IdempotencyConflict(Exception):
    """The Idempotency-Key was already used for a session with different data."""

    message = _("This Idempotency-Key was already used for a different session.")


def api_key_create(
    *,
    organisation: Organisation | None,
    name: str,
    access: str,
    created_by,
    expires_at: datetime | None = None,
    can_read_special_category: bool = False,
) -> tuple[ApiKey, str]:
    """Make a key; return it with the full secret, which is never stored and shown only once."""
    if organisation is None:
        access = Access.READ  # a network key reads network-wide figures, nothing else
        can_read_special_category = False
    prefix, secret = new_key()
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        access=access,
        can_read_special_category=can_read_special_category,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        expires_at=expires_at,
        created_by=created_by,
    )
    return key, secret


def api_key_revoke(*, key: ApiKey, revoked_by) -> ApiKey:
    """Revoked at once: the next request with it is refused (authentication reads the row)."""
    ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key.refresh_from_db(fields=["revoked_at"])
    return key


def api_key_touch(*, key: ApiKey) -> None:
    """Record the key's last use, at most once a minute per key."""
    now = timezone.now()
    last = key.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def api_request_record(*, key: ApiKey, method: str, endpoint: str, status: int) -> None:
    ApiRequest.objects.create(key=key, method=method, endpoint=endpoint[:200], status=status)


def fingerprint(data: dict) -> str:
    """What the request asked for, in canonical form: the same session sent again matches."""
    canonical = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def request_fingerprint(*, champion_public_id, described: dict) -> str:
    """What a session request asked for, with whose session it is."""
    return fingerprint({"champion": str(champion_public_id), **described})


def _replay(record: IdempotencyRecord, wanted: str) -> tuple[SupportSession, bool]:
    if record.fingerprint != wanted:
        raise IdempotencyConflict
    return record.session, False


def session_already_received(
    *, organisation: Organisation, key: str, wanted: str
) -> SupportSession | None:
    """The session a key already made (IdempotencyConflict if for other data), or None. Asked
    before anything else is looked up, so a repeat gets its first answer even when, say, one of
    its learners has been erased since."""
    record = (
        IdempotencyRecord.objects.filter(organisation=organisation, key=key)
        .select_related("session")
        .first()
    )
    return _replay(record, wanted)[0] if record is not None else None


def _once(
    *, organisation: Organisation, key: str, wanted: str, write
) -> tuple[SupportSession, bool]:
    """Run `write` (which returns the session it made or changed) once per key: the record is
    inserted first, in the same savepoint as the write, so a concurrent request with the same key
    waits on the unique index, then gets IntegrityError and reads the winner's record; a refused
    write (ValidationError, NotPlannedAnyMore) takes its record with it, so the key can be sent
    again with corrected data. A plain repeat also meets the index and gets the first answer."""
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                organisation=organisation, key=key, fingerprint=wanted
            )
            session = write()
            record.session = session
            record.save(update_fields=["session"])
    except IntegrityError:
        winner = (
            IdempotencyRecord.objects.filter(organisation=organisation, key=key)
            .select_related("session")
            .first()
        )
        if winner is None:  # not our unique key: a constraint of the session itself
            raise
        return _replay(winner, wanted)
    return session, True


def session_receive(
    *,
    organisation: Organisation,
    champion,
    data: dict,
    key: str,
    created_by,
    described: dict | None = None,
    kit: dict | None = None,
) -> tuple[SupportSession, bool]:
    """Log a session once per Idempotency-Key: (session, True) the first time, (the first
    session, False) for a repeat with the same data; IdempotencyConflict for other data.

    `data` is what sessions_log.services.session_log takes; `described` is the request in plain
    values for the fingerprint (defaults to `data`). Callers that look things up before logging
    (the API's views) ask session_already_received first, so a repeat is answered before them.

    `kit` is the device lent or SIM or voucher given at the session, as
    devices.session_lending.session_kit_read found it: the session and its loan or gift are then
    made together by the session form's own service, or neither."""
    wanted = request_fingerprint(
        champion_public_id=champion.public_id,
        described=described if described is not None else data,
    )
    return _once(
        organisation=organisation,
        key=key,
        wanted=wanted,
        write=lambda: _session_log(
            organisation=organisation, champion=champion, data=data, created_by=created_by, kit=kit
        ),
    )


def _session_log(*, organisation, champion, data: dict, created_by, kit: dict | None):
    if kit and (kit.get("device") or kit.get("gift")):
        return session_lending.session_log_lending(
            organisation=organisation,
            champion=champion,
            data=data,
            device=kit.get("device"),
            due_on=kit.get("due_on"),
            gift=kit.get("gift"),
            created_by=created_by,
        )
    return sessions.session_log(
        organisation=organisation, champion=champion, data=data, created_by=created_by
    )


def completion_fingerprint(*, caller_public_id, session_public_id, described: dict) -> str:
    """What a request to complete a planned session asked for: which session, by whom, how."""
    return fingerprint(
        {"caller": str(caller_public_id), "completes": str(session_public_id), **described}
    )


def session_complete_receive(
    *,
    organisation: Organisation,
    session: SupportSession,
    data: dict,
    key: str,
    changed_by,
    wanted: str,
) -> tuple[SupportSession, bool]:
    """Record how a planned session went once per Idempotency-Key (the device's id for the
    completion): (session, True) the first time, (the session, False) for a repeat, however the
    session has changed since. A session no longer planned is refused (NotPlannedAnyMore), and
    nothing is kept of the attempt. Fields not sent keep the plan's values (a device completing
    it offline leaves out the notes it never had)."""
    return _once(
        organisation=organisation,
        key=key,
        wanted=wanted,
        write=lambda: sessions.session_complete(session=session, data=data, changed_by=changed_by),
    )


def api_requests_prune(*, before: datetime) -> int:
    """Forget requests recorded before `before` (the log is one row per request); returns how
    many were deleted. A key's last use is on the key itself, so it survives."""
    deleted, _ = ApiRequest.objects.filter(at__lt=before).delete()
    return deleted
