"""Demo toolkit: the starter library (toolkit/demo_content, read by toolkit.demo_library)
published network-wide, with printable PDF handouts, a few organisation-private resources, a
champion's suggestion waiting for review, pathways with progress and a badge, feedback, usage
and searches. `--scale large` adds the benchmark's 5,000 resources."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership, Organisation

from . import services
from .content import render_markdown
from .demo_library import COLLECTIONS, RESOURCES
from .models import (
    Collection,
    Resource,
    ResourceTransition,
    ResourceUse,
    SearchLog,
    Status,
    StepCompletion,
)

ADMIN_EMAIL = "admin@network.example"
# Types printed and handed over: they get a PDF to download. Templates get an editable text file.
PDF_TYPES = {"handout", "lesson_plan"}

PRIVATE_RESOURCES = {
    "Riverside Housing Association": [
        {
            "title": "Riverside community hub rota and venues",
            "summary": "Which hub is open when, who holds the tablet cupboard key, and where to "
            "book the community room.",
            "body": "## Hubs\n\n- **Moss Side hub**: Tuesday and Thursday, 10 to 2. Key from "
            "reception.\n- **Hulme hub**: Wednesday, 1 to 4. Room booked through the housing "
            "office.\n\n## Tablets\n\nSix loan tablets live in the locked cupboard at Moss Side. "
            "Log each loan in the session form as *device lent*.",
            "resource_type": "guide",
            "audiences": ["champions"],
            "skill_areas": [],
            "topics": ["device_setup"],
            "minutes": 5,
        },
        {
            "title": "Riverside tenants: paying rent online step by step",
            "summary": "Our own handout for setting up rent payments in the tenant portal.",
            "body": "## You will need\n\n- your tenancy reference (on your rent letter)\n- an "
            "email address\n\n## Steps\n\n1. Go to the tenant portal from the Riverside "
            "website.\n2. Choose **Register** and enter your tenancy reference.\n3. Pick a "
            "password you have not used anywhere else.\n4. Choose **Payments**, then **Set up "
            "a Direct Debit**.",
            "resource_type": "handout",
            "audiences": ["learners", "champions"],
            "skill_areas": ["transacting"],
            "topics": ["online_banking"],
            "minutes": 15,
        },
    ],
    "Northgate Libraries": [
        {
            "title": "Northgate libraries: booking a public computer",
            "summary": "How learners book a computer at any Northgate branch, and what to do "
            "if they have no library card.",
            "body": "## Booking\n\nAt the desk, or online with a library card number and PIN. "
            "Sessions are one hour and can be extended if nobody is waiting.\n\n## No card?\n\n"
            "Anyone can join on the spot with proof of address; a guest pass works for today.",
            "resource_type": "guide",
            "audiences": ["champions", "learners"],
            "skill_areas": ["foundation"],
            "topics": ["device_setup"],
            "minutes": 5,
        },
    ],
}

SEARCHES = [
    ("scam", 6),
    ("nhs app", 4),
    ("universal credit", 3),
    ("video call", 3),
    ("council tax", 0),
    ("smart meter", 0),
    ("council tax", 0),
    ("welsh", 2),
    ("lesson plan", 5),
    ("passwords", 3),
    ("bus pass renewal", 0),
]


def seed(*, scale: str, rng, log) -> None:
    if scale == "large":
        seed_large_library(rng=rng, log=log)
        return
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    by_key = _seed_library(admin=admin, log=log)
    _seed_translations(by_key)
    _seed_private(admin=admin)
    _seed_workflow(admin=admin, by_key=by_key)
    collections = _seed_collections(by_key)
    _seed_activity(rng=rng, collections=collections, by_key=by_key)


def _pdf(resource: Resource) -> bytes:
    from weasyprint import HTML

    html = (
        "<html><head><meta charset='utf-8'><style>"
        "body{font-family:sans-serif;font-size:13pt;line-height:1.5;margin:2cm}"
        "h1{font-size:22pt;color:#1d4f91}h2{font-size:15pt;color:#1d4f91}"
        "footer{margin-top:2em;font-size:9pt;color:#555}"
        f"</style></head><body><h1>{resource.title}</h1><p><strong>{resource.summary}</strong></p>"
        f"{resource.body_html}<footer>Digital Champions Network toolkit · free to copy and "
        "share</footer></body></html>"
    )
    return HTML(string=html).write_pdf()


def _file_for(item: dict) -> dict:
    if item["resource_type"] == "template":
        text = f"{item['title']}\n{'=' * len(item['title'])}\n\n{item['body']}\n"
        return {
            "file": ContentFile(text.encode(), name=f"{item['key']}.txt"),
            "file_content_type": "text/plain",
        }
    return {}


def _publish(resource: Resource, admin, when) -> None:
    Resource.objects.filter(pk=resource.pk).update(status=Status.PUBLISHED, published_at=when)
    ResourceTransition.objects.create(
        resource=resource, from_status=Status.DRAFT, to_status=Status.PUBLISHED, by=admin, at=when
    )


def _seed_library(*, admin, log) -> dict[str, Resource]:
    existing = {r.title: r for r in Resource.objects.filter(organisation__isnull=True)}
    by_key = {}
    now = timezone.now()
    made = 0
    for index, item in enumerate(RESOURCES):
        resource = existing.get(item["title"])
        if resource is None:
            with transaction.atomic():
                data = {k: v for k, v in item.items() if k not in ("key", "featured")}
                resource = services.resource_create(
                    user=admin, organisation=None, data=data, files=_file_for(item)
                )
                if item["resource_type"] in PDF_TYPES:
                    pdf = ContentFile(_pdf(resource), name=f"{item['key']}.pdf")
                    resource.file.save(pdf.name, pdf, save=False)
                    resource.file_name = pdf.name
                    resource.file_size = pdf.size
                    resource.file_content_type = "application/pdf"
                    resource.save()
                Resource.objects.filter(pk=resource.pk).update(is_featured=item["featured"])
                # Spread publication over the past year, oldest first, for "newest" to mean
                # something.
                _publish(resource, admin, now - timedelta(days=3 * (len(RESOURCES) - index) + 1))
            made += 1
        by_key[item["key"]] = resource
    log(f"toolkit: {made} library resources added ({len(RESOURCES)} in the starter library)")
    return by_key


# A starter Welsh resource and the English one it translates, linked both ways. (The Welsh NHS
# App guide is about Ap GIG Cymru, not England's NHS App: no translation of it.)
TRANSLATIONS = {"welsh-scam-handout": "spotting-scam-texts"}


def _seed_translations(by_key) -> None:
    for welsh, english in TRANSLATIONS.items():
        if welsh in by_key and english in by_key:
            services.resource_translation_set(resource=by_key[welsh], translation=by_key[english])


def _seed_private(*, admin) -> None:
    for org_name, items in PRIVATE_RESOURCES.items():
        organisation = Organisation.objects.filter(name=org_name).first()
        if organisation is None:
            continue
        pm = (
            Membership.objects.filter(organisation=organisation, role="pm")
            .select_related("user")
            .first()
        )
        for item in items:
            if Resource.objects.filter(organisation=organisation, title=item["title"]).exists():
                continue
            resource = services.resource_create(
                user=pm.user if pm else admin,
                organisation=organisation,
                data={**item, "language": "en", "external_url": ""},
                files={},
            )
            _publish(resource, pm.user if pm else admin, timezone.now() - timedelta(days=20))


def _seed_workflow(*, admin, by_key) -> None:
    """A champion's suggestion waiting in the queue, a draft in review, one archived."""
    champion = User.objects.filter(email="champion@riverside.example").first()
    title = "Cost-of-living apps worth showing learners"
    if champion and not Resource.objects.filter(title=title).exists():
        services.resource_suggest(
            user=champion,
            organisation=None,
            data={
                "title": title,
                "summary": "Five free apps our tenants found useful for budgeting, energy "
                "bills and food offers, with what to watch out for.",
                "body": "## Apps\n\n1. A budgeting app from a high-street bank\n2. The energy "
                "supplier's own app, for meter readings\n3. A supermarket loyalty app\n4. "
                "Too Good To Go, for cheap food at closing time\n5. The council's cost-of-living "
                "page, saved to the home screen\n\n## Watch out for\n\nApps that ask for bank "
                "details before you need to pay anything.",
                "resource_type": "guide",
                "audiences": ["champions", "learners"],
                "skill_areas": ["transacting"],
                "topics": ["online_shopping"],
                "language": "en",
                "minutes": 10,
                "external_url": "",
            },
            files={},
        )
    title = "Supporting someone through a Universal Credit journal entry"
    if admin and not Resource.objects.filter(title=title).exists():
        resource = services.resource_create(
            user=admin,
            organisation=None,
            data={
                "title": title,
                "summary": "What to say and what not to do when someone asks for help "
                "writing in their journal.",
                "body": "## Your role\n\nHelp them use the journal; never write it for them "
                "or type their password.",
                "resource_type": "guide",
                "audiences": ["champions"],
                "skill_areas": ["transacting"],
                "topics": ["benefits"],
                "language": "en",
                "minutes": 8,
                "external_url": "",
            },
            files={},
        )
        Resource.objects.filter(pk=resource.pk).update(status=Status.REVIEW)
        ResourceTransition.objects.create(
            resource=resource, from_status=Status.DRAFT, to_status=Status.REVIEW, by=admin
        )


def _seed_collections(by_key) -> list[Collection]:
    collections = []
    for item in COLLECTIONS:
        collection = Collection.objects.filter(
            organisation__isnull=True, title=item["title"]
        ).first()
        if collection is None:
            collection = services.collection_save(
                collection=None,
                organisation=None,
                data={
                    "title": item["title"],
                    "summary": item["summary"],
                    "is_pathway": item["is_pathway"],
                    "badge_name": item["badge_name"],
                    "is_featured": item["featured"],
                    "is_published": True,
                },
                resources=[by_key[key] for key in item["steps"] if key in by_key],
            )
        collections.append(collection)
    return collections


def _seed_activity(*, rng, collections, by_key) -> None:
    if ResourceUse.objects.exists():
        return
    now = timezone.now()
    published = list(Resource.objects.published().network_wide())
    memberships = list(Membership.objects.filter(is_active=True).select_related("user"))
    if not memberships or not published:
        return
    # Some resources are used far more than others, as in any library.
    weights = [rng.paretovariate(1.2) for _ in published]
    uses = []
    for _ in range(900):
        resource = rng.choices(published, weights=weights)[0]
        member = rng.choice(memberships)
        kind = rng.choices(
            [ResourceUse.Kind.VIEW, ResourceUse.Kind.DOWNLOAD],
            weights=[3, 1 if resource.file else 0],
        )[0]
        uses.append(
            ResourceUse(
                resource=resource,
                kind=kind,
                organisation_id=member.organisation_id,
                at=now - timedelta(minutes=rng.randint(10, 60 * 24 * 120)),
            )
        )
    ResourceUse.objects.bulk_create(uses)
    for resource in published:
        views = sum(1 for u in uses if u.resource is resource and u.kind == "view")
        downloads = sum(1 for u in uses if u.resource is resource and u.kind != "view")
        Resource.objects.filter(pk=resource.pk).update(view_count=views, download_count=downloads)
    for resource in rng.sample(published, k=min(25, len(published))):
        for member in rng.sample(memberships, k=min(len(memberships), rng.randint(1, 6))):
            services.feedback_record(
                resource=resource,
                user=member.user,
                helpful=rng.random() < 0.82,
                comment=rng.choice(["", "", "Used it with a group this week.", "Clear and short."]),
            )
    SearchLog.objects.bulk_create(
        SearchLog(query=q, result_count=n, at=now - timedelta(days=rng.randint(0, 80)))
        for q, n in SEARCHES
    )
    _seed_progress(collections)


def _seed_progress(collections) -> None:
    """Sam has started the induction pathway; Aisha has finished it and has the badge."""
    induction = next((c for c in collections if c.is_pathway), None)
    if induction is None:
        return
    steps = list(induction.steps.all())
    people = {
        u.email: u
        for u in User.objects.filter(
            email__in=["champion@riverside.example", "aisha@riverside.example"]
        )
    }
    if "champion@riverside.example" in people:
        for step in steps[:2]:
            StepCompletion.objects.get_or_create(
                user=people["champion@riverside.example"], step=step
            )
    if "aisha@riverside.example" in people:
        for step in steps:
            services.step_mark(user=people["aisha@riverside.example"], step=step, done=True)


def seed_large_library(*, rng, log, total: int = 5000) -> None:
    """The benchmark library: the starter resources many times over with varied titles and
    tags, written in bulk and indexed with one UPDATE."""
    have = Resource.objects.filter(organisation__isnull=True).count()
    if have >= total:
        return
    now = timezone.now()
    places = ["library", "hub", "surgery", "job centre", "café", "church hall", "care home"]
    people = ["older people", "new arrivals", "carers", "jobseekers", "tenants", "young parents"]
    batch = []
    # Each starter body rendered once, not once a copy: rendering was most of the time (6 ms a
    # resource, five minutes for the national set's 50,000).
    rendered = [render_markdown(item["body"]) for item in RESOURCES]
    for n in range(total - have):
        item = RESOURCES[n % len(RESOURCES)]
        body_html, body_text = rendered[n % len(RESOURCES)]
        batch.append(
            Resource(
                title=f"{item['title']} — for {rng.choice(people)} ({n + 1})",
                summary=f"{item['summary']} Tried in a {rng.choice(places)}.",
                body=item["body"],
                body_html=body_html,
                body_text=body_text,
                resource_type=item["resource_type"],
                audiences=item["audiences"],
                skill_areas=item["skill_areas"],
                topics=item["topics"],
                language=item["language"],
                minutes=item["minutes"],
                external_url=item["external_url"],
                status=Status.PUBLISHED,
                published_at=now - timedelta(days=rng.randint(1, 1500)),
                helpful_yes=rng.randint(0, 40),
                helpful_no=rng.randint(0, 8),
                view_count=rng.randint(0, 2000),
            )
        )
    Resource.objects.bulk_create(batch, batch_size=1000)
    log(f"toolkit: {len(batch)} benchmark resources added")
