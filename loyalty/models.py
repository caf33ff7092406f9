from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Condition = get_model("offer", "Condition")


class Perk(models.Model):
    """What a plan gives its members, as shown on the plans page (edited in Wagtail)."""

    title = models.CharField(_("Title"), max_length=120)
    description = models.TextField(_("Description"), blank=True)
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class Plan(models.Model):
    """A paid membership plan (yearly or monthly), billed as a Stripe subscription."""

    class Interval(models.TextChoices):
        YEAR = "year", _("Yearly")
        MONTH = "month", _("Monthly")

    name = models.CharField(_("Name"), max_length=120)
    code = models.SlugField(_("Code"), unique=True)
    interval = models.CharField(_("Billing interval"), max_length=5, choices=Interval.choices)
    fee = models.DecimalField(
        _("Fee per interval incl. VAT (EUR)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.50"))],  # Stripe's smallest charge in EUR
    )
    points_per_euro = models.DecimalField(
        _("Points per euro spent"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    perks = models.ManyToManyField(Perk, blank=True, related_name="plans", verbose_name=_("Perks"))
    is_active = models.BooleanField(_("Offered to new members"), default=True)
    sort_order = models.PositiveIntegerField(_("Sort order"), default=0)
    # The Stripe plan that bills this fee. Stripe plans cannot change their amount, so a new one
    # is created when the fee differs from the fee it was created with (loyalty.gateway).
    stripe_plan_id = models.CharField(max_length=255, blank=True, editable=False)
    stripe_plan_fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, editable=False)

    class Meta:
        ordering = ["sort_order", "fee"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A customer's membership: one row per customer, following one Stripe subscription at a time.

    Only signed Stripe events (and the reconciliation with Stripe's API) change its status; a
    browser never does. ``is_active_at`` is what the pricing strategy asks.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        ACTIVE = "active", _("Active")
        LAPSED = "lapsed", _("Lapsed")
        ENDED = "ended", _("Ended")

    class Reason(models.TextChoices):
        CANCELLED = "cancelled", _("the membership was cancelled")
        PAYMENT_FAILED = "payment_failed", _("the membership payment failed")
        PERIOD_OVER = "period_over", _("the paid period is over")

    # An auto-renewing membership stays active this long after its period end, while Stripe
    # charges the renewal and tells us (a failed charge ends it at once).
    RENEWAL_GRACE = timedelta(hours=24)

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    end_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # When Stripe created the latest event applied, so that an older one arriving late is ignored.
    stripe_state_at = models.DateTimeField(null=True, blank=True)
    # The welcome email of the current subscription went out (makes its task safe to retry).
    welcome_sent_at = models.DateTimeField(null=True, blank=True)
    # When the customer last joined: how long a join whose subscription call got no answer has
    # been waiting for Stripe to tell whether it made the subscription.
    joined_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} ({self.plan}, {self.get_status_display()})"

    def is_active_at(self, when):
        if self.status != self.Status.ACTIVE or self.current_period_end is None:
            return False
        grace = timedelta(0) if self.cancel_at_period_end else self.RENEWAL_GRACE
        return when < self.current_period_end + grace

    @property
    def is_active(self):
        return self.is_active_at(timezone.now())

    @property
    def awaits_its_subscription(self):
        """A join whose subscription call Stripe never answered: Stripe's events (which name the
        customer) or the reconciliation will tell whether the subscription was made."""
        return self.status == self.Status.PENDING and bool(self.stripe_customer_id) and not self.stripe_subscription_id

    def lapse_reason(self, when=None):
        """Why member prices do not apply (a Reason), or None for an active or pending one."""
        if self.status in (self.Status.LAPSED, self.Status.ENDED):
            return self.Reason(self.end_reason) if self.end_reason else self.Reason.PERIOD_OVER
        if self.status == self.Status.ACTIVE and not self.is_active_at(when or timezone.now()):
            return self.Reason.PERIOD_OVER
        return None


class MembershipPayment(models.Model):
    """A paid membership invoice: what membership cost, as Stripe reported it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="payments")
    stripe_invoice_id = models.CharField(max_length=255, unique=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    paid_at = models.DateTimeField()

    class Meta:
        ordering = ["-paid_at"]


class MemberSaving(models.Model):
    """A member's order: what member prices and free delivery saved on it, and the points rate it
    earns at, recorded when it was placed."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="member_saving")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_savings")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    # The plan's points per euro when the order was placed: what the order earns when it is
    # completed (delivered or collected), even if the membership has ended by then.
    points_per_euro = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    created = models.DateTimeField(default=timezone.now)


class PointsAccount(models.Model):
    """A customer's points balance: the row that conversions lock, so the balance never goes
    below zero (also enforced by the database)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points_account")
    balance = models.IntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(balance__gte=0), name="points_balance_not_negative")]

    def __str__(self):
        return f"{self.user}: {self.balance} points"


class PointsEntry(models.Model):
    """One change to a points balance (the history the customer sees)."""

    class Kind(models.TextChoices):
        EARNED = "earned", _("Earned")
        REVERSED = "reversed", _("Refunded")
        CONVERTED = "converted", _("Converted to a voucher")
        ADJUSTED = "adjusted", _("Adjusted")

    account = models.ForeignKey(PointsAccount, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    points = models.IntegerField(help_text="Positive when earned, negative when spent or reversed")
    description = models.CharField(max_length=255, blank=True)
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    payment_event = models.OneToOneField(
        "order.PaymentEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voucher = models.ForeignKey("voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            # An order earns points once, however often its completion is announced.
            models.UniqueConstraint(fields=["order"], condition=Q(kind="earned"), name="points_earned_once_per_order")
        ]


class MemberCondition(Condition):
    """Member-only offers: an Oscar offer condition "the customer is a member".

    Oscar's offer machinery loads it through ``Condition.proxy_class`` (the condition row is
    created by a migration, so the offers dashboard lists it as a custom condition); pair it
    with any benefit, e.g. 10% off a range for members.
    """

    name = "The customer is a member"
    description = "The owner of the cart has an active membership"

    class Meta:
        proxy = True

    def is_satisfied(self, offer, basket):
        from loyalty.queries import member_status

        return bool(basket.owner) and member_status(basket.owner).is_member

    def can_apply_condition(self, line):
        return False  # it is about the customer, not about any line

    def consume_items(self, offer, basket, affected_lines):
        return
