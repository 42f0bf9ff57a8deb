"""Issue 19, point 7 (the Site and the sign-in page): the Site's name and domain come from settings
on migrate, and the sign-in page offers one "Forgotten your password?" link."""

from django.contrib.sites.models import Site
from django.core.management import call_command
from django.urls import reverse

from accounts.services import site_update_from_settings


def test_the_migrated_site_is_named_from_settings(db, settings):
    site = Site.objects.get_current()
    assert site.name == settings.SITE_NAME == "Digital Champions Portal"
    assert site.domain == "127.0.0.1:8000"


def test_migrate_takes_the_sites_name_and_domain_from_settings(db, settings):
    settings.SITE_NAME = "Champions of Somewhere"
    settings.SITE_URL = "https://champions.example.org/"
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate still runs
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.name, site.domain) == ("Champions of Somewhere", "champions.example.org")
    assert Site.objects.get_current().name == "Champions of Somewhere"


def test_an_edited_site_row_is_put_back(db, settings):
    Site.objects.filter(pk=settings.SITE_ID).update(name="", domain="example.com")
    site_update_from_settings()
    assert Site.objects.get_current().name == "Digital Champions Portal"


def test_the_sign_in_page_has_one_forgotten_password_link(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert page.count("Forgotten your password?") == 1
    assert "Forgot your password?" not in page
    assert page.count(reverse("account_reset_password")) == 1
