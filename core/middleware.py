"""NUL characters (\\x00) out of every request, before any view sees it.

Nobody types a NUL, and PostgreSQL refuses one in text ("A string literal cannot contain NUL"),
so one in a field that does not pass through a Django form (the draft autosave, the htmx learner
search, a querystring filter, a token in a link, a cookie the session is looked up by) was a
server error. Django's forms already refuse NULs with a message; this strips them from every
other text input in one place, so no view has to remember to: the query string, form fields
(keys and values; uploaded files are left as they are), cookies and headers (the audit log keeps
the User-Agent). A path holding a NUL names no page: 404."""

from django.http import Http404, QueryDict

NUL = "\x00"


def _has_nul(query: QueryDict) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in query.lists())


def _stripped(query: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(key.replace(NUL, ""), [v.replace(NUL, "") for v in values])
    clean._mutable = False
    return clean


class StripNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            raise Http404("No such page.")
        if _has_nul(request.GET):
            request.GET = _stripped(request.GET)
        if request.method == "POST" and _has_nul(request.POST):
            request.POST = _stripped(request.POST)
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            request.COOKIES = {
                key.replace(NUL, ""): value.replace(NUL, "")
                for key, value in request.COOKIES.items()
            }
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
                request.META[key] = value.replace(NUL, "")
        return self.get_response(request)
