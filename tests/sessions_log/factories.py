import factory
from django.utils import timezone

from core.vocabulary import SessionFormat, SessionStatus
from learners.models import Learner
from sessions_log.models import Attendance, SupportSession
from tests.factories import OrganisationFactory, UserFactory


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    organisation = factory.SubFactory(OrganisationFactory)
    display_name = factory.Sequence(lambda n: f"Learner {n}")


class SupportSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportSession

    organisation = factory.SubFactory(OrganisationFactory)
    champion = factory.SubFactory(UserFactory)
    status = SessionStatus.COMPLETED
    format = SessionFormat.ONE_TO_ONE
    date = factory.LazyFunction(timezone.localdate)
    duration_minutes = 45
    topics = ["email"]


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SupportSessionFactory)
    learner = factory.LazyAttribute(lambda a: LearnerFactory(organisation=a.session.organisation))
    organisation = factory.LazyAttribute(lambda a: a.session.organisation)
    date = factory.LazyAttribute(lambda a: a.session.date)
