"""Prepares `make loadtest`: makes sure the large data set is there, signs in the simulated people
(champions of large and small organisations, project managers, a network admin) by creating their
Django sessions directly, and resolves the URLs to hit. Writes bench/results/load_users.json for
bench/locustfile.py.

Why sessions and not the sign-in form: a password check costs a deliberate ~0.5 s of CPU
(PBKDF2), and 50 people signing in at the same second is not what a day on the portal looks
like; each person signs in once and then works for hours.
"""

from __future__ import annotations

import json
import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "champions_portal.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from bench import dataset  # noqa: E402
from bench.run import PERIOD_QUERY, find_urls  # noqa: E402
from core.vocabulary import Role  # noqa: E402
from organisations.models import Membership  # noqa: E402

CHAMPIONS = 40
PMS = 12


def session_for(user: User) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.is_network_admin:
        store["portal_mfa_ok"] = True  # as after signing in with the authenticator app
    store.create()
    return store.session_key


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", scale="large")
    # Busy organisations have more people online: take champions from the largest first, then
    # every tenth organisation's, so small organisations are in the mix too.
    champions = list(
        Membership.objects.filter(role=Role.CHAMPION, is_active=True)
        .select_related("user")
        .order_by("organisation_id", "id")
    )
    by_org: dict[int, list] = {}
    for m in champions:
        by_org.setdefault(m.organisation_id, []).append(m.user)
    orgs = sorted(by_org, key=lambda o: -len(by_org[o]))
    chosen = [User.objects.get(email=dataset.LARGEST_CHAMPION_EMAIL)]
    chosen += [u for u in by_org[orgs[0]] if u not in chosen][:14]
    for org in orgs[1::10]:
        if len(chosen) >= CHAMPIONS:
            break
        chosen += by_org[org][:2]
    pms = [User.objects.get(email=dataset.LARGEST_PM_EMAIL)]
    pms += [
        m.user
        for m in Membership.objects.filter(role=Role.PROJECT_MANAGER)
        .select_related("user")
        .exclude(user=pms[0])
        .order_by("organisation_id")[: PMS - 1]
    ]
    admin = User.objects.get(email=dataset.ADMIN_EMAIL)

    urls = find_urls() | {"period_query": PERIOD_QUERY}
    payload = {
        "cookie": settings.SESSION_COOKIE_NAME,
        "urls": urls,
        "champions": [session_for(u) for u in chosen[:CHAMPIONS]],
        "pms": [session_for(u) for u in pms],
        "admins": [session_for(admin)],
    }
    out = ROOT / "bench" / "results" / "load_users.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, indent=2))
    missing = [k for k, v in urls.items() if v is None]
    print(
        f"Load test: {len(payload['champions'])} champions, {len(payload['pms'])} PMs, 1 network "
        f"admin signed in" + (f"; not available yet: {', '.join(missing)}" if missing else "")
    )


if __name__ == "__main__":
    main()
