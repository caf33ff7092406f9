"""The membership and points in the API (/api/v1/), for an app or a browser's own front end: thin
views over the same reads (loyalty.queries), forms (loyalty.forms) and services (loyalty.services)
as the web's membership page.

``GET membership/plans/`` lists the plans on offer for anyone. A signed-in customer reads their
membership with ``GET account/membership/``, joins with ``POST account/membership/`` (a plan's
code and a card's PaymentMethod), and cancels at the end of the paid period with
``POST account/membership/cancel/``. A join is answered while Stripe confirms the payment: the
membership is pending, and becomes active when Stripe's signed event arrives (read it again).
``GET account/points/`` gives the points balance and the latest changes, and
``POST account/points/convert/`` turns points into a single-use voucher.

What the services refuse (a declined card, a second join, points the customer does not have) is
a 400 with the service's message, in the request's language (``?lang=`` or Accept-Language).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api import RequestLanguageMixin
from loyalty import queries, services
from loyalty.forms import JoinForm
from loyalty.models import Membership, Plan, PointsEntry

# The web join form's rule for a card's PaymentMethod (documented as the field's pattern).
PAYMENT_METHOD = next(
    rule for rule in JoinForm.base_fields["payment_method"].validators if isinstance(rule, RegexValidator)
)
LANGUAGE = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of the answer's messages and names; else Accept-Language",
)


def refused(error, field="non_field_errors"):
    """A refusal of the service as the API's 400, with the service's message."""
    return exceptions.ValidationError({field: [str(error)]})


def form_refused(form):
    """The web form's messages as the API's 400, field by field."""
    return exceptions.ValidationError(
        {("non_field_errors" if name == "__all__" else name): list(messages) for name, messages in form.errors.items()}
    )


# --- Serializers ------------------------------------------------------------------------------------


class MembershipPerkSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()


class MembershipPlanSerializer(serializers.Serializer):
    code = serializers.SlugField(help_text="What POST account/membership/ takes as plan")
    name = serializers.CharField()
    interval = serializers.ChoiceField(choices=Plan.Interval.choices, help_text="How often the fee is charged")
    interval_display = serializers.CharField(source="get_interval_display")
    fee = serializers.DecimalField(max_digits=8, decimal_places=2, help_text="Per interval, VAT included")
    currency = serializers.SerializerMethodField()
    points_per_euro = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text="Points a member's completed order earns per euro of goods"
    )
    perks = MembershipPerkSerializer(many=True)

    def get_currency(self, plan) -> str:
        return settings.OSCAR_DEFAULT_CURRENCY


class MembershipSerializer(serializers.Serializer):
    plan = MembershipPlanSerializer()
    status = serializers.ChoiceField(
        choices=Membership.Status.choices,
        help_text="pending: the payment is being confirmed by Stripe; active once it is (read this again)",
    )
    status_display = serializers.CharField(source="get_status_display")
    current_period_end = serializers.DateTimeField(
        allow_null=True, help_text="The end of the paid period: it renews then, or ends if cancelled"
    )
    cancel_at_period_end = serializers.BooleanField(help_text="Cancelled: it ends at current_period_end")
    started_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)


class MembershipYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    saved = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="What member prices and free delivery saved on this year's orders"
    )
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="The membership fees paid this year")
    net = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="saved less cost")
    currency = serializers.SerializerMethodField()

    def get_currency(self, summary) -> str:
        return settings.OSCAR_DEFAULT_CURRENCY


class AccountMembershipSerializer(serializers.Serializer):
    is_member = serializers.BooleanField(help_text="Whether member prices and perks apply now")
    membership = MembershipSerializer(allow_null=True, help_text="Null for a customer who never joined")
    lapse_message = serializers.CharField(help_text="Why member prices no longer apply, else empty")
    year = MembershipYearSerializer(help_text="This calendar year: what membership saved against what it cost")


def account_membership_data(user):
    member = queries.member_status(user)
    return {
        "is_member": member.is_member,
        "membership": member.membership,
        "lapse_message": member.lapse_message,
        "year": queries.year_summary(user),
    }


class JoinMembershipSerializer(serializers.Serializer):
    """Checked by the web's join form: a plan on offer, and a card (in Stripe's test mode, one of
    Stripe's test PaymentMethods: pm_card_visa, or pm_card_chargeCustomerFail to be declined)."""

    plan = serializers.CharField(
        max_length=Plan._meta.get_field("code").max_length,
        trim_whitespace=False,
        help_text="The code of a plan from GET membership/plans/",
    )
    payment_method = serializers.CharField(
        max_length=JoinForm.base_fields["payment_method"].max_length,
        trim_whitespace=False,
        validators=[PAYMENT_METHOD],
        help_text="The card's Stripe PaymentMethod (pm_...), from Stripe's SDK or Stripe.js",
    )

    def validate_payment_method(self, value):
        if not PAYMENT_METHOD.regex.fullmatch(value):  # the pattern's $ passes a final newline
            raise serializers.ValidationError(PAYMENT_METHOD.message)
        return value


class PointsEntrySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PointsEntry.Kind.choices)
    kind_display = serializers.CharField(source="get_kind_display")
    points = serializers.IntegerField(help_text="Positive when earned, negative when spent or taken back")
    description = serializers.CharField()
    created = serializers.DateTimeField()
    order = serializers.CharField(
        source="order.number", allow_null=True, default=None, help_text="The order's number, if any"
    )
    voucher = serializers.CharField(
        source="voucher.code", allow_null=True, default=None, help_text="The voucher's code, if converted"
    )


class PointsSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    history = PointsEntrySerializer(many=True, help_text="The latest changes, newest first (as on the web page)")


@extend_schema_field(
    {
        "type": "integer",
        "minimum": settings.LOYALTY_MIN_CONVERSION_POINTS,
        "multipleOf": settings.LOYALTY_POINTS_PER_VOUCHER_EURO,
    }
)
class PointsField(serializers.IntegerField):
    """A number of points. Whether it can be converted (a whole number, at least the minimum, in
    steps, no more than the balance) is the service's rule: anything that is not a whole number is
    handed on as it is, for the service to refuse with its message."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            return data


class ConvertPointsSerializer(serializers.Serializer):
    points = PointsField(
        help_text=f"At least {settings.LOYALTY_MIN_CONVERSION_POINTS}, in steps of "
        f"{settings.LOYALTY_POINTS_PER_VOUCHER_EURO} (each step is worth one euro), and no more than the balance"
    )


class PointsVoucherSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Enter it in the cart (single use)")
    value = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Off the order, VAT included")
    currency = serializers.CharField()
    points = serializers.IntegerField(help_text="The points it took")
    balance = serializers.IntegerField(help_text="The points left")
    expires_at = serializers.DateTimeField()


# --- Views ------------------------------------------------------------------------------------------


@extend_schema(parameters=[LANGUAGE])
class LoyaltyView(RequestLanguageMixin, APIView):
    """The signed-in customer's own membership and points (nothing of anyone else's)."""

    permission_classes = [permissions.IsAuthenticated]


class PlansView(LoyaltyView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=MembershipPlanSerializer(many=True))
    def get(self, request):
        """The membership plans on offer, with their fee, billing interval, points and perks."""
        return Response(MembershipPlanSerializer(queries.plans_on_offer(), many=True).data)


class AccountMembershipView(LoyaltyView):
    def get_throttles(self):
        # Joining charges a card: it has a budget of its own (reading does not).
        self.throttle_scope = "membership" if self.request.method == "POST" else None
        return super().get_throttles()

    @extend_schema(responses=AccountMembershipSerializer)
    def get(self, request):
        """The customer's membership (whether member prices apply now, the plan, the paid period,
        a cancellation, why it lapsed) and what it saved this year against what it cost."""
        return Response(AccountMembershipSerializer(account_membership_data(request.user)).data)

    @extend_schema(
        request=JoinMembershipSerializer,
        responses={
            202: OpenApiResponse(
                AccountMembershipSerializer,
                "The card was charged or the charge is under way: the membership is pending until Stripe "
                "confirms the payment, then active (read GET account/membership/ again)",
            )
        },
    )
    def post(self, request):
        """Join: a Stripe subscription on the plan, charged now to the card. A declined card, a
        plan no longer offered or a membership already active or pending is refused (400) with
        the reason, and nothing is charged or kept."""
        body = JoinMembershipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = JoinForm(data=body.validated_data)
        if not form.is_valid():
            raise form_refused(form)
        try:
            services.join(request.user, form.cleaned_data["plan"], form.cleaned_data["payment_method"])
        except services.LoyaltyError as error:
            raise refused(error)
        data = AccountMembershipSerializer(account_membership_data(request.user)).data
        return Response(data, status=status.HTTP_202_ACCEPTED)


class CancelMembershipView(LoyaltyView):
    throttle_scope = "membership"

    @extend_schema(request=None, responses=AccountMembershipSerializer)
    def post(self, request):
        """Cancel at the end of the paid period: member prices apply until current_period_end.
        Without an active membership, or one already set to end, it is refused (400)."""
        try:
            services.cancel(request.user)
        except services.LoyaltyError as error:
            raise refused(error)
        return Response(AccountMembershipSerializer(account_membership_data(request.user)).data)


class PointsView(LoyaltyView):
    @extend_schema(responses=PointsSerializer)
    def get(self, request):
        """The customer's points balance and its latest changes (earned, refunded, converted)."""
        data = {"balance": queries.points_balance(request.user), "history": queries.points_history(request.user)}
        return Response(PointsSerializer(data).data)


class ConvertPointsView(LoyaltyView):
    throttle_scope = "membership"

    @extend_schema(request=ConvertPointsSerializer, responses={201: PointsVoucherSerializer})
    def post(self, request):
        """Turn points into a single-use voucher for the cart. Points that are not a whole number,
        fewer than the minimum, not in steps, or more than the balance are refused (400) and
        nothing is spent."""
        body = ConvertPointsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        points = body.validated_data["points"]
        try:
            voucher = services.convert_points(request.user, points)
        except services.LoyaltyError as error:
            raise refused(error, "points")
        data = {
            "code": voucher.code,
            "value": services.voucher_value(points),
            "currency": settings.OSCAR_DEFAULT_CURRENCY,
            "points": points,
            "balance": queries.points_balance(request.user),
            "expires_at": voucher.end_datetime,
        }
        return Response(PointsVoucherSerializer(data).data, status=status.HTTP_201_CREATED)
