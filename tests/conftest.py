import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

REQUIRED = os.environ.get("REQUIRE_SERVICES", "") in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def available_services():
    return {
        "postgres": settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "redis": bool(settings.REDIS_URL),
        "browser": bool(shutil.which(CHROMIUM)),
    }


def pytest_configure(config):
    missing = [name for name, ok in available_services().items() if not ok]
    if REQUIRED and missing:
        pytest.exit(f"REQUIRE_SERVICES=1 but not available: {', '.join(missing)}", returncode=2)


def pytest_collection_modifyitems(config, items):
    services = available_services()
    reasons = {
        "postgres": "needs PostgreSQL: set DATABASE_URL or start it on 127.0.0.1:5432",
        "redis": "needs Redis: set REDIS_URL or start it on 127.0.0.1:6379",
        "browser": f"needs Chromium at {CHROMIUM} (apt-get install chromium)",
    }
    for item in items:
        for name, ok in services.items():
            if not ok and item.get_closest_marker(name):
                item.add_marker(pytest.mark.skip(reason=reasons[name]))


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.section("could not run here")
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            terminalreporter.write_line(f"{report.nodeid}: {reason}")


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Finnish activates Finnish in the
    test's thread (LocaleMiddleware), and it would stay active for the next test."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def shop_data(db):
    """A small shop: the online warehouse, two stores, a sofa with four variants, a standalone
    cushion and a book, with stock spread unevenly, indexed for browse and search."""
    from tests import factories as f

    online = f.warehouse()
    helsinki = f.StoreFactory(name="Helsinki", slug="helsinki")
    tampere = f.StoreFactory(name="Tampere", slug="tampere", city="Tampere")
    sofa, variants = f.sofa_with_variants()
    for i, variant in enumerate(variants):
        f.stock(variant, online, 5 - i)  # the last variant has 2 online
        f.stock(variant, helsinki, i % 2)  # alternating 0 / 1
    cushion_class = f.ProductClassFactory(name="Cushion")
    f.option_attribute(cushion_class, "colour", ["Sand", "Moss", "Charcoal"])
    cushion = f.ProductFactory(
        title="Cushion Kivi", price="29.90", product_class=cushion_class, categories=["Textiles > Cushions"]
    )
    cushion.attr.colour = f.option("colour", "Charcoal")
    cushion.attr.save()
    f.stock(cushion, online, 40)
    f.stock(cushion, tampere, 3)
    book = f.ProductFactory(
        title="Finnish Design Classics",
        price="39.00",
        product_class=f.ProductClassFactory(name="Book"),
        categories=["Books > Design"],
    )
    f.stock(book, online, 0)
    f.stock(book, tampere, 2)
    f.reindex()
    return {
        "online": online,
        "helsinki": helsinki,
        "tampere": tampere,
        "sofa": sofa,
        "variants": variants,
        "cushion": cushion,
        "book": book,
    }


@pytest.fixture
def people(shop_data):
    """For the one cart: Anna (a customer), Aino (staff of Helsinki), Mikko (staff of Tampere)."""
    from tests import factories as f

    return {
        "anna": f.UserFactory(email="anna@example.com", first_name="Anna", last_name="Lindqvist"),
        "aino": f.staff_member(shop_data["helsinki"], email="aino@example.com", first_name="Aino"),
        "mikko": f.staff_member(shop_data["tampere"], email="mikko@example.com", first_name="Mikko"),
    }


# --- Stripe: localstripe in a process of its own (membership tests) ---------------------------

STRIPE_TEST_KEY = "sk_test_loyalty"
STRIPE_TEST_WEBHOOK_SECRET = "whsec_test_loyalty"


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    """The base URL of a localstripe server on a free port of 127.0.0.1, with its data in a temp
    folder, for the whole test session."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("localstripe") / "data.pickle"
    script = Path(__file__).resolve().parent.parent / "scripts" / "localstripe_server.py"
    log = (data.parent / "server.log").open("w")
    process = subprocess.Popen([sys.executable, str(script), str(port), str(data)], stdout=log, stderr=log)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"localstripe did not start; see {data.parent / 'server.log'}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def stripe_settings(settings, localstripe):
    """Point the project's Stripe settings at localstripe."""
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = STRIPE_TEST_KEY
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_TEST_WEBHOOK_SECRET
    settings.STRIPE_TEST_MODE = True
    return settings


@pytest.fixture
def stripe_webhooks(live_server, stripe_settings):
    """localstripe delivers its events to the live server's webhook endpoint during the test."""
    import urllib.parse
    import urllib.request

    def register(url):
        body = urllib.parse.urlencode({"url": url, "secret": STRIPE_TEST_WEBHOOK_SECRET}).encode()
        urllib.request.urlopen(f"{stripe_settings.STRIPE_API_BASE}/_config/webhooks/tests", data=body, timeout=5)

    register(f"{live_server.url}/stripe/webhook/")
    yield live_server
    register("http://127.0.0.1:9/")  # the discard port: later tests get no stray deliveries


# --- Checkout: delivery slots and Stripe ------------------------------------------------------------


def ensure_delivery():
    """Deliveries every day of the week, mornings (2 a slot) and evenings (3 a slot), and Finland as
    the one shipping country."""
    from oscar.core.loading import get_model

    from shop.shipping.models import DeliveryWindow

    get_model("address", "Country").objects.get_or_create(
        iso_3166_1_a2="FI", defaults={"name": "Finland", "printable_name": "Finland", "is_shipping_country": True}
    )
    for weekday in range(7):
        DeliveryWindow.objects.get_or_create(weekday=weekday, starts="09:00", defaults={"ends": "13:00", "capacity": 2})
        DeliveryWindow.objects.get_or_create(weekday=weekday, starts="17:00", defaults={"ends": "21:00", "capacity": 3})


@pytest.fixture
def delivery_windows(db):
    ensure_delivery()


@pytest.fixture
def checkout_shop(shop_data, delivery_windows, stripe_settings):
    """The small shop, delivery slots and Stripe (localstripe) for paying."""
    return shop_data
