from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    """Django's admin for superusers only: a staff flag alone opens nothing (product data is
    edited in the Wagtail PIM, orders and stores have pages of their own)."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "shop.admin_site.SuperuserAdminSite"
