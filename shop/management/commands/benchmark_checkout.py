"""Measure the checkout under contention: N buyers pay at once for a product with U units left,
each in a thread with its own database connection, through the checkout service and the Stripe
SDK (against a localstripe the command starts, unless --stripe-api-base names one). Prints how
many orders were placed, how many units were oversold (the answer must be 0), and p50/p95 of a
placement (starting the payment, confirming the card, placing the order) and of a refusal.

PostgreSQL only (SQLite has no row locks), on a database of its own, e.g.:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_bench ./manage.py benchmark_checkout --buyers 200 --units 5
"""

import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from oscar.core.loading import get_model

from catalogue.models import Product, ProductClass
from shop.basket import services as cart
from shop.basket.models import Channel
from shop.celery import app as celery_app
from shop.checkout import services
from shop.checkout.models import Checkout, Method
from shop.partner.models import Partner, StockRecord
from shop.shipping.models import PickupPoint

PREFIX = "bench-checkout"
CONTACT = {"first_name": "Bench", "last_name": "Buyer", "phone_number": "+358401234567"}
LAUNCHER = Path(settings.BASE_DIR) / "scripts" / "localstripe_server.py"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


@contextmanager
def local_stripe():
    """A localstripe on a free port of 127.0.0.1 for the length of the run."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(port), f"{folder}/data.pickle"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise CommandError("localstripe did not start")
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=10)


class Command(BaseCommand):
    help = "Time checkout placement and count oversold units for N concurrent buyers of U units (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--buyers", type=int, default=50)
        parser.add_argument("--units", type=int, default=5, help="Units left of the product they all want")
        parser.add_argument("--threads", type=int, default=16, help="Buyers paying at the same moment")
        parser.add_argument("--stripe-api-base", default="", help="A Stripe (test mode) or localstripe to use")

    def handle(self, buyers, units, threads, stripe_api_base, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run this on PostgreSQL: the checkout's row locks are what it measures.")
        if stripe_api_base:
            self.run(buyers, units, threads, stripe_api_base)
        else:
            with local_stripe() as base:
                self.run(buyers, units, threads, base)

    def run(self, buyers, units, threads, stripe_api_base):
        # As in production, the order's emails are queued for a worker, not sent in the request.
        celery_app.conf.task_always_eager = False
        settings.STRIPE_API_BASE = stripe_api_base
        settings.STRIPE_SECRET_KEY = settings.STRIPE_SECRET_KEY or "sk_test_bench"
        record, point = self.scarce_product(units)
        checkouts = [self.ready_checkout(i, record.product, point) for i in range(buyers)]
        self.stdout.write(
            f"{buyers} buyers of {units} units, {threads} paying at once "
            f"(PostgreSQL {connection.settings_dict['NAME']}, Stripe at {stripe_api_base})"
        )
        start = threading.Barrier(min(threads, buyers))
        timings = {"placed": [], "refused": [], "failed": []}

        def buy(checkout):
            try:
                start.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass  # fewer buyers left than threads: they go at once anyway
            began = time.perf_counter()
            try:
                services.start_payment(checkout, channel="api")
                outcome = services.confirm_payment(checkout, "pm_card_visa")
                kind = "placed" if outcome.order else "failed"
            except (services.SoldOut, services.SlotFull):
                kind = "refused"
            except services.CheckoutError:
                kind = "failed"
            finally:
                connection.close()
            timings[kind].append((time.perf_counter() - began) * 1000)

        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(buy, checkouts))
        record.refresh_from_db()
        oversold = max(record.num_allocated - record.num_in_stock, 0)
        self.stdout.write(
            f"orders placed: {len(timings['placed'])}, told sold out: {len(timings['refused'])}, "
            f"other failures: {len(timings['failed'])}"
        )
        self.stdout.write(f"oversold: {oversold} (allocated {record.num_allocated} of {record.num_in_stock} in stock)")
        for kind, label in (("placed", "placement"), ("refused", "sold-out answer")):
            values = timings[kind]
            if values:
                self.stdout.write(
                    f"{label} p50 / p95: {statistics.median(values):.1f} / {percentile(values, 0.95):.1f} ms"
                )
        if oversold:
            raise CommandError(f"{oversold} units oversold")

    def scarce_product(self, units):
        """The product every buyer wants, with ``units`` left online (reset on every run)."""
        online = Partner.objects.filter(code=settings.SHOP_ONLINE_PARTNER_CODE).first()
        if online is None:
            online = Partner.objects.create(code=settings.SHOP_ONLINE_PARTNER_CODE, name="Online warehouse")
        product_class, _ = ProductClass.objects.get_or_create(name="Bench lamp", defaults={"track_stock": True})
        Product.objects.get_or_create(
            upc=f"{PREFIX}-lamp", defaults={"title": "Bench lamp", "product_class": product_class, "price": "89.00"}
        )
        product = Product.objects.get(upc=f"{PREFIX}-lamp")  # with its price read back as a Decimal
        record, _ = StockRecord.objects.update_or_create(
            product=product,
            partner=online,
            defaults={"partner_sku": f"{PREFIX}-lamp", "num_in_stock": units, "num_allocated": 0, "num_reserved": 0},
        )
        get_model("address", "Country").objects.get_or_create(
            iso_3166_1_a2="FI", defaults={"name": "Finland", "printable_name": "Finland", "is_shipping_country": True}
        )
        point, _ = PickupPoint.objects.get_or_create(
            code=f"{PREFIX}-point", defaults={"name": "Bench locker", "street": "Katu 1", "postcode": "00100"}
        )
        return record, point

    def ready_checkout(self, number, product, point):
        user, _ = get_user_model().objects.get_or_create(
            username=f"{PREFIX}-{number}", defaults={"email": f"{PREFIX}-{number}@example.com"}
        )
        basket = cart.open_basket_of(user)
        for left in Checkout.objects.filter(basket=basket):
            services.cancel_payment(left)  # of a run that stopped half-way
        basket.lines.all().delete()
        cart.add_product(basket, product, 1, cart.Actor(user=user, channel=Channel.API))
        checkout = services.checkout_of(basket)
        services.choose_delivery(checkout, Method.PICKUP_POINT, pickup_point=point.pk)
        return services.set_address(checkout, CONTACT)
