"""Settings for the storefront.

Everything that differs between a laptop and production comes from the environment
(see README, "Configuration"). Without any variables the shop runs as the embedded demo:
SQLite under var/, Celery tasks run eagerly, emails go to the console.
DJANGO_ENV=production switches on the production behaviour (DEBUG off, a secret key and
allowed hosts are required, secure cookies, HSTS, CSP, hashed static files).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from oscar import defaults as oscar_defaults
from oscar.defaults import *  # noqa: F403  (Oscar's settings are the base we override)

from shop.env import Env

env = Env(os.environ)
BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("SHOP_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env.str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {ENVIRONMENT!r}")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "shop.admin_site.SuperuserAdminConfig",  # Django's admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # The project's own apps come before Oscar's so that their templates win.
    "shop.apps.ShopConfig",
    "shop.stores.apps.StoresConfig",
    "shop.accounts.apps.AccountsConfig",
    "shop.stripe_webhooks.apps.StripeWebhooksConfig",
    "shop.outbox.apps.OutboxConfig",
    "loyalty.apps.LoyaltyConfig",
    "pim.apps.PimConfig",
    # Oscar, with the apps this project changes forked (see README, "Architecture").
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "reviews.apps.ReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.returns.apps.ReturnsConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",  # for superusers only
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",  # status changes through the order service
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",  # imported by Oscar's modules; the project's browse and search do not use it
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail: the admin where product data is edited (PIM), mounted at /cms/.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts: django-allauth owns sign-up, sign-in and email verification.
    "allauth",
    "allauth.account",
    # Tokens for apps and staff tablets: allauth's own sign-in flows, answered as JSON.
    "allauth.headless",
    # Headless API.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "shop.middleware.SameSiteCookiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shop.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shop.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.storefront",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # var/ is not in git; a fresh clone has none
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env.int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing when the demo's web process and a task write at once. SQLite
    # has no row locks: a transaction takes the write lock when it begins (IMMEDIATE), so two
    # requests paying for one cart queue as they do on PostgreSQL instead of one failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    # A miss while Redis is unreachable (shop/cache.py), found out within a second.
    CACHES = {
        "default": {
            "BACKEND": "shop.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions (sign-in, checkout progress) are data, not cache: in the database they survive a Redis
# outage or flush. cached_db would save one primary-key read per request, but a cache write or
# delete lost while Redis is down would leave an older copy there (a session signed out since, a
# checkout step gone back) that wins once Redis is back.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Celery: Redis when configured, otherwise tasks run in-process ---------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", REDIS_URL or "memory://localhost/")
# No task result is read: tasks record their effects in the database, and the outbox (shop.outbox)
# records which are still to run. Without a result backend, sending a task touches only the broker.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", None)
CELERY_TASK_IGNORE_RESULT = True
# A broker that is down or hangs fails a send within seconds (the outbox sends it again later),
# instead of kombu's defaults: wait forever on a silent socket, retry the publish three times.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 3}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not (REDIS_URL or env.str("CELERY_BROKER_URL")))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# The outbox (shop.outbox) sends a task again when it has not succeeded this many seconds after it
# was queued, then after twice as long, up to once an hour.
OUTBOX_RESEND_AFTER = env.int("OUTBOX_RESEND_AFTER_SECONDS", 300)

# --- Accounts ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = reverse_lazy("account_login")
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False
# A signed-in user sent to sign in (a shopper who opened /cms/) sees the sign-in page with the
# reason, and may sign in as someone else, instead of bouncing back to where they came from.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
# allauth's rate limits (sign-in failures, sign-ups, password resets) use the cache above and
# count per client IP by the shop's rule (see "Rate limits" below) and per account ("key").
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_ADAPTER = "shop.accounts.adapter.AccountAdapter"
# allauth's headless API (/_allauth/) for apps: sign-in, sign-up, password reset as JSON, giving a
# session token for the shop's API; its OpenAPI document at /_allauth/openapi.html.
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_CLIENTS = ("app",)  # browsers use allauth's own pages
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/accounts/confirm-email/{key}/",
    "account_reset_password_from_key": "/accounts/password/reset/key/{key}/",
}

# --- Rate limits ---------------------------------------------------------------------------
# The number of proxies in front of the shop (load balancers) that append the address they saw
# to X-Forwarded-For. Every rate limit counts clients by shop.client_ip, which trusts exactly
# that many entries; 0 (no proxy) counts the connecting address and ignores the header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0)
# Failed voucher codes allowed (failures, seconds) per cart or signed-in customer and per client IP.
SHOP_VOUCHER_FAILURE_LIMITS = {"customer": (5, 15 * 60), "ip": (20, 60 * 60)}

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fi", "Suomi"), ("sv", "Svenska")]
# The theme's own strings; `make messages` updates and compiles them.
LOCALE_PATHS = [BASE_DIR / "shop" / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))
# The demo serves uploaded media itself; production puts media on object storage.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email ---------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Pohjola Department Store <shop@example.com>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
OSCAR_BASKET_COOKIE_SECURE = OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's previews frame pages of the same origin, so SAMEORIGIN rather than DENY (W019).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
if env.bool("SECURE_PROXY_SSL_HEADER", default=PRODUCTION):
    # Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Oscar's and Wagtail's templates carry inline scripts and styles, so 'unsafe-inline' stays for
# those; everything else (third-party origins, plugins, framing by other sites) is refused.
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    # Stripe.js and its card fields (iframes) on the payment page, and its calls to Stripe.
    "script-src 'self' 'unsafe-inline' https://js.stripe.com; "
    "frame-src https://js.stripe.com https://hooks.stripe.com; connect-src 'self' https://api.stripe.com; "
    "font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    if PRODUCTION
    else "",
)

# --- Oscar ---------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Pohjola"
OSCAR_SHOP_TAGLINE = "Department store"
OSCAR_HOMEPAGE = reverse_lazy("home")
# Oscar's dashboard without its product-editing entries: product data is edited in the PIM.
PIM_OWNED_DASHBOARD_PAGES = {
    "dashboard:catalogue-product-list",
    "dashboard:catalogue-class-list",
    "dashboard:catalogue-option-list",
    "dashboard:catalogue-attribute-option-group-list",
}
OSCAR_DASHBOARD_NAVIGATION = [
    item | {"children": [c for c in item["children"] if c.get("url_name") not in PIM_OWNED_DASHBOARD_PAGES]}
    if "children" in item
    else item
    for item in oscar_defaults.OSCAR_DASHBOARD_NAVIGATION
]
OSCAR_DEFAULT_CURRENCY = "EUR"
# Picture files belong to Wagtail's image library (the PIM gallery); publishing rewrites
# Oscar's image rows that point at them, which must not delete the files.
OSCAR_DELETE_IMAGE_FILES = False
OSCAR_URL_SCHEMA = "https" if PRODUCTION else "http"
OSCAR_CURRENCY_FORMAT = {"EUR": {"currency_digits": False, "format_type": "standard"}}
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Prices include Finnish VAT; the rate is one setting so that another market can change it.
SHOP_VAT_RATE = env.str("SHOP_VAT_RATE", "0.255")
# The stock location that fulfils web orders (its partner code).
SHOP_ONLINE_PARTNER_CODE = "online-warehouse"

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pohjola PIM"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_BASE_URL = env.str("SHOP_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False

# --- API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "shop.api.schema.AutoSchema",
    # Every error is JSON with a message, in one shape (shop/api/errors.py).
    "EXCEPTION_HANDLER": "shop.api.errors.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Apps and staff tablets sign in through allauth's headless API and send X-Session-Token;
        # browsers use the session (with CSRF on every write).
        "allauth.headless.contrib.rest_framework.authentication.XSessionTokenAuthentication",
        "shop.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "shop.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 24,
    # Per client IP (anonymous) or per customer; views with a throttle_scope get that budget too.
    "DEFAULT_THROTTLE_CLASSES": [
        "shop.api.throttling.AnonRateThrottle",
        "shop.api.throttling.UserRateThrottle",
        "shop.api.throttling.ScopedRateThrottle",
    ],
    # orders: a guest's order lookup, returns asked for, and store staff's order and return writes.
    "DEFAULT_THROTTLE_RATES": {
        "anon": "120/min",
        "user": "600/min",
        "cart": "60/min",
        "checkout": "30/min",
        "membership": "30/min",
        "orders": "30/min",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pohjola storefront API",
    "DESCRIPTION": "Headless API of the omnichannel storefront: catalogue, stores, prices and stock.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The version is the URL prefix; Wagtail's internal admin API stays out of the document.
    "PREPROCESSING_HOOKS": ["shop.api.schema.public_api_only"],
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "shop.order.models.OrderStatus",
        "ReturnStatusEnum": "shop.returns.models.Return.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")},
}

# --- Stripe and membership (loyalty) ----------------------------------------------------------
# The API base is Stripe's unless pointed elsewhere (localstripe in tests and in the demo).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", "https://api.stripe.com")
# Without these in production, joining fails with Stripe's error and every webhook gets a 400.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", "" if PRODUCTION else "sk_test_demo")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", "" if PRODUCTION else "pk_test_demo")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", "" if PRODUCTION else "whsec_demo")
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds; older signatures are refused as replays
# The longest one Stripe call waits (it is not retried), well inside a web worker's 30 s: a join
# makes two calls. Stripe's own default is 80 s.
STRIPE_TIMEOUT_SECONDS = env.int("STRIPE_TIMEOUT_SECONDS", 10)
# Test mode: the join form offers Stripe's test payment methods instead of Stripe.js Elements.
STRIPE_TEST_MODE = env.bool("STRIPE_TEST_MODE", default=not PRODUCTION)
# Prices include VAT, so offer and voucher amounts do too (a 10 EUR voucher takes 10 EUR off).
OSCAR_OFFERS_INCL_TAX = True
# Stripe.js, which mounts the card field on the payment page and runs 3-D Secure; the demo points it
# at localstripe's stand-in (STRIPE_API_BASE + /js.stripe.com/v3/).
STRIPE_JS_URL = env.str("STRIPE_JS_URL", "https://js.stripe.com/v3/")

# --- Delivery and checkout (shop.shipping, shop.checkout) -------------------------------------
# What each delivery option costs (VAT incl.) unless a rule makes it free: members pay nothing
# (loyalty), and neither does a cart whose goods reach SHOP_FREE_DELIVERY_FROM.
SHOP_HOME_DELIVERY_CHARGE = env.str("SHOP_HOME_DELIVERY_CHARGE", "9.90")
SHOP_COLLECT_CHARGE = env.str("SHOP_COLLECT_CHARGE", "2.90")
SHOP_PICKUP_POINT_CHARGE = env.str("SHOP_PICKUP_POINT_CHARGE", "4.90")
SHOP_FREE_DELIVERY_FROM = env.str("SHOP_FREE_DELIVERY_FROM", "150.00")
# Home-delivery slots can be booked this many hours ahead at the earliest, for this many days.
SHOP_HOME_DELIVERY_LEAD_HOURS = env.int("SHOP_HOME_DELIVERY_LEAD_HOURS", 18)
SHOP_HOME_DELIVERY_DAYS = env.int("SHOP_HOME_DELIVERY_DAYS", 7)
# Pickup points: the warehouse sends on working days, orders placed by the cutoff the same day,
# and the carrier takes this many working days.
SHOP_DISPATCH_CUTOFF = env.str("SHOP_DISPATCH_CUTOFF", "14:00")
SHOP_PICKUP_POINT_TRANSIT_DAYS = env.int("SHOP_PICKUP_POINT_TRANSIT_DAYS", 1)
# From pressing Pay, the stock and the delivery slot are held this long for the shopper.
SHOP_RESERVATION_MINUTES = env.int("SHOP_RESERVATION_MINUTES", 15)
# The choice attribute by which a product says what it suits ("goes well with" at checkout).
SHOP_SUITABILITY_ATTRIBUTE = "suitable_for"
# --- After the order --------------------------------------------------------------------------
# Every status an order can take and where it may go next; shop.order.services.change_status is
# the one way through it (web dashboard, tablet, API, tasks). Which steps an order takes depends
# on its delivery (shop.order.models.STEPS): home delivery and pickup points are shipped,
# click-and-collect orders are made ready in the store and collected.
OSCAR_INITIAL_ORDER_STATUS = "confirmed"
OSCAR_ORDER_STATUS_PIPELINE = {
    "confirmed": ("picking", "cancelled"),
    "picking": ("shipped", "ready", "cancelled"),
    "shipped": ("delivered",),
    "ready": ("collected", "cancelled"),
    "delivered": (),
    "collected": (),
    "cancelled": (),
}
# An order is completed (points are earned, the return period starts) in these statuses.
SHOP_ORDER_COMPLETED_STATUSES = ("delivered", "collected")
# A click-and-collect order ready in the store waits this many days (to the store's closing of the
# last one) before it is cancelled and its payment released.
SHOP_COLLECT_DAYS = env.int("SHOP_COLLECT_DAYS", 7)
# Goods can be returned free this many days after the order was delivered or collected.
SHOP_RETURN_DAYS = env.int("SHOP_RETURN_DAYS", 30)
# Where returned parcels are sent (the online warehouse), as printed on the return label.
SHOP_RETURN_ADDRESS = ("Pohjola Online Warehouse / Returns", "Varastotie 1", "01510 Vantaa", "Finland")
# Failed guest order lookups (number + email) per client IP, and failed pickup codes per associate
# and per store (failures, seconds).
SHOP_ORDER_LOOKUP_FAILURE_LIMITS = {"ip": (10, 15 * 60)}
SHOP_PICKUP_CODE_FAILURE_LIMITS = {"staff": (10, 5 * 60), "store": (100, 60 * 60)}
# Points: how many points make one euro of voucher, and the smallest conversion.
LOYALTY_POINTS_PER_VOUCHER_EURO = 100
LOYALTY_MIN_CONVERSION_POINTS = 500
# --- The shared cart and the store tablets ----------------------------------------------------
# A code a customer shows in the store works this long, and then gives the associate's store
# access to the cart for the visit; a standing in-store consent lasts at most a year.
SHOP_CONSENT_CODE_MINUTES = env.int("SHOP_CONSENT_CODE_MINUTES", 5)
SHOP_CONSENT_VISIT_MINUTES = env.int("SHOP_CONSENT_VISIT_MINUTES", 120)
# Failed lookups of a customer's cart (a code, an email, a phone) per associate and per store,
# so that guessing codes is impractical (the numbers are in shop/stores/consent.py).
SHOP_CART_LOOKUP_FAILURE_LIMITS = {"staff": (10, 5 * 60), "store": (100, 60 * 60)}
SHOP_STANDING_CONSENT_MAX_DAYS = 365
# Consents and the log of staff opening carts are deleted this long after they end (README, Privacy).
SHOP_CONSENT_RETENTION_DAYS = env.int("SHOP_CONSENT_RETENTION_DAYS", 730)
# A cart an associate sends to a walk-in customer can be opened this many days.
SHOP_AISLE_LINK_DAYS = env.int("SHOP_AISLE_LINK_DAYS", 7)
# A customer who agreed to marketing email gets one reminder of a cart left this many hours.
SHOP_CART_REMINDER_HOURS = env.int("SHOP_CART_REMINDER_HOURS", 4)
CELERY_BEAT_SCHEDULE = {
    # Heals a missed or lost webhook: every membership with a subscription is compared with Stripe.
    "reconcile-memberships": {"task": "loyalty.tasks.reconcile_memberships", "schedule": 3600.0},
    # Campaign starts: product versions approved with a go-live time are published on time.
    "publish-scheduled-products": {"task": "pim.tasks.publish_scheduled", "schedule": 60.0},
    # One reminder per cart left with products, to customers who agreed to marketing email.
    "remind-of-left-carts": {"task": "shop.basket.tasks.send_cart_reminders", "schedule": 900.0},
    # Consents and staff access logs are kept for the time README's privacy section states.
    "forget-old-consents": {"task": "shop.stores.tasks.forget_old_consents", "schedule": 86400.0},
    # What a broker outage or a failed run left in the outbox is sent again.
    "resend-pending-tasks": {"task": "shop.outbox.tasks.resend_pending", "schedule": 60.0},
    # Payments whose hold ran out: the stock and the slot go back, the PaymentIntent is cancelled.
    "expire-payments": {"task": "shop.checkout.tasks.expire_payments", "schedule": 60.0},
    # Click-and-collect orders not collected by their deadline are cancelled, the payment released.
    "expire-uncollected-orders": {"task": "shop.order.tasks.expire_uncollected", "schedule": 900.0},
    # Sessions live in the database, which keeps expired ones until they are cleared.
    "clear-expired-sessions": {"task": "shop.tasks.clear_expired_sessions", "schedule": 86400.0},
}
