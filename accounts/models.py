import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, is_network_admin=True)
        return self._create_user(email, password, **extra_fields)


def display_name_of(*, name: str, email: str) -> str:
    """What the portal calls a person: their name, else their email's part before the @."""
    return name or email.split("@")[0]


class User(AbstractUser):
    """A person who signs in. The email address is the login; there is no username."""

    username = None
    first_name = None
    last_name = None
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("your name"), max_length=150, blank=True)
    is_network_admin = models.BooleanField(
        default=False,
        help_text=_("Staff of the network operator: manage organisations and the toolkit."),
    )
    # When a project manager without an authenticator was first let in without one: they have
    # accounts.mfa.PM_GRACE from then to set one up (accounts.services.user_mfa_grace_start).
    mfa_grace_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Blank until the person chooses: pages follow the browser, emails their organisation's
    # default (accounts.language.language_for).
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return display_name_of(name=self.name, email=self.email)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name.split(" ")[0]
