"""Measure browse and search at scale: fill the database with synthetic products, index them
with the real indexer, and time the real pages and API through full requests.

Run it against a database of its own, e.g.:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py benchmark_browse --products 100000
"""

import random
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from oscar.apps.catalogue.categories import create_from_breadcrumbs

from catalogue.models import (
    AttributeOption,
    AttributeOptionGroup,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
)
from catalogue.search import index_products
from shop.partner.models import Partner, StockRecord
from shop.stores.models import Store

PREFIX = "BENCH-"
COLOURS = ["Sand", "Moss", "Charcoal", "Rust", "Sky", "Snow", "Pine", "Berry", "Clay", "Fog"]
MATERIALS = ["Linen", "Wool", "Velvet", "Cotton", "Oak", "Birch", "Leather", "Bouclé"]
NOUNS = ["sofa", "chair", "cushion", "throw", "lamp", "table", "rug", "shelf", "book", "candle"]
CATEGORIES = [f"Bench {group} > Bench {group}{n}" for group in "ABCD" for n in range(5)]
STORES = ["bench-helsinki", "bench-tampere", "bench-turku"]


class Command(BaseCommand):
    help = "Time catalogue browse/search pages and API at a given number of products."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15)

    def handle(self, products, repeat, **options):
        if "testserver" not in settings.ALLOWED_HOSTS:
            raise CommandError("Run this with development settings (DJANGO_ALLOWED_HOSTS must allow 'testserver').")
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        have = Product.objects.filter(upc__startswith=PREFIX).count()
        if have < products:
            self.generate(have, products)
        self.stdout.write(f"Products in the catalogue: {Product.objects.count()}")
        self.time_pages(repeat)

    def generate(self, start, total):
        rng = random.Random(42)
        product_class, _ = ProductClass.objects.get_or_create(name="Bench item", defaults={"track_stock": True})
        options = {}
        attributes = {}
        for code, values in (("colour", COLOURS), ("material", MATERIALS)):
            group, _ = AttributeOptionGroup.objects.get_or_create(name=f"Bench {code}")
            options[code] = [AttributeOption.objects.get_or_create(group=group, option=v)[0] for v in values]
            attributes[code] = ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=code,
                defaults={"name": code.title(), "type": ProductAttribute.OPTION, "option_group": group},
            )[0]
        categories = [create_from_breadcrumbs(path) for path in CATEGORIES]
        partners = [self.store_partner(slug) for slug in STORES]
        partners.append(Partner.objects.get_or_create(code=settings.SHOP_ONLINE_PARTNER_CODE, name="Online")[0])

        started = time.perf_counter()
        batch_size = 5000
        for offset in range(start, total, batch_size):
            count = min(batch_size, total - offset)
            with transaction.atomic():
                items = Product.objects.bulk_create(
                    [
                        Product(
                            upc=f"{PREFIX}{offset + i:07d}",
                            title=f"{rng.choice(COLOURS)} {rng.choice(MATERIALS).lower()} {rng.choice(NOUNS)} "
                            f"{offset + i}",
                            description="A synthetic product for measuring browse and search.",
                            product_class=product_class,
                            price=Decimal(rng.randrange(990, 250000)) / 100,
                        )
                        for i in range(count)
                    ]
                )
                ProductAttributeValue.objects.bulk_create(
                    [
                        ProductAttributeValue(
                            product=p, attribute=attributes[code], value_option=rng.choice(options[code])
                        )
                        for p in items
                        for code in ("colour", "material")
                    ]
                )
                ProductCategory.objects.bulk_create(
                    [ProductCategory(product=p, category=rng.choice(categories)) for p in items]
                )
                StockRecord.objects.bulk_create(
                    [
                        StockRecord(
                            product=p,
                            partner=partner,
                            partner_sku=f"{p.upc}-{partner.pk}",
                            num_in_stock=rng.choice([0, 0, 1, 3, 10]),
                        )
                        for p in items
                        for partner in partners
                        if rng.random() < 0.7
                    ]
                )
            self.stdout.write(f"  created {offset + count}/{total} products ({time.perf_counter() - started:.0f} s)")
        started = time.perf_counter()
        indexed = index_products(Product.objects.filter(upc__startswith=PREFIX).values_list("pk", flat=True))
        self.stdout.write(f"Indexed {indexed} products in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would have after a bulk load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def store_partner(self, slug):
        partner, _ = Partner.objects.get_or_create(code=slug, defaults={"name": slug})
        Store.objects.get_or_create(slug=slug, defaults={"partner": partner, "name": slug.title(), "city": "Bench"})
        return partner

    def time_pages(self, repeat):
        category = create_from_breadcrumbs(CATEGORIES[3])
        urls = [
            "/catalogue/",
            category.get_absolute_url(),
            "/search/?q=linen",
            "/search/?q=moss+wool+sofa",
            "/catalogue/?facet=colour:Sand&facet=material:Oak",
            f"/catalogue/?store={STORES[0]}&sort=price-asc",
            "/catalogue/?price_min=100&price_max=200&sort=price-desc",
            "/api/v1/products/?q=velvet&page_size=24",
            f"/api/v1/products/?store={STORES[1]}&facet=colour:Rust",
        ]
        # Instrumented rendering exposes response.context (the result counts); it makes the
        # pages a little slower, so the figures err on the slow side.
        setup_test_environment()
        client = Client()
        self.stdout.write(f"\n{'page':<62} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'results':>8}")
        for url in urls:
            timings = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            results = self.result_count(response)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(
                f"{url:<62} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(queries):>8} {results:>8}"
            )

    @staticmethod
    def result_count(response):
        if response.get("Content-Type", "").startswith("application/json"):
            return response.json()["count"]
        return response.context["page"].paginator.count
