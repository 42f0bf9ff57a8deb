"""The toolkit library: members of an organisation and network admins read it; network admins
curate the network-wide library, and project managers their organisation's private resources.
Private resources of another organisation answer 404, like everything else of theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.tenancy import curator_required, reader_required, require_curator

from . import policy, selectors, services
from .content import safe_download_name
from .forms import (
    CollectionForm,
    FeedbackForm,
    ResourceFilterForm,
    ResourceForm,
    SuggestForm,
    TransitionForm,
)
from .models import (
    Collection,
    CollectionStep,
    Feedback,
    Resource,
    ResourceType,
    ResourceUse,
    Status,
)

PAGE_SIZE = 20


def _bound(request) -> tuple:
    """(data, files) for a form: bound on every POST, even an empty one, so that an empty
    submission shows its errors instead of a blank form."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def _submit(request, form, save):
    """For a valid POST, what `save()` returns; otherwise None, with a service's refusal shown
    next to the field it concerns."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as exc:
        _add_service_errors(form, exc)
        return None


def _readable(request, public_id) -> Resource:
    try:
        return selectors.readable_resource(organisation=request.organisation, public_id=public_id)
    except Resource.DoesNotExist:
        raise Http404 from None


def _curated(request, public_id) -> Resource:
    """A resource this person curates, in any status. Looked up before the role check: another
    organisation's resource is a 404 for everyone, one of the network's or one's own
    organisation's a 403 for a reader who does not curate, and a 404 for a curator of the
    other kind (see organisations.tenancy)."""
    resource = get_object_or_404(
        Resource.objects.visible_in(request.organisation).select_related(
            "suggested_by", "organisation", "translation"
        ),
        public_id=public_id,
    )
    require_curator(request)
    if not policy.can_curate(request.user, request.membership, resource):
        raise Http404
    return resource


@reader_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    collections = selectors.collections_with_progress(organisation=organisation, user=request.user)
    return render(
        request,
        "toolkit/home.html",
        {
            "form": ResourceFilterForm(),
            "featured": selectors.featured_resources(organisation, reader_language=get_language()),
            "newest": selectors.newest_resources(organisation, reader_language=get_language()),
            "pathways": [c for c in collections if c.is_pathway],
            "collections": [c for c in collections if not c.is_pathway],
            "badges": selectors.badges_of(request.user),
            "is_curator": policy.is_curator(request.user, request.membership),
        },
    )


@reader_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = ResourceFilterForm(request.GET)
    query, filters, sort = form.values()
    results = selectors.search_resources(
        organisation=request.organisation,
        query=query,
        filters=filters,
        sort=sort,
        reader_language=get_language(),
    )
    # Numbered (OFFSET) pages here, not core.paging's keyset: results sorted by relevance have
    # no stored key to seek to (the rank is computed per query), a search is read a page or
    # two deep, and the library is tens of thousands of resources, not millions of sessions.
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    if query and page.number == 1:
        services.search_record(
            query=query, result_count=page.paginator.count, organisation=request.organisation
        )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "query": query,
        "filters": filters,
        "type_links": _type_links(
            request,
            selectors.type_counts(organisation=request.organisation, query=query, filters=filters),
            filters["resource_type"],
        ),
        "query_string": params.urlencode(),
        "is_filtered": bool(query or any(filters.values())),
    }
    template = "toolkit/_results.html" if request.htmx else "toolkit/search.html"
    return render(request, template, context)


def _type_links(request, counts: dict, current: str) -> list[dict]:
    """One link per type that has results, each keeping the search and the other filters;
    the current type's link takes the type filter off again."""
    links = []
    for value, label in ResourceType.choices:
        if not counts.get(value) and value != current:
            continue
        params = request.GET.copy()
        params.pop("page", None)
        if value == current:
            params.pop("resource_type", None)
        else:
            params["resource_type"] = value
        links.append(
            {
                "label": label,
                "count": counts.get(value, 0),
                "query": params.urlencode(),
                "active": value == current,
            }
        )
    return links


@reader_required
@require_GET
def resource_detail(request: HttpRequest, public_id) -> HttpResponse:
    resource = _readable(request, public_id)
    services.use_record(
        resource=resource, kind=ResourceUse.Kind.VIEW, organisation=request.organisation
    )
    mine = Feedback.objects.filter(resource=resource, user=request.user).first()
    collections = list(
        selectors.readable_collections(request.organisation)
        .filter(steps__resource=resource)
        .distinct()
    )
    return render(
        request,
        "toolkit/resource_detail.html",
        {
            "resource": resource,
            "feedback": mine,
            "feedback_form": FeedbackForm(
                initial={"helpful": ("yes" if mine.helpful else "no")} if mine else None
            ),
            "collections": collections,
            "can_curate": policy.can_curate(request.user, request.membership, resource),
        },
    )


@reader_required
@require_GET
def resource_download(request: HttpRequest, public_id) -> HttpResponse:
    resource = _openable(request, public_id)
    if not resource.file:
        raise Http404("This resource has no file.")
    services.use_record(
        resource=resource, kind=ResourceUse.Kind.DOWNLOAD, organisation=request.organisation
    )
    return _file_response(resource.file, resource.file_content_type, resource.file_name, True)


@reader_required
@require_GET
def resource_link(request: HttpRequest, public_id) -> HttpResponse:
    """Counts the visit, then goes to the link (only ever http or https: checked on save)."""
    resource = _readable(request, public_id)
    if not resource.external_url.startswith(("https://", "http://")):
        raise Http404("This resource has no link.")
    services.use_record(
        resource=resource, kind=ResourceUse.Kind.LINK, organisation=request.organisation
    )
    return redirect(resource.external_url)


@reader_required
@require_GET
def resource_cover(request: HttpRequest, public_id) -> HttpResponse:
    resource = _openable(request, public_id)
    if not resource.cover_image:
        raise Http404("No cover image.")
    return _file_response(resource.cover_image, resource.cover_content_type, "cover", False)


def _openable(request, public_id) -> Resource:
    return get_object_or_404(
        selectors.openable_resources(user=request.user, membership=request.membership),
        public_id=public_id,
    )


def _file_response(field, content_type, name, as_attachment) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=safe_download_name(name),
        content_type=content_type or "application/octet-stream",
    )
    # An uploaded file is never a page of this site: no scripts, no framing, even if opened.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@reader_required
@require_POST
def resource_feedback(request: HttpRequest, public_id) -> HttpResponse:
    resource = _readable(request, public_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.feedback_record(
            resource=resource,
            user=request.user,
            helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data["comment"],
        )
        resource.refresh_from_db(fields=["helpful_yes", "helpful_no"])
        if not request.htmx:
            messages.success(
                request, gettext("Thank you: your answer helps others find what works.")
            )
            return redirect("toolkit:detail", public_id=resource.public_id)
        return render(
            request,
            "toolkit/_feedback.html",
            {"resource": resource, "feedback_form": form, "thanked": True},
        )
    template = "toolkit/_feedback.html" if request.htmx else "toolkit/resource_detail.html"
    return render(
        request,
        template,
        {"resource": resource, "feedback_form": form, "collections": []},
        status=422 if request.htmx else 200,
    )


@reader_required
@require_http_methods(["GET", "POST"])
def resource_suggest(request: HttpRequest) -> HttpResponse:
    form = SuggestForm(*_bound(request), organisation=request.organisation)
    resource = _submit(
        request,
        form,
        lambda: services.resource_suggest(
            user=request.user,
            organisation=request.organisation
            if form.cleaned_data.get("share_with") == "organisation"
            else None,
            data=form.cleaned_data,
            files=form.files_for_service(),
            request=request,
        ),
    )
    if resource:
        messages.success(
            request,
            gettext("Thank you: “%(title)s” is with the toolkit’s curators for review.")
            % {"title": resource.title},
        )
        return redirect("toolkit:home")
    return render(request, "toolkit/resource_form.html", {"form": form, "mode": "suggest"})


@curator_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Status.DRAFT)
    if status not in Status.values:
        status = Status.DRAFT
    queue = selectors.curation_queue(
        user=request.user, membership=request.membership, status=status
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    collections = selectors.curated_collections(user=request.user, membership=request.membership)
    return render(
        request,
        "toolkit/manage.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Status.choices,
            "counts": selectors.queue_counts(user=request.user, membership=request.membership),
            "query_string": f"status={status}",
            "collections": collections,
        },
    )


def _new_item_organisation(request):
    """Whose a new resource or collection is: network admins make network-wide ones (unless a
    PM among them chooses their organisation), project managers ones private to theirs."""
    wanted = request.POST.get("scope") or request.GET.get("scope") or ""
    if request.user.is_network_admin and wanted != "organisation":
        return None
    return request.organisation


@curator_required
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    organisation = _new_item_organisation(request)
    form = ResourceForm(
        *_bound(request),
        translation_choices=selectors.translation_choices(
            user=request.user, membership=request.membership
        ),
    )
    resource = _submit(
        request,
        form,
        lambda: services.resource_create(
            user=request.user,
            organisation=organisation,
            data=form.cleaned_data,
            files=form.files_for_service(),
            request=request,
        ),
    )
    if resource:
        messages.success(
            request, gettext("Saved “%(title)s” as a draft.") % {"title": resource.title}
        )
        return redirect("toolkit:detail_manage", public_id=resource.public_id)
    return render(
        request,
        "toolkit/resource_form.html",
        {"form": form, "mode": "create", "organisation": organisation},
    )


@reader_required  # curators only: _curated checks, after the lookup
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, public_id) -> HttpResponse:
    resource = _curated(request, public_id)
    form = ResourceForm(
        *_bound(request),
        resource=resource,
        translation_choices=selectors.translation_choices(
            user=request.user, membership=request.membership, resource=resource
        ),
    )
    saved = _submit(
        request,
        form,
        lambda: services.resource_update(
            resource=resource,
            user=request.user,
            data=form.cleaned_data,
            files=form.files_for_service(),
            request=request,
        ),
    )
    if saved:
        messages.success(
            request, gettext("Saved your changes to “%(title)s”.") % {"title": saved.title}
        )
        return redirect("toolkit:detail_manage", public_id=saved.public_id)
    return render(
        request,
        "toolkit/resource_form.html",
        {"form": form, "mode": "edit", "resource": resource},
    )


@reader_required  # curators only: _curated checks, after the lookup
@require_GET
def resource_review(request: HttpRequest, public_id) -> HttpResponse:
    """The curator's view of a resource in any status: preview, history and workflow buttons."""
    resource = _curated(request, public_id)
    return render(
        request,
        "toolkit/resource_review.html",
        {
            "resource": resource,
            "moves": [
                (status, Status(status).label)
                for status in (Status.REVIEW, Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED)
                if status in services.TRANSITIONS[resource.status]
            ],
            "transitions": resource.transitions.select_related("by")[:20],
            "comments": resource.feedback.exclude(comment="").order_by("-at")[:20],
            "form": TransitionForm(),
        },
    )


@reader_required  # curators only: _curated checks, after the lookup
@require_POST
def resource_transition(request: HttpRequest, public_id) -> HttpResponse:
    resource = _curated(request, public_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose what to do with the resource."))
        return redirect("toolkit:detail_manage", public_id=resource.public_id)
    try:
        resource = services.resource_transition(
            resource=resource,
            to_status=form.cleaned_data["to_status"],
            user=request.user,
            membership=request.membership,
            note=form.cleaned_data["note"],
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            gettext("“%(title)s” is now %(status)s.")
            % {"title": resource.title, "status": resource.get_status_display().lower()},
        )
    return redirect("toolkit:detail_manage", public_id=resource.public_id)


@reader_required
@require_GET
def collection_detail(request: HttpRequest, public_id) -> HttpResponse:
    collection = get_object_or_404(
        selectors.readable_collections(request.organisation), public_id=public_id
    )
    steps = selectors.collection_steps(
        collection=collection, organisation=request.organisation, user=request.user
    )
    return render(
        request,
        "toolkit/collection_detail.html",
        _collection_context(request, collection, steps),
    )


def _collection_context(request, collection, steps) -> dict:
    done = sum(1 for s in steps if s.done)
    return {
        "collection": collection,
        "steps": steps,
        "done": done,
        "total": len(steps),
        "percent": round(100 * done / len(steps)) if steps else 0,
        "badge": collection.badges.filter(user=request.user).first()
        if collection.is_pathway
        else None,
        "can_curate": policy.can_curate(request.user, request.membership, collection),
    }


@reader_required
@require_POST
def step_mark(request: HttpRequest, public_id, step_id: int) -> HttpResponse:
    collection = get_object_or_404(
        selectors.readable_collections(request.organisation).filter(is_pathway=True),
        public_id=public_id,
    )
    step = get_object_or_404(
        CollectionStep.objects.filter(
            resource__in=selectors.readable_resources(request.organisation)
        ).select_related("collection"),
        collection=collection,
        pk=step_id,
    )
    badge = services.step_mark(user=request.user, step=step, done=request.POST.get("done") == "1")
    if badge:
        messages.success(
            request,
            gettext("Pathway complete: you have earned the “%(badge)s” badge.")
            % {"badge": collection.badge_name},
        )
    if request.htmx:
        steps = selectors.collection_steps(
            collection=collection, organisation=request.organisation, user=request.user
        )
        return render(
            request,
            "toolkit/_pathway.html",
            {**_collection_context(request, collection, steps), "just_earned": badge},
        )
    return redirect(reverse("toolkit:collection", args=[collection.public_id]) + f"#step-{step.pk}")


def _editable_collection(request, public_id) -> Collection:
    """A collection this person curates; looked up before the role check, like _curated."""
    collection = get_object_or_404(
        Collection.objects.visible_in(request.organisation), public_id=public_id
    )
    require_curator(request)
    if not policy.can_curate(request.user, request.membership, collection):
        raise Http404
    return collection


@reader_required  # curators only: checked after the lookup when editing
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, public_id=None) -> HttpResponse:
    if public_id:
        collection = _editable_collection(request, public_id)
    else:
        require_curator(request)
        collection = None
    organisation = collection.organisation if collection else _new_item_organisation(request)
    available = selectors.readable_resources(organisation)
    initial = None
    if collection:
        initial = {
            "title": collection.title,
            "summary": collection.summary,
            "is_pathway": collection.is_pathway,
            "badge_name": collection.badge_name,
            "is_featured": collection.is_featured,
            "is_published": collection.is_published,
            "steps": "\n".join(
                s.resource.title for s in collection.steps.select_related("resource")
            ),
        }
    form = CollectionForm(
        request.POST if request.method == "POST" else None, initial=initial, available=available
    )
    saved = _submit(
        request,
        form,
        lambda: services.collection_save(
            collection=collection,
            organisation=organisation,
            data=form.cleaned_data,
            resources=form.cleaned_data["steps"],
            request=request,
        ),
    )
    if saved:
        messages.success(request, gettext("Saved “%(title)s”.") % {"title": saved.title})
        return redirect("toolkit:collection", public_id=saved.public_id)
    return render(request, "toolkit/collection_form.html", {"form": form, "collection": collection})


@login_required
@require_GET
def usage(request: HttpRequest) -> HttpResponse:
    if not policy.can_curate_network(request.user):
        raise PermissionDenied(gettext("Only network admins see the toolkit's usage."))
    return render(request, "toolkit/usage.html", selectors.usage_summary(days=90))


def _add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
