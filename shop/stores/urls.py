from django.urls import path

from shop.stores import views

app_name = "stores"
urlpatterns = [
    path("", views.StoreListView.as_view(), name="list"),
    path("<slug:slug>/", views.StoreDetailView.as_view(), name="detail"),
]

# The customer's store access, among the account pages (/accounts/store-access/).
store_access_urlpatterns = (
    [
        path("", views.StoreAccessView.as_view(), name="page"),
        path("code/", views.IssueCodeView.as_view(), name="code"),
        path("standing/", views.StandingConsentView.as_view(), name="standing"),
        path("revoke/", views.RevokeConsentView.as_view(), name="revoke"),
    ],
    "store_access",
)
