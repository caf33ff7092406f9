from django.contrib.auth.decorators import login_required
from django.urls import path

from shop.order import views
from shop.returns import views as return_views

app_name = "orders"
urlpatterns = [
    path("track/", views.TrackView.as_view(), name="track"),
    path("<str:number>/", views.OrderView.as_view(), name="detail"),
    path("<str:number>/return/", return_views.RequestReturnView.as_view(), name="request-return"),
    path("<str:number>/returns/<str:code>/", return_views.ReturnView.as_view(), name="return"),
    path("<str:number>/<str:hash>/", views.link_view, name="link"),
]

# Oscar's own order pages (the account's, and the guest's link) lead to the order's page.
oscar_order_pages = [
    path("accounts/orders/<str:order_number>/", login_required(views.account_order)),
    path("accounts/order-status/<str:order_number>/<str:hash>/", views.oscar_anonymous_order),
    path("accounts/order-status-form/<str:order_number>/<str:hash>/", views.oscar_anonymous_order),
]
