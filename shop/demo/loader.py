"""Writes the demo data to the database, one step per function, each returning what it counted.

Every step adds what is missing (looked up by a stable natural key: store slug, category path,
option text, product UPC, user email) and leaves existing rows alone, so a second load creates
nothing and changes nothing, and a demo database that has been used keeps its orders, stock
movements, edited products and changed passwords. The command runs the steps in one
transaction (shop/management/commands/load_demo.py).
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue.models import (
    AttributeOption,
    AttributeOptionGroup,
    Category,
    Product,
    ProductAttribute,
    ProductCategory,
    ProductClass,
    ProductImage,
    ProductRecommendation,
)
from catalogue.search import index_products
from shop.demo import images
from shop.demo.catalogue_data import (
    CATEGORIES,
    COLOURS,
    OPTION_GROUPS,
    PRODUCT_CLASSES,
    PRODUCTS,
    SEED,
    STOCK_OVERRIDES,
    STORIES,
    WOODS,
    variants_of,
)
from shop.demo.stores_data import COUNTRIES, SITE_NAME, STORES
from shop.demo.users_data import PRODUCT_ADMIN, STORE_STAFF, SUPERUSER, USERS
from shop.partner.models import Partner, StockRecord
from shop.roles import PRODUCT_ADMINS, sync_roles
from shop.roles import STORE_STAFF as STORE_STAFF_GROUP
from shop.stores.models import OpeningHours, StaffMember, Store

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

IMAGE_DIR = "images/products/demo"


@dataclass
class Count:
    total: int = 0
    new: int = 0

    def __str__(self):
        return f"{self.total} ({self.new} new)"


# --- Site, countries, roles -------------------------------------------------------------------


def load_site(domain):
    """Point the django.contrib.sites Site at the demo's address. Returns whether it changed."""
    site, created = Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": SITE_NAME})
    if created:
        return True
    if (site.domain, site.name) == (domain, SITE_NAME):
        return False
    site.domain, site.name = domain, SITE_NAME
    site.save()
    return True


def load_countries():
    count = Count(total=len(COUNTRIES))
    for alpha2, alpha3, numeric, printable_name, name, ships, order in COUNTRIES:
        country, created = Country.objects.get_or_create(
            iso_3166_1_a2=alpha2,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "printable_name": printable_name,
                "name": name,
                "is_shipping_country": ships,
                "display_order": order,
            },
        )
        count.new += created
        if ships and not country.is_shipping_country:
            country.is_shipping_country = True
            country.save(update_fields=["is_shipping_country"])
    return count


def load_roles():
    sync_roles()
    return Group.objects.filter(name__in=[STORE_STAFF_GROUP, PRODUCT_ADMINS]).count()


# --- Stores -----------------------------------------------------------------------------------


def partner_code(spec):
    return settings.SHOP_ONLINE_PARTNER_CODE if spec["kind"] == Store.Kind.WAREHOUSE else spec["slug"]


def load_stores():
    """Returns ({slug: Store}, stores Count, opening hours Count)."""
    stores, store_count, hours_count = {}, Count(total=len(STORES)), Count()
    for spec in STORES:
        code = partner_code(spec)
        store = Store.objects.filter(Q(slug=spec["slug"]) | Q(partner__code=code)).first()
        if store is None:
            partner, _ = Partner.objects.get_or_create(code=code, defaults={"name": spec["name"]})
            fields = {key: value for key, value in spec.items() if key != "hours"}
            store = Store.objects.create(partner=partner, **fields)
            store_count.new += 1
        # Hours are filled in for a store that has none; hours edited later are kept.
        if spec["hours"] and not store.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(store=store, weekday=day, opens=opens, closes=closes)
                for day, (opens, closes) in spec["hours"].items()
            )
            hours_count.new += len(spec["hours"])
        stores[spec["slug"]] = store
    hours_count.total = OpeningHours.objects.filter(store__in=stores.values()).count()
    return stores, store_count, hours_count


# --- Catalogue structure ----------------------------------------------------------------------


@dataclass
class Catalogue:
    """What the product step needs to look up: option objects, classes and categories."""

    options: dict = field(default_factory=dict)  # group code -> {option text: AttributeOption}
    classes: dict = field(default_factory=dict)  # class code -> ProductClass
    categories: dict = field(default_factory=dict)  # breadcrumb path -> Category
    attribute_count: Count = field(default_factory=Count)
    category_count: Count = field(default_factory=Count)
    class_count: Count = field(default_factory=Count)


def load_structure():
    catalogue = Catalogue()
    groups = {}
    for code, (name, values) in OPTION_GROUPS.items():
        groups[code], _ = AttributeOptionGroup.objects.get_or_create(code=code, defaults={"name": name})
        existing = {option.option: option for option in groups[code].options.all()}
        for value in values:
            if value not in existing:
                existing[value] = AttributeOption.objects.create(group=groups[code], option=value)
        catalogue.options[code] = existing

    catalogue.class_count.total = len(PRODUCT_CLASSES)
    for code, spec in PRODUCT_CLASSES.items():
        product_class, created = ProductClass.objects.get_or_create(
            slug=code, defaults={"name": spec["name"], "requires_shipping": True, "track_stock": True}
        )
        catalogue.class_count.new += created
        catalogue.classes[code] = product_class
        existing = set(product_class.attributes.values_list("code", flat=True))
        for attr_code, name, kind, *group in spec["attributes"]:
            catalogue.attribute_count.total += 1
            if attr_code not in existing:
                ProductAttribute.objects.create(
                    product_class=product_class,
                    code=attr_code,
                    name=name,
                    type=kind,
                    option_group=groups[group[0]] if group else None,
                )
                catalogue.attribute_count.new += 1

    catalogue.category_count.total = len(CATEGORIES)
    for path, description in CATEGORIES.items():  # parents come first, so only the leaf can be new
        before = Category.objects.count()
        category = create_from_breadcrumbs(path)
        if Category.objects.count() > before:
            category.description = description
            category.save()
            catalogue.category_count.new += 1
        catalogue.categories[path] = category
    return catalogue


# --- Products ---------------------------------------------------------------------------------


def _attribute_kinds():
    """class code -> {attribute code: (type, option group code or None)}"""
    return {
        code: {attr[0]: (attr[2], attr[3] if len(attr) > 3 else None) for attr in spec["attributes"]}
        for code, spec in PRODUCT_CLASSES.items()
    }


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


class ProductWriter:
    """Creates the products of the data that do not exist yet, with their attributes,
    category, variants and pictures."""

    def __init__(self, catalogue):
        self.catalogue = catalogue
        self.kinds = _attribute_kinds()
        self.created = []  # products created in this run
        self.browsable = Count(total=len(PRODUCTS))
        self.sellable = Count()
        self.images = Count()

    def run(self):
        upcs = [spec["upc"] for spec in PRODUCTS]
        upcs += [upc for spec in PRODUCTS for upc, _, _ in variants_of(spec)]
        existing = dict(Product.objects.filter(upc__in=upcs).values_list("upc", "pk"))
        created_primaries = []
        for spec in PRODUCTS:
            variants = list(variants_of(spec))
            self.sellable.total += len(variants) or 1
            missing = [v for v in variants if v[0] not in existing]
            if spec["upc"] in existing and not missing:
                continue
            if spec["upc"] in existing:
                product = Product.objects.get(upc=spec["upc"])  # a variant was added to the data
            else:
                product = self._create_root(spec, variants)
                created_primaries.append(spec)
            for upc, values, surcharge in missing:
                self._create_variant(spec, product, upc, values, surcharge)
        self._recommend(created_primaries)
        self.images.total = ProductImage.objects.filter(product__upc__in=upcs).count()
        return self.created

    def _value(self, class_code, code, value):
        kind, group = self.kinds[class_code][code]
        if kind == ProductAttribute.OPTION:
            return self.catalogue.options[group][value]
        if kind == ProductAttribute.MULTI_OPTION:
            return [self.catalogue.options[group][v] for v in value]
        return value

    def _save(self, product, class_code, attrs):
        for code, value in attrs.items():
            setattr(product.attr, code, self._value(class_code, code, value))
        product.save()
        self.created.append(product)

    def _create_root(self, spec, variants):
        product = Product(
            upc=spec["upc"],
            title=spec["title"],
            structure=Product.PARENT if variants else Product.STANDALONE,
            product_class=self.catalogue.classes[spec["class"]],
            description=_description(spec, variants),
            meta_description=spec["summary"],
            price=None if variants else spec["price"],
            priority=spec.get("priority", 0),
        )
        self._save(product, spec["class"], spec["attrs"])
        ProductCategory.objects.create(product=product, category=self.catalogue.categories[spec["category"]])
        self.browsable.new += 1
        if not variants:
            self.sellable.new += 1
        self._pictures_of_root(spec, product, variants)
        return product

    def _create_variant(self, spec, parent, upc, values, surcharge):
        child = Product(
            upc=upc,
            parent=parent,
            structure=Product.CHILD,
            title=f"{spec['title']}, {', '.join(values.values())}",
            price=Decimal(spec["price"]) + surcharge,
        )
        self._save(child, spec["class"], values)
        self.sellable.new += 1
        shape = spec.get("shape") or PRODUCT_CLASSES[spec["class"]]["shape"]
        colour = _swatch(values) or spec.get("image_colour") or "#9A9A94"
        picture = images.render(shape, colour, spec["title"], ", ".join(values.values()))
        self._add_image(child, f"{upc}-1", picture, child.title, 0)

    def _pictures_of_root(self, spec, product, variants):
        shape = spec.get("shape") or PRODUCT_CLASSES[spec["class"]]["shape"]
        if shape == "book":
            attrs = spec["attrs"]
            picture = images.render_book(spec["image_colour"], spec["title"], attrs["author"])
            self._add_image(product, f"{spec['upc']}-1", picture, f"{spec['title']}, cover", 0)
            return
        if not variants:
            colour = _swatch(spec["attrs"]) or spec.get("image_colour") or "#9A9A94"
            subtitle = spec["attrs"].get("colour") or spec["attrs"].get("material") or ""
            picture = images.render(shape, colour, spec["title"], subtitle)
            self._add_image(product, f"{spec['upc']}-1", picture, spec["title"], 0)
            return
        # A parent: the first variant's picture, then a chart of the colours it comes in.
        first = variants[0][1]
        picture = images.render(shape, _swatch(first) or "#9A9A94", spec["title"], ", ".join(first.values()))
        self._add_image(product, f"{spec['upc']}-1", picture, spec["title"], 0)
        swatches = {}
        for _, values, _ in variants:
            label = values.get("colour") or values.get("material")
            swatches.setdefault(label, _swatch(values) or "#9A9A94")
        others = [", ".join(v) for code, v in spec["variants"].items() if code not in ("colour", "material")]
        chart = images.render_swatches(spec["title"], list(swatches.items()), " · ".join(others))
        self._add_image(product, f"{spec['upc']}-2", chart, f"{spec['title']}: colours and fabrics", 1)

    def _add_image(self, product, name, data, caption, order):
        # A stable file name per product: reloading a fresh database overwrites the same files
        # instead of piling up copies.
        path = f"{IMAGE_DIR}/{name.lower()}.jpg"
        if default_storage.exists(path):
            default_storage.delete(path)
        saved = default_storage.save(path, ContentFile(data))
        ProductImage.objects.create(product=product, original=saved, caption=caption[:200], display_order=order)
        self.images.new += 1

    def _recommend(self, specs):
        wanted = {upc for spec in specs for upc in spec.get("recommends", [])}
        if not wanted:
            return
        products = {p.upc: p for p in Product.objects.filter(upc__in=wanted | {s["upc"] for s in specs})}
        for spec in specs:
            recommends = spec.get("recommends", [])
            for rank, upc in enumerate(recommends):
                ProductRecommendation.objects.get_or_create(
                    primary=products[spec["upc"]],
                    recommendation=products[upc],
                    defaults={"ranking": len(recommends) - rank},
                )


def load_products(catalogue):
    """Returns the ProductWriter, which holds the counts and the products it created."""
    writer = ProductWriter(catalogue)
    writer.run()
    return writer


# --- Stock ------------------------------------------------------------------------------------


def stock_plan(upc, large, store_slugs):
    """Units in stock per store slug for one sellable product (None: not carried there).

    Seeded by the UPC, so each product's spread is fixed and does not move when products are
    added to the data. Online stock is nearly always there; a store carries most products,
    some of them sold out.
    """
    rng = random.Random(f"{SEED}:{upc}")
    plan = {}
    for slug, is_warehouse in store_slugs:
        roll = rng.random()
        if is_warehouse:
            plan[slug] = 0 if roll < 0.08 else (rng.randint(2, 12) if large else rng.randint(8, 60))
        elif roll < 0.2:
            plan[slug] = None
        elif roll < 0.35:
            plan[slug] = 0
        else:
            plan[slug] = rng.randint(1, 4) if large else rng.randint(2, 20)
    plan.update(STOCK_OVERRIDES.get(upc, {}))
    return plan


def load_stock(stores):
    store_slugs = [(slug, store.kind == Store.Kind.WAREHOUSE) for slug, store in stores.items()]
    sellables = []
    for spec in PRODUCTS:
        large = PRODUCT_CLASSES[spec["class"]]["large"]
        sellables += [(upc, large) for upc, _, _ in variants_of(spec)] or [(spec["upc"], large)]
    product_ids = dict(Product.objects.filter(upc__in=[upc for upc, _ in sellables]).values_list("upc", "pk"))
    partners = [store.partner_id for store in stores.values()]
    records = StockRecord.objects.filter(partner_id__in=partners, product_id__in=product_ids.values())
    existing = set(records.values_list("partner_id", "product_id"))
    new = []
    for upc, large in sellables:
        for slug, level in stock_plan(upc, large, store_slugs).items():
            key = (stores[slug].partner_id, product_ids[upc])
            if level is not None and key not in existing:
                new.append(
                    StockRecord(
                        partner_id=key[0], product_id=key[1], partner_sku=upc, num_in_stock=level, num_allocated=0
                    )
                )
    StockRecord.objects.bulk_create(new)
    return Count(total=records.count(), new=len(new))


# --- Users ------------------------------------------------------------------------------------


def load_users(stores, password=None):
    """Returns (Count, [(email, password, role, what to try)]). ``password`` replaces every
    demo password; passwords are set only when an account is created."""
    User = get_user_model()
    groups = {
        STORE_STAFF: Group.objects.get(name=STORE_STAFF_GROUP),
        PRODUCT_ADMIN: Group.objects.get(name=PRODUCT_ADMINS),
    }
    finland = Country.objects.get(iso_3166_1_a2="FI")
    count, rows = Count(total=len(USERS)), []
    for spec in USERS:
        email, role = spec["email"], spec["role"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(
                username=email,
                email=email,
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                is_staff=role == SUPERUSER,  # product admins reach Wagtail by their group
                is_superuser=role == SUPERUSER,
            )
            user.set_password(password or spec["password"])
            user.save()
            count.new += 1
            if "address" in spec:
                UserAddress.objects.create(
                    user=user,
                    first_name=spec["first_name"],
                    last_name=spec["last_name"],
                    country=finland,
                    is_default_for_shipping=True,
                    is_default_for_billing=True,
                    **spec["address"],
                )
        if not EmailAddress.objects.filter(user=user, email__iexact=email).exists():
            has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=not has_primary)
        if role in groups:
            user.groups.add(groups[role])
        if role == STORE_STAFF:
            StaffMember.objects.get_or_create(user=user, defaults={"store": stores[spec["store"]]})
            role = f"{role}, {stores[spec['store']].name}"
        rows.append((email, password or spec["password"], role, spec["try"]))
    return count, rows


# --- Search index -----------------------------------------------------------------------------


def refresh_index(products_created):
    """Index the catalogue if products were created or some browsable product was never
    indexed; returns how many products were indexed (0: the index was up to date)."""
    if products_created or Product.objects.browsable().filter(search_document="").exists():
        return index_products()
    return 0
