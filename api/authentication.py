"""API keys in `Authorization: Bearer <key>`. The prefix finds the row (unique index); the hash of
the whole key is compared in constant time. A revoked or expired key is refused at once."""

import hmac

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import KEY_PREFIX, ApiKey, hash_secret
from .services import api_key_touch


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Bearer KEY"))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("This API key is not valid.")) from exc
        prefix, dot, _secret = token.partition(".")
        if not dot or not prefix.startswith(KEY_PREFIX) or len(prefix) > 16:
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        key = ApiKey.objects.select_related("organisation").filter(prefix=prefix).first()
        if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(token)):
            raise exceptions.AuthenticationFailed(_("This API key is not valid."))
        refusal = key.refusal()
        if refusal:
            # Recorded all the same (views.Recorded): the PM sees a system still calling with it.
            request.api_refused_key = key
            raise exceptions.AuthenticationFailed(refusal)
        if key.organisation is not None and not key.organisation.is_active:
            raise exceptions.AuthenticationFailed(_("This organisation is no longer active."))
        api_key_touch(key=key)
        # No person is signed in: request.user stays anonymous (for Django's middleware and error
        # pages too) and the key is request.auth, which api.permissions reads.
        return AnonymousUser(), key

    def authenticate_header(self, request):
        # Makes refusals 401 with WWW-Authenticate rather than 403.
        return f'{self.keyword} realm="api"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Tells drf-spectacular how keys are sent, for the schema and the docs page."""

    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": str(_("An API key."))}
