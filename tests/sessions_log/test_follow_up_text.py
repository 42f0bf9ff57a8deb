"""A follow-up says what and who: the learner, the task and the date with its year."""

from datetime import date

import time_machine
from django.urls import reverse

from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

UK = "Europe/London"


@time_machine.travel("2025-07-25 12:00 +01:00", tick=False)
def test_follow_ups_name_the_learner_the_task_and_the_date(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, display_name="A.B.")
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=date(2025, 7, 14),
        topics=["online_banking"],
        follow_up_needed=True,
        follow_up_on=date(2025, 7, 21),
    )
    AttendanceFactory(session=session, learner=learner)
    home = client_for(org_a.champion).get(reverse("home")).content.decode()
    assert "Follow up with A.B. about online banking — due 21 July 2025 (overdue)" in home
    pm_home = client_for(org_a.pm).get(reverse("home")).content.decode()
    assert "Follow up with A.B. about online banking — due 21 July 2025 (overdue)" in pm_home
