from rest_framework.routers import DefaultRouter

from catalogue.api import ProductViewSet
from shop.stores.api import StoreViewSet

router = DefaultRouter()
router.register("products", ProductViewSet, basename="product")
router.register("stores", StoreViewSet, basename="store")

urlpatterns = router.urls
