"""One cart for the web shop, the API and the store tablets: consent, attribution, merging,
stale writes, the endless aisle (issue 10). Real HTTP through the test client on PostgreSQL."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Product
from shop.basket import services
from shop.basket.models import Basket, Channel, Line
from shop.stores import consent
from shop.stores.models import AisleCart, AssistSession, CartConsent
from tests import factories as f


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def show_code(client):
    """The customer asks for a code on their account page; returns the code shown."""
    response = client.post(reverse("store_access:code"), follow=True)
    assert response.status_code == 200
    return re.search(r"data-consent-code>\s*<p[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<", response.content.decode()).group(1)


def open_with_code(staff_client, code):
    """The associate enters the code; returns the tablet cart URL (or the failed response)."""
    response = staff_client.post(reverse("tablet:open"), {"code": code})
    if response.status_code != 302:
        return response
    return response["Location"]


def cart_lines(basket):
    return {
        (line.product_id, line.added_by_id): line.quantity for line in Line.objects.filter(basket=basket).order_by("pk")
    }


# --- One cart, three channels --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_cart_is_read_and_changed_from_the_web_the_api_and_a_tablet(shop_data, people):
    anna, aino = people["anna"], people["aino"]
    web = signed_in(anna)
    sofa, variant, cushion = shop_data["sofa"], shop_data["variants"][0], shop_data["cushion"]
    web.post(reverse("basket:add", kwargs={"pk": sofa.pk}), {"child_id": variant.pk, "quantity": 1})

    tablet = signed_in(aino)
    cart_url = open_with_code(tablet, show_code(web))
    page = tablet.get(cart_url)
    assert page.status_code == 200
    assert "Sofa Aalto, Linen, Sand" in page.content.decode()

    response = tablet.post(cart_url + "add/", {"product": cushion.pk, "quantity": 2})
    assert response.status_code == 302

    # The API (a mobile app signed in as Anna) reads the same cart: both lines.
    api = web.get("/api/v1/cart/").json()
    assert {(line["product"], line["quantity"]) for line in api["lines"]} == {(variant.pk, 1), (cushion.pk, 2)}
    # The web cart shows who added the cushions.
    basket_page = web.get(reverse("basket:summary")).content.decode()
    assert "Added by Aino, Helsinki" in basket_page

    # The customer changes the quantity through the API; the tablet sees it.
    line_id = next(line["id"] for line in api["lines"] if line["product"] == cushion.pk)
    assert (
        web.patch(
            f"/api/v1/cart/lines/{line_id}/",
            {"quantity": 3},
            content_type="application/json",
            headers={"If-Match": f'W/"cart-v{api["version"]}"'},
        ).status_code
        == 200
    )
    assert re.search(r'name="quantity"[^>]*value="3"', tablet.get(cart_url).content.decode())

    basket = Basket.open.get(owner=anna)
    changes = list(basket.changes.order_by("version").values_list("action", "channel", "actor_id", "store_id"))
    assert changes == [
        ("add", Channel.WEB, anna.pk, None),
        ("add", Channel.TABLET, aino.pk, shop_data["helsinki"].pk),
        ("quantity", Channel.API, anna.pk, None),
    ]
    assert basket.version == 3


@pytest.mark.django_db
def test_a_tablet_prices_the_cart_for_the_customer_not_for_the_associate(shop_data, people):
    from loyalty.models import Membership, Plan

    anna, aino, cushion = people["anna"], people["aino"], shop_data["cushion"]
    cushion.member_price = "24.90"
    cushion.save(update_fields=["member_price"])
    plan = Plan.objects.create(name="Yearly", code="yearly", interval="year", fee="59.00")
    Membership.objects.create(
        user=anna, plan=plan, status=Membership.Status.ACTIVE, current_period_end=timezone.now() + timedelta(days=30)
    )
    web, tablet = signed_in(anna), signed_in(aino)
    cart_url = open_with_code(tablet, show_code(web))
    tablet.post(cart_url + "add/", {"product": cushion.pk, "quantity": 2})
    page = tablet.get(cart_url).content.decode()
    assert re.search(r"data-cart-total>\s*€?49[.,]80", page), "member price: 2 x 24.90"


# --- Signing in merges the anonymous cart --------------------------------------------------------


@pytest.mark.django_db
def test_signing_in_adds_the_anonymous_cart_to_the_account_cart_and_says_what_came_over(shop_data, people):
    anna, cushion, book = people["anna"], shop_data["cushion"], shop_data["book"]
    f.stock(book, shop_data["online"], 5)
    earlier = signed_in(anna)
    earlier.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 1})

    visitor = Client()
    visitor.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 2})
    visitor.post(reverse("basket:add", kwargs={"pk": book.pk}), {"quantity": 1})
    response = visitor.post(reverse("account_login"), {"login": anna.email, "password": f.PASSWORD})
    assert response.status_code == 302
    page = visitor.get(reverse("basket:summary")).content.decode()
    assert (
        "Added to your cart from before you signed in (3 items): 2 × Cushion Kivi, 1 × Finnish Design Classics" in page
    )
    basket = Basket.open.get(owner=anna)
    assert cart_lines(basket) == {(cushion.pk, anna.pk): 3, (book.pk, None): 1}
    assert Basket.objects.filter(status=Basket.MERGED, owner=None).count() == 1
    assert sorted(basket.changes.filter(action="merge").values_list("quantity_before", "quantity_after")) == [
        (0, 1),
        (1, 3),
    ]


# --- Consent ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_code_opens_the_cart_once_and_only_for_the_store_that_used_it(shop_data, people):
    web, aino, mikko = signed_in(people["anna"]), signed_in(people["aino"]), signed_in(people["mikko"])
    code = show_code(web)
    cart_url = open_with_code(aino, code)
    assert aino.get(cart_url).status_code == 200

    again = open_with_code(mikko, code)
    assert again.status_code == 400 and "already been used" in again.content.decode()
    # Another store's associate cannot reach the session by its URL either.
    assert mikko.get(cart_url).status_code == 302
    assert AssistSession.objects.count() == 1
    session = AssistSession.objects.get()
    assert (session.staff, session.store) == (people["aino"], shop_data["helsinki"])


@pytest.mark.django_db
def test_an_expired_a_wrong_and_a_replaced_code_are_refused(shop_data, people):
    web, aino = signed_in(people["anna"]), signed_in(people["aino"])
    first = show_code(web)
    second = show_code(web)  # showing a new code ends the one before
    assert "not valid" in open_with_code(aino, first).content.decode()
    CartConsent.objects.filter(redeemed_at=None, revoked_at=None).update(
        code_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert "not valid" in open_with_code(aino, second).content.decode()
    assert "not valid" in open_with_code(aino, "AAAA-AAAA").content.decode()
    assert not AssistSession.objects.exists()


@pytest.mark.django_db
def test_revoking_ends_access_at_the_next_request_from_the_tablet(shop_data, people):
    web, aino = signed_in(people["anna"]), signed_in(people["aino"])
    cart_url = open_with_code(aino, show_code(web))
    assert aino.get(cart_url).status_code == 200
    granted = CartConsent.objects.get(redeemed_at__isnull=False)
    page = web.get(reverse("store_access:page")).content.decode()
    assert "Aino in Helsinki can open your cart until" in page

    assert web.post(reverse("store_access:revoke"), {"consent": granted.pk}).status_code == 302
    response = aino.get(cart_url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("tablet:home")
    assert "The customer" in response.content.decode() or "session has ended" in response.content.decode()
    assert aino.post(cart_url + "add/", {"product": shop_data["cushion"].pk, "quantity": 1}).status_code == 302
    assert not Line.objects.filter(basket__owner=people["anna"]).exists()
    assert aino.get(cart_url + "version/").status_code == 403


@pytest.mark.django_db
def test_a_standing_consent_lets_staff_of_any_store_find_the_customer_by_email_or_phone(shop_data, people):
    web, mikko = signed_in(people["anna"]), signed_in(people["mikko"])
    assert mikko.post(reverse("tablet:find"), {"email_or_phone": "anna@example.com"}).status_code == 400
    response = web.post(reverse("store_access:standing"), {"phone": "040 123 4567", "days": 90, "agree": "on"})
    assert response.status_code == 302
    by_email = mikko.post(reverse("tablet:find"), {"email_or_phone": "ANNA@example.com"})
    assert by_email.status_code == 302 and mikko.get(by_email["Location"]).status_code == 200
    by_phone = signed_in(people["aino"]).post(reverse("tablet:find"), {"email_or_phone": "+358 40 1234567"})
    assert by_phone.status_code == 302
    # Unknown people and customers without consent get the same answer (no existence leak).
    for wanted in ("nobody@example.com", "+358 50 0000000"):
        refused = mikko.post(reverse("tablet:find"), {"email_or_phone": wanted})
        assert refused.status_code == 400 and "No customer with a standing in-store consent" in refused.content.decode()


@pytest.mark.django_db
def test_the_customer_sees_every_opening_and_every_change_by_staff(shop_data, people):
    web, aino = signed_in(people["anna"]), signed_in(people["aino"])
    cart_url = open_with_code(aino, show_code(web))
    aino.post(cart_url + "add/", {"product": shop_data["cushion"].pk, "quantity": 2})
    aino.post(cart_url + "end/")
    page = web.get(reverse("store_access:page")).content.decode()
    log = page[page.index("data-access-log") :]
    assert "Aino" in log and "Helsinki" in log
    changes = page[page.index("data-change-log") :]
    assert "Added: Cushion Kivi (0 → 2)" in changes
    assert AssistSession.objects.get().ended_at is not None
    assert aino.get(cart_url).status_code == 302  # ended with one tap


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "shopper", "product admin"])
def test_only_store_staff_reach_the_tablet(shop_data, people, who):
    client = Client()
    if who == "shopper":
        client.force_login(people["anna"])
    elif who == "product admin":
        client.force_login(f.UserFactory(groups=["Product admins"], is_staff=True))
    for method, url in [
        ("get", reverse("tablet:home")),
        ("post", reverse("tablet:open")),
        ("post", reverse("tablet:find")),
    ]:
        response = getattr(client, method)(url, {"code": "AAAA-AAAA", "email_or_phone": "anna@example.com"})
        if who == "anonymous":
            assert response.status_code == 302 and reverse("account_login") in response["Location"]
        else:
            assert response.status_code == 403


@pytest.mark.django_db
def test_looking_up_codes_is_rate_limited_per_associate(shop_data, people):
    aino = signed_in(people["aino"])
    answers = [open_with_code(aino, f"AAAA-AA{i:02d}").status_code for i in range(12)]
    assert answers[:10] == [400] * 10
    assert answers[10:] == [429, 429]
    # Even the right code is refused while the limit lasts.
    web = signed_in(people["anna"])
    response = open_with_code(aino, show_code(web))
    assert response.status_code == 429 and "Too many lookups" in response.content.decode()


# --- Attribution and stale writes ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_product_added_by_the_customer_and_an_associate_keeps_both_attributions(shop_data, people):
    anna, aino, cushion = people["anna"], people["aino"], shop_data["cushion"]
    web, tablet = signed_in(anna), signed_in(aino)
    web.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 1})
    cart_url = open_with_code(tablet, show_code(web))
    tablet.post(cart_url + "add/", {"product": cushion.pk, "quantity": 2})
    tablet.post(cart_url + "add/", {"product": cushion.pk, "quantity": 1})
    web.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 1})
    basket = Basket.open.get(owner=anna)
    assert cart_lines(basket) == {(cushion.pk, anna.pk): 2, (cushion.pk, aino.pk): 3}
    staff_line = basket.lines.get(added_by=aino)
    assert (staff_line.channel, staff_line.store) == (Channel.TABLET, shop_data["helsinki"])


@pytest.mark.django_db
def test_a_change_made_on_an_out_of_date_page_is_refused_and_an_addition_never_is(shop_data, people):
    anna, aino, cushion = people["anna"], people["aino"], shop_data["cushion"]
    web, tablet = signed_in(anna), signed_in(aino)
    web.post(reverse("basket:add", kwargs={"pk": cushion.pk}), {"quantity": 1})
    line = Line.objects.get(basket__owner=anna)
    cart_url = open_with_code(tablet, show_code(web))
    seen = Basket.open.get(owner=anna).version

    # The customer changes the line on the web; the tablet's page still shows the old version.
    formset = {"form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-0-id": line.pk, "form-0-quantity": 4}
    web.post(reverse("basket:summary"), formset | {"cart_version": seen})
    stale = tablet.post(cart_url + f"lines/{line.pk}/", {"quantity": 2, "cart_version": seen}, follow=True)
    assert "The cart has changed since you saw it" in stale.content.decode()
    line.refresh_from_db()
    assert line.quantity == 4
    # Adding from the same old page still goes in.
    f.stock(shop_data["book"], shop_data["online"], 3)
    tablet.post(cart_url + "add/", {"product": shop_data["book"].pk, "quantity": 1})
    assert cart_lines(Basket.open.get(owner=anna)) == {(cushion.pk, anna.pk): 4, (shop_data["book"].pk, aino.pk): 1}


# --- The endless aisle ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_associate_sends_a_walk_in_customer_a_cart_they_claim_online(
    shop_data, people, django_capture_on_commit_callbacks
):
    aino, cushion = signed_in(people["aino"]), shop_data["cushion"]
    response = aino.post(reverse("tablet:new-aisle-cart"))
    cart_url = response["Location"]
    aino.post(cart_url + "add/", {"product": cushion.pk, "quantity": 2})
    with django_capture_on_commit_callbacks(execute=True):
        sent = aino.post(cart_url + "send/", {"email": "walkin@example.com"})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["walkin@example.com"]
    link = re.search(r"https?://\S+/basket/from-store/\S+/", mail.outbox[0].body).group(0)
    path = link[link.index("/basket/") :]
    assert "2 × Cushion Kivi" in mail.outbox[0].body

    guest = Client()
    assert "Cushion Kivi" in guest.get(path).content.decode()
    assert guest.post(path).status_code == 302
    line = Line.objects.get(basket__owner=None, basket__status=Basket.OPEN, basket__aisle_cart=None)
    assert (line.quantity, line.added_by, line.store, line.channel) == (
        2,
        people["aino"],
        shop_data["helsinki"],
        Channel.TABLET,
    )
    assert "Added by Aino" in guest.get(reverse("basket:summary")).content.decode()
    again = Client().post(path)
    assert again.status_code == 400 and "has been used" in again.content.decode()
    assert AisleCart.objects.get().claimed_at is not None


@pytest.mark.django_db
def test_a_tampered_or_expired_cart_link_is_refused_with_a_message(shop_data, people):
    aisle_cart = AisleCart.objects.create(
        basket=Basket.objects.create(), staff=people["aino"], store=shop_data["helsinki"]
    )
    from shop.stores import aisle

    token = aisle.token_for(aisle_cart)
    tampered = Client().get(reverse("basket:from-store", kwargs={"token": token[:-2] + "xx"}))
    assert tampered.status_code == 400 and "not valid" in tampered.content.decode()
    AisleCart.objects.filter(pk=aisle_cart.pk).update(sent_at=timezone.now(), expires_at=timezone.now())
    expired = Client().post(reverse("basket:from-store", kwargs={"token": token}))
    assert expired.status_code == 400 and "expired" in expired.content.decode()


def test_codes_are_hard_to_guess():
    assert len(consent.CODE_ALPHABET) ** consent.CODE_LENGTH > 6 * 10**11
    assert consent.normalise_code(" k7qm-3xpd ") == "K7QM3XPD"
    assert consent.normalise_phone("040 123 4567") == "+358401234567"
    assert consent.normalise_phone("abc") == ""


# --- Query counts ------------------------------------------------------------------------------


def fill_cart(basket, shop_data, lines, actor):
    """Put ``lines`` different products (1 each) in ``basket``."""
    for i in range(lines):
        product = f.ProductFactory(title=f"Candle {i}", price=Decimal("9.90"))
        f.stock(product, shop_data["online"], 10)
        services.add_product(basket, product, 1, actor)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["tablet", "api", "web"])
def test_a_cart_page_costs_the_same_queries_for_1_and_for_20_lines(shop_data, people, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    anna, aino = people["anna"], people["aino"]
    web, tablet = signed_in(anna), signed_in(aino)
    cart_url = open_with_code(tablet, show_code(web))
    basket = services.open_basket_of(anna)
    url = {"tablet": cart_url, "api": "/api/v1/cart/", "web": reverse("basket:summary")}[page]
    client = tablet if page == "tablet" else web
    counts = []
    for lines in (1, 20):
        fill_cart(basket, shop_data, lines - basket.lines.count(), services.Actor(user=anna))
        client.get(url)  # warm: sessions, content types, site
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with 1 line, {counts[1]} with 20"


# --- The demo ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_has_annas_cart_bens_standing_consent_and_a_walk_in_cart_that_merges(monkeypatch):
    import io

    from django.core.management import call_command

    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    link = re.search(r"http://127\.0\.0\.1:\d+(/basket/from-store/\S+/)", out.getvalue()).group(1)

    anna = get_user_model().objects.get(email="anna@example.com")
    tablet = signed_in(get_user_model().objects.get(email="mikko.staff@example.com"))
    ben_cart = tablet.post(reverse("tablet:find"), {"email_or_phone": "ben@example.com"})
    assert ben_cart.status_code == 302
    page = tablet.get(open_with_code(tablet, show_code(signed_in(anna)))).content.decode()
    assert "Saimaa 3-seat sofa, Linen, Sand" in page
    viewed = page[page.index("viewed-title") :]
    assert "Linen &amp; cotton upholstery cleaner" in viewed and "Saimaa armchair" in viewed  # views, wish list

    visitor = Client()
    assert visitor.post(link).status_code == 302
    visitor.post(reverse("account_login"), {"login": anna.email, "password": "anna-demo-2026"})
    cart = visitor.get(reverse("basket:summary")).content.decode()
    assert "Saimaa 3-seat sofa" in cart and "Tuki linen lumbar cushion" in cart and "Added by Aino" in cart


# --- The reminder of a cart left -----------------------------------------------------------------


@pytest.mark.django_db
def test_one_reminder_of_a_cart_left_goes_only_to_customers_who_agreed(shop_data, people):
    from shop.accounts import services as accounts
    from shop.basket.tasks import send_cart_reminders

    anna, ben = people["anna"], f.UserFactory(email="ben@example.com")
    cushion = Product.objects.get(pk=shop_data["cushion"].pk)
    for customer in (anna, ben):
        services.add_product(services.open_basket_of(customer), cushion, 1, services.Actor(user=customer))
    accounts.set_preferences(anna, "fi", marketing_email=True)
    Line.objects.update(date_updated=timezone.now() - timedelta(hours=1))
    assert send_cart_reminders() == "0 reminders sent"  # not yet: left an hour ago

    Line.objects.update(date_updated=timezone.now() - timedelta(hours=5))
    assert send_cart_reminders() == "1 reminders sent"
    assert send_cart_reminders() == "0 reminders sent"  # never a second one for the same cart
    (email,) = mail.outbox
    assert email.to == ["anna@example.com"] and "Cushion Kivi" in email.body
    assert email.subject == "Ostoskorisi odottaa sinua – Pohjola" and "jätit nämä ostoskoriisi" in email.body
    assert "/basket/" in email.body
    unsubscribe = re.search(r"https?://\S+(/accounts/email-preferences/unsubscribe/\S+/)", email.body).group(1)

    page = Client().get(unsubscribe)
    assert page.status_code == 200 and not page.context.get("done")  # a GET only asks
    assert Client().post(unsubscribe).status_code == 200
    assert not accounts.profile_of(anna).marketing_email
    assert Client().post(unsubscribe[:-3] + "xx/").status_code == 400


@pytest.mark.django_db
def test_the_customer_sets_the_language_and_marketing_consent_of_their_emails(people):
    from shop.accounts import services as accounts

    web = signed_in(people["anna"])
    assert web.post(reverse("accounts:preferences"), {"language": "xx"}).status_code == 400
    assert web.post(reverse("accounts:preferences"), {"language": "sv", "marketing_email": "on"}).status_code == 302
    profile = accounts.profile_of(people["anna"])
    assert (profile.language, profile.marketing_email) == ("sv", True)


@pytest.mark.django_db
def test_consents_and_access_logs_are_deleted_after_the_retention_period(shop_data, people, settings):
    from shop.stores.tasks import forget_old_consents

    web, aino = signed_in(people["anna"]), signed_in(people["aino"])
    open_with_code(aino, show_code(web))
    old = CartConsent.objects.get()
    kept = consent.grant_standing(people["anna"], "", 30)
    long_ago = timezone.now() - timedelta(days=settings.SHOP_CONSENT_RETENTION_DAYS + 1)
    CartConsent.objects.filter(pk=old.pk).update(expires_at=long_ago)
    assert forget_old_consents() == "2 rows deleted"  # the consent and its opening
    assert list(CartConsent.objects.all()) == [kept] and not AssistSession.objects.exists()


@pytest.mark.django_db
def test_bad_input_on_the_tablet_and_the_store_access_page_gets_a_clear_answer_and_writes_nothing(shop_data, people):
    web, aino = signed_in(people["anna"]), signed_in(people["aino"])
    cart_url = open_with_code(aino, show_code(web))
    before = Basket.open.get(owner=people["anna"]).version
    cushion = shop_data["cushion"].pk
    for data, status in [
        ({}, 400),
        ({"product": "abc", "quantity": 1}, 400),
        ({"product": cushion, "quantity": 0}, 400),
        ({"product": cushion, "quantity": 1000}, 400),
        ({"product": cushion, "quantity": "x"}, 400),
        ({"product": shop_data["sofa"].pk, "quantity": 1}, 400),  # a parent: choose a variant
        ({"product": shop_data["cushion"].pk, "quantity": 41}, 400),  # more than the 40 online
        ({"product": 987654, "quantity": 1}, 404),
    ]:
        response = aino.post(cart_url + "add/", data)
        assert response.status_code == status, (data, response.status_code)
        if status == 400:
            assert response.context["messages"] and "alert" in response.content.decode()
    for data in ({}, {"quantity": -1}, {"quantity": "many"}):
        assert aino.post(cart_url + "lines/1/", data).status_code == 400
    assert aino.post(cart_url + "lines/987654/", {"quantity": 1}).status_code == 404
    assert aino.post(cart_url + "send/", {"email": "x"}).status_code == 404  # not a walk-in cart
    assert aino.post(reverse("tablet:open"), {"code": ""}).status_code == 400
    assert aino.post(reverse("tablet:find"), {"email_or_phone": "x" * 300}).status_code == 400
    assert Basket.open.get(owner=people["anna"]).version == before
    assert not Line.objects.filter(basket__owner=people["anna"]).exists()

    assert web.post(reverse("store_access:standing"), {"days": 90}).status_code == 400  # no agreement
    assert web.post(reverse("store_access:standing"), {"days": 9999, "agree": "on"}).status_code == 400
    assert (
        web.post(reverse("store_access:standing"), {"days": 30, "agree": "on", "phone": "call me"}).status_code == 400
    )
    assert web.post(reverse("store_access:revoke"), {"consent": "abc"}).status_code == 400
    assert web.post(reverse("store_access:revoke"), {"consent": 987654}).status_code == 302  # "already ended"
    assert not CartConsent.objects.filter(kind=CartConsent.Kind.STANDING).exists()
