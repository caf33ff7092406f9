"""The demo's products, entered the way a product team enters them: through the PIM.

First the attribute definitions and families (each family keeps its Oscar product class in
step when a product of it is published), then one product record per product of
shop.demo.catalogue_data with its variants, prices and member prices, pictures, categories,
Finnish and Swedish texts, care and use-case blocks and "goes well with" links, saved as a
revision and published. Publishing is what writes the catalogue that every channel reads
(pim.services.publish_to_catalogue), exactly as when an admin publishes in /cms/; nothing here
writes Oscar's products directly. A few products are left incomplete or in draft on purpose so
that completeness and the workflow have something to show.

Safe to run again: a product that has a record is left alone (what the team changed in the
PIM is kept), except that a variant added to the data since is added to its record and
published.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import strip_tags
from wagtail.images import get_image_model

from catalogue.models import Product, ProductImage
from pim.adoption import KINDS, UNIT_IN_NAME  # the data's attribute types are Oscar's
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
from shop.demo import images
from shop.demo.catalogue_data import COLOURS, OPTION_GROUPS, PRODUCT_CLASSES, PRODUCTS, STORIES, WOODS, variants_of
from shop.demo.loader import Count

IMAGE_DIR = "images/products/demo"
# Attributes of the data that the PIM keeps as content blocks instead (see _blocks).
CONTENT_ATTRIBUTES = {"care_instructions", "use_cases"}
# Member prices: 10, 15 or 20 % off most sellable products; every seventh has none.
MEMBER_DISCOUNTS = [Decimal("0.10"), Decimal("0.15"), Decimal("0.20")]


# Attributes each family requires on the web shop and tablets (variant axes are required on
# every channel, displays included).
REQUIRED = {"width_cm", "depth_cm", "height_cm", "author", "isbn", "pages", "volume_ml", "size"}

# English -> Finnish / Swedish words of the demo titles, longest first when applied.
FINNISH = {
    "3-seat leather sofa": "3-istuttava nahkasohva",
    "3-seat sofa": "3-istuttava sohva",
    "2-seat sofa": "2-istuttava sohva",
    "corner sofa": "kulmasohva",
    "sofa bed": "vuodesohva",
    "armchair": "nojatuoli",
    "lounge chair": "lepotuoli",
    "reading chair": "lukutuoli",
    "rocking chair": "keinutuoli",
    "extendable dining table": "jatkettava ruokapöytä",
    "round dining table": "pyöreä ruokapöytä",
    "dining table": "ruokapöytä",
    "coffee table": "sohvapöytä",
    "side table": "sivupöytä",
    "console table": "konsolipöytä",
    "nesting tables, set of 2": "sarjapöydät, 2 kpl",
    "linen lumbar cushion": "pellavainen selkätyyny",
    "kapok floor cushion": "kapok-lattiatyyny",
    "linen cushion": "pellavatyyny",
    "velvet cushion": "samettityyny",
    "wool cushion": "villatyyny",
    "check cushion": "ruututyyny",
    "knitted cushion": "neuletyyny",
    "outdoor cushion": "ulkotyyny",
    "check wool throw": "ruudullinen villaviltti",
    "cotton waffle throw": "puuvillainen vohveliviltti",
    "mohair throw": "mohairviltti",
    "linen throw": "pellavaviltti",
    "wool throw": "villaviltti",
    "Merino throw": "Merinoviltti",
    "cotton kitchen curtain": "puuvillainen keittiöverho",
    "blackout curtain": "pimennysverho",
    "velvet curtain": "samettiverho",
    "sheer curtain": "harsoverho",
    "linen curtain": "pellavaverho",
    "upholstery cleaner": "verhoilun puhdistusaine",
    "upholstery shampoo": "verhoilushampoo",
    "refresh spray": "raikastussuihke",
    "cleaner": "puhdistusaine",
    "spray": "suihke",
    "oil": "öljy",
    "soap": "saippua",
    "wax": "vaha",
    "brush": "harja",
}
SWEDISH = {
    "3-seat leather sofa": "3-sits lädersoffa",
    "3-seat sofa": "3-sits soffa",
    "2-seat sofa": "2-sits soffa",
    "corner sofa": "hörnsoffa",
    "sofa bed": "bäddsoffa",
    "armchair": "fåtölj",
    "lounge chair": "loungefåtölj",
    "reading chair": "läsfåtölj",
    "rocking chair": "gungstol",
}
FINNISH_DESCRIPTIONS = {
    "sofa": "Syvä ja matala sohva, jonka päälliset voi vaihtaa. Runko on tehty Suomessa kestämään vuosikymmeniä.",
    "armchair": "Nojatuoli lukemiseen ja lepäämiseen, sopii yhteen sohviemme kanssa.",
    "table": "Pöytä pohjoismaisesta massiivipuusta, öljytty tai lakattu, tehty kestämään arkea.",
    "cushion": "Tyyny sohviemme väreissä, irrotettavalla päällisellä.",
    "throw": "Viltti pitkiin iltoihin kotona tai mökillä.",
    "curtain": "Verho pohjoisen valoon: pellavaa, samettia tai pimentävää kangasta.",
    "care": "Hoitotuote, joka pitää kankaat, nahan ja puun kauniina.",
    "book": "Kirja pohjoisesta: arkkitehtuuria, ruokaa ja tarinoita.",
}
SWEDISH_DESCRIPTIONS = {
    "sofa": "En djup och låg soffa med klädslar som går att byta. Stommen är tillverkad i Finland "
    "för att hålla i årtionden.",
    "armchair": "En fåtölj för läsning och vila, som passar ihop med våra soffor.",
}
FINNISH_CARE = "Imuroi viikoittain pehmeällä harjalla. Kuivaa tahrat heti puhtaalla, kostealla liinalla."


def _translate(title, words):
    for english in sorted(words, key=len, reverse=True):
        title = re.sub(re.escape(english), words[english], title, flags=re.IGNORECASE)
    return title


# --- Families ---------------------------------------------------------------------------


def _definition(code, name, kind, group):
    definition = AttributeDefinition.objects.filter(code=code).first()
    if definition is None:
        unit, match = "", UNIT_IN_NAME.match(name)
        if match and KINDS[kind] == AttributeDefinition.Kind.NUMBER:
            name, unit = match["name"], match["unit"]
        definition = AttributeDefinition.objects.create(code=code, name_en=name, kind=KINDS[kind], unit=unit)
    if group:  # one code may take its choices from several groups (a table's wood, a cushion's textile)
        known = set(definition.choices.values_list("value", flat=True))
        AttributeChoice.objects.bulk_create(
            AttributeChoice(attribute=definition, value=value, sort_order=order)
            for order, value in enumerate(OPTION_GROUPS[group][1])
            if value not in known
        )
    return definition


def load_families():
    """Returns ({class code: Family}, families Count, family attributes Count)."""
    families, family_count, attribute_count = {}, Count(total=len(PRODUCT_CLASSES)), Count()
    for code, spec in PRODUCT_CLASSES.items():
        family, created = Family.objects.get_or_create(code=code, defaults={"name": spec["name"]})
        family_count.new += created
        families[code] = family
        axes = {axis for product in PRODUCTS if product["class"] == code for axis in product.get("variants", {})}
        existing = set(family.family_attributes.values_list("attribute__code", flat=True))
        for order, (attr_code, name, kind, *group) in enumerate(spec["attributes"]):
            if attr_code in CONTENT_ATTRIBUTES:
                continue
            attribute_count.total += 1
            definition = _definition(attr_code, name, kind, group[0] if group else None)
            if attr_code in existing:
                continue
            attribute_count.new += 1
            # Variant axes are required on every channel, displays included.
            axis = attr_code in axes
            FamilyAttribute.objects.create(
                family=family,
                attribute=definition,
                is_variant_axis=axis,
                required_for_web=axis or attr_code in REQUIRED,
                required_for_tablet=axis or attr_code in REQUIRED,
                required_for_display=axis,
                sort_order=order,
            )
    return families, family_count, attribute_count


# --- Products ---------------------------------------------------------------------------


def _blocks(values):
    """Care and use-case blocks from the data's attributes of the same name."""
    blocks = []
    care = values.get("care_instructions")
    if care:
        lines = [strip_tags(line).strip() for line in re.split(r"</li>|<br\s*/?>|\n", care) if strip_tags(line).strip()]
        blocks.append(("care", {"en": "\n".join(lines), "fi": FINNISH_CARE, "sv": ""}))
    use_cases = values.get("use_cases")
    if use_cases:
        blocks.append(("use_cases", [{"en": item.strip(), "fi": "", "sv": ""} for item in use_cases.split(";")]))
    return blocks


def _swatch(values):
    """The picture colour of a set of attribute values: its colour, else its wood."""
    if values.get("colour") in COLOURS:
        return COLOURS[values["colour"]]
    for key in ("material", "frame_material"):
        if values.get(key) in WOODS:
            return WOODS[values[key]]
    return None


def _description(spec, variants):
    paragraphs = [spec["summary"]]
    if variants:
        axes = spec["variants"]
        choices = "; ".join(f"{code.replace('_', ' ')}: {', '.join(values)}" for code, values in axes.items())
        paragraphs.append(f"Available in {len(variants)} versions ({choices}).")
    paragraphs.append(STORIES[spec["class"]])
    return "\n".join(f"<p>{text}</p>" for text in paragraphs)


def member_prices():
    """{sellable UPC: member price or None}, fixed by each product's place in the data."""
    prices = {}
    sellables = [
        (upc, Decimal(spec["price"]) + surcharge)
        for spec in PRODUCTS
        for upc, _, surcharge in (list(variants_of(spec)) or [(spec["upc"], None, 0)])
    ]
    for position, (upc, price) in enumerate(sellables):
        discount = MEMBER_DISCOUNTS[position % len(MEMBER_DISCOUNTS)]
        member_price = (price * (1 - discount)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        prices[upc] = None if position % 7 == 6 else member_price.quantize(Decimal("0.01"))
    return prices


class ProductWriter:
    """Enters the products of the data that have no record yet, and the variants added to the
    data since, through the PIM (a revision, then publish)."""

    def __init__(self, families, categories):
        self.families = families
        self.categories = categories
        self.member_prices = member_prices()
        self.wagtail_images = get_image_model()
        self.created = []  # records created in this run
        self.browsable = Count(total=len(PRODUCTS))
        self.sellable = Count()
        self.images = Count()

    def run(self):
        specs = {spec["upc"]: spec for spec in PRODUCTS}
        records = {r.sku: r for r in ProductData.objects.filter(sku__in=specs)}
        books = [spec["upc"] for spec in PRODUCTS if spec["class"] == "book"]
        for spec in PRODUCTS:
            variants = list(variants_of(spec))
            self.sellable.total += len(variants) or 1
            if spec["upc"] in records:
                self._add_new_variants(spec, records[spec["upc"]], variants)
                continue
            # Every tenth book is left without a Finnish description (completeness shows it).
            finnish = spec["class"] != "book" or books.index(spec["upc"]) % 10 != 0
            records[spec["upc"]] = self._create(spec, variants, finnish=finnish)
        for record in self.created:
            wanted = specs[record.sku].get("recommends", [])
            ProductLink.objects.bulk_create(
                ProductLink(product_data=record, target=records[upc], kind=ProductLink.Kind.COMPLEMENTARY, sort_order=i)
                for i, upc in enumerate(wanted)
                if upc in records
            )
        # Links to products not published yet reach the catalogue when those are published.
        for record in self.created:
            record.save_revision(log_action=False).publish(log_action=False)
        skus = [*specs, *(upc for spec in PRODUCTS for upc, _, _ in variants_of(spec))]
        self.images.total = ProductImage.objects.filter(product__upc__in=skus).count()
        return self.created

    def _create(self, spec, variants, finnish):
        family = spec["class"]
        title_fi = _translate(spec["title"], FINNISH)
        title_sv = _translate(spec["title"], SWEDISH) if family in SWEDISH_DESCRIPTIONS else ""
        record = ProductData(
            sku=spec["upc"],
            family=self.families[family],
            title_en=spec["title"],
            title_fi=title_fi,
            title_sv=title_sv,
            description_en=_description(spec, variants),
            description_fi=f"<p>{FINNISH_DESCRIPTIONS[family]}</p>" if finnish else "",
            description_sv=f"<p>{SWEDISH_DESCRIPTIONS[family]}</p>" if title_sv else "",
            price=None if variants else Decimal(spec["price"]),
            member_price=None if variants else self.member_prices[spec["upc"]],
            priority=spec.get("priority", 0),
            attribute_values={k: v for k, v in spec["attrs"].items() if k not in CONTENT_ATTRIBUTES},
            content=_blocks(spec["attrs"]),
            live=False,
        )
        record.categories = [self.categories[spec["category"]]]
        record.gallery = [
            GalleryImage(image=image, alt_text=alt, alt_text_fi=title_fi, alt_text_sv=title_sv, sort_order=order)
            for order, (image, alt) in enumerate(self._pictures(spec, variants))
        ]
        record.variants = [self._variant(spec, *variant, order) for order, variant in enumerate(variants)]
        record.save()
        self.created.append(record)
        self.browsable.new += 1
        self.sellable.new += len(variants) or 1
        return record

    def _variant(self, spec, upc, values, surcharge, order):
        shape = spec.get("shape") or PRODUCT_CLASSES[spec["class"]]["shape"]
        colour = _swatch(values) or spec.get("image_colour") or "#9A9A94"
        subtitle = ", ".join(values.values())
        picture = images.render(shape, colour, spec["title"], subtitle)
        return Variant(
            sku=upc,
            price=Decimal(spec["price"]) + surcharge,
            member_price=self.member_prices[upc],
            attribute_values=values,
            image=self._image(f"{upc}-1", picture, f"{spec['title']}, {subtitle}"),
            sort_order=order,
        )

    def _add_new_variants(self, spec, record, variants):
        """Variants added to the data go into the record's latest version, which is published;
        a variant the team removed in the PIM (its catalogue product stays) is not brought back."""
        known = set(record.variants.values_list("sku", flat=True))
        known |= set(Product.objects.filter(upc__in=[upc for upc, _, _ in variants]).values_list("upc", flat=True))
        missing = [(position, v) for position, v in enumerate(variants) if v[0] not in known]
        if not missing:
            return
        latest = record.get_latest_revision_as_object()
        current = list(latest.variants.all())
        latest.variants = current + [
            self._variant(spec, *variant, len(current) + i) for i, (_, variant) in enumerate(missing)
        ]
        latest.save_revision(log_action=False).publish(log_action=False)
        self.sellable.new += len(missing)

    def _pictures(self, spec, variants):
        """The gallery as [(Wagtail image, alt text)]: a book's cover; a product's picture; for
        a parent the first variant's picture, then a chart of the colours it comes in."""
        shape = spec.get("shape") or PRODUCT_CLASSES[spec["class"]]["shape"]
        name = f"{spec['upc']}-1"
        if shape == "book":
            picture = images.render_book(spec["image_colour"], spec["title"], spec["attrs"]["author"])
            return [(self._image(name, picture, f"{spec['title']}, cover"), f"{spec['title']}, cover")]
        if not variants:
            colour = _swatch(spec["attrs"]) or spec.get("image_colour") or "#9A9A94"
            subtitle = spec["attrs"].get("colour") or spec["attrs"].get("material") or ""
            picture = images.render(shape, colour, spec["title"], subtitle)
            return [(self._image(name, picture, spec["title"]), spec["title"])]
        first = variants[0][1]
        picture = images.render(shape, _swatch(first) or "#9A9A94", spec["title"], ", ".join(first.values()))
        swatches = {}
        for _, values, _ in variants:
            label = values.get("colour") or values.get("material")
            swatches.setdefault(label, _swatch(values) or "#9A9A94")
        others = [", ".join(v) for code, v in spec["variants"].items() if code not in ("colour", "material")]
        chart = images.render_swatches(spec["title"], list(swatches.items()), " · ".join(others))
        chart_alt = f"{spec['title']}: colours and fabrics"
        return [
            (self._image(name, picture, spec["title"]), spec["title"]),
            (self._image(f"{spec['upc']}-2", chart, chart_alt), chart_alt),
        ]

    def _image(self, name, data, title):
        # A stable file name per picture: reloading a fresh database overwrites the same files
        # instead of piling up copies.
        path = f"{IMAGE_DIR}/{name.lower()}.jpg"
        if default_storage.exists(path):
            default_storage.delete(path)
        saved = default_storage.save(path, ContentFile(data))
        self.images.new += 1
        return self.wagtail_images.objects.create(title=title[:255], file=saved)


def load_drafts():
    """A new sofa the team is still working on: a draft, invisible in every channel."""
    if ProductData.objects.filter(sku="PH-SOFA-AALTO").exists():
        return 0
    draft = ProductData(
        sku="PH-SOFA-AALTO",
        family=Family.objects.get(code="sofa"),
        title_en="Aalto 4-seat sofa",
        title_fi="Aalto 4-istuttava sohva",
        description_en="<p>A long, low sofa for big families. Coming in the spring collection.</p>",
        price="2490.00",
        member_price="2190.00",
        live=False,
    )
    draft.save()
    draft.save_revision(log_action=False)
    return 1


def load_products(families, categories):
    """Returns the ProductWriter, which holds the counts and the records it created."""
    writer = ProductWriter(families, categories)
    writer.run()
    return writer
