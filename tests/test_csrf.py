"""Cross-site writes: the API refuses them for anonymous sessions too, and every cookie the shop
sets is SameSite=Lax, so that a browser does not send it along with another site's form."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from oscar.core.loading import get_model

from tests import factories as f

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
EVIL = "https://evil.example"
UNSAFE = ("post", "put", "patch", "delete")


def csrf_client():
    """A browser-like client: Django checks its CSRF token and Origin as it would a browser's."""
    return Client(enforce_csrf_checks=True)


def test_a_cross_site_form_post_to_the_anonymous_cart_is_refused(shop_data):
    client = csrf_client()
    client.get("/api/v1/cart/")
    token = client.cookies["csrftoken"].value
    cushion = shop_data["cushion"].pk
    # A form on another site posts to the cart: the browser sends the shopper's cookies (but the
    # attacker cannot read the token, and the browser names the other site as the Origin).
    response = client.post("/api/v1/cart/lines/", {"product": cushion, "quantity": 1}, HTTP_ORIGIN=EVIL)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    response = client.post(
        "/api/v1/cart/lines/", {"product": cushion, "quantity": 1}, HTTP_ORIGIN=EVIL, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 403 and "Origin checking failed" in response.json()["detail"]
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_an_anonymous_cart_write_needs_the_csrf_token_that_the_api_hands_out(shop_data):
    client = csrf_client()
    cushion = shop_data["cushion"].pk
    refused = client.post("/api/v1/cart/lines/", {"product": cushion}, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    # Any API answer hands out the token (a headless client reads it from the csrftoken cookie).
    client.get("/api/v1/stores/")
    token = client.cookies["csrftoken"].value
    added = client.post(
        "/api/v1/cart/lines/", {"product": cushion}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert added.status_code == 201, added.content
    line = added.json()["lines"][0]["id"]
    version = {"If-Match": added["ETag"]}
    assert client.delete(f"/api/v1/cart/lines/{line}/", headers=version).status_code == 403
    assert client.delete(f"/api/v1/cart/lines/{line}/", HTTP_X_CSRFTOKEN=token, headers=version).status_code == 200


def test_a_signed_in_cart_write_needs_the_token_too(shop_data):
    client = csrf_client()
    client.force_login(f.UserFactory())
    client.get("/api/v1/cart/")
    body = {"product": shop_data["cushion"].pk}
    assert client.post("/api/v1/cart/lines/", body, content_type="application/json").status_code == 403
    token = client.cookies["csrftoken"].value
    response = client.post("/api/v1/cart/lines/", body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def api_operations():
    """(path, method) for every unsafe method of every API view in the URL configuration, so that
    an endpoint added later is held to the same rule without editing this test."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.callback

    for route, callback in walk(get_resolver(), ""):
        view = getattr(callback, "cls", None)
        if view is None or not route.startswith("api/"):
            continue
        actions = getattr(callback, "actions", None)
        methods = actions.keys() if actions else [m for m in UNSAFE if hasattr(view, m)]
        path = "/" + re.sub(r"<int:\w+>", "1", route).replace("<pk>", "1").replace("<slug>", "x")
        path = path.replace("^", "").replace("$", "").replace("\\.(?P<format>[a-z0-9]+)/?", "")
        for method in methods:
            if method in UNSAFE and "(?P" not in path:
                yield path, method


def test_every_unsafe_api_method_refuses_a_request_without_the_csrf_token(shop_data):
    operations = sorted(set(api_operations()))
    assert ("/api/v1/cart/lines/", "post") in operations
    client = csrf_client()
    client.get("/api/v1/cart/")
    for path, method in operations:
        response = getattr(client, method)(path, {}, content_type="application/json", HTTP_ORIGIN=EVIL)
        assert response.status_code == 403, (method, path, response.status_code)
        assert "CSRF" in response.json()["detail"], (method, path)


def set_cookies(response):
    return {name: morsel for name, morsel in response.cookies.items() if morsel.value}


def test_every_cookie_the_shop_sets_is_same_site_lax(shop_data):
    """A shopper's visit that makes the shop set each of its cookies: CSRF, recently viewed
    products, the anonymous basket, the language, messages and the session after signing in."""
    client = Client()
    seen = {}
    cushion = shop_data["cushion"]
    user = f.UserFactory(email="anna@example.com")
    steps = [
        lambda: client.get("/"),
        lambda: client.get(cushion.get_absolute_url()),
        lambda: client.post(f"/basket/add/{cushion.pk}/", {"quantity": 1}),
        lambda: client.post("/i18n/setlang/", {"language": "fi", "next": "/"}),
        lambda: client.post("/accounts/login/", {"login": user.email, "password": f.PASSWORD}),
    ]
    for step in steps:
        seen.update(set_cookies(step()))
    expected = {"csrftoken", "oscar_history", "oscar_open_basket", "django_language", "messages", "sessionid"}
    assert expected <= set(seen), sorted(seen)
    for name, morsel in seen.items():
        assert morsel["samesite"] == "Lax", f"cookie {name} has SameSite={morsel['samesite']!r}"
