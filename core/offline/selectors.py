"""Reads for the offline scripts: only what a device needs to keep, and nothing more."""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.templatetags.static import static

from core.vocabulary import SessionStatus
from learners.models import Learner
from organisations.models import Membership
from sessions_log.models import Attendance, SupportSession

# A champion's own learners kept on the device for the offline search: the most recently seen
# first. Enough for any champion's regulars, small enough for a slow phone.
OFFLINE_LEARNERS_LIMIT = 300

# Precached when the service worker installs: what the log and tally pages need to open with no
# signal. Anything else under /static/ is cached the first time a page uses it.
PRECACHED_STATIC = (
    "vendor/bootstrap-5.3.9/bootstrap.purged.min.css",
    "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
    "vendor/htmx-2.0.11/htmx.min.js",
    "css/portal.css",
    "css/sessions.css",
    "css/offline.css",
    "img/favicon.svg",
    "img/icons/icon-192.png",
    "js/portal.js",
    "js/sessions.js",
    "js/session-form.js",
    "js/offline/store.js",
    "js/offline/sync.js",
    "js/offline/page.js",
)
SERVICE_WORKER_SCRIPT = "js/offline/service-worker.js"


def offline_learners(*, membership: Membership) -> list[dict]:
    """The champion's own learners, display name and id only: those they added or have had at
    one of their sessions (never another champion's, even when shared), not anonymised."""
    helped = Learner.attendances.field.model.objects.filter(
        organisation=membership.organisation, session__champion=membership.user
    ).values("learner_id")
    rows = (
        Learner.objects.for_organisation(membership.organisation)
        .not_anonymised()
        .filter(Q(created_by=membership.user) | Q(pk__in=helped))
        .order_by("-last_session_on", "display_name")
        .values_list("public_id", "display_name")[:OFFLINE_LEARNERS_LIMIT]
    )
    return [{"id": str(public_id), "name": name} for public_id, name in rows]


def offline_planned(*, membership: Membership, today) -> list[dict]:
    """The champion's own planned sessions due today, for completing them with no signal: when,
    where, how, and their learners' display names and ids (no notes, nothing else about anyone).
    Two queries, however many sessions and learners."""
    sessions = list(
        SupportSession.objects.for_organisation(membership.organisation)
        .live()
        .filter(champion=membership.user, status=SessionStatus.PLANNED, date=today)
        .order_by("start_time", "created_at")
        .values(
            "id",
            "public_id",
            "date",
            "start_time",
            "duration_minutes",
            "format",
            "mode",
            "venue",
            "topics",
            "anonymous_count",
        )
    )
    learners: dict[int, list[dict]] = {row["id"]: [] for row in sessions}
    if learners:
        attending = (
            Attendance.objects.filter(
                session_id__in=list(learners), learner__anonymised_at__isnull=True
            )
            .order_by("learner__display_name", "learner_id")
            .values_list("session_id", "learner__public_id", "learner__display_name")
        )
        for session_id, public_id, name in attending:
            learners[session_id].append({"id": str(public_id), "name": name})
    return [
        {
            "id": str(row["public_id"]),
            "date": row["date"].isoformat(),
            "start_time": row["start_time"].strftime("%H:%M") if row["start_time"] else "",
            "duration_minutes": row["duration_minutes"],
            "format": row["format"],
            "mode": row["mode"],
            "venue": row["venue"],
            "topics": row["topics"],
            "anonymous_count": row["anonymous_count"],
            "learners": learners[row["id"]],
        }
        for row in sessions
    ]


@lru_cache(maxsize=1)
def release() -> str:
    """This release's name for the service worker's caches: settings.PORTAL_RELEASE when the
    deployment sets one, else a hash of the precached files' URLs and contents (hashed names in
    production), so any change to them makes new caches and replaces the old ones."""
    configured = getattr(settings, "PORTAL_RELEASE", "")
    if configured:
        return str(configured)[:40]
    digest = hashlib.sha256()
    for name in (*PRECACHED_STATIC, SERVICE_WORKER_SCRIPT):
        digest.update(static(name).encode())
        found = finders.find(name)
        if found:
            with open(found, "rb") as source:
                digest.update(source.read())
    return digest.hexdigest()[:12]
