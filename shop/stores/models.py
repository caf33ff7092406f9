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
    # Click-and-collect: how long the staff take to pick an order, counted in opening hours.
    preparation_minutes = models.PositiveSmallIntegerField(
        _("Preparation time (minutes)"),
        default=120,
        help_text=_("How long the staff take to have a click-and-collect order ready, in opening hours."),
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
    is_manager = models.BooleanField(default=False, help_text="Sees the whole store's sales, not only their own")

    def __str__(self):
        return f"{self.user} @ {self.store}"


class CartConsent(models.Model):
    """A customer's permission for store staff to open their cart.

    Two kinds: a short single-use code the customer shows in the store (valid for a few minutes;
    entering it grants the associate's store access for the rest of the visit), and a standing
    in-store consent (opt-in, with an expiry) that lets staff of any store find the customer by
    email or phone. Either ends at once when the customer revokes it.
    """

    class Kind(models.TextChoices):
        CODE = "code", _("Code shown in the store")
        STANDING = "standing", _("Standing in-store consent")

    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_consents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # A code is kept only as its keyed digest (shop.stores.consent.code_digest).
    code_digest = models.CharField(max_length=64, blank=True, db_index=True)
    code_expires_at = models.DateTimeField(null=True, blank=True, help_text="Until when the code can be entered")
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A code grants its store only; a standing consent every store (store empty).
    store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The phone number staff may find the customer by (standing consent; digits and a leading +).
    phone = models.CharField(max_length=20, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="When access ends")
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code_digest"], condition=~models.Q(code_digest=""), name="unique_consent_code"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.customer}"

    def grants_access(self, store, when):
        """Whether staff of ``store`` may open the customer's cart at ``when``."""
        if self.revoked_at is not None or self.expires_at is None or when >= self.expires_at:
            return False
        return self.store_id is None or self.store_id == store.pk


class AssistSession(models.Model):
    """A member of staff opening a customer's cart under a consent: every opening is one row
    (the access log the customer sees), ended by the associate or by the consent ending."""

    consent = models.ForeignKey(CartConsent, on_delete=models.CASCADE, related_name="sessions")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assist_sessions")
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="assist_sessions")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.staff} @ {self.store} for {self.consent.customer}"

    @property
    def customer(self):
        return self.consent.customer


class AisleCart(models.Model):
    """A cart a member of staff builds for a walk-in customer without an account ("endless
    aisle") and sends as a signed link; the customer claims it into their own cart online."""

    basket = models.OneToOneField("basket.Basket", on_delete=models.CASCADE, related_name="aisle_cart")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aisle_carts")
    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="aisle_carts")
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=8, default=settings.LANGUAGE_CODE, help_text="Of the email")
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the email with the link went out (the task sends it once per sending).
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_into = models.ForeignKey(
        "basket.Basket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Cart for {self.email or 'a walk-in customer'} by {self.staff}"
