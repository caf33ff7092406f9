from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from shop import views
from shop.order.urls import oscar_order_pages
from shop.stores.urls import store_access_urlpatterns
from shop.stripe_webhooks.views import stripe_webhook

# Oscar's, Wagtail's and Django admin's own sign-in, registration and password pages lead to
# django-allauth's, so that there is one sign-in system. These come before Oscar's URLs and
# therefore win; Oscar's accounts/login/ and accounts/logout/ are allauth's own paths already.
oscar_account_redirects = [
    path("accounts/register/", RedirectView.as_view(pattern_name="account_signup", query_string=True)),
    path("accounts/change-password/", RedirectView.as_view(pattern_name="account_change_password")),
    path("password-reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # The admins sign in the same way (and under the same rate limits).
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Wagtail's signs out on a GET (a cross-site image could sign an admin out); allauth's asks.
    path("cms/logout/", RedirectView.as_view(pattern_name="account_logout")),
    path("dashboard/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
]

# Product data has one way in, the PIM: Oscar's dashboard pages that edit products, product
# types, attribute option groups and options lead to the PIM's product list instead.
oscar_product_editing = re_path(
    r"^dashboard/catalogue/(?:$|products/|product-types?/|attribute-option-group/|option/)",
    RedirectView.as_view(pattern_name="wagtailsnippets_pim_productdata:list"),
)

# Where Oscar's or Wagtail's own page would be a server error.
server_error_pages = [
    path("accounts/orders/<str:order_number>/<int:line_id>/", login_required(views.OrderLineView.as_view())),
    path("cms/failwhale/", views.not_found),  # Wagtail's page that raises on purpose
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    *server_error_pages,
    oscar_product_editing,
    path("i18n/", include("django.conf.urls.i18n")),
    *oscar_account_redirects,
    path("accounts/store-access/", include(store_access_urlpatterns)),
    path("accounts/email-preferences/", include("shop.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # allauth's headless API for apps; accounts here have no phone number, and allauth's phone
    # endpoint would fail with a server error without one, so it is not served.
    path("_allauth/app/v1/account/phone", views.not_found),
    path("_allauth/", include("allauth.headless.urls")),
    path("store/", include("shop.stores.tablet.urls")),
    path("api/v1/", include(("shop.api.urls", "v1"), namespace="v1")),
    path("stores/", include("shop.stores.urls")),
    path("orders/", include("shop.order.urls")),
    *oscar_order_pages,
    path("membership/", include("loyalty.urls")),
    path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

# Under /api/ a 404 is JSON in the API's error shape, elsewhere the shop's page.
handler404 = "shop.api.errors.page_not_found"

if settings.SERVE_MEDIA:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
