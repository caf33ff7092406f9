from django.urls import path

from shop.stores.tablet import orders, views

app_name = "tablet"
# <kind> is "assist" (a consented customer's cart) or "aisle" (a walk-in customer's cart).
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("open/", views.OpenByCodeView.as_view(), name="open"),
    path("find/", views.FindView.as_view(), name="find"),
    path("walk-in/", views.NewAisleCartView.as_view(), name="new-aisle-cart"),
    path("orders/", orders.OrdersView.as_view(), name="orders"),
    path("orders/<str:number>/", orders.OrderView.as_view(), name="order"),
    path("returns/", orders.ReturnsView.as_view(), name="returns"),
    path("sales/", orders.SalesView.as_view(), name="sales"),
    path("<str:kind>/<int:pk>/", views.CartView.as_view(), name="cart"),
    path("<str:kind>/<int:pk>/version/", views.VersionView.as_view(), name="version"),
    path("<str:kind>/<int:pk>/search/", views.SearchView.as_view(), name="search"),
    path("<str:kind>/<int:pk>/add/", views.AddView.as_view(), name="add"),
    path("<str:kind>/<int:pk>/lines/<int:line_id>/", views.LineView.as_view(), name="line"),
    path("<str:kind>/<int:pk>/send/", views.SendView.as_view(), name="send"),
    path("<str:kind>/<int:pk>/end/", views.EndView.as_view(), name="end"),
]
