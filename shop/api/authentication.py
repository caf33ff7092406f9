from django.middleware.csrf import get_token
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication


class SessionAuthentication(authentication.SessionAuthentication):
    """The session (signed in or not) with CSRF checked on every unsafe method.

    DRF checks CSRF only for signed-in users, but an anonymous session has a cart that another
    site's form must not change. Every API answer hands out the session's CSRF token (the
    ``csrftoken`` cookie), which a client sends back as ``X-CSRFToken`` on writes.
    """

    def authenticate(self, request):
        get_token(request._request)
        self.enforce_csrf(request)  # safe methods pass the check
        user = getattr(request._request, "user", None)
        if not user or not user.is_active:
            return None
        return (user, None)


class SessionSchemeWithCsrf(SessionScheme):
    """The OpenAPI description of the session: the session cookie, and the CSRF token on writes."""

    target_class = SessionAuthentication

    def get_security_definition(self, auto_schema):
        return super().get_security_definition(auto_schema) | {
            "description": "The session cookie; unsafe methods also need the X-CSRFToken header "
            "with the value of the csrftoken cookie, which every API answer sets."
        }


class SessionTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI description of an app's or tablet's session token (allauth's headless sign-in)."""

    target_class = "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "The session token an app gets from allauth's headless sign-in "
            "(POST /_allauth/app/v1/auth/login); no CSRF token is needed with it.",
        }
