from django.urls import path

from shop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.PreferencesView.as_view(), name="preferences"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
