"""The reads loyalty's pages, the pricing strategy, the shipping rule and the API need."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from loyalty.models import MemberSaving, Membership, MembershipPayment, Plan, PointsAccount, PointsEntry


@dataclass(frozen=True)
class MemberStatus:
    """Whether member prices and perks apply to a customer right now, and if not, why."""

    membership: Membership | None = None
    is_member: bool = False
    lapse_reason: Membership.Reason | None = None

    @property
    def lapse_message(self):
        if self.lapse_reason is None:
            return ""
        return _("Member prices no longer apply: %(reason)s.") % {"reason": self.lapse_reason.label}


NOT_A_MEMBER = MemberStatus()


def membership_of(user):
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.select_related("plan").filter(user=user).first()


def member_status(user, when=None):
    """The one answer to "is this customer a member now?" (strategy, shipping, offers, API)."""
    membership = membership_of(user)
    if membership is None:
        return NOT_A_MEMBER
    when = when or timezone.now()
    return MemberStatus(
        membership=membership, is_member=membership.is_active_at(when), lapse_reason=membership.lapse_reason(when)
    )


def plans_on_offer():
    return Plan.objects.filter(is_active=True).prefetch_related("perks")


def points_balance(user):
    return PointsAccount.objects.filter(user=user).values_list("balance", flat=True).first() or 0


def points_history(user, limit=50):
    return list(PointsEntry.objects.filter(account__user=user).select_related("order", "voucher")[:limit])


@dataclass(frozen=True)
class YearSummary:
    year: int
    saved: Decimal
    cost: Decimal

    @property
    def net(self):
        return self.saved - self.cost


def year_summary(user, year=None):
    """What membership saved the customer this calendar year against what it cost."""
    year = year or timezone.localdate().year
    saved = MemberSaving.objects.filter(user=user, created__year=year).aggregate(total=Sum("amount"))["total"]
    cost = MembershipPayment.objects.filter(membership__user=user, paid_at__year=year).aggregate(total=Sum("amount"))[
        "total"
    ]
    return YearSummary(year=year, saved=saved or Decimal("0.00"), cost=cost or Decimal("0.00"))


def points_for(order, rate):
    """The points an order's goods earn at ``rate`` points per euro (whole points, rounded down)."""
    goods = order.total_incl_tax - order.shipping_incl_tax
    return int((goods * rate).to_integral_value(rounding=ROUND_DOWN))


def points_earned_on(order):
    """The points an order has earned, less what its refunds took back."""
    return (
        PointsEntry.objects.filter(order=order)
        .exclude(kind=PointsEntry.Kind.CONVERTED)
        .aggregate(total=Sum("points"))["total"]
        or 0
    )


def points_due_on(order):
    """The points a member's order will earn when it is completed (0 once it has, or for others)."""
    saving = MemberSaving.objects.filter(order=order).first()
    if saving is None or PointsEntry.objects.filter(order=order, kind=PointsEntry.Kind.EARNED).exists():
        return 0
    return points_for(order, saving.points_per_euro)
