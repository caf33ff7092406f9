"""Factories for the tests: small, explicit builders of real objects (nothing is mocked)."""

from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, User
from oscar.apps.catalogue.categories import create_from_breadcrumbs

from catalogue.models import AttributeOption, AttributeOptionGroup, Product, ProductAttribute, ProductClass
from catalogue.search import index_products
from shop.partner.models import Partner, StockRecord
from shop.stores.models import OpeningHours, StaffMember, Store

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        for name in extracted or []:
            user.groups.add(Group.objects.get(name=name))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Store {n}")
    code = factory.Sequence(lambda n: f"store-{n}")


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store

    name = factory.Sequence(lambda n: f"Store {n}")
    slug = factory.Sequence(lambda n: f"store-{n}")
    partner = factory.SubFactory(
        PartnerFactory, name=factory.SelfAttribute("..name"), code=factory.SelfAttribute("..slug")
    )
    street = "Aleksanterinkatu 1"
    postcode = "00100"
    city = "Helsinki"
    is_pickup_point = True

    @factory.post_generation
    def hours(store, create, extracted, **kwargs):
        for weekday in range(6):
            OpeningHours.objects.create(store=store, weekday=weekday, opens="10:00", closes="20:00")


def warehouse():
    """The online warehouse (one per shop: fixtures that both need it share it)."""
    existing = Store.objects.filter(partner__code=settings.SHOP_ONLINE_PARTNER_CODE).first()
    return existing or StoreFactory(
        name="Online warehouse",
        slug="online",
        kind=Store.Kind.WAREHOUSE,
        is_pickup_point=False,
        partner__code=settings.SHOP_ONLINE_PARTNER_CODE,
    )


def staff_member(store, **kwargs):
    user = UserFactory(groups=["Store staff"], **kwargs)
    StaffMember.objects.create(user=user, store=store)
    return user


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Sofa"
    track_stock = True


def option_attribute(product_class, code, values):
    group, _ = AttributeOptionGroup.objects.get_or_create(name=code.title())
    for value in values:
        AttributeOption.objects.get_or_create(group=group, option=value)
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=code,
        defaults={"name": code.title(), "type": ProductAttribute.OPTION, "option_group": group},
    )
    return attribute


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Product {n}")
    upc = factory.Sequence(lambda n: f"UPC{n:06d}")
    product_class = factory.SubFactory(ProductClassFactory)
    price = Decimal("100.00")
    description = "A fine thing."

    @factory.post_generation
    def categories(product, create, extracted, **kwargs):
        for breadcrumb in extracted or []:
            product.categories.add(create_from_breadcrumbs(breadcrumb))


def stock(product, store, units, allocated=0):
    return StockRecord.objects.update_or_create(
        product=product,
        partner=store.partner,
        defaults={"partner_sku": f"{store.slug}-{product.upc}", "num_in_stock": units, "num_allocated": allocated},
    )[0]


def option(code, value):
    return AttributeOption.objects.get(group__name=code.title(), option=value)


def sofa_with_variants(
    title="Sofa Aalto",
    fabrics=("Linen", "Velvet"),
    colours=("Sand", "Moss"),
    price="1299.00",
    categories=("Furniture > Sofas",),
):
    """A parent sofa with one variant per fabric and colour; returns (parent, variants)."""
    sofa_class = ProductClassFactory(name="Sofa")
    option_attribute(sofa_class, "fabric", ["Linen", "Velvet", "Wool"])
    option_attribute(sofa_class, "colour", ["Sand", "Moss", "Charcoal"])
    parent = ProductFactory(
        title=title, structure=Product.PARENT, price=None, product_class=sofa_class, categories=list(categories)
    )
    variants = []
    for i, fabric in enumerate(fabrics):
        for j, colour in enumerate(colours):
            child = Product.objects.create(
                parent=parent,
                structure=Product.CHILD,
                title=f"{title}, {fabric}, {colour}",
                upc=f"{parent.upc}-{i}{j}",
                price=Decimal(price) + 100 * i,
            )
            child.attr.fabric = option("fabric", fabric)
            child.attr.colour = option("colour", colour)
            child.attr.save()
            variants.append(child)
    return parent, variants


def reindex():
    index_products()


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalogue.ProductImage"

    product = factory.SubFactory(ProductFactory)
    original = factory.django.ImageField(width=40, height=40, color="#c8b89a")
    caption = factory.LazyAttribute(lambda image: image.product.title)


def basket_with(*products, owner=None):
    """A cart holding one of each product, added through the cart service."""
    from shop.basket import services as cart
    from shop.basket.models import Basket, Channel

    basket = cart.open_basket_of(owner) if owner else Basket.objects.create()
    for product in products:
        # As a request would: the product read from the database (a factory's keeps its str price).
        product = Product.objects.get(pk=product.pk)
        cart.add_product(basket, product, 1, cart.Actor(user=owner, channel=Channel.WEB))
    return basket
