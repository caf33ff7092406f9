from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_hours(self):
        return self.select_related("partner").prefetch_related("opening_hours")


class Store(models.Model):
    """A fulfilment location: a physical store or the online warehouse.

    Each store is one Oscar partner, so that its stock is Oscar's StockRecord for that
    partner; the store adds what a shopper and a member of staff need to know about the place.
    """

    class Kind(models.TextChoices):
        STORE = "store", _("Store")
        WAREHOUSE = "warehouse", _("Online warehouse")

    partner = models.OneToOneField("partner.Partner", on_delete=models.PROTECT, related_name="store")
    name = models.CharField(max_length=128)
    slug = models.SlugField(max_length=64, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STORE)
    street = models.CharField(max_length=255, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    city = models.CharField(max_length=128, blank=True)
    country = models.CharField(max_length=2, default="FI")
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    is_pickup_point = models.BooleanField(
        _("Click-and-collect pickup"), default=False, help_text=_("Customers can collect orders here.")
    )
    is_active = models.BooleanField(default=True)

    objects = StoreQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def is_physical(self):
        return self.kind == self.Kind.STORE


class OpeningHours(models.Model):
    """Regular opening hours for one weekday; a weekday without a row is a closed day."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["store", "weekday"], name="one_opening_per_weekday"),
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="closes_after_opening"),
        ]
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class StaffMember(models.Model):
    """A user who works in one store (the store staff role)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member")
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="staff")

    def __str__(self):
        return f"{self.user} @ {self.store}"
