"""Where and when an order can reach the customer, beside Oscar's shipping models.

- Home delivery comes in time slots. Staff keep a weekly pattern (``DeliveryWindow``: weekday,
  hours, how many deliveries fit); the days ahead are materialised from it as ``DeliverySlot``
  rows (shop.shipping.schedule), which staff may change one by one (a capacity of 0 closes a slot).
  A slot's row is what two shoppers paying for its last place lock, so it is never overbooked.
- Pickup points are parcel lockers and partner shops where a parcel waits for the customer.
- Click-and-collect uses the stores themselves (stores.Store, its opening hours and preparation
  time).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.stores.models import OpeningHours

WEEKDAYS = OpeningHours.WEEKDAYS  # the stores' weekdays, and their names


class DeliveryWindow(models.Model):
    """One window of the weekly home-delivery pattern, e.g. Tuesdays 17-21, 12 deliveries."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("deliveries"), help_text=_("How many orders fit in the window"))
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "An inactive window makes no new slots. Slots already made stay offered: close one with a capacity of 0."
        ),
    )

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("delivery window")
        verbose_name_plural = _("weekly delivery windows")
        constraints = [
            models.UniqueConstraint(
                fields=["weekday", "starts"],
                name="one_window_per_weekday_and_start",
                violation_error_message=_("A window of that weekday starts at that time already."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="window_ends_after_start",
                violation_error_message=_("A window must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}-{self.ends:%H:%M}"

    def clean(self):
        """Windows of one weekday do not overlap: each delivery belongs to one window."""
        if self.starts is None or self.ends is None or self.weekday is None:
            return
        overlapping = DeliveryWindow.objects.filter(
            weekday=self.weekday, is_active=True, starts__lt=self.ends, ends__gt=self.starts
        ).exclude(pk=self.pk)
        if self.is_active and overlapping.exists():
            raise ValidationError(
                {"starts": _("It overlaps %(window)s; windows of a day must not overlap.") % {"window": overlapping[0]}}
            )


class DeliverySlot(models.Model):
    """A home-delivery slot on one day. ``booked`` counts the orders placed in it; shoppers paying
    for it right now hold a place too (shop.checkout), so what is left is
    ``capacity - booked - held``."""

    date = models.DateField(_("date"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("deliveries"), help_text=_("0 closes the slot"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)

    class Meta:
        ordering = ["date", "starts"]
        verbose_name = _("delivery slot")
        verbose_name_plural = _("delivery slots")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "starts"],
                name="one_slot_per_date_and_start",
                violation_error_message=_("A slot of that day starts at that time already."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")),
                name="slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.starts:%H:%M}-{self.ends:%H:%M}"

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.starts))


class PickupPoint(models.Model):
    """A parcel locker or a partner shop where a parcel waits for the customer."""

    class Kind(models.TextChoices):
        LOCKER = "locker", _("Parcel locker")
        SHOP = "shop", _("Partner shop")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LOCKER)
    street = models.CharField(_("street"), max_length=255)
    postcode = models.CharField(
        _("postcode"),
        max_length=5,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A Finnish postcode has five digits."))],
        help_text=_("Five digits"),
    )
    city = models.CharField(_("city"), max_length=128)
    opening_hours = models.CharField(_("opening hours"), max_length=128, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["postcode", "name"]
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")

    def __str__(self):
        return f"{self.name}, {self.city}"


from oscar.apps.shipping.models import *  # noqa: E402, F403
