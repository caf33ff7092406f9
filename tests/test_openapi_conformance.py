"""The OpenAPI document says what the API does: schemathesis generates requests for every
operation in /api/v1/schema/ (valid and invalid ones) against the live test server, signed out
and signed in, and holds each answer to the document. A new endpoint is in the document, so it
is covered here without editing this test."""

import json

import pytest
import requests
import schemathesis
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories as f

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, negative_data_rejection]
# Examples per operation and per mode (valid and invalid data); the whole run stays under a minute.
EXAMPLES = 15


def api_session(live_server, product, user=None):
    """A requests session as a headless client holds one: the CSRF token (and, signed in, the
    session cookie), so that writes pass the CSRF check and really change the cart."""
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get("/api/v1/cart/")  # hands out the CSRF token
    session = requests.Session()
    for name, morsel in client.cookies.items():
        session.cookies.set(name, morsel.value)
    session.headers["X-CSRFToken"] = client.cookies["csrftoken"].value
    # A real cart line, so that the line operations meet one as well as unknown ids.
    session.post(
        f"{live_server.url}/api/v1/cart/lines/", json={"product": product.pk, "quantity": 1}
    ).raise_for_status()
    return session


@pytest.fixture
def api_sessions(live_server, shop_data):
    """Signed out and signed in: every generated request is sent as both."""
    cushion = shop_data["cushion"]
    return [api_session(live_server, cushion), api_session(live_server, cushion, f.UserFactory())]


def openapi_document():
    """The document /api/v1/schema/ serves, generated as its view does (at collection time, so
    that every operation in it becomes a test of its own)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(
    openapi_document(), config=schemathesis.Config.from_dict({"generation": {"mode": "all"}})
)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_does_what_its_openapi_document_says(case, api_sessions, live_server):
    for session in api_sessions:
        cache.clear()  # the throttles would otherwise answer most of the run with 429s
        case.call_and_validate(base_url=live_server.url, session=session, checks=CHECKS)
