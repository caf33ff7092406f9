"""Bring an existing Oscar catalogue under the PIM: one family per product class, one attribute
definition per attribute code, and one published product record per browsable product, with
its variants, gallery and "goes well with" links. Used by ``manage.py pim_adopt_catalogue``
for a shop that starts with data in Oscar; from then on the PIM is the one way in.

The records are marked as published without being copied back: their data came from the
catalogue, so the catalogue already shows it.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from wagtail.images import get_image_model

from catalogue.models import Product, ProductAttribute, ProductClass
from pim.models import (
    AttributeChoice,
    AttributeDefinition,
    Family,
    FamilyAttribute,
    GalleryImage,
    ProductData,
    ProductLink,
    Variant,
)

KINDS = {
    ProductAttribute.TEXT: AttributeDefinition.Kind.TEXT,
    ProductAttribute.RICHTEXT: AttributeDefinition.Kind.TEXT,
    ProductAttribute.INTEGER: AttributeDefinition.Kind.NUMBER,
    ProductAttribute.FLOAT: AttributeDefinition.Kind.NUMBER,
    ProductAttribute.BOOLEAN: AttributeDefinition.Kind.BOOLEAN,
    ProductAttribute.OPTION: AttributeDefinition.Kind.CHOICE,
    ProductAttribute.MULTI_OPTION: AttributeDefinition.Kind.MULTI_CHOICE,
}
UNIT_IN_NAME = re.compile(r"^(?P<name>.+?)\s*\((?P<unit>[^)]{1,16})\)$")


@dataclass
class Adopted:
    families: int = 0
    attributes: int = 0
    products: int = 0


def _definition(attribute, adopted):
    definition = AttributeDefinition.objects.filter(code=attribute.code).first()
    if definition is None:
        kind = KINDS.get(attribute.type, AttributeDefinition.Kind.TEXT)
        name, unit = attribute.name, ""
        match = UNIT_IN_NAME.match(attribute.name)
        if match and kind == AttributeDefinition.Kind.NUMBER:
            name, unit = match["name"], match["unit"]
        definition = AttributeDefinition.objects.create(code=attribute.code, name_en=name, kind=kind, unit=unit)
        adopted.attributes += 1
    if attribute.option_group_id:
        known = set(definition.choices.values_list("value", flat=True))
        AttributeChoice.objects.bulk_create(
            AttributeChoice(attribute=definition, value=option.option, sort_order=i)
            for i, option in enumerate(attribute.option_group.options.all())
            if option.option not in known
        )
    return definition


def _value(value_obj):
    attribute = value_obj.attribute
    if attribute.type == ProductAttribute.OPTION:
        return value_obj.value_option.option if value_obj.value_option else None
    if attribute.type == ProductAttribute.MULTI_OPTION:
        return [o.option for o in value_obj.value_multi_option.all()]
    value = value_obj.value
    return value if isinstance(value, bool | int | float) else str(value)


def _values(product):
    values = {v.attribute.code: _value(v) for v in product.attribute_values.all()}
    return {code: value for code, value in values.items() if value not in (None, "", [])}


class ImageLibrary:
    """Wagtail images for the catalogue's picture files, one per file."""

    def __init__(self):
        self.model = get_image_model()
        self.by_file = {image.file.name: image for image in self.model.objects.all()}

    def get(self, product_image, title):
        name = product_image.original.name
        if name not in self.by_file:
            self.by_file[name] = self.model.objects.create(title=title[:255], file=name)
        return self.by_file[name]


@transaction.atomic
def adopt_catalogue(progress=print):
    adopted = Adopted()
    for product_class in ProductClass.objects.filter(family__isnull=True).prefetch_related(
        "attributes__option_group__options"
    ):
        # A family made in the PIM before its class existed in Oscar takes that class over.
        family, created = Family.objects.get_or_create(
            code=product_class.slug, product_class=None, defaults={"name": product_class.name}
        )
        family.product_class = product_class
        family.save(update_fields=["product_class"])
        adopted.families += created
        axis_codes = set(
            ProductAttribute.objects.filter(
                productattributevalue__product__parent__product_class=product_class
            ).values_list("code", flat=True)
        )
        for order, attribute in enumerate(product_class.attributes.all()):
            FamilyAttribute.objects.create(
                family=family,
                attribute=_definition(attribute, adopted),
                is_variant_axis=attribute.code in axis_codes,
                sort_order=order,
            )
    progress(f"Families: {adopted.families} new, attributes: {adopted.attributes} new")

    families = {f.product_class_id: f for f in Family.objects.all()}
    images = ImageLibrary()
    products = (
        Product.objects.browsable()
        .filter(pim__isnull=True)
        .select_related("product_class")
        .prefetch_related(
            "categories",
            "images",
            "attribute_values__attribute",
            "attribute_values__value_option",
            "attribute_values__value_multi_option",
            "children__images",
            "children__attribute_values__attribute",
            "children__attribute_values__value_option",
        )
        .order_by("pk")
    )
    records = {}
    for product in products:
        records[product.pk] = _adopt_product(product, families[product.product_class_id], images)
        adopted.products += 1
        if adopted.products % 25 == 0:
            progress(f"  {adopted.products} products adopted")
    for product in Product.objects.filter(pk__in=records).prefetch_related("recommended_products__pim"):
        links = [
            ProductLink(product_data=records[product.pk], target=r.pim, sort_order=i)
            for i, r in enumerate(product.recommended_products.all())
            if getattr(r, "pim", None)
        ]
        ProductLink.objects.bulk_create(links)
    for record in records.values():
        _mark_published(record)
    progress(f"Products: {adopted.products} adopted as published records")
    return adopted


def _adopt_product(product, family, images):
    data = ProductData.objects.create(
        sku=product.upc,
        family=family,
        product=product,
        title_en=product.title,
        description_en=product.description,
        price=product.price,
        member_price=product.member_price,
        priority=product.priority,
        attribute_values=_values(product),
        live=True,
        has_unpublished_changes=False,
    )
    data.categories.set(product.categories.all())
    data.save()
    GalleryImage.objects.bulk_create(
        GalleryImage(
            product_data=data, image=images.get(i, product.title), alt_text=i.caption or product.title, sort_order=n
        )
        for n, i in enumerate(product.images.all())
    )
    Variant.objects.bulk_create(
        Variant(
            product_data=data,
            sku=child.upc,
            price=child.price or 0,
            member_price=child.member_price,
            attribute_values=_values(child),
            image=images.get(child.images.all()[0], child.title) if child.images.all() else None,
            sort_order=n,
        )
        for n, child in enumerate(sorted(product.children.all(), key=lambda c: (c.date_created, c.pk)))
        if child.is_public
    )
    return data


def _mark_published(data):
    data = ProductData.objects.get(pk=data.pk)  # with its children as saved
    revision = data.save_revision(changed=False, clean=False)
    # Saving the revision also refreshed the completeness (pim.receivers).
    ProductData.objects.filter(pk=data.pk).update(live_revision=revision, has_unpublished_changes=False)
