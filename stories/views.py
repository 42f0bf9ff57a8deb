"""Stories with consent: a champion writes one about a learner, the PM approves it, anyone in
the organisation records a withdrawal, network admins feature shared ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learners.selectors import learners_visible_to
from organisations.tenancy import (
    current_organisation,
    member_required,
    network_admin_required,
    require_network_admin,
    require_pm,
)
from toolkit.views import _file_response

from . import selectors, services
from .forms import StoryForm


def _story(request, public_id):
    return get_object_or_404(
        selectors.stories_visible_to(user=request.user, organisation=current_organisation(request)),
        public_id=public_id,
    )


@member_required
@require_GET
def story_list(request: HttpRequest) -> HttpResponse:
    stories = list(
        selectors.stories_of(request.organisation).order_by("approved_at", "-written_at")[:100]
    )
    for story in stories:
        story.teller = selectors.teller_name(story)
    return render(request, "stories/story_list.html", {"stories": stories})


@member_required
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest, public_id) -> HttpResponse:
    learner = get_object_or_404(
        learners_visible_to(membership=request.membership), public_id=public_id
    )
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_write(
                learner=learner, written_by=request.user, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Story saved. A project manager will approve it."))
            return redirect("stories:detail", public_id=story.public_id)
    return render(request, "stories/story_form.html", {"form": form, "learner": learner})


@member_required
@require_GET
def story_detail(request: HttpRequest, public_id) -> HttpResponse:
    story = get_object_or_404(selectors.stories_of(request.organisation), public_id=public_id)
    story.teller = selectors.teller_name(story)
    return render(
        request,
        "stories/story_detail.html",
        {"story": story, "consents": selectors.consents_of(story)},
    )


@login_required
@require_GET
def story_photo(request: HttpRequest, public_id) -> HttpResponse:
    """The photo, only through this check: the organisation's members, and network admins for
    a story shared with the network, and only while the learner agrees to the photo."""
    story = _story(request, public_id)
    if not story.photo or not story.may_show_photo:
        raise Http404(_("No photo may be shown."))
    return _file_response(story.photo, story.photo_content_type, "photo", False)


@member_required
@require_POST
def story_approve(request: HttpRequest, public_id) -> HttpResponse:
    story = get_object_or_404(selectors.stories_of(request.organisation), public_id=public_id)
    require_pm(request)
    services.story_approve(story=story, by=request.user, request=request)
    messages.success(request, _("Story approved: it can now appear where the learner agreed."))
    return redirect("stories:detail", public_id=story.public_id)


@member_required
@require_POST
def story_withdraw(request: HttpRequest, public_id) -> HttpResponse:
    story = get_object_or_404(selectors.stories_of(request.organisation), public_id=public_id)
    services.story_withdraw(story=story, by=request.user, request=request)
    messages.success(request, _("Consent withdrawn: the story has been removed everywhere."))
    return redirect("stories:list")


@network_admin_required
@require_GET
def network_stories(request: HttpRequest) -> HttpResponse:
    stories = list(
        selectors.stories_shared_with_network().order_by("featured_at", "-approved_at")[:100]
    )
    for story in stories:
        story.teller = selectors.teller_name(story)
    return render(request, "stories/network.html", {"stories": stories})


@login_required
@require_POST
def story_case_study(request: HttpRequest, public_id) -> HttpResponse:
    story = _story(request, public_id)  # looked up first: another organisation's is a 404
    require_network_admin(request)
    if story not in selectors.stories_shared_with_network():
        raise Http404(_("Only stories shared with the network can become case studies."))
    resource = services.story_publish_case_study(story=story, by=request.user, request=request)
    messages.success(
        request, _("A draft case study is in the toolkit: check it and publish it there.")
    )
    return redirect("toolkit:detail", public_id=resource.public_id)


@login_required
@require_POST
def story_feature(request: HttpRequest, public_id) -> HttpResponse:
    story = _story(request, public_id)  # looked up first: another organisation's is a 404
    require_network_admin(request)
    if story not in selectors.stories_shared_with_network():
        raise Http404(_("Only stories shared with the network can be featured."))
    featured = request.POST.get("featured") == "yes"
    services.story_feature(story=story, by=request.user, featured=featured)
    messages.success(request, _("Story featured.") if featured else _("Story no longer featured."))
    return redirect("stories:network")
