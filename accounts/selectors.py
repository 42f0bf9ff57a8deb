"""Reads about people's accounts."""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef

from core.vocabulary import Role

from .models import User


def _authenticators():
    # Recovery codes alone are a fallback, not an authenticator one signs in with.
    return Authenticator.objects.exclude(type=Authenticator.Type.RECOVERY_CODES)


def user_has_authenticator(user) -> bool:
    return _authenticators().filter(user=user).exists()


@dataclass(frozen=True)
class AuthenticatorDuty:
    is_project_manager: bool
    has_authenticator: bool


def user_authenticator_duty(user) -> AuthenticatorDuty:
    """In one query: is the person a project manager of an active organisation (they can see,
    export and erase learners' data, so their account needs an authenticator whichever
    organisation they are looking at), and have they an authenticator?"""
    from organisations.models import Membership

    is_pm, has_authenticator = (
        User.objects.filter(pk=user.pk)
        .annotate(
            is_pm=Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"),
                    role=Role.PROJECT_MANAGER,
                    is_active=True,
                    organisation__is_active=True,
                )
            ),
            has_authenticator=Exists(_authenticators().filter(user=OuterRef("pk"))),
        )
        .values_list("is_pm", "has_authenticator")
        .get()
    )
    return AuthenticatorDuty(is_project_manager=is_pm, has_authenticator=has_authenticator)
