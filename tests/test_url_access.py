"""Each role sees exactly what it needs: every URL pattern of the project, requested with GET by
every role, answers as the table below says, and none answers with a server error.

The walk resolves the whole URL resolver tree (so a pattern added later is walked too) and fills
each path parameter with a real object of a small shop: the model of the view where it has
one (Django's admin, Wagtail's viewsets, Oscar's views), the shopper's own order, wishlist,
address and email otherwise, and an id that exists nowhere where the fixture has no such
object. A pattern missing from the table fails the test with the line to add.

Answers: ok (200), login (sent to sign in), redirect (elsewhere), denied (403), missing (404),
method (405: the pattern takes no GET), bad (400).
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db.models import Model
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from django.utils.regex_helper import normalize
from oscar.core.loading import get_model
from oscar.test.factories import create_order, create_voucher
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from loyalty.models import Perk, Plan
from pim.adoption import adopt_catalogue
from shop.partner.strategy import Selector
from shop.roles import PRODUCT_ADMINS
from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint
from shop.stores.models import AisleCart, AssistSession, CartConsent
from tests import factories as f

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ProductReview = get_model("reviews", "ProductReview")
UserAddress = get_model("address", "UserAddress")
WishList = get_model("wishlists", "WishList")
Image = get_model("wagtailimages", "Image")

ROLES = ["anonymous", "shopper", "store staff", "product admin", "superuser"]
NOWHERE = "987654"  # an id no object has
SIGN_IN = ("/accounts/login/", "/cms/login/", "/dashboard/login/", "/django-admin/login/")


@pytest.fixture
def small_shop(shop_data):
    """The small shop with one of each thing a page may show, and a user per role."""
    shopper = f.UserFactory(email="anna@example.com")
    users = {
        "shopper": shopper,
        "store staff": f.staff_member(shop_data["helsinki"]),
        # With the staff flag that demo databases loaded before issue 9 gave product admins: the
        # flag alone must open nothing.
        "product admin": f.UserFactory(groups=[PRODUCT_ADMINS], is_staff=True),
        "superuser": User.objects.create_superuser("admin", "admin@example.com", f.PASSWORD),
    }
    cushion = shop_data["cushion"]
    cushion.refresh_from_db()  # Decimal prices, as the shop reads them
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Selector().strategy(user=shopper)
    basket.add_product(cushion, 1)
    order = create_order(user=shopper, basket=basket)
    wishlist = WishList.objects.create(owner=shopper, name="Sofas")
    wishlist.add(cushion)
    Country.objects.get_or_create(iso_3166_1_a2="FI", defaults={"name": "Finland", "printable_name": "Finland"})
    address = UserAddress.objects.create(
        user=shopper,
        first_name="Anna",
        last_name="A",
        line1="Mannerheimintie 1",
        line4="Helsinki",
        postcode="00100",
        country_id="FI",
    )
    review = ProductReview.objects.create(
        product=cushion, user=shopper, score=5, title="Soft", body="Lovely.", status=ProductReview.APPROVED
    )
    image = Image.objects.create(title="Cushion", file=get_test_image_file())
    document = Document.objects.create(title="Care guide", file=ContentFile(b"care", name="care.txt"))
    adopt_catalogue(progress=lambda *args: None)
    Plan.objects.create(name="Yearly", code="yearly", interval="year", fee=Decimal("49.00"))
    Perk.objects.create(title="Free delivery")
    DeliveryWindow.objects.create(weekday=0, starts="09:00", ends="13:00", capacity=4)
    DeliverySlot.objects.create(date=timezone.localdate() + timedelta(days=2), starts="09:00", ends="13:00", capacity=4)
    PickupPoint.objects.create(code="kamppi", name="Kamppi", street="Urho Kekkosen katu 1", postcode="00100")
    voucher = create_voucher(code="WELCOME10")
    # The store staff member has the shopper's cart open on the tablet (the shopper's consent).
    visit = CartConsent.objects.create(
        customer=shopper,
        kind=CartConsent.Kind.CODE,
        store=shop_data["helsinki"],
        expires_at=timezone.now() + timedelta(hours=2),
    )
    assist = AssistSession.objects.create(consent=visit, staff=users["store staff"], store=shop_data["helsinki"])
    walk_in = AisleCart.objects.create(
        basket=Basket.objects.create(), staff=users["store staff"], store=shop_data["helsinki"]
    )
    return {
        "users": users,
        "values": {
            "product_pk": cushion.pk,
            "product_slug": cushion.slug,
            "category_slug": cushion.categories.first().full_slug,
            "slug": shop_data["helsinki"].slug,
            "number": order.number,
            "order_number": order.number,
            "line_id": order.lines.first().pk,
            "hash": order.verification_hash(),
            "key": wishlist.key,
            "to_key": wishlist.key,
            "line_pk": wishlist.lines.first().pk,
            "email_id": shopper.emailaddress_set.first().pk,
            "partner_pk": shop_data["helsinki"].partner_id,
            "user_pk": shopper.pk,
            "parent_pk": shop_data["sofa"].pk,
            "parent": cushion.categories.first().pk,
            "image_id": image.pk,
            "document_id": document.pk,
            "doc_id": document.pk,
            "page_id": Page.objects.filter(depth=2).first().pk,
            "parent_page_id": Page.objects.filter(depth=2).first().pk,
            "page_to_move_id": Page.objects.filter(depth=2).first().pk,
            "destination_id": Page.objects.filter(depth=1).first().pk,
            "page_pk": Page.objects.filter(depth=2).first().pk,
            "filter_spec": "original",
            "format": "json",
            "app_label": "catalogue",
            "app_name": "pim",
            "content_type_app_name": "pim",
            "model_name": "productdata",
            "content_type_model_name": "productdata",
            "action": "default_for_billing",
            "url": "nothing/",
            "path": "nothing.jpg",
            "review_pk": review.pk,
            "address_pk": address.pk,
            "range_pk": voucher.offers.first().condition.range_id,
            "kind": "assist",
            "assist_pk": assist.pk,
            "aisle_pk": walk_in.pk,
        },
    }


# --- Walking the URL resolver tree -----------------------------------------------------------


def url_patterns():
    """(key, regex, callback) of every endpoint: the key is the route as written in the URL
    configurations (marked "(shadowed)" where an earlier pattern has the same route), the
    regex the full one as Django reverses it."""
    seen = set()
    for route, regex, callback in endpoints(get_resolver(), "", ""):
        key = route if route not in seen else f"{route} (shadowed)"
        seen.add(route)
        yield key, regex, callback


def endpoints(resolver, route, regex):
    for pattern in resolver.url_patterns:
        part = pattern.pattern.regex.pattern
        full = regex + (part[1:] if part.startswith("^") else part)
        if isinstance(pattern, URLResolver):
            yield from endpoints(pattern, route + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            yield route + str(pattern.pattern), full, pattern.callback


def view_model(callback):
    """The model a view shows (Django admin, Wagtail viewsets, class-based views, DRF)."""
    if hasattr(callback, "model_admin"):
        return callback.model_admin.model
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    model = model or getattr(view, "model", None)
    queryset = getattr(view, "queryset", None)
    model = model or getattr(queryset, "model", None)
    return model if isinstance(model, type) and issubclass(model, Model) else None


def object_pk(model):
    instance = model._default_manager.order_by("pk").first() if model is not None else None
    return str(instance.pk) if instance is not None else NOWHERE


# Parameters named after a model whatever the view (Oscar's reviews and addresses, Wagtail's
# pages and revisions), where the view's own model would be the wrong one.
PK_OF = {
    r"^catalogue/.*reviews/": "review_pk",
    r"^accounts/.*addresses/": "address_pk",
    r"^dashboard/ranges/": "range_pk",
    r"^store/": "assist_pk",
    r"^api/v1/staff/sessions/": "assist_pk",
    r"^api/v1/staff/walk-in-carts/": "aisle_pk",
}


def path_for(route, regex, callback, values):
    """A path to GET for the pattern, with real values for its parameters."""
    if route in PATHS:
        return PATHS[route]
    (template, params), *_ = normalize(regex)
    filled = {}
    for name in params:
        if name in values:
            filled[name] = values[name]
        elif name in ("pk", "object_id", "id"):
            own = next((values[key] for pattern, key in PK_OF.items() if re.match(pattern, route)), None)
            filled[name] = own or object_pk(view_model(callback))
        else:
            filled[name] = NOWHERE
    return "/" + template % {name: str(value) for name, value in filled.items()}


def answer(response):
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        return "login" if response["Location"].split("?")[0].endswith(SIGN_IN) else "redirect"
    return {200: "ok", 204: "ok", 400: "bad", 403: "denied", 404: "missing", 405: "method"}.get(status, str(status))


def walk(small_shop):
    """{route: "answer per role"} for every pattern, and the server errors met on the way."""
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(small_shop["users"][role])
        clients[role] = client
    observed, errors = {}, []
    for route, regex, callback in url_patterns():
        path = path_for(route, regex, callback, small_shop["values"])
        answers = []
        for role in ROLES:
            response = clients[role].get(path)
            if response.status_code >= 500:
                errors.append(f"{role}: GET {path} ({route}) answered {response.status_code}")
            answers.append(answer(response))
        observed[route] = " ".join(answers)
    return observed, errors


# Patterns whose regex cannot be written back as a path (a disjunction, a converter whose regex
# holds more than its value), with the path that reaches them.
PATHS = {
    "api/v1/<drf_format_suffix:format>": "/api/v1/.json",
    r"^dashboard/catalogue/(?:$|products/|product-types?/|attribute-option-group/|option/)": "/dashboard/catalogue/",
}


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_table_says(small_shop):
    observed, errors = walk(small_shop)
    assert not errors, "Server errors:\n" + "\n".join(errors)
    missing = {route: seen for route, seen in observed.items() if route not in ACCESS}
    assert not missing, (
        "Add these URL patterns to ACCESS in tests/test_url_access.py (answers as seen now; "
        "check each role's before you copy them):\n" + "\n".join(f"    {r!r}: {a!r}," for r, a in missing.items())
    )
    wrong = {route: (ACCESS[route], seen) for route, seen in observed.items() if ACCESS[route] != seen}
    assert not wrong, "Answers differ from the table (expected, seen):\n" + "\n".join(
        f"{route}: {expected!r} != {seen!r}" for route, (expected, seen) in wrong.items()
    )
    gone = set(ACCESS) - set(observed) - DEBUG_ONLY
    assert not gone, f"Patterns in the table that the project no longer has: {sorted(gone)}"


@pytest.mark.django_db
def test_the_walk_reaches_each_pattern_where_nothing_earlier_shadows_it(small_shop):
    shadowed, unreachable = set(), []
    for route, regex, callback in url_patterns():
        path = path_for(route, regex, callback, small_shop["values"])
        try:
            if resolve(path).func is not callback:
                shadowed.add(route)
        except Resolver404:
            unreachable.append(f"{route}: {path} (add a value for its parameters, or a path to PATHS)")
    assert not unreachable, "\n".join(unreachable)
    assert shadowed == SHADOWED, f"shadowed now: {sorted(shadowed)}"


# Patterns an earlier pattern answers for (the sign-in redirects to allauth, the PIM's redirect
# of Oscar's product pages): the table holds what that earlier pattern answers.
SHADOWED = {
    " (shadowed)",
    "_allauth/app/v1/account/phone (shadowed)",
    "accounts/change-password/ (shadowed)",
    "accounts/login/ (shadowed)",
    "accounts/logout/ (shadowed)",
    "accounts/orders/<str:order_number>/<int:line_id>/ (shadowed)",
    "accounts/orders/<str:order_number>/ (shadowed)",
    "accounts/^order-status/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$",
    "accounts/^order-status-form/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$",
    "accounts/register/ (shadowed)",
    "cms/failwhale/ (shadowed)",
    "cms/login/ (shadowed)",
    "cms/logout/ (shadowed)",
    "cms/password_reset/ (shadowed)",
    "dashboard/catalogue/",
    "dashboard/catalogue/^products/create/(?P<product_class_slug>[\\w-]+)/$",
    "dashboard/catalogue/attribute-option-group/",
    "dashboard/catalogue/attribute-option-group/<str:pk>/delete/",
    "dashboard/catalogue/attribute-option-group/<str:pk>/update/",
    "dashboard/catalogue/attribute-option-group/create/",
    "dashboard/catalogue/option/",
    "dashboard/catalogue/option/<str:pk>/delete/",
    "dashboard/catalogue/option/<str:pk>/update/",
    "dashboard/catalogue/option/create/",
    "dashboard/catalogue/product-type/<int:pk>/delete/",
    "dashboard/catalogue/product-type/<int:pk>/update/",
    "dashboard/catalogue/product-type/create/",
    "dashboard/catalogue/product-types/",
    "dashboard/catalogue/products/<int:parent_pk>/create-variant/",
    "dashboard/catalogue/products/<int:pk>/",
    "dashboard/catalogue/products/<int:pk>/delete/",
    "dashboard/catalogue/products/bulk-action/",
    "dashboard/catalogue/products/create/",
    "dashboard/login/ (shadowed)",
    "django-admin/login/ (shadowed)",
    "password-reset/ (shadowed)",
}

# Django's static() adds the media pattern only if DEBUG was on when the URL configuration was
# first imported (pytest-django turns it off for each test, not for collection).
DEBUG_ONLY = {"^media/(?P<path>.*)$"}

# --- The table --------------------------------------------------------------------------------
# Each value: the answers to anonymous, shopper, store staff, product admin and superuser.
EVERYONE = "ok ok ok ok ok"  # public pages
NO_GET_FOR_ANYONE = "method method method method method"  # POST-only endpoints
SIGNED_IN = "login ok ok ok ok"  # any signed-in user's own account pages
PIM = "login login login ok ok"  # the Wagtail admin: product admins and superusers
PIM_SUPERUSER = (
    "login login login redirect ok"  # Wagtail pages beyond product data (users, sites, workflows): superusers only
)
DASHBOARD = "login denied denied denied ok"  # Oscar's dashboard: superusers only, a 403 for every other role
ADMIN = "login login login login ok"  # Django's admin: superusers only
ADMIN_NO_OBJECT = "login login login login redirect"  # Django's admin of an object the fixture has none of
REDIRECT = (
    "redirect redirect redirect redirect redirect"  # redirects for everyone (to allauth, to the PIM, to the basket...)
)
NOWHERE_FOUND = "missing missing missing missing missing"  # nothing there for anyone
NO_GET = "method method method method method"  # POST-only endpoints
SHOPPERS_OWN = "login ok missing missing missing"  # the shopper's own order, address, wishlist: nobody else's

PIM_NO_OBJECT = "login login login missing missing"  # the Wagtail admin, with an id or a name that nothing has
DASHBOARD_NO_OBJECT = "login denied denied denied missing"  # Oscar's dashboard of an object the fixture has none of

ACCESS = {
    "^media/(?P<path>.*)$": NOWHERE_FOUND,
    "": EVERYONE,
    "accounts/orders/<str:order_number>/<int:line_id>/": "login redirect missing missing missing",
    "cms/failwhale/": NOWHERE_FOUND,
    "^dashboard/catalogue/(?:$|products/|product-types?/|attribute-option-group/|option/)": REDIRECT,
    "i18n/setlang/": REDIRECT,
    "accounts/register/": REDIRECT,
    "accounts/change-password/": REDIRECT,
    "password-reset/": REDIRECT,
    "cms/login/": "login login login login login",
    "cms/password_reset/": REDIRECT,
    "cms/logout/": REDIRECT,
    "dashboard/login/": "login login login login login",
    "django-admin/login/": "login login login login login",
    "accounts/login/": EVERYONE,
    "accounts/logout/": "redirect ok ok ok ok",
    "accounts/inactive/": EVERYONE,
    "accounts/signup/": EVERYONE,
    "accounts/reauthenticate/": SIGNED_IN,
    "accounts/email/": SIGNED_IN,
    "accounts/confirm-email/": EVERYONE,
    "accounts/password/change/": SIGNED_IN,
    "accounts/password/set/": "login redirect redirect redirect redirect",
    "accounts/password/reset/": EVERYONE,
    "accounts/login/code/confirm/": "login redirect redirect redirect redirect",
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": EVERYONE,
    "accounts/password/reset/key/done/": EVERYONE,
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": EVERYONE,
    "accounts/password/reset/done/": EVERYONE,
    "api/v1/schema/": EVERYONE,
    "api/v1/docs/": EVERYONE,
    "api/v1/cart/": EVERYONE,
    "api/v1/cart/lines/": NO_GET,
    "api/v1/cart/lines/<int:pk>/": NO_GET,
    "api/v1/^products/$": EVERYONE,
    "api/v1/^products\\.(?P<format>[a-z0-9]+)/?$": EVERYONE,
    "api/v1/^products/(?P<pk>[^/.]+)/$": NOWHERE_FOUND,
    "api/v1/^products/(?P<pk>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": NOWHERE_FOUND,
    "api/v1/^stores/$": EVERYONE,
    "api/v1/^stores\\.(?P<format>[a-z0-9]+)/?$": EVERYONE,
    "api/v1/^stores/(?P<slug>[^/.]+)/$": EVERYONE,
    "api/v1/^stores/(?P<slug>[^/.]+)\\.(?P<format>[a-z0-9]+)/?$": EVERYONE,
    "api/v1/": EVERYONE,
    "api/v1/<drf_format_suffix:format>": EVERYONE,
    "api/v1/^.*/$": NOWHERE_FOUND,
    "stores/": EVERYONE,
    "stores/<slug:slug>/": EVERYONE,
    "membership/": EVERYONE,
    "membership/join/": "login method method method method",
    "membership/cancel/": "login method method method method",
    "membership/points/convert/": "login method method method method",
    "stripe/webhook/": NO_GET,
    "cms/": PIM,
    "cms/test404/": PIM,
    "cms/api/main/^pages/": PIM,
    "cms/api/main/^pages/<int:pk>/": PIM_NO_OBJECT,
    "cms/api/main/^pages/find/": PIM_NO_OBJECT,
    "cms/api/main/^pages/<int:pk>/action/<str:action_name>/": "login login login method method",
    "cms/api/main/^documents/": PIM,
    "cms/api/main/^documents/<int:pk>/": PIM,
    "cms/api/main/^documents/find/": PIM_NO_OBJECT,
    "cms/api/main/^images/": PIM,
    "cms/api/main/^images/<int:pk>/": PIM,
    "cms/api/main/^images/find/": PIM_NO_OBJECT,
    "cms/failwhale/ (shadowed)": NOWHERE_FOUND,
    "cms/pages/": PIM_SUPERUSER,
    "cms/pages/<int:parent_page_id>/": PIM_SUPERUSER,
    "cms/pages/<int:parent_page_id>/results/": PIM_SUPERUSER,
    "cms/bulk/<str:app_label>/<str:model_name>/<str:action>/": PIM_NO_OBJECT,
    "cms/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": PIM_NO_OBJECT,
    "cms/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": PIM_NO_OBJECT,  # noqa: E501
    "cms/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": PIM_NO_OBJECT,
    "cms/pages/create/<slug:app_label>/<slug:model_name>": PIM_NO_OBJECT,
    "cms/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": PIM_NO_OBJECT,
    "cms/pages/<int:page_id>/usage/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/edit/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/edit/preview/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/view_draft/": PIM_SUPERUSER,
    "cms/pages/<int:parent_page_id>/add_subpage/": "login login login redirect redirect",
    "cms/pages/<int:page_id>/delete/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/unpublish/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/convert_alias/": PIM_NO_OBJECT,
    "cms/pages/search/": PIM_SUPERUSER,
    "cms/pages/search/results/": PIM_SUPERUSER,
    "cms/pages/<int:page_to_move_id>/move/": PIM_SUPERUSER,
    "cms/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": PIM,
    "cms/pages/<int:page_to_move_id>/set_position/": "login login login method method",
    "cms/pages/<int:page_id>/copy/": PIM_SUPERUSER,
    "cms/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": PIM_NO_OBJECT,
    "cms/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": PIM_NO_OBJECT,
    "cms/pages/workflow/confirm_cancellation/<int:page_id>/": PIM,
    "cms/pages/workflow/preview/<int:page_id>/<int:task_id>/": PIM_NO_OBJECT,
    "cms/pages/<int:page_id>/privacy/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/lock/": "login login login method method",
    "cms/pages/<int:page_id>/unlock/": "login login login method method",
    "cms/pages/<int:page_id>/revisions/": "login login login redirect redirect",
    "cms/pages/<int:page_id>/revisions/<int:revision_id>/view/": "login login login redirect missing",
    "cms/pages/<int:page_id>/revisions/<int:revision_id>/revert/": PIM_NO_OBJECT,
    "cms/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": "login login login redirect missing",
    "cms/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": PIM_NO_OBJECT,  # noqa: E501
    "cms/pages/<int:page_id>/workflow_history/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": "login login login redirect missing",
    "cms/pages/<int:page_id>/history/": PIM_SUPERUSER,
    "cms/pages/<int:page_id>/history/results/": PIM_SUPERUSER,
    "cms/choose-page/": PIM,
    "cms/choose-page/<int:parent_page_id>/": PIM,
    "cms/choose-page/search/": PIM,
    "cms/choose-page/chosen-multiple/": PIM,
    "cms/choose-external-link/": PIM,
    "cms/choose-email-link/": PIM,
    "cms/choose-phone-link/": PIM,
    "cms/choose-anchor-link/": PIM,
    "cms/tag-autocomplete/": PIM,
    "cms/tag-autocomplete/<slug:app_name>/<slug:model_name>/": PIM_NO_OBJECT,
    "cms/collections/": PIM_SUPERUSER,
    "cms/collections/add/": PIM_SUPERUSER,
    "cms/collections/<int:pk>/": "login login login redirect missing",
    "cms/collections/<int:pk>/delete/": PIM_NO_OBJECT,
    "cms/collections/<int:collection_id>/privacy/": PIM_NO_OBJECT,
    "cms/workflows/list/": PIM_SUPERUSER,
    "cms/workflows/list/results/": PIM_SUPERUSER,
    "cms/workflows/add/": PIM_SUPERUSER,
    "cms/workflows/enable/<int:pk>/": "login login login method method",
    "cms/workflows/disable/<int:pk>/": PIM_SUPERUSER,
    "cms/workflows/edit/<int:pk>/": PIM_SUPERUSER,
    "cms/workflows/usage/<int:pk>/": PIM_SUPERUSER,
    "cms/workflows/usage/<int:pk>/results/": PIM_SUPERUSER,
    "cms/workflows/remove/<int:page_pk>/": "login login login method method",
    "cms/workflows/remove/<int:page_pk>/<int:workflow_pk>/": "login login login method method",
    "cms/workflows/tasks/add/<str:app_label>/<str:model_name>/": PIM_NO_OBJECT,
    "cms/workflows/tasks/select_type/": "login login login redirect redirect",
    "cms/workflows/tasks/index/": PIM_SUPERUSER,
    "cms/workflows/tasks/index/results/": PIM_SUPERUSER,
    "cms/workflows/tasks/edit/<int:pk>/": PIM_NO_OBJECT,
    "cms/workflows/tasks/disable/<int:pk>/": PIM_SUPERUSER,
    "cms/workflows/tasks/enable/<int:pk>/": "login login login method method",
    "cms/workflows/task_chooser/": PIM,
    "cms/workflows/task_chooser/results/": PIM,
    "cms/workflows/task_chooser/create/": PIM,
    "cms/workflows/task_chooser/<int:task_id>/": PIM_NO_OBJECT,
    "cms/reports/locked/": PIM_SUPERUSER,
    "cms/reports/locked/results/": PIM_SUPERUSER,
    "cms/reports/workflow/": PIM_SUPERUSER,
    "cms/reports/workflow/results/": PIM_SUPERUSER,
    "cms/reports/workflow_tasks/": PIM_SUPERUSER,
    "cms/reports/workflow_tasks/results/": PIM_SUPERUSER,
    "cms/reports/site-history/": PIM,
    "cms/reports/site-history/results/": PIM,
    "cms/reports/aging-pages/": PIM_SUPERUSER,
    "cms/reports/aging-pages/results/": PIM_SUPERUSER,
    "cms/reports/page-types-usage/": PIM_SUPERUSER,
    "cms/reports/page-types-usage/results/": PIM_SUPERUSER,
    "cms/account/": PIM,
    "cms/logout/ (shadowed)": REDIRECT,
    "cms/dismissibles/": PIM,
    "cms/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": "login login login method method",  # noqa: E501
    "cms/editing-sessions/release/<int:session_id>/": "login login login method method",
    "cms/block-preview/": PIM_NO_OBJECT,
    "cms/pim/import/": PIM,
    "cms/pim/export/": "login login login bad bad",
    "cms/forms/": PIM_SUPERUSER,
    "cms/forms/results/": PIM_SUPERUSER,
    "cms/forms/submissions/<int:page_id>/": PIM_NO_OBJECT,
    "cms/forms/submissions/<int:page_id>/results/": PIM_NO_OBJECT,
    "cms/forms/submissions/<int:page_id>/delete/": "login login login redirect redirect",
    "cms/redirects/": PIM_SUPERUSER,
    "cms/redirects/results/": PIM_SUPERUSER,
    "cms/redirects/add/": PIM_SUPERUSER,
    "cms/redirects/<int:redirect_id>/": "login login login redirect missing",
    "cms/redirects/<int:redirect_id>/delete/": PIM_NO_OBJECT,
    "cms/redirects/import/": PIM_SUPERUSER,
    "cms/redirects/import/process/": "login login login redirect method",
    "cms/settings/<slug:app_name>/<slug:model_name>/": PIM_NO_OBJECT,
    "cms/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": PIM_NO_OBJECT,
    "cms/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": PIM_NO_OBJECT,
    "cms/embeds/chooser/": PIM,
    "cms/embeds/chooser/upload/": PIM,
    "cms/snippets/": "login login login redirect redirect",
    "cms/documents/": PIM_SUPERUSER,
    "cms/documents/results/": PIM_SUPERUSER,
    "cms/documents/add/": PIM_SUPERUSER,
    "cms/documents/edit/<int:document_id>/": PIM_SUPERUSER,
    "cms/documents/delete/<int:document_id>/": PIM_SUPERUSER,
    "cms/documents/multiple/add/": PIM_SUPERUSER,
    "cms/documents/multiple/<int:doc_id>/": "login login login method method",
    "cms/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": "login login login method method",
    "cms/documents/multiple/<int:doc_id>/delete/": "login login login method method",
    "cms/documents/multiple/delete_upload/<int:uploaded_file_id>/": "login login login method method",
    "cms/documents/usage/<int:document_id>/": PIM_SUPERUSER,
    "cms/images/": PIM_SUPERUSER,
    "cms/images/results/": PIM_SUPERUSER,
    "cms/images/<int:image_id>/": PIM_SUPERUSER,
    "cms/images/<int:image_id>/delete/": PIM_SUPERUSER,
    "cms/images/<int:image_id>/generate_url/": "login login login redirect missing",
    "cms/images/<int:image_id>/generate_url/output/": "login login login redirect missing",
    "cms/images/<int:image_id>/preview/<str:filter_spec>/": PIM_SUPERUSER,
    "cms/images/add/": PIM_SUPERUSER,
    "cms/images/usage/<int:image_id>/": PIM_SUPERUSER,
    "cms/images/multiple/add/": PIM_SUPERUSER,
    "cms/images/multiple/<int:image_id>/": "login login login method method",
    "cms/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": "login login login method method",
    "cms/images/multiple/<int:image_id>/delete/": "login login login method method",
    "cms/images/multiple/delete_upload/<int:uploaded_file_id>/": "login login login method method",
    "cms/snippets/loyalty/plan/": PIM,
    "cms/snippets/loyalty/plan/results/": PIM,
    "cms/snippets/loyalty/plan/add/": PIM,
    "cms/snippets/loyalty/plan/edit/<int:pk>/": PIM,
    "cms/snippets/loyalty/plan/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/snippets/loyalty/plan/usage/<int:pk>/": PIM,
    "cms/snippets/loyalty/plan/history/<int:pk>/": PIM,
    "cms/snippets/loyalty/plan/history-results/<int:pk>/": PIM,
    "cms/snippets/loyalty/plan/copy/<int:pk>/": PIM,
    "cms/snippets/choose/loyalty/plan/": PIM,
    "cms/snippets/choose/loyalty/plan/results/": PIM,
    "cms/snippets/choose/loyalty/plan/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/loyalty/plan/chosen-multiple/": PIM,
    "cms/snippets/choose/loyalty/plan/create/": PIM,
    "cms/snippets/loyalty/perk/": PIM,
    "cms/snippets/loyalty/perk/results/": PIM,
    "cms/snippets/loyalty/perk/add/": PIM,
    "cms/snippets/loyalty/perk/edit/<int:pk>/": PIM,
    "cms/snippets/loyalty/perk/delete/<int:pk>/": PIM,
    "cms/snippets/loyalty/perk/usage/<int:pk>/": PIM,
    "cms/snippets/loyalty/perk/history/<int:pk>/": PIM,
    "cms/snippets/loyalty/perk/history-results/<int:pk>/": PIM,
    "cms/snippets/loyalty/perk/copy/<int:pk>/": PIM,
    "cms/snippets/choose/loyalty/perk/": PIM,
    "cms/snippets/choose/loyalty/perk/results/": PIM,
    "cms/snippets/choose/loyalty/perk/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/loyalty/perk/chosen-multiple/": PIM,
    "cms/snippets/choose/loyalty/perk/create/": PIM,
    "cms/snippets/shipping/deliverywindow/": PIM,
    "cms/snippets/shipping/deliverywindow/results/": PIM,
    "cms/snippets/shipping/deliverywindow/add/": PIM,
    "cms/snippets/shipping/deliverywindow/edit/<int:pk>/": PIM,
    "cms/snippets/shipping/deliverywindow/delete/<int:pk>/": PIM,
    "cms/snippets/shipping/deliverywindow/usage/<int:pk>/": PIM,
    "cms/snippets/shipping/deliverywindow/history/<int:pk>/": PIM,
    "cms/snippets/shipping/deliverywindow/history-results/<int:pk>/": PIM,
    "cms/snippets/shipping/deliverywindow/copy/<int:pk>/": PIM,
    "cms/snippets/choose/shipping/deliverywindow/": PIM,
    "cms/snippets/choose/shipping/deliverywindow/results/": PIM,
    "cms/snippets/choose/shipping/deliverywindow/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/shipping/deliverywindow/chosen-multiple/": PIM,
    "cms/snippets/choose/shipping/deliverywindow/create/": PIM,
    "cms/snippets/shipping/deliveryslot/": PIM,
    "cms/snippets/shipping/deliveryslot/results/": PIM,
    "cms/snippets/shipping/deliveryslot/add/": PIM,
    "cms/snippets/shipping/deliveryslot/edit/<int:pk>/": PIM,
    "cms/snippets/shipping/deliveryslot/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/snippets/shipping/deliveryslot/usage/<int:pk>/": PIM,
    "cms/snippets/shipping/deliveryslot/history/<int:pk>/": PIM,
    "cms/snippets/shipping/deliveryslot/history-results/<int:pk>/": PIM,
    "cms/snippets/shipping/deliveryslot/copy/<int:pk>/": PIM,
    "cms/snippets/choose/shipping/deliveryslot/": PIM,
    "cms/snippets/choose/shipping/deliveryslot/results/": PIM,
    "cms/snippets/choose/shipping/deliveryslot/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/shipping/deliveryslot/chosen-multiple/": PIM,
    "cms/snippets/choose/shipping/deliveryslot/create/": PIM,
    "cms/snippets/shipping/pickuppoint/": PIM,
    "cms/snippets/shipping/pickuppoint/results/": PIM,
    "cms/snippets/shipping/pickuppoint/add/": PIM,
    "cms/snippets/shipping/pickuppoint/edit/<int:pk>/": PIM,
    "cms/snippets/shipping/pickuppoint/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/snippets/shipping/pickuppoint/usage/<int:pk>/": PIM,
    "cms/snippets/shipping/pickuppoint/history/<int:pk>/": PIM,
    "cms/snippets/shipping/pickuppoint/history-results/<int:pk>/": PIM,
    "cms/snippets/shipping/pickuppoint/copy/<int:pk>/": PIM,
    "cms/snippets/choose/shipping/pickuppoint/": PIM,
    "cms/snippets/choose/shipping/pickuppoint/results/": PIM,
    "cms/snippets/choose/shipping/pickuppoint/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/shipping/pickuppoint/chosen-multiple/": PIM,
    "cms/snippets/choose/shipping/pickuppoint/create/": PIM,
    "cms/snippets/pim/productdata/": PIM,
    "cms/snippets/pim/productdata/results/": PIM,
    "cms/snippets/pim/productdata/add/": PIM,
    "cms/snippets/pim/productdata/edit/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/delete/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/usage/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/history/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/history-results/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/history/<int:pk>/revisions/<int:revision_id>/revert/": PIM_NO_OBJECT,
    "cms/snippets/pim/productdata/history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": PIM_NO_OBJECT,  # noqa: E501
    "cms/snippets/pim/productdata/history/<int:pk>/revisions/<int:revision_id>/unschedule/": PIM_NO_OBJECT,
    "cms/snippets/pim/productdata/unpublish/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/lock/<int:pk>/": "login login login method method",
    "cms/snippets/pim/productdata/unlock/<int:pk>/": "login login login method method",
    "cms/snippets/pim/productdata/workflow/action/<int:pk>/<slug:action_name>/<int:task_state_id>/": PIM_NO_OBJECT,
    "cms/snippets/pim/productdata/workflow/collect_action_data/<int:pk>/<slug:action_name>/<int:task_state_id>/": PIM_NO_OBJECT,  # noqa: E501
    "cms/snippets/pim/productdata/workflow/confirm_cancellation/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/workflow_history/<int:pk>/": PIM,
    "cms/snippets/pim/productdata/workflow_history/<int:pk>/detail/<int:workflow_state_id>/": PIM_NO_OBJECT,
    "cms/snippets/choose/pim/productdata/": PIM,
    "cms/snippets/choose/pim/productdata/results/": PIM,
    "cms/snippets/choose/pim/productdata/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/pim/productdata/chosen-multiple/": PIM,
    "cms/snippets/choose/pim/productdata/create/": PIM,
    "cms/snippets/pim/family/": PIM,
    "cms/snippets/pim/family/results/": PIM,
    "cms/snippets/pim/family/add/": PIM,
    "cms/snippets/pim/family/edit/<int:pk>/": PIM,
    "cms/snippets/pim/family/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/snippets/pim/family/usage/<int:pk>/": PIM,
    "cms/snippets/pim/family/history/<int:pk>/": PIM,
    "cms/snippets/pim/family/history-results/<int:pk>/": PIM,
    "cms/snippets/pim/family/copy/<int:pk>/": PIM,
    "cms/snippets/choose/pim/family/": PIM,
    "cms/snippets/choose/pim/family/results/": PIM,
    "cms/snippets/choose/pim/family/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/pim/family/chosen-multiple/": PIM,
    "cms/snippets/choose/pim/family/create/": PIM,
    "cms/snippets/pim/attributedefinition/": PIM,
    "cms/snippets/pim/attributedefinition/results/": PIM,
    "cms/snippets/pim/attributedefinition/add/": PIM,
    "cms/snippets/pim/attributedefinition/edit/<int:pk>/": PIM,
    "cms/snippets/pim/attributedefinition/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/snippets/pim/attributedefinition/usage/<int:pk>/": PIM,
    "cms/snippets/pim/attributedefinition/history/<int:pk>/": PIM,
    "cms/snippets/pim/attributedefinition/history-results/<int:pk>/": PIM,
    "cms/snippets/pim/attributedefinition/copy/<int:pk>/": PIM,
    "cms/snippets/choose/pim/attributedefinition/": PIM,
    "cms/snippets/choose/pim/attributedefinition/results/": PIM,
    "cms/snippets/choose/pim/attributedefinition/chosen/<str:pk>/": PIM,
    "cms/snippets/choose/pim/attributedefinition/chosen-multiple/": PIM,
    "cms/snippets/choose/pim/attributedefinition/create/": PIM,
    "cms/snippets/pim/importrun/": PIM,
    "cms/snippets/pim/importrun/results/": PIM,
    "cms/snippets/pim/importrun/add/": PIM_SUPERUSER,
    "cms/snippets/pim/importrun/edit/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/pim/importrun/delete/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/pim/importrun/usage/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/pim/importrun/history/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/pim/importrun/history-results/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/pim/importrun/inspect/<int:pk>/": PIM_NO_OBJECT,
    "cms/snippets/choose/pim/importrun/": PIM,
    "cms/snippets/choose/pim/importrun/results/": PIM,
    "cms/snippets/choose/pim/importrun/chosen/<str:pk>/": PIM_NO_OBJECT,
    "cms/snippets/choose/pim/importrun/chosen-multiple/": PIM,
    "cms/snippets/choose/pim/importrun/create/": PIM_SUPERUSER,
    "cms/sites/": PIM_SUPERUSER,
    "cms/sites/results/": PIM_SUPERUSER,
    "cms/sites/new/": PIM_SUPERUSER,
    "cms/sites/edit/<int:pk>/": PIM_SUPERUSER,
    "cms/sites/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/sites/history/<int:pk>/": PIM_SUPERUSER,
    "cms/sites/history-results/<int:pk>/": PIM_SUPERUSER,
    "cms/sites/usage/<int:pk>/": PIM_SUPERUSER,
    "cms/sites/copy/<int:pk>/": PIM_SUPERUSER,
    "cms/users/": PIM_SUPERUSER,
    "cms/users/results/": PIM_SUPERUSER,
    "cms/users/new/": PIM_SUPERUSER,
    "cms/users/edit/<int:pk>/": PIM_SUPERUSER,
    "cms/users/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/users/history/<int:pk>/": PIM_SUPERUSER,
    "cms/users/history-results/<int:pk>/": PIM_SUPERUSER,
    "cms/users/usage/<int:pk>/": PIM_SUPERUSER,
    "cms/users/copy/<int:pk>/": PIM_SUPERUSER,
    "cms/groups/": PIM_SUPERUSER,
    "cms/groups/results/": PIM_SUPERUSER,
    "cms/groups/new/": PIM_SUPERUSER,
    "cms/groups/edit/<int:pk>/": PIM_SUPERUSER,
    "cms/groups/delete/<int:pk>/": PIM_SUPERUSER,
    "cms/groups/history/<int:pk>/": PIM_SUPERUSER,
    "cms/groups/history-results/<int:pk>/": PIM_SUPERUSER,
    "cms/groups/usage/<int:pk>/": PIM_SUPERUSER,
    "cms/documents/chooser/": PIM,
    "cms/documents/chooser/results/": PIM,
    "cms/documents/chooser/chosen/<str:pk>/": PIM_NO_OBJECT,
    "cms/documents/chooser/chosen-multiple/": PIM,
    "cms/documents/chooser/create/": PIM_SUPERUSER,
    "cms/images/chooser/": PIM,
    "cms/images/chooser/results/": PIM,
    "cms/images/chooser/chosen/<str:pk>/": PIM_SUPERUSER,
    "cms/images/chooser/chosen-multiple/": PIM,
    "cms/images/chooser/create/": PIM_SUPERUSER,
    "cms/images/chooser/<int:image_id>/select_format/": PIM_SUPERUSER,
    "cms/sprite/": EVERYONE,
    "cms/login/ (shadowed)": "login login login login login",
    "cms/password_reset/ (shadowed)": REDIRECT,
    "cms/password_reset/done/": EVERYONE,
    "cms/password_reset/confirm/<uidb64>/<token>/": EVERYONE,
    "cms/password_reset/complete/": EVERYONE,
    "cms/jsi18n/": EVERYONE,
    "cms/^.*/$": PIM_NO_OBJECT,
    "documents/^(\\d+)/(.*)$": NOWHERE_FOUND,
    "documents/authenticate_with_password/<int:restriction_id>/": NOWHERE_FOUND,
    "django-admin/": ADMIN,
    "django-admin/login/ (shadowed)": "login login login login login",
    "django-admin/logout/": "redirect redirect redirect redirect method",
    "django-admin/password_change/": ADMIN,
    "django-admin/password_change/done/": ADMIN,
    "django-admin/autocomplete/": "login login login login denied",
    "django-admin/jsi18n/": ADMIN,
    "django-admin/r/<path:content_type_id>/<path:object_id>/": "login login login login missing",
    "django-admin/auth/group/": ADMIN,
    "django-admin/auth/group/add/": ADMIN,
    "django-admin/auth/group/<path:object_id>/history/": ADMIN,
    "django-admin/auth/group/<path:object_id>/delete/": ADMIN,
    "django-admin/auth/group/<path:object_id>/change/": ADMIN,
    "django-admin/auth/group/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/auth/user/<id>/password/": "login login login login missing",
    "django-admin/auth/user/": ADMIN,
    "django-admin/auth/user/add/": ADMIN,
    "django-admin/auth/user/<path:object_id>/history/": ADMIN,
    "django-admin/auth/user/<path:object_id>/delete/": ADMIN,
    "django-admin/auth/user/<path:object_id>/change/": ADMIN,
    "django-admin/auth/user/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/sites/site/": ADMIN,
    "django-admin/sites/site/add/": ADMIN,
    "django-admin/sites/site/<path:object_id>/history/": ADMIN,
    "django-admin/sites/site/<path:object_id>/delete/": ADMIN,
    "django-admin/sites/site/<path:object_id>/change/": ADMIN,
    "django-admin/sites/site/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/flatpages/flatpage/": ADMIN,
    "django-admin/flatpages/flatpage/add/": ADMIN,
    "django-admin/flatpages/flatpage/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/flatpages/flatpage/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/flatpages/flatpage/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/flatpages/flatpage/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/analytics/productrecord/": ADMIN,
    "django-admin/analytics/productrecord/add/": ADMIN,
    "django-admin/analytics/productrecord/<path:object_id>/history/": ADMIN,
    "django-admin/analytics/productrecord/<path:object_id>/delete/": ADMIN,
    "django-admin/analytics/productrecord/<path:object_id>/change/": ADMIN,
    "django-admin/analytics/productrecord/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/analytics/userrecord/": ADMIN,
    "django-admin/analytics/userrecord/add/": ADMIN,
    "django-admin/analytics/userrecord/<path:object_id>/history/": ADMIN,
    "django-admin/analytics/userrecord/<path:object_id>/delete/": ADMIN,
    "django-admin/analytics/userrecord/<path:object_id>/change/": ADMIN,
    "django-admin/analytics/userrecord/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/analytics/usersearch/": ADMIN,
    "django-admin/analytics/usersearch/add/": ADMIN,
    "django-admin/analytics/usersearch/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/analytics/usersearch/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/analytics/usersearch/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/analytics/usersearch/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/analytics/userproductview/": ADMIN,
    "django-admin/analytics/userproductview/add/": ADMIN,
    "django-admin/analytics/userproductview/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/analytics/userproductview/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/analytics/userproductview/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/analytics/userproductview/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/address/useraddress/": ADMIN,
    "django-admin/address/useraddress/add/": ADMIN,
    "django-admin/address/useraddress/<path:object_id>/history/": ADMIN,
    "django-admin/address/useraddress/<path:object_id>/delete/": ADMIN,
    "django-admin/address/useraddress/<path:object_id>/change/": ADMIN,
    "django-admin/address/useraddress/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/address/country/": ADMIN,
    "django-admin/address/country/add/": ADMIN,
    "django-admin/address/country/<path:object_id>/history/": ADMIN,
    "django-admin/address/country/<path:object_id>/delete/": ADMIN,
    "django-admin/address/country/<path:object_id>/change/": ADMIN,
    "django-admin/address/country/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/shipping/orderanditemcharges/": ADMIN,
    "django-admin/shipping/orderanditemcharges/add/": ADMIN,
    "django-admin/shipping/orderanditemcharges/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/shipping/orderanditemcharges/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/shipping/orderanditemcharges/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/shipping/orderanditemcharges/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/shipping/weightbased/": ADMIN,
    "django-admin/shipping/weightbased/add/": ADMIN,
    "django-admin/shipping/weightbased/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/shipping/weightbased/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/shipping/weightbased/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/shipping/weightbased/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/catalogue/product/": ADMIN,
    "django-admin/catalogue/product/add/": "login login login login denied",
    "django-admin/catalogue/product/<path:object_id>/history/": ADMIN,
    "django-admin/catalogue/product/<path:object_id>/delete/": "login login login login denied",
    "django-admin/catalogue/product/<path:object_id>/change/": ADMIN,
    "django-admin/catalogue/product/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/reviews/productreview/": ADMIN,
    "django-admin/reviews/productreview/add/": ADMIN,
    "django-admin/reviews/productreview/<path:object_id>/history/": ADMIN,
    "django-admin/reviews/productreview/<path:object_id>/delete/": ADMIN,
    "django-admin/reviews/productreview/<path:object_id>/change/": ADMIN,
    "django-admin/reviews/productreview/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/reviews/vote/": ADMIN,
    "django-admin/reviews/vote/add/": ADMIN,
    "django-admin/reviews/vote/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/reviews/vote/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/reviews/vote/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/reviews/vote/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/communication/email/": ADMIN,
    "django-admin/communication/email/add/": ADMIN,
    "django-admin/communication/email/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/communication/email/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/communication/email/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/communication/email/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/communication/notification/": ADMIN,
    "django-admin/communication/notification/add/": ADMIN,
    "django-admin/communication/notification/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/communication/notification/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/communication/notification/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/communication/notification/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/communication/communicationeventtype/": ADMIN,
    "django-admin/communication/communicationeventtype/add/": ADMIN,
    "django-admin/communication/communicationeventtype/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/communication/communicationeventtype/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/communication/communicationeventtype/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/communication/communicationeventtype/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/partner/partner/": ADMIN,
    "django-admin/partner/partner/add/": ADMIN,
    "django-admin/partner/partner/<path:object_id>/history/": ADMIN,
    "django-admin/partner/partner/<path:object_id>/delete/": ADMIN,
    "django-admin/partner/partner/<path:object_id>/change/": ADMIN,
    "django-admin/partner/partner/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/partner/stockrecord/": ADMIN,
    "django-admin/partner/stockrecord/add/": ADMIN,
    "django-admin/partner/stockrecord/<path:object_id>/history/": ADMIN,
    "django-admin/partner/stockrecord/<path:object_id>/delete/": ADMIN,
    "django-admin/partner/stockrecord/<path:object_id>/change/": ADMIN,
    "django-admin/partner/stockrecord/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/basket/basket/": ADMIN,
    "django-admin/basket/basket/add/": ADMIN,
    "django-admin/basket/basket/<path:object_id>/history/": ADMIN,
    "django-admin/basket/basket/<path:object_id>/delete/": ADMIN,
    "django-admin/basket/basket/<path:object_id>/change/": ADMIN,
    "django-admin/basket/basket/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/basket/line/": ADMIN,
    "django-admin/basket/line/add/": ADMIN,
    "django-admin/basket/line/<path:object_id>/history/": ADMIN,
    "django-admin/basket/line/<path:object_id>/delete/": ADMIN,
    "django-admin/basket/line/<path:object_id>/change/": ADMIN,
    "django-admin/basket/line/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/basket/lineattribute/": ADMIN,
    "django-admin/basket/lineattribute/add/": ADMIN,
    "django-admin/basket/lineattribute/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/basket/lineattribute/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/basket/lineattribute/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/basket/lineattribute/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/payment/source/": ADMIN,
    "django-admin/payment/source/add/": ADMIN,
    "django-admin/payment/source/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/payment/source/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/payment/source/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/payment/source/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/payment/sourcetype/": ADMIN,
    "django-admin/payment/sourcetype/add/": ADMIN,
    "django-admin/payment/sourcetype/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/payment/sourcetype/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/payment/sourcetype/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/payment/sourcetype/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/payment/transaction/": ADMIN,
    "django-admin/payment/transaction/add/": ADMIN,
    "django-admin/payment/transaction/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/payment/transaction/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/payment/transaction/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/payment/transaction/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/payment/bankcard/": ADMIN,
    "django-admin/payment/bankcard/add/": ADMIN,
    "django-admin/payment/bankcard/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/payment/bankcard/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/payment/bankcard/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/payment/bankcard/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/offer/conditionaloffer/": ADMIN,
    "django-admin/offer/conditionaloffer/add/": ADMIN,
    "django-admin/offer/conditionaloffer/<path:object_id>/history/": ADMIN,
    "django-admin/offer/conditionaloffer/<path:object_id>/delete/": ADMIN,
    "django-admin/offer/conditionaloffer/<path:object_id>/change/": ADMIN,
    "django-admin/offer/conditionaloffer/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/offer/condition/": ADMIN,
    "django-admin/offer/condition/add/": ADMIN,
    "django-admin/offer/condition/<path:object_id>/history/": ADMIN,
    "django-admin/offer/condition/<path:object_id>/delete/": ADMIN,
    "django-admin/offer/condition/<path:object_id>/change/": ADMIN,
    "django-admin/offer/condition/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/offer/benefit/": ADMIN,
    "django-admin/offer/benefit/add/": ADMIN,
    "django-admin/offer/benefit/<path:object_id>/history/": ADMIN,
    "django-admin/offer/benefit/<path:object_id>/delete/": ADMIN,
    "django-admin/offer/benefit/<path:object_id>/change/": ADMIN,
    "django-admin/offer/benefit/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/offer/range/": ADMIN,
    "django-admin/offer/range/add/": ADMIN,
    "django-admin/offer/range/<path:object_id>/history/": ADMIN,
    "django-admin/offer/range/<path:object_id>/delete/": ADMIN,
    "django-admin/offer/range/<path:object_id>/change/": ADMIN,
    "django-admin/offer/range/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/order/": ADMIN,
    "django-admin/order/order/add/": ADMIN,
    "django-admin/order/order/<path:object_id>/history/": ADMIN,
    "django-admin/order/order/<path:object_id>/delete/": ADMIN,
    "django-admin/order/order/<path:object_id>/change/": ADMIN,
    "django-admin/order/order/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/ordernote/": ADMIN,
    "django-admin/order/ordernote/add/": ADMIN,
    "django-admin/order/ordernote/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/ordernote/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/ordernote/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/ordernote/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/orderstatuschange/": ADMIN,
    "django-admin/order/orderstatuschange/add/": ADMIN,
    "django-admin/order/orderstatuschange/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/orderstatuschange/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/orderstatuschange/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/orderstatuschange/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingaddress/": ADMIN,
    "django-admin/order/shippingaddress/add/": ADMIN,
    "django-admin/order/shippingaddress/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingaddress/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingaddress/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingaddress/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/line/": ADMIN,
    "django-admin/order/line/add/": ADMIN,
    "django-admin/order/line/<path:object_id>/history/": ADMIN,
    "django-admin/order/line/<path:object_id>/delete/": ADMIN,
    "django-admin/order/line/<path:object_id>/change/": ADMIN,
    "django-admin/order/line/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/lineprice/": ADMIN,
    "django-admin/order/lineprice/add/": ADMIN,
    "django-admin/order/lineprice/<path:object_id>/history/": ADMIN,
    "django-admin/order/lineprice/<path:object_id>/delete/": ADMIN,
    "django-admin/order/lineprice/<path:object_id>/change/": ADMIN,
    "django-admin/order/lineprice/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingevent/": ADMIN,
    "django-admin/order/shippingevent/add/": ADMIN,
    "django-admin/order/shippingevent/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingevent/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingevent/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingevent/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingeventtype/": ADMIN,
    "django-admin/order/shippingeventtype/add/": ADMIN,
    "django-admin/order/shippingeventtype/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingeventtype/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingeventtype/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/shippingeventtype/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/paymentevent/": ADMIN,
    "django-admin/order/paymentevent/add/": ADMIN,
    "django-admin/order/paymentevent/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/paymentevent/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/paymentevent/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/paymentevent/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/paymenteventtype/": ADMIN,
    "django-admin/order/paymenteventtype/add/": ADMIN,
    "django-admin/order/paymenteventtype/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/paymenteventtype/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/paymenteventtype/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/paymenteventtype/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/lineattribute/": ADMIN,
    "django-admin/order/lineattribute/add/": ADMIN,
    "django-admin/order/lineattribute/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/lineattribute/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/lineattribute/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/lineattribute/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/orderdiscount/": ADMIN,
    "django-admin/order/orderdiscount/add/": ADMIN,
    "django-admin/order/orderdiscount/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/orderdiscount/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/orderdiscount/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/orderdiscount/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/communicationevent/": ADMIN,
    "django-admin/order/communicationevent/add/": ADMIN,
    "django-admin/order/communicationevent/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/communicationevent/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/communicationevent/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/communicationevent/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/billingaddress/": ADMIN,
    "django-admin/order/billingaddress/add/": ADMIN,
    "django-admin/order/billingaddress/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/billingaddress/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/billingaddress/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/billingaddress/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/order/surcharge/": ADMIN,
    "django-admin/order/surcharge/add/": ADMIN,
    "django-admin/order/surcharge/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/order/surcharge/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/order/surcharge/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/order/surcharge/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/customer/productalert/": ADMIN,
    "django-admin/customer/productalert/add/": ADMIN,
    "django-admin/customer/productalert/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/customer/productalert/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/customer/productalert/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/customer/productalert/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/voucher/voucher/": ADMIN,
    "django-admin/voucher/voucher/add/": ADMIN,
    "django-admin/voucher/voucher/<path:object_id>/history/": ADMIN,
    "django-admin/voucher/voucher/<path:object_id>/delete/": ADMIN,
    "django-admin/voucher/voucher/<path:object_id>/change/": ADMIN,
    "django-admin/voucher/voucher/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/voucher/voucherapplication/": ADMIN,
    "django-admin/voucher/voucherapplication/add/": ADMIN,
    "django-admin/voucher/voucherapplication/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/voucher/voucherapplication/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/voucher/voucherapplication/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/voucher/voucherapplication/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/wishlist/": ADMIN,
    "django-admin/wishlists/wishlist/add/": ADMIN,
    "django-admin/wishlists/wishlist/<path:object_id>/history/": ADMIN,
    "django-admin/wishlists/wishlist/<path:object_id>/delete/": ADMIN,
    "django-admin/wishlists/wishlist/<path:object_id>/change/": ADMIN,
    "django-admin/wishlists/wishlist/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/line/": ADMIN,
    "django-admin/wishlists/line/add/": ADMIN,
    "django-admin/wishlists/line/<path:object_id>/history/": ADMIN,
    "django-admin/wishlists/line/<path:object_id>/delete/": ADMIN,
    "django-admin/wishlists/line/<path:object_id>/change/": ADMIN,
    "django-admin/wishlists/line/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/wishlistsharedemail/": ADMIN,
    "django-admin/wishlists/wishlistsharedemail/add/": ADMIN,
    "django-admin/wishlists/wishlistsharedemail/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/wishlistsharedemail/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/wishlistsharedemail/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/wishlists/wishlistsharedemail/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/wagtaildocs/document/": ADMIN,
    "django-admin/wagtaildocs/document/add/": ADMIN,
    "django-admin/wagtaildocs/document/<path:object_id>/history/": ADMIN,
    "django-admin/wagtaildocs/document/<path:object_id>/delete/": ADMIN,
    "django-admin/wagtaildocs/document/<path:object_id>/change/": ADMIN,
    "django-admin/wagtaildocs/document/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/wagtailimages/image/": ADMIN,
    "django-admin/wagtailimages/image/add/": ADMIN,
    "django-admin/wagtailimages/image/<path:object_id>/history/": ADMIN,
    "django-admin/wagtailimages/image/<path:object_id>/delete/": ADMIN,
    "django-admin/wagtailimages/image/<path:object_id>/change/": ADMIN,
    "django-admin/wagtailimages/image/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/taggit/tag/merge-tags/": ADMIN,
    "django-admin/taggit/tag/": ADMIN,
    "django-admin/taggit/tag/add/": ADMIN,
    "django-admin/taggit/tag/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/taggit/tag/<path:object_id>/delete/": ADMIN_NO_OBJECT,
    "django-admin/taggit/tag/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/taggit/tag/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/account/emailaddress/": ADMIN,
    "django-admin/account/emailaddress/add/": ADMIN,
    "django-admin/account/emailaddress/<path:object_id>/history/": ADMIN,
    "django-admin/account/emailaddress/<path:object_id>/delete/": ADMIN,
    "django-admin/account/emailaddress/<path:object_id>/change/": ADMIN,
    "django-admin/account/emailaddress/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/returns/return/": ADMIN,
    "django-admin/returns/return/add/": "login login login login denied",  # returns are asked for by customers
    "django-admin/returns/return/<path:object_id>/history/": ADMIN_NO_OBJECT,
    "django-admin/returns/return/<path:object_id>/delete/": "login login login login denied",
    "django-admin/returns/return/<path:object_id>/change/": ADMIN_NO_OBJECT,
    "django-admin/returns/return/<path:object_id>/": ADMIN_NO_OBJECT,
    "django-admin/^(?P<app_label>auth|sites|flatpages|analytics|address|shipping|catalogue|reviews|communication|partner|basket|payment|offer|order|returns|customer|voucher|wishlists|wagtaildocs|wagtailimages|taggit|account)/$": ADMIN,  # noqa: E501
    "django-admin/(?P<url>.*)$": "login login login login missing",
    " (shadowed)": EVERYONE,
    "catalogue/^(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/<int:pk>/": EVERYONE,
    "catalogue/^(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/add/": "ok redirect ok ok ok",
    "catalogue/^(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/<int:pk>/vote/": "login method method method method",  # noqa: E501
    "catalogue/^(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/": EVERYONE,
    "catalogue/": EVERYONE,
    "catalogue/^(?P<product_slug>[\\w-]*)_(?P<pk>\\d+)/$": REDIRECT,
    "catalogue/^category/(?P<category_slug>[\\w-]+(/[\\w-]+)*)_(?P<pk>\\d+)/$": NOWHERE_FOUND,
    "catalogue/^ranges/(?P<slug>[\\w-]+)/$": NOWHERE_FOUND,
    "basket/": EVERYONE,
    "basket/add/<int:pk>/": NO_GET,
    "basket/vouchers/add/": REDIRECT,
    "basket/vouchers/<int:pk>/remove/": NO_GET,
    "basket/saved/": "login redirect redirect redirect redirect",
    "basket/version/": EVERYONE,
    "basket/from-store/<str:token>/": "bad bad bad bad bad",  # the walk's token is not a signed link
    # The customer's store access and email preferences (issue 10).
    "accounts/store-access/": "login ok ok ok ok",
    "accounts/store-access/code/": "login method method method method",
    "accounts/store-access/standing/": "login method method method method",
    "accounts/store-access/revoke/": "login method method method method",
    "accounts/email-preferences/": "login ok ok ok ok",
    "accounts/email-preferences/unsubscribe/<str:token>/": EVERYONE,  # GET asks; POST needs a signed token
    # The store tablet: store staff of a store only (a superuser works in no store).
    "store/": "login denied ok denied denied",
    "store/open/": "login denied ok denied denied",
    # The store's orders, returns and sales: store staff only (the walk's order is a home delivery,
    # not the store's: 404).
    "store/orders/": "login denied ok denied denied",
    "store/orders/<str:number>/": "login denied missing denied denied",
    "store/returns/": "login denied ok denied denied",
    "store/sales/": "login denied ok denied denied",
    "store/find/": "login denied method denied denied",
    "store/walk-in/": "login denied method denied denied",
    "store/<str:kind>/<int:pk>/": "login denied ok denied denied",
    "store/<str:kind>/<int:pk>/version/": "login denied ok denied denied",
    "store/<str:kind>/<int:pk>/search/": "login denied ok denied denied",
    "store/<str:kind>/<int:pk>/add/": "login denied method denied denied",
    "store/<str:kind>/<int:pk>/lines/<int:line_id>/": "login denied method denied denied",
    "store/<str:kind>/<int:pk>/send/": "login denied method denied denied",
    "store/<str:kind>/<int:pk>/end/": "login denied method denied denied",
    # allauth's headless API for apps (session tokens; a browser session is not an app's).
    "_allauth/app/v1/account/phone": "missing missing missing missing missing",  # accounts have no phone
    "_allauth/app/v1/account/phone (shadowed)": "missing missing missing missing missing",
    "_allauth/app/v1/config": EVERYONE,
    "_allauth/app/v1/auth/session": "401 401 401 401 401",
    "_allauth/app/v1/auth/reauthenticate": "401 401 401 401 401",
    "_allauth/app/v1/auth/code/confirm": "409 409 409 409 409",
    "_allauth/app/v1/auth/password/request": NO_GET_FOR_ANYONE,
    "_allauth/app/v1/auth/password/reset": "bad bad bad bad bad",
    "_allauth/app/v1/auth/login": NO_GET_FOR_ANYONE,
    "_allauth/app/v1/auth/signup": NO_GET_FOR_ANYONE,
    "_allauth/app/v1/auth/email/verify": "bad bad bad bad bad",
    "_allauth/app/v1/auth/email/verify/resend": NO_GET_FOR_ANYONE,
    "_allauth/app/v1/auth/phone/verify": "409 409 409 409 409",
    "_allauth/app/v1/auth/phone/verify/resend": NO_GET_FOR_ANYONE,
    "_allauth/app/v1/account/password/change": "401 401 401 401 401",
    "_allauth/app/v1/account/email": "401 401 401 401 401",
    "_allauth/app/v1/tokens/refresh": NO_GET_FOR_ANYONE,
    "_allauth/openapi.yaml": EVERYONE,
    "_allauth/openapi.json": EVERYONE,
    "_allauth/openapi.html": EVERYONE,
    # The cart, the customer's store access and the staff endpoints of the API (issue 10).
    "api/v1/cart/claim/": NO_GET_FOR_ANYONE,
    "api/v1/account/store-access/": "denied ok ok ok ok",
    "api/v1/account/store-access/codes/": "denied method method method method",
    "api/v1/account/store-access/standing/": "denied method method method method",
    "api/v1/account/store-access/<int:pk>/": "denied method method method method",
    # The membership and points in the API (issue 12): the plans for anyone; a signed-in customer's
    # own membership and points for every signed-in role (staff are customers too); writes are POST.
    "api/v1/membership/plans/": EVERYONE,
    "api/v1/account/membership/": "denied ok ok ok ok",
    "api/v1/account/membership/cancel/": "denied method method method method",
    "api/v1/account/points/": "denied ok ok ok ok",
    "api/v1/account/points/convert/": "denied method method method method",
    "api/v1/staff/sessions/": "denied denied ok denied denied",
    "api/v1/staff/sessions/<int:pk>/end/": "denied denied method denied denied",
    "api/v1/staff/sessions/<int:pk>/cart/": "denied denied ok denied denied",
    "api/v1/staff/sessions/<int:pk>/cart/lines/": "denied denied method denied denied",
    "api/v1/staff/sessions/<int:pk>/cart/lines/<int:line_id>/": "denied denied method denied denied",
    "api/v1/staff/walk-in-carts/": "denied denied method denied denied",
    "api/v1/staff/walk-in-carts/<int:pk>/send/": "denied denied method denied denied",
    "api/v1/staff/walk-in-carts/<int:pk>/cart/": "denied denied ok denied denied",
    "api/v1/staff/walk-in-carts/<int:pk>/cart/lines/": "denied denied method denied denied",
    "api/v1/staff/walk-in-carts/<int:pk>/cart/lines/<int:line_id>/": "denied denied method denied denied",
    # Orders in the API: the customer's own (others' are not found), a guest's lookup (POST),
    # store staff's for their store (the walk's order is not the store's), returns received by
    # store staff and the warehouse (superusers).
    "api/v1/account/orders/": "denied ok ok ok ok",
    "api/v1/account/orders/<str:number>/": "denied ok missing missing missing",
    "api/v1/account/orders/<str:number>/returns/": "denied ok missing missing missing",
    "api/v1/orders/lookup/": NO_GET,
    "api/v1/staff/orders/": "denied denied ok denied denied",
    "api/v1/staff/orders/find/": "denied denied method denied denied",
    "api/v1/staff/orders/<str:number>/": "denied denied missing denied denied",
    "api/v1/staff/orders/<str:number>/status/": "denied denied method denied denied",
    "api/v1/staff/orders/<str:number>/hand-over/": "denied denied method denied denied",
    "api/v1/staff/returns/lookup/": "denied denied method denied method",
    "api/v1/staff/returns/<str:code>/receive/": "denied denied method denied method",
    "api/v1/staff/sales/": "denied denied ok denied denied",
    # The checkout API: the small shop's shopper has no cart to check out (404); the email step takes
    # PUT only (a customer's is refused by the service: their confirmation goes to their account).
    "api/v1/checkout/": NOWHERE_FOUND,
    "api/v1/checkout/delivery-options/": NOWHERE_FOUND,
    "api/v1/checkout/email/": "method method method method method",
    "api/v1/checkout/delivery/": NO_GET,
    "api/v1/checkout/address/": NO_GET,
    "api/v1/checkout/payment/": NO_GET,
    "api/v1/checkout/order/": NO_GET,
    # Every role's cart is empty here: the checkout's steps send it back to the cart.
    "checkout/": REDIRECT,
    "checkout/delivery/": REDIRECT,
    "checkout/details/": REDIRECT,
    "checkout/payment/": REDIRECT,
    "checkout/payment/return/": REDIRECT,
    "checkout/payment/cancel/": "method method method method method",
    "checkout/thank-you/": REDIRECT,
    "accounts/login/ (shadowed)": EVERYONE,
    "accounts/logout/ (shadowed)": "redirect ok ok ok ok",
    "accounts/register/ (shadowed)": REDIRECT,
    "accounts/": "login redirect redirect redirect redirect",
    "accounts/change-password/ (shadowed)": REDIRECT,
    "accounts/profile/": SIGNED_IN,
    "accounts/profile/edit/": SIGNED_IN,
    "accounts/profile/delete/": SIGNED_IN,
    "accounts/orders/": SIGNED_IN,
    "accounts/^order-status-form/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$": REDIRECT,
    "accounts/^order-status/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$": REDIRECT,
    "accounts/orders/<str:order_number>/": "login redirect redirect redirect redirect",
    "accounts/orders/<str:order_number>/ (shadowed)": "login redirect redirect redirect redirect",
    # The order's page (shop.order): its owner, or a browser shown it by number and email or by the
    # link in its emails (a guest); a 404 for everyone else, whether or not the order exists.
    "orders/track/": EVERYONE,
    "orders/<str:number>/": "missing ok missing missing missing",
    # Returns: the order's owner asks for one; the walk's return code is nowhere.
    "orders/<str:number>/return/": "missing ok missing missing missing",
    "orders/<str:number>/returns/<str:code>/": NOWHERE_FOUND,
    "orders/<str:number>/<str:hash>/": REDIRECT,
    "accounts/order-status/<str:order_number>/<str:hash>/": REDIRECT,
    "accounts/order-status-form/<str:order_number>/<str:hash>/": REDIRECT,
    "accounts/orders/<str:order_number>/<int:line_id>/ (shadowed)": "login redirect missing missing missing",
    "accounts/addresses/": SIGNED_IN,
    "accounts/addresses/add/": SIGNED_IN,
    "accounts/addresses/<int:pk>/": SHOPPERS_OWN,
    "accounts/addresses/<int:pk>/delete/": SHOPPERS_OWN,
    "accounts/^addresses/(?P<pk>\\d+)/(?P<action>default_for_(billing|shipping))/$": "login redirect missing missing missing",  # noqa: E501
    "accounts/emails/": SIGNED_IN,
    "accounts/emails/<int:email_id>/": "login missing missing missing missing",
    "accounts/notifications/": REDIRECT,
    "accounts/notifications/inbox/": SIGNED_IN,
    "accounts/notifications/archive/": SIGNED_IN,
    "accounts/notifications/update/": "login method method method method",
    "accounts/notifications/<int:pk>/": "login missing missing missing missing",
    "accounts/alerts/": SIGNED_IN,
    "accounts/alerts/create/<int:pk>/": NOWHERE_FOUND,
    "accounts/alerts/confirm/<str:key>/": NOWHERE_FOUND,
    "accounts/alerts/cancel/key/<str:key>/": NOWHERE_FOUND,
    "accounts/alerts/cancel/<int:pk>/": "login missing missing missing missing",
    "accounts/wishlists/": SIGNED_IN,
    "accounts/wishlists/add/<int:product_pk>/": "login redirect redirect redirect redirect",
    "accounts/wishlists/<str:key>/add/<int:product_pk>/": "login redirect missing missing missing",
    "accounts/wishlists/create/": SIGNED_IN,
    "accounts/wishlists/create/with-product/<int:product_pk>/": SIGNED_IN,
    "accounts/wishlists/<str:key>/": "missing ok missing missing missing",
    "accounts/wishlists/<str:key>/update/": SHOPPERS_OWN,
    "accounts/wishlists/<str:key>/delete/": SHOPPERS_OWN,
    "accounts/wishlists/<str:key>/lines/<int:line_pk>/delete/": SHOPPERS_OWN,
    "accounts/wishlists/<str:key>/products/<int:product_pk>/delete/": SHOPPERS_OWN,
    "accounts/wishlists/<str:key>/lines/<int:line_pk>/move-to/<str:to_key>/": "login redirect missing missing missing",
    "search/": EVERYONE,
    "dashboard/": DASHBOARD,
    "dashboard/catalogue/products/bulk-action/": REDIRECT,
    "dashboard/catalogue/products/<int:pk>/": REDIRECT,
    "dashboard/catalogue/products/create/": REDIRECT,
    "dashboard/catalogue/^products/create/(?P<product_class_slug>[\\w-]+)/$": REDIRECT,
    "dashboard/catalogue/products/<int:parent_pk>/create-variant/": REDIRECT,
    "dashboard/catalogue/products/<int:pk>/delete/": REDIRECT,
    "dashboard/catalogue/": REDIRECT,
    "dashboard/catalogue/stock-alerts/": DASHBOARD,
    "dashboard/catalogue/product-lookup/": DASHBOARD,
    "dashboard/catalogue/categories/": DASHBOARD,
    "dashboard/catalogue/categories/<int:pk>/": DASHBOARD,
    "dashboard/catalogue/categories/create/": DASHBOARD,
    "dashboard/catalogue/categories/create/<int:parent>/": DASHBOARD,
    "dashboard/catalogue/categories/<int:pk>/update/": DASHBOARD,
    "dashboard/catalogue/categories/<int:pk>/delete/": DASHBOARD,
    "dashboard/catalogue/product-type/create/": REDIRECT,
    "dashboard/catalogue/product-types/": REDIRECT,
    "dashboard/catalogue/product-type/<int:pk>/update/": REDIRECT,
    "dashboard/catalogue/product-type/<int:pk>/delete/": REDIRECT,
    "dashboard/catalogue/attribute-option-group/create/": REDIRECT,
    "dashboard/catalogue/attribute-option-group/": REDIRECT,
    "dashboard/catalogue/attribute-option-group/<str:pk>/update/": REDIRECT,
    "dashboard/catalogue/attribute-option-group/<str:pk>/delete/": REDIRECT,
    "dashboard/catalogue/option/": REDIRECT,
    "dashboard/catalogue/option/create/": REDIRECT,
    "dashboard/catalogue/option/<str:pk>/update/": REDIRECT,
    "dashboard/catalogue/option/<str:pk>/delete/": REDIRECT,
    "dashboard/reports/": DASHBOARD,
    "dashboard/orders/": DASHBOARD,
    "dashboard/orders/statistics/": DASHBOARD,
    "dashboard/orders/<str:number>/": DASHBOARD,
    "dashboard/orders/<str:number>/notes/<int:note_id>/": DASHBOARD_NO_OBJECT,
    "dashboard/orders/<str:number>/lines/<int:line_id>/": DASHBOARD,
    "dashboard/orders/<str:number>/shipping-address/": DASHBOARD_NO_OBJECT,
    "dashboard/users/": DASHBOARD,
    "dashboard/users/^(?P<pk>-?\\d+)/$": DASHBOARD,
    "dashboard/users/^(?P<pk>-?\\d+)/password-reset/$": "login denied denied denied method",
    "dashboard/users/alerts/": DASHBOARD,
    "dashboard/users/^alerts/(?P<pk>-?\\d+)/delete/$": DASHBOARD_NO_OBJECT,
    "dashboard/users/^alerts/(?P<pk>-?\\d+)/update/$": DASHBOARD_NO_OBJECT,
    "dashboard/pages/": DASHBOARD,
    "dashboard/pages/create/": DASHBOARD,
    "dashboard/pages/update/<str:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/pages/delete/<str:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/partners/": DASHBOARD,
    "dashboard/partners/create/": DASHBOARD,
    "dashboard/partners/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/partners/<int:pk>/delete/": DASHBOARD,
    "dashboard/partners/<int:partner_pk>/users/add/": DASHBOARD,
    "dashboard/partners/<int:partner_pk>/users/select/": DASHBOARD,
    "dashboard/partners/<int:partner_pk>/users/<int:user_pk>/link/": "login denied denied denied redirect",
    "dashboard/partners/<int:partner_pk>/users/<int:user_pk>/unlink/": "login denied denied denied method",
    "dashboard/partners/<int:partner_pk>/users/<int:user_pk>/update/": DASHBOARD,
    "dashboard/offers/": DASHBOARD,
    "dashboard/offers/new/metadata/": DASHBOARD,
    "dashboard/offers/new/condition/": "login denied denied denied redirect",
    "dashboard/offers/new/incentive/": "login denied denied denied redirect",
    "dashboard/offers/new/restrictions/": "login denied denied denied redirect",
    "dashboard/offers/<int:pk>/metadata/": DASHBOARD_NO_OBJECT,
    "dashboard/offers/<int:pk>/condition/": DASHBOARD_NO_OBJECT,
    "dashboard/offers/<int:pk>/incentive/": DASHBOARD_NO_OBJECT,
    "dashboard/offers/<int:pk>/restrictions/": DASHBOARD_NO_OBJECT,
    "dashboard/offers/<int:pk>/delete/": "login denied denied denied redirect",
    "dashboard/offers/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/ranges/": DASHBOARD,
    "dashboard/ranges/create/": DASHBOARD,
    "dashboard/ranges/<int:pk>/": DASHBOARD,
    "dashboard/ranges/<int:pk>/delete/": DASHBOARD,
    "dashboard/ranges/<int:pk>/products/": DASHBOARD,
    "dashboard/ranges/<int:pk>/reorder/": "login denied denied denied method",
    "dashboard/reviews/": DASHBOARD,
    "dashboard/reviews/<int:pk>/": DASHBOARD,
    "dashboard/reviews/<int:pk>/delete/": DASHBOARD,
    "dashboard/vouchers/": DASHBOARD,
    "dashboard/vouchers/create/": DASHBOARD,
    "dashboard/vouchers/update/<int:pk>/": DASHBOARD,
    "dashboard/vouchers/delete/<int:pk>/": DASHBOARD,
    "dashboard/vouchers/stats/<int:pk>/": DASHBOARD,
    "dashboard/vouchers/sets/": DASHBOARD,
    "dashboard/vouchers/sets/create/": DASHBOARD,
    "dashboard/vouchers/sets/update/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/vouchers/sets/detail/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/vouchers/sets/download/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/vouchers/sets/delete/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/comms/": DASHBOARD,
    "dashboard/comms/^(?P<slug>[\\w-]+)/$": DASHBOARD_NO_OBJECT,
    "dashboard/shipping/weight-based/": DASHBOARD,
    "dashboard/shipping/weight-based/create/": DASHBOARD,
    "dashboard/shipping/weight-based/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/shipping/weight-based/<int:pk>/edit/": DASHBOARD_NO_OBJECT,
    "dashboard/shipping/weight-based/<int:pk>/delete/": DASHBOARD_NO_OBJECT,
    "dashboard/shipping/weight-based/<int:method_pk>/bands/<int:pk>/": DASHBOARD_NO_OBJECT,
    "dashboard/shipping/weight-based/<int:method_pk>/bands/<int:pk>/delete/": DASHBOARD_NO_OBJECT,
    "dashboard/login/ (shadowed)": "login login login login login",
    "dashboard/logout/": "login denied denied denied method",
    "offers/": EVERYONE,
    "offers/^(?P<slug>[\\w-]+)/$": NOWHERE_FOUND,
    "wishlists/<str:key>/": "denied ok denied denied denied",
    "password-reset/ (shadowed)": REDIRECT,
    "password-reset/done/": "ok denied denied denied denied",
    "password-reset/confirm/<str:uidb64>/<str:token>/": "ok denied denied denied denied",
    "password-reset/complete/": "ok denied denied denied denied",
}
