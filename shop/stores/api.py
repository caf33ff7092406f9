from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.stores import consent, queries
from shop.stores.models import CartConsent, OpeningHours, Store


@extend_schema_field({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$", "example": "10:00:00"})
class LocalTimeField(serializers.TimeField):
    """A time of day at the store, without a UTC offset (OpenAPI's ``time`` format requires one)."""


class OpeningHoursSerializer(serializers.ModelSerializer):
    weekday_name = serializers.CharField(source="get_weekday_display")
    opens = LocalTimeField(help_text="Local time at the store")
    closes = LocalTimeField(help_text="Local time at the store")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "weekday_name", "opens", "closes"]


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()


class StoreSerializer(serializers.ModelSerializer):
    address = serializers.SerializerMethodField()
    opening_hours = OpeningHoursSerializer(many=True)

    class Meta:
        model = Store
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "address",
            "phone",
            "email",
            "latitude",
            "longitude",
            "is_pickup_point",
            "opening_hours",
        ]

    @extend_schema_field(AddressSerializer)
    def get_address(self, store):
        return {"street": store.street, "postcode": store.postcode, "city": store.city, "country": store.country}


class StoreViewSet(viewsets.ReadOnlyModelViewSet):
    """Stores and the online warehouse, with address and opening hours."""

    serializer_class = StoreSerializer
    lookup_field = "slug"
    queryset = Store.objects.active().with_hours().order_by("kind", "name")


# --- The customer's store access (consent) ------------------------------------------------------


class ConsentSerializer(serializers.ModelSerializer):
    store = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    opened_by = serializers.SerializerMethodField()

    class Meta:
        model = CartConsent
        fields = ["id", "kind", "store", "opened_by", "phone", "code_expires_at", "expires_at", "created_at"]

    def get_opened_by(self, consent) -> str | None:
        return consent.redeemed_by.first_name if consent.redeemed_by else None


class IssuedCodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The consent; DELETE it to end access")
    code = serializers.CharField(help_text="Show it to a store associate (once, until code_expires_at)")
    code_expires_at = serializers.DateTimeField()


class StandingConsentSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    days = serializers.IntegerField(min_value=1, max_value=settings.SHOP_STANDING_CONSENT_MAX_DAYS)


class StaffOpeningSerializer(serializers.Serializer):
    staff = serializers.CharField(source="staff.first_name")
    store = serializers.SlugField(source="store.slug")
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)


class StaffChangeSerializer(serializers.Serializer):
    staff = serializers.CharField(source="actor.first_name", allow_null=True)
    store = serializers.SlugField(source="store.slug")
    action = serializers.CharField()
    product = serializers.IntegerField(source="product_id", allow_null=True)
    quantity_before = serializers.IntegerField()
    quantity_after = serializers.IntegerField()
    created = serializers.DateTimeField()


class StoreAccessSerializer(serializers.Serializer):
    consents = ConsentSerializer(many=True, help_text="What gives (or can give) store staff access now")
    openings = StaffOpeningSerializer(many=True, help_text="Every time store staff opened the cart")
    changes = StaffChangeSerializer(many=True, help_text="Every change store staff made to the cart")


def consent_refused(error):
    return exceptions.ValidationError({"non_field_errors": [str(error)]})


class StoreAccessView(APIView):
    """The signed-in customer's store access: live consents, and the log of staff openings and changes."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=StoreAccessSerializer)
    def get(self, request):
        openings, changes = queries.staff_access_log(request.user)
        data = {"consents": queries.live_consents(request.user), "openings": openings, "changes": changes}
        return Response(StoreAccessSerializer(data).data)


class ConsentCodesView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={201: IssuedCodeSerializer})
    def post(self, request):
        """A new single-use code to show a store associate (any earlier unused code stops working)."""
        code, issued = consent.issue_code(request.user)
        data = {"id": issued.pk, "code": consent.format_code(code), "code_expires_at": issued.code_expires_at}
        return Response(IssuedCodeSerializer(data).data, status=status.HTTP_201_CREATED)


class StandingConsentView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=StandingConsentSerializer, responses={201: ConsentSerializer})
    def post(self, request):
        """Opt in to the standing in-store consent for ``days`` days (replacing an earlier one)."""
        data = StandingConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            granted = consent.grant_standing(
                request.user, data.validated_data.get("phone", ""), data.validated_data["days"]
            )
        except consent.ConsentError as error:
            raise consent_refused(error)
        return Response(ConsentSerializer(granted).data, status=status.HTTP_201_CREATED)


class ConsentView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        """End a consent now: store staff lose access at their next request."""
        try:
            consent.revoke(request.user, pk)
        except consent.ConsentError as error:
            raise exceptions.NotFound(str(error))
        return Response(status=status.HTTP_204_NO_CONTENT)
