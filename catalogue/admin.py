"""Catalogue products in Django's admin are read-only: product data is edited in the PIM
(Wagtail) only (DESIGN.md: one way in). They stay registered because Oscar's other admin
pages look products up by autocomplete."""

from django.contrib import admin

from catalogue.models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["title", "upc", "structure", "is_public"]
    search_fields = ["title", "upc"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
