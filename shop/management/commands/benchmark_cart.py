"""Measure the cart API: p50/p95 of adding a line and of reading the cart, at 1, 10 and 50 lines,
through full requests (the test client), with the queries each request costs.

Run it against a database of its own, e.g.:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py benchmark_cart
"""

import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from rest_framework.throttling import SimpleRateThrottle

from catalogue.models import Product, ProductClass
from shop.basket import services
from shop.basket.models import Line
from shop.partner.models import Partner, StockRecord

PREFIX = "BENCH-CART-"
SIZES = (1, 10, 50)


class Command(BaseCommand):
    help = "Time the cart API (add a line, read the cart) at 1, 10 and 50 lines."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, repeat, **options):
        if "testserver" not in settings.ALLOWED_HOSTS:
            raise CommandError("Run this with development settings (DJANGO_ALLOWED_HOSTS must allow 'testserver').")
        setup_test_environment()
        # One client makes hundreds of cart writes a minute here on purpose: no API budgets.
        SimpleRateThrottle.THROTTLE_RATES = dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES)
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}, {repeat} requests each")
        products = self.products(max(SIZES) + 1)
        customer, _ = get_user_model().objects.get_or_create(username="bench-cart", email="bench-cart@example.com")
        basket = services.open_basket_of(customer)
        client = Client()
        client.force_login(customer)
        self.stdout.write(f"{'lines':>5}  {'request':<10} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for size in SIZES:
            Line.objects.filter(basket=basket).delete()
            for product in products[:size]:
                services.add_product(basket, product, 1, services.Actor(user=customer))
            # Adding one more of a product already in the cart keeps the cart at ``size`` lines.
            add = lambda: client.post("/api/v1/cart/lines/", {"product": products[0].pk, "quantity": 1})  # noqa: E731
            read = lambda: client.get("/api/v1/cart/")  # noqa: E731
            for name, request in (("add line", add), ("read", read)):
                self.report(size, name, request, repeat)

    def report(self, size, name, request, repeat):
        request()  # warm
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = request()
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code >= 400:
                raise CommandError(f"{name} at {size} lines answered {response.status_code}: {response.content[:200]}")
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        self.stdout.write(
            f"{size:>5}  {name:<10} {statistics.median(timings):>8.1f} {p95:>8.1f} {len(queries.captured_queries):>8}"
        )

    def products(self, count):
        """``count`` sellable products with ample stock online (created once)."""
        have = list(Product.objects.filter(upc__startswith=PREFIX).order_by("upc"))
        if len(have) >= count:
            return have[:count]
        product_class, _ = ProductClass.objects.get_or_create(name="Bench cart item", defaults={"track_stock": True})
        online, _ = Partner.objects.get_or_create(code=settings.SHOP_ONLINE_PARTNER_CODE, defaults={"name": "Online"})
        for i in range(len(have), count):
            product = Product.objects.create(
                upc=f"{PREFIX}{i:04d}", title=f"Bench cart item {i}", product_class=product_class, price=Decimal("9.90")
            )
            StockRecord.objects.create(product=product, partner=online, partner_sku=product.upc, num_in_stock=100_000)
        return list(Product.objects.filter(upc__startswith=PREFIX).order_by("upc"))[:count]
