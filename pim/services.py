"""State changes of product data: families kept in step with Oscar's product classes, and the
published version of a product copied onto Oscar's catalogue product and its variants.

The catalogue product is what every channel reads (web shop, tablets, displays, API), so
this copy is the only way product data reaches them. Saving the catalogue rows queues the
search reindex on commit (catalogue.receivers), which runs as a Celery task.
"""

from decimal import Decimal

from django.db import transaction

from catalogue.models import (
    AttributeOption,
    AttributeOptionGroup,
    Product,
    ProductAttribute,
    ProductClass,
    ProductImage,
    ProductRecommendation,
)
from catalogue.receivers import schedule_reindex
from pim.models import AttributeDefinition

OSCAR_TYPES = {
    AttributeDefinition.Kind.TEXT: ProductAttribute.TEXT,
    AttributeDefinition.Kind.NUMBER: ProductAttribute.FLOAT,
    AttributeDefinition.Kind.CHOICE: ProductAttribute.OPTION,
    AttributeDefinition.Kind.MULTI_CHOICE: ProductAttribute.MULTI_OPTION,
    AttributeDefinition.Kind.BOOLEAN: ProductAttribute.BOOLEAN,
}
# Oscar types that hold a PIM number (adopted catalogues may use integers).
NUMBER_TYPES = {ProductAttribute.FLOAT, ProductAttribute.INTEGER}


def _option_group(definition, existing_attribute):
    group = existing_attribute.option_group if existing_attribute else None
    if group is None:
        group, _ = AttributeOptionGroup.objects.get_or_create(
            code=definition.code, defaults={"name": definition.name_en}
        )
    known = set(group.options.values_list("option", flat=True))
    AttributeOption.objects.bulk_create(
        AttributeOption(group=group, option=choice.value)
        for choice in definition.choices.all()
        if choice.value not in known
    )
    return group


@transaction.atomic
def sync_family(family):
    """Make the family's Oscar product class carry exactly its attributes, typed alike."""
    if family.product_class_id is None:
        product_class, _ = ProductClass.objects.get_or_create(
            slug=family.code, defaults={"name": family.name, "requires_shipping": True, "track_stock": True}
        )
        family.product_class = product_class
        family.save(update_fields=["product_class"])
    product_class = family.product_class
    if product_class.name != family.name:
        product_class.name = family.name
        product_class.save(update_fields=["name"])

    existing = {a.code: a for a in product_class.attributes.select_related("option_group")}
    for family_attribute in family.family_attributes.select_related("attribute"):
        definition = family_attribute.attribute
        attribute = existing.get(definition.code)
        wanted_type = OSCAR_TYPES[definition.kind]
        if attribute is not None and wanted_type == ProductAttribute.FLOAT and attribute.type in NUMBER_TYPES:
            wanted_type = attribute.type
        group = _option_group(definition, attribute) if definition.has_choices else None
        values = {"name": definition.name_en, "type": wanted_type, "option_group": group}
        if attribute is None:
            ProductAttribute.objects.create(product_class=product_class, code=definition.code, **values)
        elif any(getattr(attribute, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(attribute, key, value)
            attribute.save()
    return product_class


def skus_taken(skus, product_id=None):
    """Those of ``skus`` that other catalogue products already use (a product's own variants
    and itself do not count)."""
    taken = Product.objects.filter(upc__in=skus)
    if product_id:
        taken = taken.exclude(pk=product_id).exclude(parent_id=product_id)
    return sorted(taken.values_list("upc", flat=True))


def _oscar_value(attribute, value):
    """A PIM attribute value as Oscar's attribute container expects it (None clears it)."""
    if value in (None, "", []):
        return None
    if attribute.type in (ProductAttribute.OPTION, ProductAttribute.MULTI_OPTION):
        options = {o.option: o for o in attribute.option_group.options.all()}
        if attribute.type == ProductAttribute.OPTION:
            return options.get(value)
        return [options[v] for v in value if v in options] or None
    if attribute.type == ProductAttribute.INTEGER:
        return int(Decimal(str(value)))
    if attribute.type == ProductAttribute.FLOAT:
        return float(value)
    return value


def _write_fields(product, **values):
    """Set ``values`` on a catalogue product and write only the fields that changed.

    Other writers keep fields of their own on the same row (Oscar's rating, the search index),
    which a whole-row save from a copy loaded earlier would undo; and a publish that changes
    nothing writes nothing. A new product is inserted whole."""
    changed = [name for name, value in values.items() if getattr(product, name) != value]
    for name in changed:
        setattr(product, name, values[name])
    if product.pk is None:
        product.save()
    elif changed:
        product.save(update_fields=[*changed, "date_updated"])


def _write_attributes(product, attributes, values):
    # One value at a time rather than through product.attr: Oscar's container would also copy
    # a parent's multiple-choice values onto its child, making them look like an axis. A value
    # that did not change is not written.
    for attribute in attributes:
        attribute.save_value(product, _oscar_value(attribute, values.get(attribute.code)))


def _set_images(product, images):
    """``images``: [(file name, caption)] in display order; rewritten only when they differ."""
    images = [(name, caption[:200]) for name, caption in images]
    current = [(i.original.name, i.caption) for i in product.images.order_by("display_order", "pk")]
    if current == images:
        return
    product.images.all().delete()
    ProductImage.objects.bulk_create(
        ProductImage(product=product, original=name, caption=caption, display_order=order)
        for order, (name, caption) in enumerate(images)
    )


@transaction.atomic
def publish_to_catalogue(data):
    """Copy the published ``data`` (a live ProductData) onto its catalogue product."""
    product_class = sync_family(data.family)
    attributes = list(product_class.attributes.select_related("option_group"))
    # In the family's order: a variant's title names its fabric before its colour, say.
    axis_codes = list(
        data.family.family_attributes.filter(is_variant_axis=True).values_list("attribute__code", flat=True)
    )
    variants = list(data.variants.all())

    product = data.product or Product.objects.filter(upc=data.sku).first() or Product(upc=data.sku)
    _write_fields(
        product,
        structure=Product.PARENT if variants else Product.STANDALONE,
        product_class_id=product_class.pk,
        title=data.title_en,
        description=data.description_en,
        price=None if variants else data.price,
        member_price=None if variants else data.member_price,
        priority=data.priority,
        is_public=True,
    )
    # Without variants the product carries the variant-axis attributes itself; with variants
    # only its variants do.
    own_values = data.attribute_values
    if variants:
        own_values = {code: value for code, value in own_values.items() if code not in axis_codes}
    _write_attributes(product, attributes, own_values)
    product.categories.set(data.categories.all())
    _set_images(product, [(g.image.file.name, g.alt_text) for g in data.gallery.select_related("image")])

    axis_attributes = sorted((a for a in attributes if a.code in axis_codes), key=lambda a: axis_codes.index(a.code))
    children = {c.upc: c for c in product.children.all()}
    for variant in variants:
        child = children.pop(variant.sku, None) or Product(upc=variant.sku, parent=product, structure=Product.CHILD)
        title = ", ".join([data.title_en, *(str(variant.attribute_values.get(a.code, "")) for a in axis_attributes)])
        _write_fields(child, title=title, price=variant.price, member_price=variant.member_price, is_public=True)
        _write_attributes(child, axis_attributes, variant.attribute_values)
        _set_images(child, [(variant.image.file.name, child.title)] if variant.image else [])
    # Variants removed in the PIM stop being sold; orders that refer to them keep them.
    for child in children.values():
        _write_fields(child, is_public=False)

    if data.product_id != product.pk:
        type(data).objects.filter(pk=data.pk).update(product=product)
        data.product = product
    _set_recommendations(product, data)
    _refresh_links_to(data)
    # The search document also holds the published translations, which live on the record only.
    schedule_reindex(product.pk)
    return product


def _set_recommendations(product, data):
    """Oscar's recommendations of ``product``: the record's complementary links to published
    products, in order, each once and never the product itself."""
    wanted = []
    for link in data.links.select_related("target"):
        target = link.target
        if link.kind == link.Kind.COMPLEMENTARY and target.live and target.product_id not in (None, product.pk):
            if target.product_id not in wanted:
                wanted.append(target.product_id)
    current = list(
        ProductRecommendation.objects.filter(primary=product)
        .order_by("-ranking")
        .values_list("recommendation_id", flat=True)
    )
    if current == wanted:
        return
    ProductRecommendation.objects.filter(primary=product).delete()
    ProductRecommendation.objects.bulk_create(
        ProductRecommendation(primary=product, recommendation_id=pk, ranking=len(wanted) - i)
        for i, pk in enumerate(wanted)
    )


def _refresh_links_to(data):
    """Published products that link to ``data`` gain it when it is published (it could not be
    recommended before it existed in the catalogue) and lose it when it is withdrawn."""
    sources = type(data).objects.live().filter(links__target=data, product__isnull=False).exclude(pk=data.pk)
    for source in sources.select_related("product").distinct():
        _set_recommendations(source.product, source)


@transaction.atomic
def withdraw_from_catalogue(data):
    """An unpublished product disappears from every channel (its rows stay for past orders)."""
    if data.product_id is None:
        return
    Product.objects.filter(pk=data.product_id).update(is_public=False)
    # .update() sends no signal: save the parent once so that the reindex is queued.
    data.product.refresh_from_db()
    data.product.save(update_fields=["is_public"])
    _refresh_links_to(data)
