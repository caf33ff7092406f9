"""manage.py load_demo: the Pohjola demo (stores, catalogue, stock, accounts) in one command.

Safe to run again: it adds what is missing and changes nothing that exists (see shop/demo/).
"""

import os
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from loyalty import demo as loyalty_demo
from shop.demo import carts, loader, orders
from shop.demo import pim as demo_pim


class Command(BaseCommand):
    help = (
        "Load the demo data: stores with opening hours, a catalogue of about 70 products with "
        "variants, attributes, pictures and stock, shipping countries, and an account for every "
        "role. Idempotent. DEMO_PASSWORD sets every new account's password; PORT the site's port."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        port = os.environ.get("PORT") or "8000"
        with transaction.atomic():
            accounts = self.load(port, os.environ.get("DEMO_PASSWORD") or None)
        # After the commit, which sends the orders' emails (printed by the console email backend).
        self.write_accounts(accounts)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {time.monotonic() - started:.1f} s."))
        self.stdout.write(f"Run the shop: manage.py runserver 127.0.0.1:{port}, then open http://127.0.0.1:{port}/")

    def load(self, port, password):
        write = self.stdout.write

        site_changed = loader.load_site(f"127.0.0.1:{port}")
        write(f"Site: 127.0.0.1:{port} ({'updated' if site_changed else 'unchanged'})")
        write(f"Countries: {loader.load_countries()}")
        write(f"Roles: {loader.load_roles()} groups in sync")

        stores, store_count, hours_count = loader.load_stores()
        physical = sum(store.is_physical for store in stores.values())
        write(f"Stores: {store_count}: {physical} stores and {len(stores) - physical} warehouse")
        write(f"Opening hours: {hours_count}")
        windows, pickup_points = loader.load_delivery(stores)
        write(f"Delivery: {windows} weekly windows, {pickup_points} pickup points")

        categories, category_count = loader.load_categories()
        write(f"Categories: {category_count}")

        write("Product information (PIM):")
        families, family_count, attribute_count = demo_pim.load_families()
        write(f"  Families: {family_count}, attributes: {attribute_count}")
        products = demo_pim.load_products(families, categories)
        write(
            f"  Products: {products.browsable.total} browsable, {products.sellable.total} sellable "
            f"({products.browsable.new} browsable and {products.sellable.new} sellable new), published"
        )
        write(f"  Images: {products.images}")
        write(f"  Drafts: {demo_pim.load_drafts()} new")
        write(f"Stock records: {loader.load_stock(stores)}")

        user_count, accounts = loader.load_users(stores, password)
        write(f"Users: {user_count}")
        write(f"Membership: {loyalty_demo.load()}")
        write(f"Orders: {orders.load()}")
        cart_demo, self.walk_in_link = carts.load()
        write(f"Carts and store access: {cart_demo}")

        indexed = loader.refresh_index(products.created)
        write(f"Search index: {f'{indexed} products indexed' if indexed else 'up to date'}")

        self.stdout.write(
            f"A cart Aino built for a walk-in customer: http://127.0.0.1:{port}{self.walk_in_link} "
            "(open it signed out, then sign in as Anna: the carts merge)."
        )
        return accounts

    def write_accounts(self, accounts):
        headers = ("Email", "Password", "Role", "What to try")
        widths = [max(len(str(row[i])) for row in [headers, *accounts]) for i in range(3)]
        line = "  ".join("-" * width for width in widths) + "  " + "-" * 11
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (sign in with the email address)"))
        for row in [headers, None, *accounts]:
            if row is None:
                self.stdout.write(line)
                continue
            cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  ".join([*cells, row[3]]))
        self.stdout.write(
            "Passwords are set when an account is created (DEMO_PASSWORD overrides them all); "
            "an existing account keeps its password."
        )
