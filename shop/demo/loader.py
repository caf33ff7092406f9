"""Writes the demo data to the database, one step per function, each returning what it counted.

Every step adds what is missing (looked up by a stable natural key: store slug, category path,
product SKU, user email) and leaves existing rows alone, so a second load creates
nothing and changes nothing, and a demo database that has been used keeps its orders, stock
movements, edited products and changed passwords. The command runs the steps in one
transaction (shop/management/commands/load_demo.py).
"""

import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.db.models import Q
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue.models import Category, Product
from catalogue.search import index_products
from shop.demo import delivery_data
from shop.demo.catalogue_data import CATEGORIES, PRODUCT_CLASSES, PRODUCTS, SEED, STOCK_OVERRIDES, variants_of
from shop.demo.stores_data import COUNTRIES, SITE_NAME, STORES
from shop.demo.users_data import PRODUCT_ADMIN, STORE_STAFF, SUPERUSER, USERS
from shop.partner.models import Partner, StockRecord
from shop.roles import PRODUCT_ADMINS, sync_roles
from shop.roles import STORE_STAFF as STORE_STAFF_GROUP
from shop.shipping.models import DeliveryWindow, PickupPoint
from shop.stores.models import OpeningHours, StaffMember, Store

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")


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


# --- Delivery -------------------------------------------------------------------------------------


def load_delivery(stores):
    """The weekly delivery windows, the pickup points and the stores' preparation times (set on a
    store still at the default). Returns (windows Count, pickup points Count)."""
    windows = Count(total=len(delivery_data.WINDOWS))
    for weekday, starts, ends, capacity in delivery_data.WINDOWS:
        _window, created = DeliveryWindow.objects.get_or_create(
            weekday=weekday, starts=starts, defaults={"ends": ends, "capacity": capacity}
        )
        windows.new += created
    points = Count(total=len(delivery_data.PICKUP_POINTS))
    for code, name, kind, street, postcode, city, hours in delivery_data.PICKUP_POINTS:
        _point, created = PickupPoint.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "street": street,
                "postcode": postcode,
                "city": city,
                "opening_hours": hours,
            },
        )
        points.new += created
    default = Store._meta.get_field("preparation_minutes").default
    for slug, minutes in delivery_data.PREPARATION_MINUTES.items():
        Store.objects.filter(slug=slug, preparation_minutes=default).update(preparation_minutes=minutes)
    return windows, points


# --- Categories -------------------------------------------------------------------------------


def load_categories():
    """Returns ({breadcrumb path: Category}, Count). Products come through the PIM
    (shop.demo.pim), which also makes Oscar's product classes from its families."""
    categories, count = {}, Count(total=len(CATEGORIES))
    for path, description in CATEGORIES.items():  # parents come first, so only the leaf can be new
        before = Category.objects.count()
        category = create_from_breadcrumbs(path)
        if Category.objects.count() > before:
            category.description = description
            category.save()
            count.new += 1
        categories[path] = category
    return categories, count


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
