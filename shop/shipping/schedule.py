"""When deliveries happen: the home-delivery slots of the days ahead, the day a parcel reaches a
pickup point, and when a store has a click-and-collect order ready. Pure date arithmetic over the
models, so the rules are read (and tested) in one place."""

import datetime
import math

from django.conf import settings
from django.utils import timezone

from shop.shipping.models import DeliverySlot, DeliveryWindow

QUARTER = datetime.timedelta(minutes=15)


def ensure_slots(first_day, days):
    """Create the slots of the weekly windows for ``days`` days from ``first_day`` where they do
    not exist yet. Existing slots are left as staff set them (a capacity of 0 closes one)."""
    windows = list(DeliveryWindow.objects.filter(is_active=True))
    if not windows:
        return 0
    wanted = [
        DeliverySlot(date=day, starts=w.starts, ends=w.ends, capacity=w.capacity)
        for day in (first_day + datetime.timedelta(days=n) for n in range(days))
        for w in windows
        if w.weekday == day.weekday()
    ]
    last_day = first_day + datetime.timedelta(days=days)
    existing = set(
        DeliverySlot.objects.filter(date__gte=first_day, date__lt=last_day).values_list("date", "starts")
    )
    missing = [slot for slot in wanted if (slot.date, slot.starts) not in existing]
    DeliverySlot.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def bookable_slots(now):
    """The slots a shopper may choose from now: starting at least SHOP_HOME_DELIVERY_LEAD_HOURS
    ahead, within SHOP_HOME_DELIVERY_DAYS days (full ones included, to be shown as full)."""
    earliest = now + datetime.timedelta(hours=settings.SHOP_HOME_DELIVERY_LEAD_HOURS)
    first_day = timezone.localtime(earliest).date()
    ensure_slots(first_day, settings.SHOP_HOME_DELIVERY_DAYS)
    last_day = first_day + datetime.timedelta(days=settings.SHOP_HOME_DELIVERY_DAYS)
    slots = DeliverySlot.objects.filter(date__gte=first_day, date__lt=last_day).order_by("date", "starts")
    return [slot for slot in slots if slot.starts_at >= earliest]


def is_bookable(slot, now):
    earliest = now + datetime.timedelta(hours=settings.SHOP_HOME_DELIVERY_LEAD_HOURS)
    return slot.starts_at >= earliest and slot.capacity > 0


def _working_days_after(day, count):
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def pickup_point_date(now):
    """The day a parcel reaches a pickup point: the warehouse dispatches on working days, orders
    placed by SHOP_DISPATCH_CUTOFF the same day, and the carrier takes
    SHOP_PICKUP_POINT_TRANSIT_DAYS working days."""
    local = timezone.localtime(now)
    cutoff = datetime.time.fromisoformat(settings.SHOP_DISPATCH_CUTOFF)
    dispatch = local.date()
    if dispatch.weekday() >= 5 or local.time() >= cutoff:
        dispatch = _working_days_after(dispatch, 1)
    return _working_days_after(dispatch, settings.SHOP_PICKUP_POINT_TRANSIT_DAYS)


def _round_up_to_quarter(moment):
    seconds = (moment - moment.replace(hour=0, minute=0, second=0, microsecond=0)).total_seconds()
    quarters = math.ceil(seconds / QUARTER.total_seconds())
    return moment.replace(hour=0, minute=0, second=0, microsecond=0) + quarters * QUARTER


def ready_at(store, now):
    """When ``store`` has an order placed at ``now`` ready for collection: its preparation time
    counted in the store's opening hours (work left at closing time goes on when it next opens,
    so an order placed after closing is ready on the next opening day), rounded up to the quarter
    hour. None for a store without opening hours. Reads ``store.opening_hours`` (prefetch it)."""
    hours = {row.weekday: row for row in store.opening_hours.all()}
    if not hours:
        return None
    remaining = datetime.timedelta(minutes=store.preparation_minutes)
    moment = timezone.localtime(now)
    tz = moment.tzinfo
    for _day in range(15):
        row = hours.get(moment.weekday())
        if row is not None:
            opens = datetime.datetime.combine(moment.date(), row.opens, tzinfo=tz)
            closes = datetime.datetime.combine(moment.date(), row.closes, tzinfo=tz)
            start = max(moment, opens)
            if start < closes:
                if start + remaining <= closes:
                    return min(_round_up_to_quarter(start + remaining), closes)
                remaining -= closes - start
        next_day = moment.date() + datetime.timedelta(days=1)
        moment = datetime.datetime.combine(next_day, datetime.time.min, tzinfo=tz)
    return None
