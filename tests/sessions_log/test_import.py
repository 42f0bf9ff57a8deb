"""The CSV import forgives (issue 20 point 9): UK dates, values in words or codes, every problem
of a row at once, a preview before anything is saved, one batch that lands on its sessions and
can be undone within a day. The clock is pinned so the dates mean the same on any day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from core.models import AuditEvent
from core.vocabulary import CancelReason, Mode, SessionFormat, SessionStatus, Topic
from impact import selectors as impact
from impact.periods import Period
from learners.models import Learner
from sessions_log import importing
from sessions_log.models import ImportBatch, SupportSession
from tests.factories import MembershipFactory
from tests.sessions_log.factories import SupportSessionFactory

MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
TODAY = date(2027, 7, 1)
HEADER = (
    "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
    "learner_reference,anonymous_count,confidence_before,confidence_after,venue,"
    "champion_email\n"
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _upload(text: str, name="sessions.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _check(client, text):
    return client.post(reverse("sessions_log:import"), {"file": _upload(text)})


def _import(client, text):
    checked = _check(client, text)
    assert "token" in checked.context, [r.errors for r in checked.context.get("problems", [])]
    return client.post(reverse("sessions_log:import"), {"token": checked.context["token"]})


def test_template_lists_every_allowed_value_in_words_and_code(org_a, client_for):
    response = client_for(org_a.pm).get(reverse("sessions_log:import_template"))
    text = response.content.decode()
    assert text.startswith("date,duration_minutes")
    for vocab in (SessionFormat, Mode, SessionStatus, CancelReason, Topic):
        for code, words in vocab.choices:
            assert f"{words} ({code})" in text, (code, words)
    assert "14/09/2026" in text


def test_the_template_imports_as_it_is(org_a, client_for):
    """Its example row and its notes (rows starting with #) check without a problem."""
    template = client_for(org_a.pm).get(reverse("sessions_log:import_template")).content.decode()
    response = _check(client_for(org_a.pm), template)
    assert len(response.context["results"]) == 1 and not response.context["problems"]


def test_page_lists_every_allowed_value_in_words_and_code(org_a, client_for):
    body = client_for(org_a.pm).get(reverse("sessions_log:import")).content.decode()
    for vocab in (SessionFormat, Mode, SessionStatus, CancelReason, Topic):
        for code, words in vocab.choices:
            assert f"<td>{words}</td><td><code>{code}</code></td>" in body, code


@pytest.mark.parametrize(
    "typed",
    ["12/06/2027", "12-06-2027", "12.06.2027", "12 Jun 2027", "12 June 2027", "12th June 2027",
     "2027-06-12", " 12/6/2027 "],
)  # fmt: skip
def test_uk_dates_are_accepted(typed, org_a, client_for):
    response = _check(client_for(org_a.pm), HEADER + f"{typed},45,,,,,,,,0,,,,\n")
    (row,) = response.context["results"]
    assert row.errors == [] and row.data["date"] == date(2027, 6, 12)


@pytest.mark.parametrize("typed", ["12/06/27", "31/02/2027", "06/13/2027", "12 Jum 2027", "soon"])
def test_dates_nobody_could_read_say_how_to_write_one(typed, org_a, client_for):
    response = _check(client_for(org_a.pm), HEADER + f"{typed},45,,,,,,,,0,,,,\n")
    (row,) = response.context["problems"]
    assert row.errors == [
        f"Date: “{typed}” is not a date like 12/10/2026, 12 Oct 2026 or 2026-10-12 (day before "
        "month)."
    ]


def test_dates_are_judged_by_the_one_rule(org_a, client_for):
    """A date read right is still refused when nobody could mean it (organisations/dates.py)."""
    text = HEADER + "02/07/2027,45,,,completed,,,,,0,,,,\n30/06/2027,45,,,planned,,,,,1,,,,\n"
    problems = _check(client_for(org_a.pm), text).context["problems"]
    assert [len(r.errors) for r in problems] == [1, 1]
    assert "cannot be in the future" in problems[0].errors[0]
    assert "cannot be in the past" in problems[1].errors[0]


def test_values_in_words_or_codes_in_any_case(org_a, client_for):
    text = HEADER + (
        "12/06/2027,45,Group,video call,CANCELLED,Weather or disruption,"
        "Online banking; SCAMS;nhs_app,,,3,,,Library,\n"
    )
    (row,) = _check(client_for(org_a.pm), text).context["results"]
    assert row.errors == []
    data = row.data
    assert (data["format"], data["mode"], data["status"]) == ("group", "video", "cancelled")
    assert data["cancel_reason"] == "disruption"
    assert data["topics"] == ["online_banking", "scams", "nhs_app"]


def test_every_problem_of_a_row_is_listed_at_once_and_nothing_saved(org_a, client_for):
    text = HEADER + (
        "12/06/2027,45,one_to_one,in_person,completed,,online_banking,Mrs P,,0,2,4,Library,\n"
        # Every field wrong at once: each is listed, none hides another.
        "not-a-date,0,teleport,carrier pigeon,done,,teleportation,,L-NOSUCH,x,9,7,,a@else.example\n"
        # A bad date does not hide the rest of the row's problems.
        "soon,0,one_to_one,in_person,completed,,,JD,,0,,,,\n"
    )
    response = _check(client_for(org_a.pm), text)
    body = response.content.decode()
    assert "2 of 3 rows have a problem. Nothing has been saved." in body
    first, second = response.context["problems"]
    assert first.number == 3 and second.number == 4
    joined = " | ".join(first.errors)
    for expected in (
        "Date: “not-a-date” is not a date",
        "Duration: Enter a duration between 1 minute and 8 hours.",
        "Format: “teleport” is not one of One-to-one (one_to_one), Group (group)",
        "Mode: “carrier pigeon” is not one of",
        "Status: “done” is not one of",
        "Anonymous people: “x” is not a whole number.",
        "Topic: “teleportation” is not one of",
        "Learner reference “L-NOSUCH” is not one of yours.",
        "Champion “a@else.example” is not a member of your organisation.",
        "Confidence before: Choose a number from 1 to 5.",
        "Confidence after: Choose a number from 1 to 5.",
    ):
        assert expected in joined, expected
    assert len(second.errors) == 2  # the date, and the duration
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


def test_preview_shows_what_will_be_saved_before_anything_is(org_a, client_for):
    text = HEADER + (
        "12/06/2027,45,One-to-one,In person,Completed,,online_banking;scams,Mrs P,,0,2,4,"
        "Central library,\n"
        f"13 Jun 2027,60,group,phone,completed,,email,,,6,,,Hub,{org_a.champion.email}\n"
    )
    response = _check(client_for(org_a.pm), text)
    body = response.content.decode()
    assert "All 2 rows are ready to import." in body and "What will be saved" in body
    assert "12 Jun 2027" in body and "13 Jun 2027" in body
    assert "Online banking; Scams and staying safe" in body
    assert "Mrs P (new learner record)" in body and "6 without a record" in body
    assert "Central library" in body and escape(org_a.champion.display_name) in body
    assert "Import 2 sessions" in body
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


def test_import_is_one_batch_and_lands_on_its_sessions(org_a, client_for):
    text = HEADER + (
        "12/06/2027,45,one_to_one,in_person,completed,,online_banking;scams,Mrs P,,0,2,4,Lib,\n"
        f"13/06/2027,60,group,in_person,completed,,email,,,6,,,Hub,{org_a.champion.email}\n"
    )
    client = client_for(org_a.pm)
    response = _import(client, text)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("sessions_log:import_batch", args=[batch.public_id])
    assert (batch.organisation, batch.imported_by, batch.session_count) == (
        org_a.organisation,
        org_a.pm,
        2,
    )
    assert batch.file_name == "sessions.csv"
    assert set(SupportSession.objects.values_list("import_batch", flat=True)) == {batch.pk}
    assert SupportSession.objects.get(format="group").champion == org_a.champion
    assert Learner.objects.get().display_name == "Mrs P"
    page = client.get(response["Location"]).content.decode()
    assert "Imported 2 sessions. Here they are." in page
    assert "2 imported sessions" in page and "Undo this import" in page
    for session in SupportSession.objects.all():
        assert reverse("sessions_log:detail", args=[session.public_id]) in page
    created = AuditEvent.objects.get(
        action=AuditEvent.Action.CREATE, target_type="sessions_log.ImportBatch"
    )
    assert created.detail == {"imported_sessions": 2} and created.actor == org_a.pm
    # The token is single-use: importing again does nothing.
    token = _check(client, text).context["token"]
    client.post(reverse("sessions_log:import"), {"token": token})
    client.post(reverse("sessions_log:import"), {"token": token})
    assert SupportSession.objects.count() == 4 and ImportBatch.objects.count() == 2


def test_undo_within_a_day_removes_the_batch_from_every_figure(org_a, client_for):
    client = client_for(org_a.pm)
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=date(2027, 6, 1),
        anonymous_count=1,
        people_count=1,
    )  # logged by hand: the undo leaves it alone
    text = HEADER + "12/06/2027,45,,,,,,Mrs P,,0,,,,\n13/06/2027,30,drop_in,,,,,,,4,,,,\n"
    _import(client, text)
    batch = ImportBatch.objects.get()
    june = Period(start=date(2027, 6, 1), end=date(2027, 6, 30))
    before = impact.organisation_headline(organisation=org_a.organisation, period=june)
    assert before.sessions_completed == 3 and before.people_supported == 6
    learner = Learner.objects.get()
    assert learner.session_count == 1
    # 23 hours later (the batch's clock moved back: the PM's session would time out meanwhile).
    ImportBatch.objects.filter(pk=batch.pk).update(imported_at=MOMENT - timedelta(hours=23))
    response = client.post(reverse("sessions_log:import_undo", args=[batch.public_id]))
    assert response["Location"] == reverse("sessions_log:import_batch", args=[batch.public_id])
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by == org_a.pm
    assert SupportSession.objects.live().count() == 1  # only the one logged by hand
    after = impact.organisation_headline(organisation=org_a.organisation, period=june)
    assert after.sessions_completed == 1 and after.people_supported == 1
    learner.refresh_from_db()
    assert learner.session_count == 0  # the learner's counts follow the service
    # Each session's history says it was deleted, by whom.
    for session in batch.sessions.all():
        assert session.revisions.get().action == "delete"
        assert session.deleted_by == org_a.pm
    undone = AuditEvent.objects.get(action=AuditEvent.Action.DELETE)
    assert undone.detail == {"undone_import_sessions": 2} and undone.actor == org_a.pm
    page = client.get(reverse("sessions_log:import_batch", args=[batch.public_id]))
    assert "This import was undone" in page.content.decode()
    # Twice is a message, not a second undo.
    again = client.post(reverse("sessions_log:import_undo", args=[batch.public_id]), follow=True)
    assert "undone already" in again.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).count() == 1


def test_undo_after_a_day_is_refused(org_a, client_for):
    client = client_for(org_a.pm)
    _import(client, HEADER + "12/06/2027,45,,,,,,,,0,,,,\n")
    batch = ImportBatch.objects.get()
    # A day and a minute ago (the batch's clock moved back: the PM's session would time out).
    ImportBatch.objects.filter(pk=batch.pk).update(imported_at=MOMENT - timedelta(1, minutes=1))
    page = client.get(reverse("sessions_log:import_batch", args=[batch.public_id]))
    assert "Undo this import" not in page.content.decode()
    response = client.post(reverse("sessions_log:import_undo", args=[batch.public_id]), follow=True)
    assert "only within a day" in response.content.decode()
    assert SupportSession.objects.live().count() == 1


def test_blank_rows_are_skipped(org_a, client_for):
    text = HEADER + "12/06/2027,45,,,,,,,,0,,,,\n,,,,,,,,,,,,,\n# a note,,,\n"
    response = _check(client_for(org_a.pm), text)
    assert len(response.context["results"]) == 1 and not response.context["problems"]


def test_wrong_kind_of_file(org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("sessions_log:import"), {"file": _upload("%PDF-1.4\x00binary", name="x.pdf")}
    )
    assert b"Choose a CSV file" in response.content


def test_champions_cannot_import_or_see_or_undo_a_batch(org_a, client_for):
    batch = ImportBatch.objects.create(organisation=org_a.organisation, imported_by=org_a.pm)
    client = client_for(org_a.champion)
    assert client.get(reverse("sessions_log:import")).status_code == 403
    assert (
        client.get(reverse("sessions_log:import_batch", args=[batch.public_id])).status_code == 403
    )
    assert (
        client.post(reverse("sessions_log:import_undo", args=[batch.public_id])).status_code == 403
    )
    assert ImportBatch.objects.get().undone_at is None


def test_another_organisations_batch_is_not_found(org_a, org_b, client_for):
    theirs = ImportBatch.objects.create(organisation=org_b.organisation)
    client = client_for(org_a.pm)
    assert (
        client.get(reverse("sessions_log:import_batch", args=[theirs.public_id])).status_code == 404
    )
    assert (
        client.post(reverse("sessions_log:import_undo", args=[theirs.public_id])).status_code == 404
    )
    assert ImportBatch.objects.get().undone_at is None


def test_wrong_methods(org_a, client_for):
    batch = ImportBatch.objects.create(organisation=org_a.organisation)
    client = client_for(org_a.pm)
    assert (
        client.post(reverse("sessions_log:import_batch", args=[batch.public_id])).status_code == 405
    )
    assert (
        client.get(reverse("sessions_log:import_undo", args=[batch.public_id])).status_code == 405
    )
    assert client.post(reverse("sessions_log:import_template")).status_code == 405


def test_batch_page_queries_do_not_grow(org_a, client_for, django_assert_num_queries):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    _import(client, HEADER + "12/06/2027,45,,,,,,,,0,,,,\n")
    batch = ImportBatch.objects.get()
    url = reverse("sessions_log:import_batch", args=[batch.public_id])
    queries = [
        "django_session: the session",
        "accounts_user: the signed-in user",
        "organisations_membership: memberships (tenancy)",
        "sessions_log_importbatch: the batch, with who imported and undid it",
        "sessions_log_supportsession: counted (the paginator)",
        "sessions_log_supportsession: the page, with champion and team",
    ]
    client.get(url)  # the import's message is shown once
    with django_assert_num_queries(len(queries)):
        client.get(url)
    others = [MembershipFactory(organisation=org_a.organisation).user.email for _ in range(5)]
    rows = "".join(f"1{n}/06/2027,45,,,,,,,,0,,,,{email}\n" for n, email in enumerate(others))
    _import(client, HEADER + rows)
    newest = ImportBatch.objects.latest("imported_at")
    url = reverse("sessions_log:import_batch", args=[newest.public_id])
    client.get(url)
    with django_assert_num_queries(len(queries)):
        response = client.get(url)
    body = response.content.decode()
    for session in newest.sessions.all():
        assert reverse("sessions_log:detail", args=[session.public_id]) in body


def test_parse_date_formats():
    assert importing.parse_date("2027-6-1") == date(2027, 6, 1)
    assert importing.parse_date("1 Sept 2027") == date(2027, 9, 1)
    with pytest.raises(ValueError):
        importing.parse_date("")
