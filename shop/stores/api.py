from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from shop.stores.models import OpeningHours, Store


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
