"""The catalogue in the headless API. Listing goes through catalogue.search.browse, prices
and availability through the pricing strategy: the same functions as the web pages."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from catalogue import queries
from catalogue.models import Product
from catalogue.search import BrowseForm, BrowseParams, browse
from pim.queries import AttributeLabels, display_title, product_content
from shop.partner.strategy import Selector


def strategy_for(request):
    """The strategy for the API request's customer. Oscar's basket middleware chose one for the
    session's user; an app signed in with a session token is only known after DRF's
    authentication, so the strategy is chosen again when the customers differ."""
    strategy = getattr(request, "strategy", None)
    if strategy is None or getattr(strategy.customer, "pk", None) != request.user.pk:
        strategy = request._request.strategy = Selector().strategy(request=request, user=request.user)
    return strategy


class PriceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    excl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    tax = serializers.DecimalField(max_digits=12, decimal_places=2)


class MemberPriceSerializer(serializers.Serializer):
    """The members' price beside the price: applied for a member, an invitation for anyone else."""

    incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    regular_incl_tax = serializers.DecimalField(max_digits=12, decimal_places=2)
    saving = serializers.DecimalField(max_digits=12, decimal_places=2)
    applied = serializers.BooleanField(help_text="Whether the price above is this member price")


class AvailabilitySerializer(serializers.Serializer):
    is_available_to_buy = serializers.BooleanField()
    num_available = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()


class StoreStockSerializer(serializers.Serializer):
    store = serializers.SlugField()
    store_name = serializers.CharField()
    num_available = serializers.IntegerField()


class AttributeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.CharField()
    unit = serializers.CharField(required=False, help_text="Unit of a number, e.g. cm")


class PictureSerializer(serializers.Serializer):
    alt = serializers.CharField()
    src = serializers.CharField(help_text="The default rendition")
    srcset = serializers.CharField(help_text="Responsive renditions: 'url width' pairs")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ContentBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["care", "use_cases", "specifications", "whats_new", "video"])
    value = serializers.DictField(
        help_text="care: {text}; use_cases: {items}; specifications: {rows: [{label, value}]}; "
        "whats_new: {date, text}; video: {url, caption}"
    )


class LinkedProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


def _price(purchase_info):
    price = purchase_info.price
    if not price.exists:
        return None
    return PriceSerializer(
        {"currency": price.currency, "incl_tax": price.incl_tax, "excl_tax": price.excl_tax, "tax": price.tax}
    ).data


def _member_price(purchase_info):
    price = purchase_info.price
    if getattr(price, "member_incl_tax", None) is None:
        return None
    return MemberPriceSerializer(
        {
            "incl_tax": price.member_incl_tax,
            "regular_incl_tax": price.regular_incl_tax,
            "saving": price.member_saving,
            "applied": price.member_applied,
        }
    ).data


def _availability(purchase_info):
    availability = purchase_info.availability
    return {
        "is_available_to_buy": availability.is_available_to_buy,
        "num_available": getattr(availability, "num_available", None),
        "message": str(availability.message),
    }


class SellableMixin(serializers.Serializer):
    """Price, availability and store stock of a product, from the request's strategy and the
    stock table that the view fetched once for the whole page (context ``stock``)."""

    price = serializers.SerializerMethodField()
    member_price = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField()
    stock = serializers.SerializerMethodField()

    def _info(self, product):
        strategy = strategy_for(self.context["request"])
        return strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)

    @extend_schema_field(PriceSerializer(allow_null=True))
    def get_price(self, product):
        return _price(self._info(product))

    @extend_schema_field(MemberPriceSerializer(allow_null=True))
    def get_member_price(self, product):
        return _member_price(self._info(product))

    @extend_schema_field(AvailabilitySerializer)
    def get_availability(self, product):
        return _availability(self._info(product))

    @extend_schema_field(StoreStockSerializer(many=True))
    def get_stock(self, product):
        stores, levels = self.context["stock"]
        items = product.get_public_children() if product.is_parent else [product]
        return [
            {"store": s.slug, "store_name": s.name, "num_available": sum(levels.get((i.pk, s.pk), 0) for i in items)}
            for s in stores
        ]


class VariantSerializer(SellableMixin, serializers.ModelSerializer):
    attributes = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "title", "upc", "attributes", "price", "member_price", "availability", "stock"]

    @extend_schema_field(AttributeSerializer(many=True))
    def get_attributes(self, product):
        labels = self.context.get("labels") or AttributeLabels()  # the parent's, in the request's language
        return [
            {
                "code": v.attribute.code,
                "name": labels.name(v.attribute.code, v.attribute.name),
                "value": labels.value(v.attribute.code, str(v.value_as_text)),
            }
            for v in product.attribute_values.all()
        ]


class ProductSerializer(SellableMixin, serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    product_class = serializers.CharField(source="product_class.name", allow_null=True)
    is_parent = serializers.BooleanField(read_only=True)
    image = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "title",
            "slug",
            "upc",
            "url",
            "product_class",
            "is_parent",
            "image",
            "price",
            "member_price",
            "availability",
            "stock",
        ]

    def get_title(self, product) -> str:
        return display_title(product)

    def get_url(self, product) -> str:
        return self.context["request"].build_absolute_uri(product.get_absolute_url())

    def get_image(self, product) -> str | None:
        images = product.images.all()
        return self.context["request"].build_absolute_uri(images[0].original.url) if images else None


class ProductDetailSerializer(ProductSerializer):
    """A product with its published enrichment (pim.queries.product_content) in the language
    of the request."""

    language = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    attributes = serializers.SerializerMethodField()
    gallery = serializers.SerializerMethodField()
    content_blocks = serializers.SerializerMethodField()
    complementary = serializers.SerializerMethodField()
    related = serializers.SerializerMethodField()
    variants = serializers.SerializerMethodField()

    class Meta(ProductSerializer.Meta):
        fields = ProductSerializer.Meta.fields + [
            "language",
            "description",
            "categories",
            "attributes",
            "gallery",
            "content_blocks",
            "complementary",
            "related",
            "variants",
        ]

    def content(self, product):
        cache = self.context.setdefault("content", {})
        if product.pk not in cache:
            cache[product.pk] = product_content(product)
        return cache[product.pk]

    def get_language(self, product) -> str:
        return self.content(product).language

    def get_description(self, product) -> str:
        return self.content(product).description

    def get_categories(self, product) -> list[str]:
        return [c.full_name for c in product.categories.all()]

    @extend_schema_field(AttributeSerializer(many=True))
    def get_attributes(self, product):
        rows = self.content(product).attributes
        if not rows:
            return VariantSerializer.get_attributes(self, product)
        return [{"code": r.code, "name": r.label, "value": r.value, "unit": r.unit} for r in rows]

    @extend_schema_field(PictureSerializer(many=True))
    def get_gallery(self, product):
        request = self.context["request"]
        return [
            {
                "alt": p.alt,
                "src": request.build_absolute_uri(p.src),
                "srcset": ", ".join(f"{request.build_absolute_uri(url)} {width}w" for url, width in p.sources),
                "width": p.width,
                "height": p.height,
            }
            for p in self.content(product).gallery
        ]

    @extend_schema_field(ContentBlockSerializer(many=True))
    def get_content_blocks(self, product):
        return self.content(product).blocks

    @extend_schema_field(LinkedProductSerializer(many=True))
    def get_complementary(self, product):
        return [{"id": p.pk, "title": display_title(p)} for p in self.content(product).complementary]

    @extend_schema_field(LinkedProductSerializer(many=True))
    def get_related(self, product):
        return [{"id": p.pk, "title": display_title(p)} for p in self.content(product).related]

    @extend_schema_field(VariantSerializer(many=True))
    def get_variants(self, product):
        context = {**self.context, "labels": self.content(product).labels}
        return VariantSerializer(product.get_public_children(), many=True, context=context).data


BROWSE_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Free-text search"),
    OpenApiParameter("category", OpenApiTypes.STR, description="Category slug"),
    OpenApiParameter("facet", OpenApiTypes.STR, many=True, description="attribute:value, e.g. colour:Sand"),
    OpenApiParameter("price_min", OpenApiTypes.DECIMAL),
    OpenApiParameter("price_max", OpenApiTypes.DECIMAL),
    OpenApiParameter("store", OpenApiTypes.STR, description="Only products in stock at this store (slug)"),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevance", "newest", "price-asc", "price-desc", "title"]),
]
LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language of titles, descriptions and labels; else Accept-Language; missing translations fall back "
    f"to {settings.LANGUAGE_CODE}",
)


class ApiBrowseForm(BrowseForm):
    """The browse form of the web pages, where an empty input of the filter form means "any";
    the API's document says a sort is one of its names and a price is a number, so an empty
    one is refused (a client leaves out what it does not filter by)."""

    not_blank = ("sort", "price_min", "price_max")

    def clean(self):
        data = super().clean()
        for name in self.not_blank:
            if self.data.get(name) == "":
                self.add_error(name, _("This field may not be blank."))
        return data


class RequestLanguageMixin:
    """An API view that answers in the language asked for by ``?lang=``, else by Accept-Language,
    and names it in Content-Language. Its schema takes LANGUAGE_PARAMETER."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        language = request.query_params.get("lang")
        if language is not None:
            if language not in dict(settings.LANGUAGES):
                raise ValidationError({"lang": [f"Choose one of: {', '.join(dict(settings.LANGUAGES))}."]})
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response


@extend_schema(parameters=[LANGUAGE_PARAMETER])
class ProductViewSet(RequestLanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Browsable products with the price and availability for the signed-in customer, in the
    language asked for by ``?lang=`` or ``Accept-Language``."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view's types
            return Product.objects.none()
        if self.action == "retrieve":
            return queries.for_detail(Product.objects.browsable())
        form = ApiBrowseForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return queries.for_listing(browse(BrowseParams.from_form(form)).products)

    def get_serializer_class(self):
        return ProductDetailSerializer if self.action == "retrieve" else ProductSerializer

    def get_serializer(self, instance=None, *args, **kwargs):
        # Stock in every store for all products being serialised, in one query.
        products = instance if isinstance(instance, list) else [instance] if isinstance(instance, Product) else []
        sellable = [item for p in products for item in (p.get_public_children() if p.is_parent else [p])]
        kwargs["context"] = kwargs.get("context", self.get_serializer_context()) | {
            "stock": queries.stock_by_store(sellable)
        }
        return self.get_serializer_class()(instance, *args, **kwargs)

    @extend_schema(parameters=BROWSE_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
