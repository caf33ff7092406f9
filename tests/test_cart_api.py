"""The one cart in the API (issue 10): ETag and If-Match, session tokens for apps and tablets,
the customer's store access, the staff endpoints, walk-in carts; real requests, PostgreSQL."""

import re

import pytest
from django.core import mail
from django.test import Client

from catalogue.models import Product
from shop.basket.models import Basket, Channel, Line
from shop.stores.models import AssistSession
from tests import factories as f

pytestmark = pytest.mark.django_db


class App:
    """A mobile app or a staff tablet app: signs in through allauth's headless API and sends its
    session token (no cookies, no CSRF token)."""

    def __init__(self, user):
        self.client = Client(enforce_csrf_checks=True)
        response = self.client.post(
            "/_allauth/app/v1/auth/login",
            {"email": user.email, "password": f.PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        self.token = response.json()["meta"]["session_token"]
        self.client.cookies.clear()

    def __getattr__(self, method):
        def call(path, data=None, **headers):
            kwargs = {"content_type": "application/json"} if data is not None else {}
            return getattr(self.client, method)(path, data, HTTP_X_SESSION_TOKEN=self.token, headers=headers, **kwargs)

        return call


def test_an_app_signed_in_with_a_session_token_shares_the_customers_cart_with_the_web(shop_data, people):
    anna = people["anna"]
    web = Client()
    web.force_login(anna)
    web.post(f"/basket/add/{shop_data['cushion'].pk}/", {"quantity": 1})

    app = App(anna)
    cart = app.get("/api/v1/cart/")
    assert cart.status_code == 200
    assert [(line["product"], line["quantity"]) for line in cart.json()["lines"]] == [(shop_data["cushion"].pk, 1)]
    added = app.post("/api/v1/cart/lines/", {"product": shop_data["book"].pk, "quantity": 1})
    assert added.status_code == 400  # the book is sold out online: Oscar's check, through the service
    assert "fields" in added.json() and added.json()["code"] == "invalid"
    f.stock(shop_data["book"], shop_data["online"], 4)
    assert app.post("/api/v1/cart/lines/", {"product": shop_data["book"].pk, "quantity": 1}).status_code == 201
    assert "Finnish Design Classics" in web.get("/basket/").content.decode()
    line = Line.objects.get(product=shop_data["book"])
    assert (line.channel, line.added_by) == (Channel.API, anna)


def test_the_cart_has_an_etag_and_a_change_to_a_line_must_state_it(shop_data, people):
    app = App(people["anna"])
    first = app.post("/api/v1/cart/lines/", {"product": shop_data["cushion"].pk, "quantity": 1})
    etag, line_id = first["ETag"], first.json()["lines"][0]["id"]
    assert re.fullmatch(r'W/"cart-v\d+"', etag)
    assert app.get("/api/v1/cart/", **{"If-None-Match": etag}).status_code == 304

    missing = app.patch(f"/api/v1/cart/lines/{line_id}/", {"quantity": 2})
    assert missing.status_code == 428 and missing.json()["code"] == "precondition_required"
    changed = app.patch(f"/api/v1/cart/lines/{line_id}/", {"quantity": 2}, **{"If-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag

    stale = app.patch(f"/api/v1/cart/lines/{line_id}/", {"quantity": 5}, **{"If-Match": etag})
    assert stale.status_code == 412 and stale.json()["code"] == "stale_cart"
    assert app.delete(f"/api/v1/cart/lines/{line_id}/", **{"If-Match": etag}).status_code == 412
    assert app.patch(f"/api/v1/cart/lines/{line_id}/", {"quantity": 5}, **{"If-Match": "junk"}).status_code == 412
    assert Line.objects.get(pk=line_id).quantity == 2
    # An addition is never refused for a stale version.
    assert app.post("/api/v1/cart/lines/", {"product": shop_data["cushion"].pk, "quantity": 1}).status_code == 201
    assert Line.objects.get(pk=line_id).quantity == 3
    gone = app.delete(f"/api/v1/cart/lines/{line_id}/", **{"If-Match": app.get("/api/v1/cart/")["ETag"]})
    assert gone.status_code == 200 and gone.json()["lines"] == []
    assert app.delete("/api/v1/cart/lines/987654/", **{"If-Match": gone["ETag"]}).status_code == 404


def test_a_staff_app_opens_a_consented_cart_changes_it_and_loses_it_when_the_customer_revokes(shop_data, people):
    customer, tablet = App(people["anna"]), App(people["aino"])
    issued = customer.post("/api/v1/account/store-access/codes/")
    assert issued.status_code == 201
    code, consent_id = issued.json()["code"], issued.json()["id"]

    assert App(people["anna"]).post("/api/v1/staff/sessions/", {"code": code}).status_code == 403  # a shopper
    opened = tablet.post("/api/v1/staff/sessions/", {"code": code})
    assert opened.status_code == 201
    session = opened.json()
    assert session["customer"] == {"name": "Anna Lindqvist", "email": "anna@example.com"}
    cart_url = f"/api/v1/staff/sessions/{session['id']}/cart/"
    assert App(people["mikko"]).get(cart_url).status_code == 403  # another store's associate

    added = tablet.post(cart_url + "lines/", {"product": shop_data["cushion"].pk, "quantity": 2})
    assert added.status_code == 201
    (line,) = added.json()["lines"]
    assert line["attribution"] == {"channel": "tablet", "added_by": "Aino", "store": "helsinki"}
    assert customer.get("/api/v1/cart/").json()["lines"][0]["attribution"]["added_by"] == "Aino"
    changed = tablet.patch(cart_url + f"lines/{line['id']}/", {"quantity": 3}, **{"If-Match": added["ETag"]})
    assert changed.status_code == 200

    log = customer.get("/api/v1/account/store-access/").json()
    assert [o["staff"] for o in log["openings"]] == ["Aino"]
    assert [(c["action"], c["quantity_after"]) for c in log["changes"]] == [("quantity", 3), ("add", 2)]

    assert customer.delete(f"/api/v1/account/store-access/{consent_id}/").status_code == 204
    assert customer.delete(f"/api/v1/account/store-access/{consent_id}/").status_code == 404
    assert tablet.get(cart_url).status_code == 403
    assert tablet.post(cart_url + "lines/", {"product": shop_data["cushion"].pk, "quantity": 1}).status_code == 403
    assert Line.objects.get().quantity == 3


def test_a_staff_app_finds_a_customer_with_standing_consent_and_ends_the_session(shop_data, people):
    customer, tablet = App(people["anna"]), App(people["mikko"])
    refused = tablet.post("/api/v1/staff/sessions/", {"email_or_phone": "anna@example.com"})
    assert refused.status_code == 403
    granted = customer.post("/api/v1/account/store-access/standing/", {"phone": "040 123 4567", "days": 30})
    assert granted.status_code == 201 and granted.json()["phone"] == "+358401234567"
    assert customer.post("/api/v1/account/store-access/standing/", {"days": 9999}).status_code == 400
    opened = tablet.post("/api/v1/staff/sessions/", {"email_or_phone": "+358401234567"})
    assert opened.status_code == 201
    assert [s["id"] for s in tablet.get("/api/v1/staff/sessions/").json()] == [opened.json()["id"]]
    ended = tablet.post(f"/api/v1/staff/sessions/{opened.json()['id']}/end/")
    assert ended.status_code == 200 and ended.json()["ended_at"]
    assert tablet.get(f"/api/v1/staff/sessions/{opened.json()['id']}/cart/").status_code == 403
    assert tablet.post("/api/v1/staff/sessions/", {}).status_code == 400
    assert tablet.post("/api/v1/staff/sessions/", {"code": "X", "email_or_phone": "y"}).status_code == 400


def test_failed_staff_lookups_are_limited_with_retry_after(shop_data, people):
    tablet = App(people["aino"])
    answers = [tablet.post("/api/v1/staff/sessions/", {"code": f"AAAA-AA{i:02d}"}) for i in range(11)]
    assert [a.status_code for a in answers] == [403] * 10 + [429]
    assert int(answers[-1]["Retry-After"]) > 0 and answers[-1].json()["code"] == "throttled"
    assert not AssistSession.objects.exists()


def test_a_walk_in_cart_built_by_a_staff_app_is_sent_and_claimed_through_the_api(
    shop_data, people, django_capture_on_commit_callbacks
):
    tablet = App(people["aino"])
    created = tablet.post("/api/v1/staff/walk-in-carts/")
    assert created.status_code == 201
    walk_in = created.json()["id"]
    assert (
        tablet.post(f"/api/v1/staff/walk-in-carts/{walk_in}/send/", {"email": "walkin@example.com"}).status_code == 400
    )
    lines = tablet.post(f"/api/v1/staff/walk-in-carts/{walk_in}/cart/lines/", {"product": shop_data["cushion"].pk})
    assert lines.status_code == 201
    assert (
        App(people["mikko"]).post(f"/api/v1/staff/walk-in-carts/{walk_in}/cart/lines/", {"product": 1}).status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = tablet.post(f"/api/v1/staff/walk-in-carts/{walk_in}/send/", {"email": "walkin@example.com"})
    assert sent.status_code == 200 and sent.json()["sent_at"]
    token = re.search(r"/basket/from-store/(\S+)/", mail.outbox[0].body).group(1)

    customer = App(people["anna"])
    assert customer.post("/api/v1/cart/claim/", {"token": token[:-1] + "x"}).status_code == 400
    claimed = customer.post("/api/v1/cart/claim/", {"token": token})
    assert claimed.status_code == 200
    assert claimed.json()["cart"]["lines"][0]["attribution"]["added_by"] == "Aino"
    assert claimed.json()["not_added"] == []
    again = customer.post("/api/v1/cart/claim/", {"token": token})
    assert again.status_code == 400 and "has been used" in again.json()["detail"]
    assert Basket.open.get(owner=people["anna"]).lines.get().product == Product.objects.get(pk=shop_data["cushion"].pk)
