"""The published product data that channels show, in the shopper's language.

``product_content(product)`` serves the product page and the product API alike. It reads the
product's PIM record as prefetched by catalogue.queries.for_detail (``PRODUCT_PREFETCH``), plus
the attribute definitions (two queries per page, whatever the product), so a page costs the
same number of queries whatever the number of images, attributes and content blocks.
A product without a published PIM record falls back to Oscar's own fields.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from pim.models import DEFAULT_LANGUAGE, LANGUAGES, AttributeDefinition, GalleryImage, ProductLink, localised

# Widths of the responsive gallery renditions (srcset), and the one the page starts with.
GALLERY_WIDTHS = (480, 960, 1440)
GALLERY_SPECS = tuple(f"width-{w}" for w in GALLERY_WIDTHS)
THUMB_SPEC = "fill-160x160"


def product_prefetch(prefix="pim"):
    """Prefetches that ``product_content`` reads, for a Product queryset."""
    images = get_image_model().objects.prefetch_renditions(*GALLERY_SPECS, THUMB_SPEC)
    return [
        Prefetch(f"{prefix}__gallery", queryset=GalleryImage.objects.prefetch_related(Prefetch("image", images))),
        Prefetch(f"{prefix}__links", queryset=ProductLink.objects.select_related("target__product")),
    ]


def language_of(language=None):
    language = (language or get_language() or DEFAULT_LANGUAGE)[:2]
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def published_record(product):
    record = getattr(product, "pim", None)
    return record if record is not None and record.live else None


def display_title(product, language=None):
    """The title shoppers read: the published translation, else Oscar's title."""
    source = product.parent if product.is_child else product
    record = published_record(source)
    title = localised(record, "title", language_of(language)) if record else ""
    return title or product.get_title()


@dataclass
class Picture:
    alt: str
    src: str
    sources: list  # [(url, width)] of the responsive renditions
    width: int
    height: int
    thumb: str

    @property
    def srcset(self):
        return ", ".join(f"{url} {width}w" for url, width in self.sources)


@dataclass
class AttributeRow:
    code: str
    label: str
    value: str
    unit: str = ""


@dataclass
class AttributeLabels:
    """Attribute names and choice labels in one language, for what is read from Oscar's own
    attribute values (the variants): English stays where the PIM has no translation."""

    names: dict = field(default_factory=dict)  # code -> name
    choices: dict = field(default_factory=dict)  # (code, value) -> label

    def name(self, code, default):
        return self.names.get(code) or default

    def value(self, code, value):
        return self.choices.get((code, value), value)


@dataclass
class ProductContent:
    language: str
    title: str
    description: str
    labels: AttributeLabels = field(default_factory=AttributeLabels)
    gallery: list = field(default_factory=list)
    attributes: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    complementary: list = field(default_factory=list)
    related: list = field(default_factory=list)


def _definitions():
    return {d.code: d for d in AttributeDefinition.objects.prefetch_related("choices")}


def attribute_labels(definitions, language):
    return AttributeLabels(
        names={code: localised(d, "name", language) for code, d in definitions.items()},
        choices={
            (code, c.value): localised(c, "label", language) for code, d in definitions.items() for c in d.choices.all()
        },
    )


def _value_text(definition, value, language):
    if definition.has_choices:
        labels = {c.value: localised(c, "label", language) for c in definition.choices.all()}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if definition.kind == AttributeDefinition.Kind.BOOLEAN:
        return _("Yes") if value else _("No")
    return str(value)


def attribute_rows(values, definitions, language):
    rows = []
    for code, value in values.items():
        definition = definitions.get(code)
        if definition is None:
            continue
        rows.append(
            AttributeRow(
                code=code,
                label=localised(definition, "name", language),
                value=_value_text(definition, value, language),
                unit=definition.unit,
            )
        )
    return rows


def _translated(value, language):
    """The text of a translated block value ({"en": ..., "fi": ..., "sv": ...}) with fallback."""
    for code in (language, DEFAULT_LANGUAGE, *LANGUAGES):
        if value.get(code):
            return value[code]
    return ""


def content_blocks(stream, language):
    """Content blocks as plain data: {"type": ..., "value": ...} in the shopper's language."""
    blocks = []
    for block in stream:
        value = block.value
        if block.block_type == "care":
            data = {"text": _translated(value, language)}
        elif block.block_type == "use_cases":
            data = {"items": [_translated(item, language) for item in value]}
        elif block.block_type == "specifications":
            data = {"rows": [{"label": _translated(row["label"], language), "value": row["value"]} for row in value]}
        elif block.block_type == "whats_new":
            data = {"date": value["date"].isoformat(), "text": _translated(value["text"], language)}
        else:  # video
            data = {"url": value["url"], "caption": _translated(value["caption"], language)}
        blocks.append({"type": block.block_type, "value": data})
    return blocks


def _picture(gallery_image, language):
    renditions = [gallery_image.image.get_rendition(spec) for spec in GALLERY_SPECS]
    main = renditions[1]
    return Picture(
        alt=localised(gallery_image, "alt_text", language),
        src=main.url,
        sources=[(r.url, r.width) for r in renditions],
        width=main.width,
        height=main.height,
        thumb=gallery_image.image.get_rendition(THUMB_SPEC).url,
    )


def product_content(product, language=None):
    language = language_of(language)
    record = published_record(product)
    if record is None:
        return ProductContent(language=language, title=product.get_title(), description=product.description)
    definitions = _definitions()
    links = [link for link in record.links.all() if link.target.product_id and link.target.live]
    return ProductContent(
        language=language,
        title=localised(record, "title", language),
        description=localised(record, "description", language),
        labels=attribute_labels(definitions, language),
        gallery=[_picture(g, language) for g in record.gallery.all()],
        attributes=attribute_rows(record.attribute_values, definitions, language),
        blocks=content_blocks(record.content, language),
        complementary=[link.target.product for link in links if link.kind == ProductLink.Kind.COMPLEMENTARY],
        related=[link.target.product for link in links if link.kind == ProductLink.Kind.RELATED],
    )
