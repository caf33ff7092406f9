from django.urls import path

from shop.stores import views

app_name = "stores"
urlpatterns = [
    path("", views.StoreListView.as_view(), name="list"),
    path("<slug:slug>/", views.StoreDetailView.as_view(), name="detail"),
]
