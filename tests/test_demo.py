"""manage.py load_demo: the demo shop it promises, and that a second run changes nothing."""

import io
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.sites.models import Site
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, F, Max
from oscar.core.loading import get_model
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Revision

from catalogue.models import (
    AttributeOption,
    AttributeOptionGroup,
    Category,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
    ProductFacet,
    ProductImage,
    ProductRecommendation,
)
from catalogue.search import BrowseParams, browse
from pim.models import GalleryImage, ProductData, ProductLink, Variant
from shop.basket.models import Basket, CartChange, Line
from shop.demo import loader
from shop.demo.users_data import USERS
from shop.partner.models import Partner, StockRecord
from shop.partner.strategy import Selector
from shop.roles import PRODUCT_ADMINS, STORE_STAFF
from shop.stores.models import AisleCart, CartConsent, OpeningHours, StaffMember, Store

Country = get_model("address", "Country")
WagtailImage = get_image_model()
UserAddress = get_model("address", "UserAddress")

TABLES = [
    Basket,
    Line,
    CartChange,
    CartConsent,
    AisleCart,
    Site,
    Country,
    Group,
    Partner,
    Store,
    OpeningHours,
    StaffMember,
    User,
    EmailAddress,
    UserAddress,
    AttributeOptionGroup,
    AttributeOption,
    ProductClass,
    ProductAttribute,
    Category,
    Product,
    ProductAttributeValue,
    ProductCategory,
    ProductImage,
    ProductRecommendation,
    StockRecord,
    ProductFacet,
    ProductData,
    Variant,
    GalleryImage,
    ProductLink,
    Revision,
    WagtailImage,
]


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a re-run could create, change or replace."""
    return {
        "counts": {model._meta.label: model.objects.count() for model in TABLES},
        "products": list(Product.objects.order_by("pk").values_list("pk", "upc", "title", "price", "date_updated")),
        "last_update": (
            Product.objects.aggregate(Max("date_updated")),
            StockRecord.objects.aggregate(Max("date_updated")),
        ),
        "categories": list(Category.objects.order_by("pk").values_list("pk", "path", "slug", "description")),
        "stock": sorted(StockRecord.objects.values_list("pk", "partner_id", "product_id", "num_in_stock")),
        "facets": sorted(ProductFacet.objects.values_list("pk", "product_id", "code", "value")),
        "index": sorted(Product.objects.values_list("pk", "search_document", "listing_price")),
        "images": sorted(ProductImage.objects.values_list("pk", "original")),
        "passwords": sorted(User.objects.values_list("email", "password")),
        "hours": sorted(OpeningHours.objects.values_list("pk", "store_id", "weekday", "opens", "closes")),
        "site": list(Site.objects.values_list("pk", "domain", "name")),
    }


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


@pytest.mark.django_db
def test_load_demo_builds_the_promised_shop(no_env):
    output = load_demo()

    # Locations: one online warehouse (the web shop's partner) and at least three stores.
    warehouse = Store.objects.get(kind=Store.Kind.WAREHOUSE)
    assert warehouse.partner.code == settings.SHOP_ONLINE_PARTNER_CODE
    stores = list(Store.objects.filter(kind=Store.Kind.STORE).prefetch_related("opening_hours"))
    assert len(stores) >= 3
    for store in stores:
        assert store.is_pickup_point and store.street and store.postcode and store.city and store.phone
        assert store.latitude and store.longitude
        hours = {h.weekday: h for h in store.opening_hours.all()}
        assert set(range(6)) <= set(hours)  # open Monday to Saturday
        saturday, monday = hours[5], hours[0]
        assert (saturday.closes.hour - saturday.opens.hour) < (monday.closes.hour - monday.opens.hour)
    assert any(6 not in {h.weekday for h in store.opening_hours.all()} for store in stores)  # closed Sundays

    # Shipping countries and the site.
    assert Country.objects.get(iso_3166_1_a2="FI").is_shipping_country
    assert set(Country.objects.values_list("iso_3166_1_a2", flat=True)) >= {"FI", "SE", "NO", "DK", "EE"}
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Pohjola")

    # Categories.
    paths = {" > ".join(c.name for c in [*cat.get_ancestors(), cat]) for cat in Category.objects.all()}
    assert {"Furniture > Sofas", "Textiles > Cushions", "Care products > Fabric care", "Books > Fiction"} <= paths

    # Products: at least 60 browsable, sofas in several fabrics and colours.
    assert Product.objects.browsable().count() >= 60
    assert not Product.objects.filter(structure=Product.CHILD, categories__isnull=False).exists()
    assert not Product.objects.filter(structure=Product.PARENT, price__isnull=False).exists()
    assert not Product.objects.exclude(structure=Product.PARENT).filter(price__isnull=True).exists()
    sofas = Product.objects.filter(structure=Product.PARENT, product_class__slug="sofa").annotate(n=Count("children"))
    assert sofas.filter(n__gte=4).count() >= 3
    saimaa = Product.objects.get(upc="PH-SOFA-SAIMAA")
    variants = list(saimaa.children.all())
    assert len(variants) >= 4
    choices = {(v.attr.fabric.option, v.attr.colour.option) for v in variants}
    assert choices >= {("Linen", "Sand"), ("Velvet", "Charcoal")}
    assert variants[0].attr.width_cm == 228  # inherited from the parent
    for variant in Product.objects.filter(parent__product_class__slug="sofa"):
        assert Decimal("899") <= variant.price <= Decimal("2499")
    for book in Product.objects.filter(product_class__slug="book"):
        assert Decimal("24") <= book.price <= Decimal("45")
        assert len(book.attr.isbn) == 17 and book.attr.pages > 0

    # Typed attributes (the PIM's numbers are Oscar floats); choice attributes became browse facets.
    types = dict(ProductAttribute.objects.filter(product_class__slug="sofa").values_list("code", "type"))
    assert types["width_cm"] == "float" and types["fabric"] == "option" and types["colour"] == "option"
    assert ProductAttribute.objects.get(product_class__slug="care", code="suitable_for").type == "multi_option"
    cleaner = Product.objects.get(upc="PH-CARE-LINEN")
    assert {o.option for o in cleaner.attr.suitable_for} == {"Linen", "Cotton"}
    assert ProductFacet.objects.filter(product=saimaa, code="fabric", value="Velvet").exists()
    velvet = browse(BrowseParams(facets={"fabric": ["Velvet"]}))
    assert saimaa in velvet.products
    assert not Product.objects.browsable().filter(search_document="").exists()
    assert ProductRecommendation.objects.filter(primary=saimaa, recommendation=cleaner).exists()

    # Pictures: every product has one, stored as a small JPEG under MEDIA_ROOT.
    assert not Product.objects.filter(images__isnull=True).exists()
    assert ProductImage.objects.filter(product=saimaa).count() == 2
    image = ProductImage.objects.filter(product__parent=saimaa).first()
    assert default_storage.exists(image.original.name)
    with default_storage.open(image.original.name) as f, Image.open(f) as picture:
        assert picture.size == (600, 600) and picture.format == "JPEG"

    # Stock: at the warehouse for everything, uneven across stores.
    sellable = Product.objects.exclude(structure=Product.PARENT)
    assert not sellable.exclude(stockrecords__partner=warehouse.partner).exists()
    assert StockRecord.objects.values("partner").distinct().count() == len(stores) + 1
    assert StockRecord.objects.filter(num_in_stock=0).exists()
    assert sellable.annotate(n=Count("stockrecords")).filter(n__lt=len(stores) + 1).exists()
    assert not StockRecord.objects.filter(price__isnull=False).exists()
    sold_out_online = StockRecord.objects.filter(partner=warehouse.partner, num_in_stock=0).values("product")
    assert StockRecord.objects.filter(product__in=sold_out_online, num_in_stock__gt=0).exists()

    # The pricing strategy sells the demo online.
    info = Selector().strategy().fetch_for_product(Product.objects.get(upc="PH-SOFA-SAIMAA-LINEN-SAND"))
    assert info.availability.is_available_to_buy
    assert info.price.incl_tax == Decimal("1299.00")

    # Accounts for every role.
    for spec in USERS:
        user = User.objects.get(email=spec["email"])
        assert user.check_password(spec["password"])
        assert EmailAddress.objects.filter(user=user, email=spec["email"], verified=True, primary=True).exists()
        assert spec["email"] in output and spec["password"] in output
    staff = User.objects.filter(groups__name=STORE_STAFF)
    assert staff.count() >= 2
    assert not staff.filter(is_staff=True).exists()
    assert StaffMember.objects.filter(user__in=staff).count() == staff.count()
    assert StaffMember.objects.values("store").distinct().count() >= 2
    pim = User.objects.get(email="sanna.pim@example.com")
    assert not pim.is_staff and not pim.is_superuser and pim.groups.filter(name=PRODUCT_ADMINS).exists()
    assert User.objects.get(email="admin@example.com").is_superuser
    assert not User.objects.get(email="anna@example.com").is_staff
    assert UserAddress.objects.filter(user__email="anna@example.com", country_id="FI").exists()


@pytest.mark.django_db
def test_second_run_creates_and_changes_nothing(no_env, monkeypatch):
    load_demo()
    before = snapshot()

    monkeypatch.setenv("DEMO_PASSWORD", "another-password")  # passwords are set only on creation
    output = load_demo()

    assert snapshot() == before
    assert "Products: 70 browsable, 128 sellable (0 browsable and 0 sellable new)" in output
    assert "Search index: up to date" in output
    for line in output.splitlines():
        if " new)" in line:
            assert "(0 new)" in line or "(0 browsable and 0 sellable new)" in line, line


@pytest.mark.django_db
def test_password_and_port_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "one-for-all-2026")
    monkeypatch.setenv("PORT", "8123")
    output = load_demo()

    assert all(user.check_password("one-for-all-2026") for user in User.objects.all())
    assert output.count("one-for-all-2026") == len(USERS)
    assert Site.objects.get(pk=settings.SITE_ID).domain == "127.0.0.1:8123"


@pytest.mark.django_db
def test_all_or_nothing(no_env, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("users failed")

    monkeypatch.setattr(loader, "load_users", fail)
    with pytest.raises(RuntimeError):
        load_demo()

    assert not Store.objects.exists()
    assert not Product.objects.exists()
    assert not StockRecord.objects.exists()


# --- Product data has one way in: the PIM ------------------------------------------------------


def _number_or_text(value):
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def as_published(record, axis_codes):
    """A PIM record's published data, in the shape of ``as_in_catalogue``."""
    variants = list(record.variants.all())
    own = {k: v for k, v in record.attribute_values.items() if not (variants and k in set(axis_codes))}
    return {
        "title": record.title_en,
        "description": record.description_en,
        "price": record.price if not variants else None,
        "member_price": record.member_price if not variants else None,
        "priority": record.priority,
        "categories": sorted(c.pk for c in record.categories.all()),
        "attributes": {k: sorted(v) if isinstance(v, list) else _number_or_text(v) for k, v in own.items()},
        "images": [(g.image.file.name, g.alt_text[:200]) for g in record.gallery.all()],
        "complementary": [
            link.target.product_id for link in record.links.all() if link.kind == "complementary" and link.target.live
        ],
        "variants": {
            v.sku: {
                "price": v.price,
                "member_price": v.member_price,
                "axes": {k: _number_or_text(value) for k, value in v.attribute_values.items()},
                "images": [v.image.file.name] if v.image else [],
            }
            for v in variants
        },
    }


def _attribute_values(product):
    values = {}
    for value in product.attribute_values.all():
        if value.attribute.type == ProductAttribute.OPTION:
            values[value.attribute.code] = value.value_option.option
        elif value.attribute.type == ProductAttribute.MULTI_OPTION:
            values[value.attribute.code] = sorted(o.option for o in value.value_multi_option.all())
        else:
            values[value.attribute.code] = _number_or_text(value.value)
    return values


def as_in_catalogue(product):
    """What the channels read: Oscar's product, its public variants, pictures and links."""
    return {
        "title": product.title,
        "description": product.description,
        "price": product.price,
        "member_price": product.member_price,
        "priority": product.priority,
        "categories": sorted(c.pk for c in product.categories.all()),
        "attributes": _attribute_values(product),
        "images": [(i.original.name, i.caption) for i in product.images.order_by("display_order", "pk")],
        "complementary": list(
            ProductRecommendation.objects.filter(primary=product)
            .order_by("-ranking")
            .values_list("recommendation_id", flat=True)
        ),
        "variants": {
            child.upc: {
                "price": child.price,
                "member_price": child.member_price,
                "axes": _attribute_values(child),
                "images": [i.original.name for i in child.images.order_by("display_order", "pk")],
            }
            for child in product.children.filter(is_public=True)
        },
    }


def assert_catalogue_is_the_published_pim():
    records = list(ProductData.objects.live().select_related("family", "product"))
    assert len(records) == Product.objects.browsable().count() == 70
    for record in records:
        axes = record.family.family_attributes.filter(is_variant_axis=True).values_list("attribute__code", flat=True)
        assert as_published(record, axes) == as_in_catalogue(record.product), record.sku


def catalogue_rows():
    """Every row of the catalogue that a publish writes, with every column."""
    return {
        "products": list(Product.objects.order_by("pk").values()),
        "attribute values": list(ProductAttributeValue.objects.order_by("pk").values()),
        "multiple choices": list(ProductAttributeValue.value_multi_option.through.objects.order_by("pk").values()),
        "categories": list(ProductCategory.objects.order_by("pk").values()),
        "images": list(ProductImage.objects.order_by("pk").values()),
        "recommendations": list(ProductRecommendation.objects.order_by("pk").values()),
        "facets": sorted(ProductFacet.objects.values_list("product_id", "code", "value")),
    }


@pytest.mark.django_db
def test_the_demo_enters_products_through_the_pim_and_the_catalogue_is_their_published_copy(no_env):
    load_demo()
    assert_catalogue_is_the_published_pim()
    # Member prices are product data like the rest: in the PIM record, hence in its export.
    sellable = Product.objects.exclude(structure=Product.PARENT)
    assert sellable.filter(member_price__isnull=False).count() > sellable.count() * 3 // 4
    assert sellable.filter(member_price__isnull=True).exists()  # some products have none
    assert Variant.objects.filter(member_price__isnull=False).count() > Variant.objects.count() * 3 // 4
    assert not Product.objects.exclude(structure=Product.PARENT).filter(member_price__gte=F("price")).exists()


@pytest.mark.django_db
def test_publishing_unchanged_products_changes_nothing_in_the_catalogue(no_env, django_capture_on_commit_callbacks):
    load_demo()
    admin = User.objects.get(email="sanna.pim@example.com")
    before = catalogue_rows()
    with django_capture_on_commit_callbacks(execute=True):  # the reindex that follows a publish
        for record in ProductData.objects.live():
            record.save_revision(user=admin).publish(user=admin)
    assert catalogue_rows() == before


@pytest.mark.django_db
def test_editing_a_title_and_publishing_keeps_every_member_price(no_env):
    load_demo()
    saimaa = ProductData.objects.get(sku="PH-SOFA-SAIMAA")
    prices = dict(saimaa.product.children.values_list("upc", "member_price"))
    assert sum(price is not None for price in prices.values()) >= 6

    draft = saimaa.get_latest_revision_as_object()
    draft.title_en = "Saimaa 3-seat sofa, deep"
    draft.save_revision(user=User.objects.get(email="sanna.pim@example.com")).publish()

    assert dict(saimaa.product.children.values_list("upc", "member_price")) == prices
    velvet_sand = saimaa.product.children.get(upc="PH-SOFA-SAIMAA-VELVET-SAND")
    assert velvet_sand.title == "Saimaa 3-seat sofa, deep, Velvet, Sand"
    assert_catalogue_is_the_published_pim()


@pytest.mark.django_db
def test_with_its_localstripe_the_demo_has_orders_in_every_status_and_sales_per_associate(
    no_env, stripe_settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from shop.order.queries import staff_sales
    from shop.returns.models import Return
    from shop.stores.models import StaffMember

    with django_capture_on_commit_callbacks(execute=True):
        output = load_demo()
    Order = get_model("order", "Order")
    statuses = set(Order.objects.values_list("status", flat=True))
    assert statuses == {"confirmed", "picking", "shipped", "ready", "delivered", "collected", "cancelled"}, output
    stores = Store.objects.filter(kind=Store.Kind.STORE)
    for store in stores:
        assert Order.objects.filter(collection_store=store, status="ready").exclude(pickup_code="").exists()
    refunded = Return.objects.get()
    assert refunded.status == "refunded" and refunded.order.sources.get().amount_refunded == refunded.amount > 0
    since = timezone.now() - timezone.timedelta(days=30)
    for member in StaffMember.objects.select_related("store", "user"):
        rows = staff_sales(member.store, member.user, since)
        assert rows and all(row.store == member.store.name for row in rows), member
    # Each associate sold one unit to the order waiting in their store; in the first store (by name)
    # one more, to the order collected there.
    first = stores.order_by("name").first()
    for member in StaffMember.objects.select_related("store", "user"):
        units = sum(row.units for row in staff_sales(member.store, member.user, since))
        assert units == (2 if member.store == first else 1), member
    # A second load leaves the orders alone.
    assert "Orders: unchanged" in load_demo()
