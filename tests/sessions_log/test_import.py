from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learners.models import Learner
from sessions_log.models import SupportSession

HEADER = (
    "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
    "learner_reference,anonymous_count,confidence_before,confidence_after,venue,"
    "champion_email\n"
)


def _upload(text: str, name="sessions.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_template_download(org_a, client_for):
    response = client_for(org_a.pm).get(reverse("sessions_log:import_template"))
    assert response.content.decode().startswith("date,duration_minutes")


def test_dry_run_lists_every_problem_and_saves_nothing(org_a, client_for):
    text = HEADER + (
        "2026-09-14,45,one_to_one,in_person,completed,,online_banking,Mrs P,,0,2,4,Library,\n"
        "2026-09-15,0,one_to_one,in_person,completed,,email,JD,,0,,,,\n"
        "not-a-date,30,group,in_person,completed,,,,,3,,,,\n"
        "2026-09-16,30,one_to_one,in_person,completed,,teleportation,AB,,0,9,,,\n"
        "2026-09-17,30,one_to_one,in_person,completed,,,CD,,0,,,,someone@else.example\n"
    )
    response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": _upload(text)})
    body = response.content.decode()
    assert "4 of 5 rows have a problem. Nothing has been saved." in body
    assert "between 1 minute and 8 hours" in body
    assert "is not a date like 2026-09-14" in body
    assert "“teleportation” is not one of" in body
    assert "Choose a number from 1 to 5" in body
    assert "is not a member of your organisation" in body
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


def test_good_file_is_imported_all_at_once(org_a, client_for):
    text = HEADER + (
        "2026-09-14,45,one_to_one,in_person,completed,,online_banking;scams,Mrs P,,0,2,4,Library,\n"
        f"2026-09-15,60,group,in_person,completed,,email,,,6,,,Hub,{org_a.champion.email}\n"
    )
    client = client_for(org_a.pm)
    checked = client.post(reverse("sessions_log:import"), {"file": _upload(text)})
    assert b"All 2 rows are ready to import" in checked.content
    assert not SupportSession.objects.exists()
    token = checked.context["token"]
    client.post(reverse("sessions_log:import"), {"token": token})
    assert SupportSession.objects.count() == 2
    assert SupportSession.objects.get(format="group").champion == org_a.champion
    assert Learner.objects.get().display_name == "Mrs P"
    # The token is single-use: importing again does nothing.
    client.post(reverse("sessions_log:import"), {"token": token})
    assert SupportSession.objects.count() == 2


def test_wrong_kind_of_file(org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("sessions_log:import"), {"file": _upload("%PDF-1.4\x00binary", name="x.pdf")}
    )
    assert b"Choose a CSV file" in response.content


def test_champions_cannot_import(org_a, client_for):
    assert client_for(org_a.champion).get(reverse("sessions_log:import")).status_code == 403
