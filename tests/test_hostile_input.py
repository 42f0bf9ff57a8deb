"""Property-based walls: random and hostile input thrown at the session form, the learner form,
the CSV import, toolkit uploads, a group session's scores, the draft autosave and every endpoint
that answers JSON. Whatever arrives, the answer is a page with a clear message
(never a server error), and nothing is half-saved: either a whole valid record, or nothing."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learners.models import Consent, Learner, SelfAssessment
from organisations.models import RECORDS_FLOOR
from sessions_log.models import Attendance, SupportSession
from toolkit.models import Resource

HOSTILE = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE learners_learner; --",
    "\x00",
    "\u202e\u200b",
    "𝕏" * 400,
    "../../etc/passwd",
    "%s%s%n",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "2014-12-31",
    "10000-01-01",
    "0000-00-00",
    "31/12/9999",
    "01/01/0001",
    "1970-01-01",
    "25:61",
    "javascript:alert(1)",
    "null",
    "[]",
    "{}",
]
value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
values = st.one_of(value, st.lists(value, max_size=3))

# Dates: the clock is pinned (00:30 UK time on 1 July 2027, still 30 June in UTC) so the tests
# mean the same on any day. Any day from year 1 to 9999, days around today and the edges of the
# window (1 January 2015 to a year ahead), and text that is no date at all.
UK = ZoneInfo("Europe/London")
MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=UK)
TODAY = date(2027, 7, 1)
AHEAD = TODAY + timedelta(days=365)
EDGES = [RECORDS_FLOOR, RECORDS_FLOOR - timedelta(days=1), TODAY, TODAY + timedelta(days=1)]
EDGES += [TODAY - timedelta(days=1), AHEAD, AHEAD + timedelta(days=1)]
NOT_DATES = ["", "not a date", "2026-02-30", "2026-13-01", "0000-00-00", "10000-01-01"]
a_date = st.one_of(
    st.dates(),
    st.sampled_from(EDGES),
    st.integers(min_value=-800, max_value=800).map(lambda n: TODAY + timedelta(days=n)),
)
date_text = st.one_of(a_date.map(date.isoformat), st.sampled_from(NOT_DATES))
date_values = st.one_of(date_text, value)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(text: str) -> date | None:
    """The date a YYYY-MM-DD text means, or None if it means none."""
    try:
        return date.fromisoformat(text) if ISO.fullmatch(text) else None
    except ValueError:
        return None


def _in_window(day: date | None) -> bool:
    return day is not None and RECORDS_FLOOR <= day <= AHEAD


SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fields(names, **special) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional={name: special.get(name, values) for name in names})


def _ok(response):
    assert response.status_code in (200, 302, 400, 403, 404, 405, 413, 422), response.status_code


SESSION_FIELDS = [
    "status", "date", "start_time", "duration_minutes", "format", "mode", "venue", "learners",
    "new_learner_names", "anonymous_count", "topics", "skill_areas", "confidence_before",
    "confidence_after", "goal_met", "barriers", "device_support", "data_support", "signposting",
    "follow_up_needed", "follow_up_on", "cancel_reason", "cancel_note", "notes",
]  # fmt: skip


def _obeys_the_date_rule(session: SupportSession) -> None:
    assert _in_window(session.date), session.date
    if session.status in ("completed", "no_show"):
        assert session.date <= TODAY, session.date
    if session.status == "planned":
        assert session.date >= TODAY, session.date
    if session.follow_up_on is not None:
        assert session.date <= session.follow_up_on <= AHEAD, session.follow_up_on


@SETTINGS
@given(data=_fields(SESSION_FIELDS, date=date_values, follow_up_on=date_values))
@pytest.mark.django_db
def test_session_form_never_fails_and_never_half_saves(data, org_a, client_for):
    before = (SupportSession.objects.count(), Learner.objects.count(), Attendance.objects.count())
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.champion).post(reverse("sessions_log:create"), data)
    _ok(response)
    after = (SupportSession.objects.count(), Learner.objects.count(), Attendance.objects.count())
    if response.status_code != 302:
        assert after == before, "a refused form saved something"
        assert "There is a problem" in response.content.decode()
    else:
        _obeys_the_date_rule(SupportSession.objects.latest("pk"))


@SETTINGS
@given(
    status=st.sampled_from(["completed", "planned", "cancelled", "no_show"]),
    day=date_text,
    follow_up=st.one_of(st.none(), date_text),
)
@pytest.mark.django_db
def test_session_dates_nobody_could_mean_are_refused_and_nothing_stored(
    status, day, follow_up, org_a, client_for
):
    """A form otherwise right, with a hostile date: saved exactly when the date is one a
    champion could mean, refused (with the message beside the field) otherwise."""
    data = {
        "status": status,
        "date": day,
        "duration_minutes": "60",
        "format": "drop_in",
        "mode": "in_person",
        "anonymous_count": "3",
        "cancel_reason": "disruption" if status == "cancelled" else "",
    }
    if follow_up is not None:
        data.update(follow_up_needed="on", follow_up_on=follow_up)
    when = _day(day)
    meant = _in_window(when)
    if status in ("completed", "no_show") and meant:
        meant = when <= TODAY
    if status == "planned" and meant:
        meant = when >= TODAY
    if follow_up:
        follow_up_day = _day(follow_up)
        meant = meant and _in_window(follow_up_day) and follow_up_day >= when
    before = SupportSession.objects.count()
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.champion).post(reverse("sessions_log:create"), data)
    _ok(response)
    if meant:
        assert response.status_code == 302, response.content.decode()[-3000:]
        session = SupportSession.objects.latest("pk")
        assert session.date == when
        _obeys_the_date_rule(session)
        session.delete()
    else:
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="id_date_error"' in body or 'id="id_follow_up_on_error"' in body
        assert SupportSession.objects.count() == before, "a refused date was saved"


ASSESSMENT_FIELDS = [
    "assessed_on", "foundation", "communicating", "handling_information", "transacting",
    "problem_solving", "being_safe", "foundation_tasks", "life_areas_asked", "life_tasks",
]  # fmt: skip


@SETTINGS
@given(data=_fields(ASSESSMENT_FIELDS, assessed_on=date_values))
@pytest.mark.django_db
def test_self_assessment_never_fails_and_never_stores_a_date_nobody_meant(data, org_a, client_for):
    learner = Learner.objects.get_or_create(
        organisation=org_a.organisation, display_name="Hostile", defaults={"is_shared": True}
    )[0]
    before = SelfAssessment.objects.count()
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.champion).post(
            reverse("learners:assessment_create", args=[learner.public_id]), data
        )
    _ok(response)
    if response.status_code != 302:
        assert SelfAssessment.objects.count() == before
    else:
        assessed_on = SelfAssessment.objects.latest("pk").assessed_on
        assert RECORDS_FLOOR <= assessed_on <= TODAY, assessed_on


LEARNER_FIELDS = [
    "display_name", "postcode_district", "age_band", "gender", "employment_status",
    "first_language_english", "heard_from", "contact_email", "contact_phone", "disability",
    "is_shared", "consent_method", "contact_consent", "special_category_consent", "media_consent",
]  # fmt: skip


@SETTINGS
@given(data=_fields(LEARNER_FIELDS))
@pytest.mark.django_db
def test_learner_form_never_fails_and_never_half_saves(data, org_a, client_for):
    before = (Learner.objects.count(), Consent.objects.count())
    response = client_for(org_a.champion).post(reverse("learners:create"), data)
    _ok(response)
    if response.status_code != 302:
        assert (Learner.objects.count(), Consent.objects.count()) == before
    else:
        learner = Learner.objects.latest("pk")
        # Whatever got through obeys the consent rules.
        if learner.contact_email or learner.contact_phone:
            assert learner.consents.filter(kind=Consent.Kind.CONTACT).exists()
        if learner.disability:
            assert learner.consents.filter(kind=Consent.Kind.SPECIAL_CATEGORY).exists()


CSV_HEADER = (
    "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
    "learner_reference,anonymous_count,confidence_before,confidence_after,venue,champion_email"
)
csv_cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)).map(
    lambda v: v.replace("\n", " ").replace("\r", " ")
)


@SETTINGS
@given(
    rows=st.lists(st.lists(csv_cell, min_size=0, max_size=16), max_size=5),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
    name=st.sampled_from(["sessions.csv", "sessions.xlsx", "a.exe", "", "..csv"]),
)
@pytest.mark.django_db
def test_csv_import_never_fails_and_saves_nothing_on_a_dry_run(rows, raw, name, org_a, client_for):
    import csv
    import io

    if raw is None:
        buffer = io.StringIO()
        buffer.write(CSV_HEADER + "\n")
        csv.writer(buffer).writerows(rows)
        raw = buffer.getvalue().encode("utf-8", "surrogatepass")
    upload = SimpleUploadedFile(name or "x", raw, content_type="text/csv")
    response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": upload})
    _ok(response)
    # The first step only checks and previews: nothing is saved until the PM confirms.
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


@pytest.mark.django_db
def test_csv_import_refuses_a_nul_anywhere_in_the_file(org_a, client_for):
    """Past the first few kilobytes too: the row would otherwise pass the check and fail in
    PostgreSQL on "Import"."""
    row = f"{TODAY - timedelta(days=1)},60,drop_in,in_person,completed,,,,,3,,,Library,\n"
    text = CSV_HEADER + "\n" + row * 100 + row.replace("Library", "Lib\x00rary")
    assert text.index("\x00") > 4096
    upload = SimpleUploadedFile("sessions.csv", text.encode())
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": upload})
    assert response.status_code == 200
    assert "This does not look like a CSV file" in response.content.decode()
    assert "token" not in response.context
    assert not SupportSession.objects.exists()


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(st.one_of(date_text, csv_cell), st.sampled_from(["completed", "planned"])),
        min_size=1,
        max_size=6,
    )
)
@pytest.mark.django_db
def test_csv_import_dry_run_lists_each_date_nobody_meant_and_saves_nothing(rows, org_a, client_for):
    """Rows otherwise right: the dry run lists a row exactly when its date is one nobody could
    mean, and saves nothing either way."""
    lines = [CSV_HEADER]
    for day, status in rows:
        lines.append(f'"{day.replace(chr(34), "")}",60,drop_in,in_person,{status},,,,,3,,,,')
    text = "\n".join(lines) + "\n"
    upload = SimpleUploadedFile("sessions.csv", text.encode("utf-8", "surrogatepass"))
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": upload})
    _ok(response)
    assert not SupportSession.objects.exists() and not Learner.objects.exists()
    if "problems" not in (response.context or {}):
        return  # the file as a whole was refused (e.g. a cell broke the CSV)
    listed = {r.number for r in response.context["problems"]}
    for number, (day, status) in enumerate(rows, start=2):
        when = _day(day.replace('"', "").strip())
        meant = _in_window(when) and (when <= TODAY if status == "completed" else when >= TODAY)
        if not meant and when is not None:
            assert number in listed, (number, day, status)
        if meant:
            assert number not in listed, (number, day, status)


@SETTINGS
@given(typed=date_values)
@pytest.mark.django_db
def test_records_start_setting_never_fails_and_stays_in_bounds(typed, org_a, client_for):
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(
            reverse("organisations:settings"),
            {
                "name": "Organisation A",
                "reminder_after_days": "14",
                "retention_months": "24",
                "records_start": typed,
            },
        )
    _ok(response)
    org_a.organisation.refresh_from_db()
    assert RECORDS_FLOOR <= org_a.organisation.records_start <= TODAY


RESOURCE_FIELDS = [
    "title", "summary", "body", "resource_type", "audiences", "skill_areas", "topics",
    "language", "minutes", "external_url", "cover_alt", "is_featured", "translation",
]  # fmt: skip


@SETTINGS
@given(
    data=_fields(RESOURCE_FIELDS),
    content=st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"MZ\x90\x00", b"PK\x03\x04", b"<svg onload=x>"]),
    ),
    name=st.sampled_from(["a.pdf", "a.docx", "a.txt", "a.png", "a.exe", "a.pdf.exe", "a"]),
)
@pytest.mark.django_db
def test_toolkit_upload_never_fails_and_never_half_saves(
    data, content, name, network_admin, client_for
):
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {**data, "file": SimpleUploadedFile(name, content)},
    )
    _ok(response)
    if response.status_code != 302:
        assert not Resource.objects.exists()
    else:
        resource = Resource.objects.get()
        # Only a file whose contents matched its type could get through.
        assert resource.file_content_type
        Resource.objects.all().delete()


def _last(typed):
    """What a form reads from a posted value: a list's last item, nothing for an empty list."""
    if isinstance(typed, list):
        return typed[-1].replace("\x00", "") if typed else ""
    return typed.replace("\x00", "")


score = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "5", "²", "٣", "３", "0", "6", " 3", "3\x00"]), value
)
scores = st.one_of(score, st.lists(score, max_size=2))


@SETTINGS
@given(before=scores, after=scores, goal=st.one_of(st.sampled_from(["yes", "no"]), values))
@pytest.mark.django_db
def test_group_scores_never_fail_and_store_only_1_to_5(before, after, goal, org_a, client_for):
    """The scores form on a group session's page: a score is stored exactly when it is one of
    the ASCII digits 1 to 5 (or blank); anything else is a message beside the field."""
    session = SupportSession.objects.create(
        organisation=org_a.organisation,
        champion=org_a.champion,
        format="group",
        status="completed",
        date=TODAY,
        duration_minutes=60,
    )
    learner = Learner.objects.create(organisation=org_a.organisation, display_name="Group")
    attendance = Attendance.objects.create(
        organisation=org_a.organisation, session=session, learner=learner, date=TODAY
    )
    pk = attendance.pk
    response = client_for(org_a.champion).post(
        reverse("sessions_log:attendance_scores", args=[session.public_id]),
        {f"before_{pk}": before, f"after_{pk}": after, f"goal_{pk}": goal},
    )
    _ok(response)
    attendance.refresh_from_db()
    typed = (_last(before), _last(after))
    valid = all(t in ("", "1", "2", "3", "4", "5") for t in typed) and _last(goal) in (
        "",
        "yes",
        "no",
    )
    if valid:
        assert response.status_code == 302
        assert (attendance.confidence_before, attendance.confidence_after) == tuple(
            int(t) if t else None for t in typed
        )
    else:
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
        assert (attendance.confidence_before, attendance.confidence_after) == (None, None)


DRAFT_KEYS = st.one_of(
    st.sampled_from([*SESSION_FIELDS, "csrfmiddlewaretoken", "q", "learner_label:x", "\x00"]),
    st.text(max_size=40),
)


@SETTINGS
@given(data=st.dictionaries(DRAFT_KEYS, values, max_size=12))
@pytest.mark.django_db
def test_draft_autosave_never_fails_and_keeps_only_the_forms_fields(data, org_a, client_for):
    from sessions_log import services
    from sessions_log.models import SessionDraft

    response = client_for(org_a.champion).post(reverse("sessions_log:draft"), data)
    _ok(response)
    if response.status_code != 200:
        return
    assert response.json()["saved"] in (True, False)
    draft = SessionDraft.objects.filter(champion=org_a.champion).first()
    if draft is None:
        return  # a "discard" key cleared it
    limits = services._draft_fields()
    for key, stored in draft.data.items():
        if key.startswith("learner_label:"):
            assert key.removeprefix("learner_label:") in draft.data.get("learners", [])
            continue
        assert key in limits, key
        many, limit = limits[key]
        for item in stored if many else [stored]:
            assert "\x00" not in item and len(item) <= limit, (key, item)
    assert SessionDraft.objects.filter(champion=org_a.champion).count() == 1


JSON_ENDPOINTS = [
    ("sessions_log:draft", "champion"),
    ("session_extend", "champion"),
    ("healthz", None),
    ("privacy:learner_export_json", "pm"),
]


@SETTINGS
@given(
    endpoint=st.sampled_from(JSON_ENDPOINTS),
    method=st.sampled_from(["get", "post"]),
    data=st.dictionaries(value, values, max_size=6),
    body=st.one_of(st.none(), st.sampled_from(HOSTILE), st.text(max_size=200)),
)
@pytest.mark.django_db
def test_json_endpoints_never_fail(endpoint, method, data, body, org_a, client, client_for):
    """Every endpoint that answers JSON, with a hostile query string or form, or a hostile body
    sent as JSON: never a server error, and JSON whenever it answers 200."""
    name, who = endpoint
    args = []
    if name == "privacy:learner_export_json":
        learner = Learner.objects.get_or_create(
            organisation=org_a.organisation, display_name="Export", defaults={"is_shared": True}
        )[0]
        args = [learner.public_id]
    browser = client_for(getattr(org_a, who)) if who else client
    url = reverse(name, args=args)
    if body is not None and method == "post":
        response = browser.post(url, body, content_type="application/json")
    else:
        response = getattr(browser, method)(url, data)
    # 401: session_extend's answer once signed out; 503: healthz's when a service is down.
    assert response.status_code in (200, 302, 400, 401, 403, 404, 405, 503), response.status_code
    if response.status_code == 200:
        assert response["Content-Type"].startswith("application/json")
        response.json()


BATCH_FIELDS = [
    "status",
    "date",
    "duration_minutes",
    "format",
    "mode",
    "venue",
    "learners",
    "new_learner_names",
    "anonymous_count",
    "topics",
    "confidence_before",
    "follow_up_on",
    "cancel_reason",
    "notes",
]
BATCH_ITEM = st.fixed_dictionaries(
    {
        "key": value,
        "session": st.dictionaries(st.sampled_from(BATCH_FIELDS), values, max_size=8),
    },
    optional={"complete": value},
)


@SETTINGS
@given(items=st.lists(BATCH_ITEM, max_size=4))
@pytest.mark.django_db
def test_a_batch_of_hostile_sessions_is_answered_item_by_item(items, org_a, client_for):
    """The offline sync's batch (api.receiving): a hostile batch is one clear 400, a hostile
    item its own answer; never a server error, and each session stored whole or not at all."""
    before = SupportSession.objects.count()
    response = client_for(org_a.champion).post(
        reverse("api:session_batch"), {"items": items}, content_type="application/json"
    )
    assert response.status_code in (200, 400), response.status_code
    if response.status_code != 200:
        assert SupportSession.objects.count() == before
        return
    results = response.json()["results"]
    assert len(results) == len(items)
    assert {r["status"] for r in results} <= {200, 201, 400, 403, 404, 409, 422}
    made = {r["body"]["id"] for r in results if r["status"] == 201}
    assert SupportSession.objects.count() == before + len(made)
    for session in SupportSession.objects.filter(public_id__in=made):
        assert session.people_count == session.attendances.count() + session.anonymous_count


TEAM_ACTIONS = ["team_member_add", "team_member_move", "team_member_remove"]


@SETTINGS
@given(
    action=st.sampled_from(TEAM_ACTIONS),
    data=_fields(["membership", "team", "name"], membership=value, team=value),
    pick=st.sampled_from(["none", "own", "theirs"]),
)
@pytest.mark.django_db
def test_team_member_forms_never_fail_and_keep_people_in_their_own_organisation(
    action, data, pick, org_a, org_b, client_for
):
    """The team page's add and move forms, with hostile values or another organisation's ids:
    never a server error, and every member stays in a team of their own organisation."""
    from organisations.models import Membership

    team = org_a.champion_membership.team
    if pick == "own":
        data = {**data, "membership": org_a.pm_membership.public_id, "team": team.public_id}
    elif pick == "theirs":
        theirs = org_b.champion_membership
        data = {**data, "membership": theirs.public_id, "team": theirs.team.public_id}
    kwargs = {"public_id": team.public_id}
    if action != "team_member_add":
        kwargs["member_id"] = org_a.champion_membership.public_id
    response = client_for(org_a.pm).post(reverse(f"organisations:{action}", kwargs=kwargs), data)
    _ok(response)
    for membership in Membership.objects.select_related("team"):
        assert membership.team is None or membership.team.organisation_id == (
            membership.organisation_id
        )
    assert (
        Membership.objects.get(pk=org_b.champion_membership.pk).team
        == org_b.champion_membership.team
    )


UK_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y", "%Y-%m-%d"]


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(a_date, st.sampled_from(UK_FORMATS), st.sampled_from(["completed", "planned"])),
        min_size=1,
        max_size=6,
    )
)
@pytest.mark.django_db
def test_csv_import_reads_uk_dates_and_lists_each_one_nobody_meant(rows, org_a, client_for):
    """Dates written the UK ways (12/10/2026, 12-10-2026, 12 Oct 2026) and ISO mean the same
    day, and the dry run lists a row exactly when that day is one nobody could mean."""
    lines = [CSV_HEADER]
    for day, fmt, status in rows:
        typed = f"{day.day:02d}{day.strftime(fmt[2:])}" if fmt.startswith("%d") else None
        typed = typed or f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
        lines.append(f'"{typed}",60,drop_in,in_person,{status},,,,,3,,,,')
    upload = SimpleUploadedFile("sessions.csv", ("\n".join(lines) + "\n").encode())
    with time_machine.travel(MOMENT, tick=False):
        response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": upload})
    _ok(response)
    assert not SupportSession.objects.exists() and not Learner.objects.exists()
    results = response.context["results"]
    listed = {r.number for r in response.context["problems"]}
    for number, ((day, _fmt, status), result) in enumerate(
        zip(rows, results, strict=True), start=2
    ):
        if day.year < 1000:
            continue  # four-digit years only; a year 999 is refused as unreadable
        assert result.data["date"] == day, (day, _fmt)
        meant = _in_window(day) and (day <= TODAY if status == "completed" else day >= TODAY)
        assert (number in listed) == (not meant), (number, day, status)


@SETTINGS
@given(data=_fields(["reason"]))
@pytest.mark.django_db
def test_hiding_a_learners_answer_never_fails_and_needs_a_listed_reason(data, org_a, client_for):
    from feedback.models import FeedbackLink, HideReason, LearnerFeedback
    from feedback.services import feedback_submit

    link, _ = FeedbackLink.objects.get_or_create(organisation=org_a.organisation)
    answer = feedback_submit(link=link, data={"more_confident": "yes"})
    response = client_for(org_a.pm).post(
        reverse("feedback:hide_answer", args=[answer.public_id]), data
    )
    _ok(response)
    answer = LearnerFeedback.objects.get(pk=answer.pk)
    chosen = data.get("reason")
    if isinstance(chosen, list):  # a repeated field: the form reads the last
        chosen = chosen[-1] if chosen else None
    if chosen in HideReason.values:
        assert answer.hidden_at is not None and answer.hidden_reason == chosen
    else:
        assert answer.hidden_at is None and answer.hidden_reason == ""


OUTCOME_FIELDS = ["can_do_alone", "services_used", "what_followed", "from"]


@SETTINGS
@given(data=_fields(OUTCOME_FIELDS))
@pytest.mark.django_db
def test_a_follow_up_check_never_fails_and_stores_only_listed_answers(data, org_a, client_for):
    from outcomes.models import OutcomeCheck
    from outcomes.vocabulary import CanDoAlone, OnlineService, Progression

    learner = Learner.objects.get_or_create(
        organisation=org_a.organisation, display_name="Hostile", defaults={"is_shared": True}
    )[0]
    OutcomeCheck.objects.filter(learner=learner).delete()
    response = client_for(org_a.champion).post(
        reverse("outcomes:check", args=[learner.public_id]), data
    )
    _ok(response)
    found = OutcomeCheck.objects.filter(learner=learner).first()
    if response.status_code == 302:
        assert found.can_do_alone in CanDoAlone.values
        assert set(found.services_used) <= set(OnlineService.values)
        assert set(found.what_followed) <= set(Progression.values)
    else:
        assert found is None, "a refused follow-up was saved"
        assert "There is a problem" in response.content.decode()


@SETTINGS
@given(data=_fields(["check_after_weeks"]))
@pytest.mark.django_db
def test_the_follow_up_interval_never_fails_and_stays_4_to_12_weeks(data, org_a, client_for):
    from outcomes.models import OutcomeSettings

    response = client_for(org_a.pm).post(reverse("outcomes:settings"), data)
    _ok(response)
    found = OutcomeSettings.objects.filter(organisation=org_a.organisation).first()
    if response.status_code == 302:
        assert 4 <= found.check_after_weeks <= 12


STORY_FIELDS = [
    "what_they_wanted", "what_changed", "quote", "photo_alt", "uses", "method",
    "what_they_were_told",
]  # fmt: skip


@SETTINGS
@given(data=_fields(STORY_FIELDS))
@pytest.mark.django_db
def test_a_story_never_fails_and_is_whole_or_not_saved(data, org_a, client_for):
    from stories.models import Story, StoryConsent, StoryUse

    learner = Learner.objects.get_or_create(
        organisation=org_a.organisation, display_name="Hostile", defaults={"is_shared": True}
    )[0]
    before = (Story.objects.count(), StoryConsent.objects.count())
    response = client_for(org_a.champion).post(
        reverse("stories:create", args=[learner.public_id]), data
    )
    _ok(response)
    if response.status_code == 302:
        story = Story.objects.latest("pk")
        uses = set(story.consents.values_list("use", flat=True))
        assert uses and uses <= set(StoryUse.values)
        assert uses & {StoryUse.ORGANISATION_REPORT, StoryUse.NETWORK}
        assert story.what_they_wanted.strip() and story.what_changed.strip()
        story.delete()
    else:
        assert (Story.objects.count(), StoryConsent.objects.count()) == before
        assert "There is a problem" in response.content.decode()


@SETTINGS
@given(
    content=st.one_of(
        st.binary(max_size=200), st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"<svg/>"])
    ),
    name=st.sampled_from(["logo.png", "logo.jpg", "logo.webp", "logo.svg", "logo", "../logo.png"]),
)
@pytest.mark.django_db
def test_a_logo_upload_never_fails_and_keeps_only_real_images(content, name, org_a, client_for):
    from impact.models import ReportLogo

    upload = SimpleUploadedFile(name, content)
    response = client_for(org_a.pm).post(reverse("impact:logo"), {"image": upload})
    _ok(response)
    if response.status_code != 302:
        assert not ReportLogo.objects.exists(), "a refused logo was kept"
        assert "There is a problem" in response.content.decode()


WEBHOOK_URLS = st.one_of(
    value,
    st.sampled_from(
        [
            "https://hooks.example.org/portal",
            "http://hooks.example.org/portal",
            "https://127.0.0.1:8000/",
            "https://[::1]/",
            "https://10.0.0.8/x",
            "https://u:p@hooks.example.org/",
            "file:///etc/passwd",
            "gopher://example.org/",
            "https://" + "a" * 600 + ".example.org/",
        ]
    ),
)


@SETTINGS
@given(data=_fields(["url", "description", "events"], url=WEBHOOK_URLS))
@pytest.mark.django_db
def test_webhook_endpoint_form_never_fails_and_keeps_to_public_https(data, org_a, client_for):
    from api.models import SUBSCRIBABLE_EVENTS, WebhookEndpoint
    from api.webhook_http import url_problem

    before = WebhookEndpoint.objects.count()
    response = client_for(org_a.pm).post(reverse("api:webhooks"), data)
    _ok(response)
    added = WebhookEndpoint.objects.count() - before
    if "the only time it is shown" in response.content.decode():
        endpoint = WebhookEndpoint.objects.latest("pk")
        assert added == 1 and url_problem(endpoint.url) is None
        assert endpoint.url.startswith("https://") and len(endpoint.url) <= 500
        assert set(endpoint.events) <= {code for code, _ in SUBSCRIBABLE_EVENTS}
        assert endpoint.organisation == org_a.organisation
    else:
        assert added == 0, "a refused form saved something"
        assert "There is a problem" in response.content.decode()
