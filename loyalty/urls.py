from django.urls import path

from loyalty import views

app_name = "loyalty"

urlpatterns = [
    path("", views.MembershipView.as_view(), name="membership"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("cancel/", views.CancelView.as_view(), name="cancel"),
    path("points/convert/", views.ConvertPointsView.as_view(), name="convert-points"),
]
