"""Membership demo data, loaded by manage.py load_demo (one call): plans and perks, Ben as an
active yearly member with points, Lauri as a lapsed member. Member prices are product data:
the demo enters them in the PIM with the products (shop.demo.pim).

Idempotent like the rest of the demo: what exists is left alone. When the demo's localstripe
runs (STRIPE_API_BASE on 127.0.0.1, as ``make demo`` sets it), Ben's membership follows a real
subscription there, so that cancelling it in the demo works as it would against Stripe.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from loyalty import gateway, services
from loyalty.models import Membership, MembershipPayment, Perk, Plan, PointsAccount, PointsEntry

PERKS = [
    ("Member prices", "10-20% off most products, in the web shop and in every store."),
    ("Free delivery and click-and-collect", "On every order, however small."),
    ("Points on every order", "Turn them into vouchers: 100 points make 1 EUR."),
    ("Member-only offers", "Offers only members see in their cart."),
]
PLANS = [
    {"code": "yearly", "name": "Yearly membership", "interval": "year", "fee": "59.00", "points_per_euro": "2"},
    {"code": "monthly", "name": "Monthly membership", "interval": "month", "fee": "5.90", "points_per_euro": "1"},
]
MEMBER = "ben@example.com"
LAPSED = "lauri@example.com"


def load():
    perks = [Perk.objects.get_or_create(title=title, defaults={"description": text})[0] for title, text in PERKS]
    plans = {}
    for order, spec in enumerate(PLANS):
        plan, created = Plan.objects.get_or_create(code=spec["code"], defaults={**spec, "sort_order": order})
        if created:
            plan.perks.set(perks)
        plans[spec["code"]] = plan
    ben = load_member(plans["yearly"])
    lapsed = load_lapsed_member(plans["monthly"])
    return f"{len(plans)} plans, member {ben}, lapsed member {lapsed}"


def uses_local_stripe():
    return settings.STRIPE_API_BASE.startswith(("http://127.0.0.1", "http://localhost"))


def load_member(plan):
    user = get_user_model().objects.filter(email__iexact=MEMBER).first()
    if user is None or Membership.objects.filter(user=user).exists():
        return MEMBER
    now = timezone.now()
    customer_id = subscription_id = ""
    if uses_local_stripe():
        try:
            customer_id = gateway.create_customer(user, "pm_card_visa")
            subscription_id = gateway.subscribe(customer_id, services.stripe_plan_id(plan))
        except (gateway.StripeError, gateway.PaymentDeclined):
            customer_id = subscription_id = ""
    membership = Membership.objects.create(
        user=user,
        plan=plan,
        status=Membership.Status.ACTIVE,
        stripe_customer_id=customer_id,
        stripe_subscription_id=subscription_id,
        started_at=now - timedelta(days=120),
        current_period_end=now + timedelta(days=245),
    )
    MembershipPayment.objects.create(
        membership=membership, stripe_invoice_id=f"demo-{user.pk}", amount=plan.fee, paid_at=now - timedelta(days=120)
    )
    account, _ = PointsAccount.objects.get_or_create(user=user)
    for days_ago, points, text in [(120, 500, "Welcome bonus"), (60, 740, "Store purchases before the web shop")]:
        PointsEntry.objects.create(
            account=account,
            kind=PointsEntry.Kind.ADJUSTED,
            points=points,
            description=text,
            created=now - timedelta(days=days_ago),
        )
        account.balance += points
    account.save()
    return MEMBER + (" (subscription in localstripe)" if subscription_id else "")


def load_lapsed_member(plan):
    """Lauri (a demo account of shop.demo.users_data) let his monthly membership lapse."""
    user = get_user_model().objects.filter(email__iexact=LAPSED).first()
    if user is None:
        return LAPSED
    if not Membership.objects.filter(user=user).exists():
        now = timezone.now()
        Membership.objects.create(
            user=user,
            plan=plan,
            status=Membership.Status.LAPSED,
            end_reason=Membership.Reason.PAYMENT_FAILED,
            started_at=now - timedelta(days=95),
            current_period_end=now - timedelta(days=5),
        )
    return LAPSED
