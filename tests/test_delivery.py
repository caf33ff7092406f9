"""Delivery options for a cart: which options can serve it, what they cost, when they arrive or
are ready, and the refusals of a choice that cannot serve it (shop.checkout.delivery, the
schedule rules of shop.shipping.schedule, the choosing in shop.checkout.services)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Product
from shop.basket import services as cart
from shop.basket.models import Channel
from shop.checkout import delivery, services
from shop.checkout.models import Checkout, Method
from shop.shipping import schedule
from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint
from shop.stores.models import OpeningHours
from tests import factories as f

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(day, hour, minute=0):
    """A moment in Helsinki in the week of Monday 7 December 2026 (day 7 = Monday)."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=HELSINKI)


def store_with_hours(hours, preparation=120, **kwargs):
    store = f.StoreFactory(preparation_minutes=preparation, **kwargs)
    store.opening_hours.all().delete()
    for weekday, (opens, closes) in hours.items():
        OpeningHours.objects.create(store=store, weekday=weekday, opens=opens, closes=closes)
    return store


WEEKDAYS_10_20 = {day: ("10:00", "20:00") for day in range(5)} | {5: ("10:00", "16:00")}  # closed on Sundays


# --- When a store has it ready ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "placed, preparation, ready",
    [
        (at(7, 11, 0), 120, at(7, 13, 0)),  # in opening hours: now plus the preparation
        (at(7, 11, 5), 60, at(7, 12, 15)),  # rounded up to the quarter hour
        (at(7, 8, 0), 120, at(7, 12, 0)),  # before opening: from the opening
        (at(7, 19, 0), 120, at(8, 11, 0)),  # one hour today, the rest when it opens tomorrow
        (at(7, 21, 30), 120, at(8, 12, 0)),  # after closing: the next opening day
        (at(12, 15, 0), 120, at(14, 11, 0)),  # Saturday closing at 16, closed on Sunday: Monday
        (at(13, 12, 0), 30, at(14, 10, 30)),  # on a closed day: the next opening day
    ],
)
def test_a_store_has_an_order_ready_after_its_preparation_time_in_opening_hours(placed, preparation, ready):
    store = store_with_hours(WEEKDAYS_10_20, preparation=preparation)
    assert schedule.ready_at(store, placed) == ready


@pytest.mark.django_db
def test_a_store_without_opening_hours_is_never_ready():
    assert schedule.ready_at(store_with_hours({}), at(7, 11)) is None


@pytest.mark.parametrize(
    "placed, arrives",
    [
        (at(7, 10), datetime.date(2026, 12, 8)),  # Monday before the cutoff: sent today, there tomorrow
        (at(7, 15), datetime.date(2026, 12, 9)),  # after the cutoff: sent tomorrow
        (at(11, 15), datetime.date(2026, 12, 15)),  # Friday afternoon: sent Monday, there Tuesday
        (at(12, 10), datetime.date(2026, 12, 15)),  # Saturday: sent Monday
    ],
)
def test_a_parcel_reaches_the_pickup_point_on_the_working_day_after_dispatch(placed, arrives):
    assert schedule.pickup_point_date(placed) == arrives


# --- Slots -----------------------------------------------------------------------------------------


@pytest.fixture
def windows(db):
    """Mornings and evenings, Monday to Saturday."""
    for weekday in range(6):
        DeliveryWindow.objects.create(weekday=weekday, starts="09:00", ends="13:00", capacity=2)
        DeliveryWindow.objects.create(weekday=weekday, starts="17:00", ends="21:00", capacity=3)


def test_slots_are_made_from_the_weekly_windows_from_the_lead_time_on(windows):
    slots = schedule.bookable_slots(at(7, 12))  # 18 h ahead: from Tuesday 06:00
    assert [(s.date.day, s.starts.hour) for s in slots[:4]] == [(8, 9), (8, 17), (9, 9), (9, 17)]
    assert not any(s.date.weekday() == 6 for s in slots)  # no windows on Sundays
    assert len(slots) == 2 * 6  # seven days from Tuesday: six working days
    # Asking again makes nothing twice, and a slot a planner changed keeps its change.
    DeliverySlot.objects.filter(date=datetime.date(2026, 12, 8)).update(capacity=0)
    assert schedule.ensure_slots(datetime.date(2026, 12, 8), 7) == 0
    assert DeliverySlot.objects.filter(date=datetime.date(2026, 12, 8), capacity=0).count() == 2


@pytest.mark.django_db
def test_a_slot_has_its_capacity_less_the_orders_in_it_and_the_checkouts_paying_for_it(windows, shop_data):
    now = at(7, 12)
    slot = schedule.bookable_slots(now)[0]  # capacity 2
    slot.booked = 1
    slot.save()
    assert delivery.slot_choices([slot], now)[0].remaining == 1
    paying = Checkout.objects.create(
        basket=f.basket_with(shop_data["cushion"]),
        status=Checkout.Status.PAYING,
        method=Method.HOME,
        slot=slot,
        reserved_until=now + datetime.timedelta(minutes=5),
    )
    choice = delivery.slot_choices([slot], now)[0]
    assert (choice.remaining, choice.is_full) == (0, True)
    # ... except for that checkout itself, and not after its hold ran out.
    assert delivery.slot_choices([slot], now, checkout=paying)[0].remaining == 1
    assert delivery.slot_choices([slot], now + datetime.timedelta(minutes=6))[0].remaining == 1


# --- The options for a cart ------------------------------------------------------------------------


def cart_of(user, *items):
    basket = cart.open_basket_of(user)
    for product, quantity in items:
        product = Product.objects.get(pk=product.pk)  # as a request reads it
        cart.add_product(basket, product, quantity, cart.Actor(user=user, channel=Channel.WEB))
    return cart.price_for_owner(basket)


@pytest.fixture
def anna(shop_data):
    return f.UserFactory(email="anna@example.com")


@pytest.mark.django_db
def test_every_store_that_has_the_cart_can_collect_it(shop_data, anna, windows):
    f.stock(shop_data["cushion"], shop_data["helsinki"], 5)
    basket = cart_of(anna, (shop_data["cushion"], 2))
    options = delivery.delivery_options(basket, at(7, 12))
    stores = {choice.store.slug: choice for choice in options.collect.stores}
    assert stores["helsinki"].is_available and stores["tampere"].is_available
    assert stores["helsinki"].ready_at == at(7, 14)
    assert options.home.is_available and options.pickup_point.shortages == []


@pytest.mark.django_db
def test_a_store_that_lacks_a_line_is_listed_with_what_it_lacks(shop_data, anna, windows):
    # Helsinki has 1 of the second variant, Tampere none: the cart wants 2.
    variant = shop_data["variants"][1]
    basket = cart_of(anna, (variant, 2))
    options = delivery.delivery_options(basket, at(7, 12))
    stores = {choice.store.slug: choice for choice in options.collect.stores}
    assert [(s.product, s.wanted, s.available) for s in stores["helsinki"].shortages] == [(variant, 2, 1)]
    assert [(s.product, s.wanted, s.available) for s in stores["tampere"].shortages] == [(variant, 2, 0)]
    assert not stores["helsinki"].is_available and not options.collect.is_available
    assert options.home.is_available  # the online warehouse has 4


@pytest.mark.django_db
def test_a_cart_no_location_has_offers_no_option(shop_data, anna, windows):
    book = shop_data["book"]  # none online, 2 in Tampere only
    f.stock(book, shop_data["online"], 1)
    basket = cart_of(anna, (book, 1))
    f.stock(book, shop_data["online"], 0)
    f.stock(book, shop_data["tampere"], 0)
    options = delivery.delivery_options(basket, at(7, 12))
    assert not any(option.is_available for option in options)
    assert [(s.product, s.available) for s in options.home.shortages] == [(book, 0)]
    assert [(s.product, s.available) for s in options.pickup_point.shortages] == [(book, 0)]


@pytest.mark.django_db
def test_units_other_shoppers_hold_are_not_offered_until_their_hold_runs_out(shop_data, anna, windows):
    from shop.checkout.models import StockReservation

    basket = cart_of(anna, (shop_data["cushion"], 3))
    record = shop_data["cushion"].stockrecords.get(partner=shop_data["tampere"].partner)
    paying = Checkout.objects.create(basket=f.basket_with(shop_data["cushion"]))
    hold = StockReservation.objects.create(  # someone is paying for one of Tampere's three
        checkout=paying, stockrecord=record, quantity=1, expires_at=at(7, 12, 10)
    )

    def tampere(now):
        options = delivery.delivery_options(cart.price_for_owner(cart.open_basket_of(anna)), now)
        return next(c for c in options.collect.stores if c.store.slug == "tampere")

    assert [(s.wanted, s.available) for s in tampere(at(7, 12)).shortages] == [(3, 2)]
    assert tampere(at(7, 12, 11)).is_available  # the hold ran out: it counts for nothing, swept or not
    assert basket.num_items == 3 and StockReservation.objects.get() == hold


REGULAR = {"home-delivery": Decimal("9.90"), "click-and-collect": Decimal("2.90"), "pickup-point": Decimal("4.90")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "member, cushions, free_reason",
    [(False, 1, None), (False, 6, "Free for orders of €150.00 or more"), (True, 1, "Free for members")],
)
def test_members_and_big_carts_get_every_option_free(shop_data, anna, windows, member, cushions, free_reason):
    if member:
        from tests.test_loyalty import make_member

        make_member(anna)
    basket = cart_of(anna, (shop_data["cushion"], cushions))  # 29.90 a cushion; free from 150
    options = delivery.delivery_options(basket, at(7, 12))
    for option in options:
        assert option.charge.regular_incl_tax == REGULAR[option.code]
        if free_reason is None:
            assert (option.charge.incl_tax, option.charge.free_reason) == (REGULAR[option.code], "")
        else:
            assert (option.charge.incl_tax, option.charge.free_reason) == (Decimal("0.00"), free_reason)


@pytest.mark.django_db
def test_pickup_points_are_listed_nearest_to_the_postcode_first(shop_data, anna, windows):
    for code, postcode in (("tampere", "33100"), ("kallio", "00530"), ("kamppi", "00100"), ("espoo", "02230")):
        PickupPoint.objects.create(code=code, name=code.title(), street="Katu 1", postcode=postcode, city="X")
    PickupPoint.objects.create(code="gone", name="Gone", street="Katu 2", postcode="00100", city="X", is_active=False)
    basket = cart_of(anna, (shop_data["cushion"], 1))
    options = delivery.delivery_options(basket, at(7, 10), postcode="00120")
    assert [p.code for p in options.pickup_point.points] == ["kamppi", "kallio", "espoo", "tampere"]
    assert options.pickup_point.date == datetime.date(2026, 12, 8)


# --- Choosing ---------------------------------------------------------------------------------------


@pytest.fixture
def checkout(shop_data, anna):
    basket = cart_of(anna, (shop_data["variants"][1], 1), (shop_data["cushion"], 1))
    return services.checkout_of(basket)


@pytest.mark.django_db
def test_a_choice_that_cannot_serve_the_cart_is_refused_with_the_reason(checkout, shop_data, windows):
    now = at(7, 12)
    slot = schedule.bookable_slots(now)[0]
    with pytest.raises(services.CheckoutError) as unknown:
        services.choose_delivery(checkout, Method.HOME, slot=999999, now=now)
    assert "slot" in unknown.value.fields
    with pytest.raises(services.CheckoutError) as garbage:
        services.choose_delivery(checkout, Method.HOME, slot="1; drop table", now=now)
    assert "slot" in garbage.value.fields
    DeliverySlot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
    with pytest.raises(services.SlotFull):
        services.choose_delivery(checkout, Method.HOME, slot=slot.pk, now=now)
    # Tampere has no cushions of... it has 3 cushions but none of the sofa.
    with pytest.raises(services.SoldOut) as lacking:
        services.choose_delivery(checkout, Method.COLLECT, store=shop_data["tampere"].pk, now=now)
    assert lacking.value.message.startswith("Tampere does not have everything in stock")
    with pytest.raises(services.CheckoutError) as warehouse:
        services.choose_delivery(checkout, Method.COLLECT, store=shop_data["online"].pk, now=now)
    assert "store" in warehouse.value.fields
    with pytest.raises(services.CheckoutError) as method:
        services.choose_delivery(checkout, "drone", now=now)
    assert "method" in method.value.fields
    checkout.refresh_from_db()
    assert (checkout.method, checkout.slot, checkout.store) == ("", None, None)


@pytest.mark.django_db
def test_a_choice_that_serves_the_cart_is_kept_with_the_quote(checkout, shop_data, windows):
    now = at(7, 12)
    f.stock(shop_data["cushion"], shop_data["helsinki"], 4)
    services.choose_delivery(checkout, Method.COLLECT, store=shop_data["helsinki"].pk, now=now)
    checkout.refresh_from_db()
    basket = cart.price_for_owner(checkout.basket)
    offer = services.quote(checkout, basket, now)
    assert offer.collection_store == shop_data["helsinki"]
    assert offer.ready_at == at(7, 14)
    assert offer.location == shop_data["helsinki"].partner_id
    assert offer.total.incl_tax == Decimal("1299.00") + Decimal("29.90")  # free over 150


# --- Planning in the Wagtail admin -----------------------------------------------------------------


@pytest.fixture
def planner(client, db):
    client.force_login(f.UserFactory(groups=["Product admins"]))
    return client


def test_windows_of_a_day_may_not_overlap_nor_end_before_they_start(planner, windows):
    url = "/cms/snippets/shipping/deliverywindow/add/"
    window = {"capacity": 3, "is_active": "on"}
    overlapping = planner.post(url, {**window, "weekday": 0, "starts": "10:00", "ends": "12:00"})
    assert "windows of a day must not overlap" in overlapping.content.decode()
    backwards = planner.post(url, {**window, "weekday": 6, "starts": "12:00", "ends": "10:00"})
    assert "A window must end after it starts." in backwards.content.decode()
    assert DeliveryWindow.objects.count() == 12


@pytest.mark.django_db
def test_slots_are_closed_not_deleted_and_pickup_points_in_use_stay(client, windows, shop_data):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "admin@example.com", f.PASSWORD))
    slot = schedule.bookable_slots(at(7, 12))[0]
    response = client.post(f"/cms/snippets/shipping/deliveryslot/delete/{slot.pk}/", follow=True)
    assert "A slot is closed, not deleted" in response.content.decode()
    assert DeliverySlot.objects.filter(pk=slot.pk).exists()
    point = PickupPoint.objects.create(code="kamppi", name="Kamppi", street="Katu 1", postcode="00100", city="X")
    Checkout.objects.create(basket=f.basket_with(shop_data["cushion"]), method=Method.PICKUP_POINT, pickup_point=point)
    response = client.post(f"/cms/snippets/shipping/pickuppoint/delete/{point.pk}/", follow=True)
    assert response.status_code == 200 and "cannot be deleted: orders or checkouts use it" in response.content.decode()
    assert PickupPoint.objects.filter(pk=point.pk).exists()
