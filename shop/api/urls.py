from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from catalogue.api import ProductViewSet
from loyalty import api as loyalty_api
from shop.api.errors import not_found
from shop.basket.api import CartLinesView, CartLineView, CartView, ClaimView
from shop.checkout import api as checkout_api
from shop.order import api as orders_api
from shop.returns import api as returns_api
from shop.stores import api as stores_api
from shop.stores.api import StoreViewSet
from shop.stores.tablet import api as staff_api


def staff_cart_urls(prefix, kind, name):
    """The cart a member of staff works on, under a session or a walk-in cart: the same views."""
    return [
        path(f"{prefix}/<int:pk>/cart/", staff_api.StaffCartView.as_view(kind=kind), name=f"{name}-cart"),
        path(
            f"{prefix}/<int:pk>/cart/lines/", staff_api.StaffCartLinesView.as_view(kind=kind), name=f"{name}-cart-lines"
        ),
        path(
            f"{prefix}/<int:pk>/cart/lines/<int:line_id>/",
            staff_api.StaffCartLineView.as_view(kind=kind),
            name=f"{name}-cart-line",
        ),
    ]


router = DefaultRouter()
router.register("products", ProductViewSet, basename="product")
router.register("stores", StoreViewSet, basename="store")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("cart/", CartView.as_view(), name="cart"),
    path("cart/lines/", CartLinesView.as_view(), name="cart-lines"),
    path("cart/lines/<int:pk>/", CartLineView.as_view(), name="cart-line"),
    path("cart/claim/", ClaimView.as_view(), name="cart-claim"),
    # The checkout of the request's cart.
    path("checkout/", checkout_api.CheckoutView.as_view(), name="checkout"),
    path("checkout/delivery-options/", checkout_api.DeliveryOptionsView.as_view(), name="checkout-delivery-options"),
    path("checkout/email/", checkout_api.EmailView.as_view(), name="checkout-email"),
    path("checkout/delivery/", checkout_api.DeliveryChoiceView.as_view(), name="checkout-delivery"),
    path("checkout/address/", checkout_api.AddressView.as_view(), name="checkout-address"),
    path("checkout/payment/", checkout_api.PaymentView.as_view(), name="checkout-payment"),
    path("checkout/order/", checkout_api.OrderView.as_view(), name="checkout-order"),
    # The customer's store access: codes for a store associate, the standing consent, the log.
    path("account/store-access/", stores_api.StoreAccessView.as_view(), name="store-access"),
    path("account/store-access/codes/", stores_api.ConsentCodesView.as_view(), name="store-access-codes"),
    path("account/store-access/standing/", stores_api.StandingConsentView.as_view(), name="store-access-standing"),
    path("account/store-access/<int:pk>/", stores_api.ConsentView.as_view(), name="store-access-consent"),
    # The membership (plans for anyone; the customer's own membership) and the customer's points.
    path("membership/plans/", loyalty_api.PlansView.as_view(), name="membership-plans"),
    path("account/membership/", loyalty_api.AccountMembershipView.as_view(), name="membership"),
    path("account/membership/cancel/", loyalty_api.CancelMembershipView.as_view(), name="membership-cancel"),
    path("account/points/", loyalty_api.PointsView.as_view(), name="points"),
    path("account/points/convert/", loyalty_api.ConvertPointsView.as_view(), name="points-convert"),
    # The customer's orders and returns; a guest's order by number and email.
    path("account/orders/", orders_api.AccountOrdersView.as_view(), name="account-orders"),
    path("account/orders/<str:number>/", orders_api.AccountOrderView.as_view(), name="account-order"),
    path("account/orders/<str:number>/returns/", returns_api.AccountReturnsView.as_view(), name="account-returns"),
    path("orders/lookup/", orders_api.LookupView.as_view(), name="order-lookup"),
    # Store staff: the store's click-and-collect orders, the handover, returns received, sales.
    path("staff/orders/", orders_api.StaffOrdersView.as_view(), name="staff-orders"),
    path("staff/orders/find/", orders_api.StaffFindOrderView.as_view(), name="staff-order-find"),
    path("staff/orders/<str:number>/", orders_api.StaffOrderView.as_view(), name="staff-order"),
    path("staff/orders/<str:number>/status/", orders_api.StaffOrderStatusView.as_view(), name="staff-order-status"),
    path("staff/orders/<str:number>/hand-over/", orders_api.StaffHandOverView.as_view(), name="staff-order-hand-over"),
    path("staff/returns/lookup/", returns_api.StaffReturnLookupView.as_view(), name="staff-return-lookup"),
    path("staff/returns/<str:code>/receive/", returns_api.StaffReceiveView.as_view(), name="staff-return-receive"),
    path("staff/sales/", orders_api.StaffSalesView.as_view(), name="staff-sales"),
    # Store staff (a staff app or the tablet): consented customers' carts and walk-in carts.
    path("staff/sessions/", staff_api.SessionsView.as_view(), name="staff-sessions"),
    path("staff/sessions/<int:pk>/end/", staff_api.EndSessionView.as_view(), name="staff-session-end"),
    *staff_cart_urls("staff/sessions", "assist", "staff-session"),
    path("staff/walk-in-carts/", staff_api.WalkInCartsView.as_view(), name="staff-walk-in-carts"),
    path("staff/walk-in-carts/<int:pk>/send/", staff_api.SendWalkInCartView.as_view(), name="staff-walk-in-send"),
    *staff_cart_urls("staff/walk-in-carts", "aisle", "staff-walk-in"),
    *router.urls,
    # Any other path (an unknown endpoint, an id of the wrong type) is a JSON 404, with DEBUG on
    # too; paths without the trailing slash still get Django's redirect to the one with it.
    re_path(r"^.*/$", not_found),
]
