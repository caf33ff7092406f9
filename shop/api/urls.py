from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from catalogue.api import ProductViewSet
from shop.api.errors import not_found
from shop.cart.api import CartLinesView, CartLineView, CartView
from shop.stores.api import StoreViewSet

router = DefaultRouter()
router.register("products", ProductViewSet, basename="product")
router.register("stores", StoreViewSet, basename="store")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="v1:schema"), name="docs"),
    path("cart/", CartView.as_view(), name="cart"),
    path("cart/lines/", CartLinesView.as_view(), name="cart-lines"),
    path("cart/lines/<int:pk>/", CartLineView.as_view(), name="cart-line"),
    *router.urls,
    # Any other path (an unknown endpoint, an id of the wrong type) is a JSON 404, with DEBUG on
    # too; paths without the trailing slash still get Django's redirect to the one with it.
    re_path(r"^.*/$", not_found),
]
