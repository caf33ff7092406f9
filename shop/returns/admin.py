"""Returns in Django's admin (superusers): the warehouse's list of returns, and receiving the
parcels that arrive there (the same service as the store tablet)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from shop.order.services import Actor, Channel, OrderError
from shop.returns import services
from shop.returns.models import Return, ReturnLine


class ReturnLineInline(admin.TabularInline):
    model = ReturnLine
    fields = ("order_line", "quantity", "amount")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Return)
class ReturnAdmin(admin.ModelAdmin):
    list_display = ("code", "order", "status", "amount", "created", "received_at", "received_in", "refunded_at")
    list_filter = ("status",)
    search_fields = ("code", "order__number")
    readonly_fields = [field.name for field in Return._meta.fields]
    inlines = [ReturnLineInline]
    actions = ["receive_at_the_warehouse"]

    def has_add_permission(self, request):
        return False  # customers ask for returns; staff receive them

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Receive at the online warehouse (stock back, refund)"))
    def receive_at_the_warehouse(self, request, queryset):
        actor = Actor(request.user, Channel.DASHBOARD)
        for return_request in queryset:
            try:
                services.receive(return_request, actor)
            except OrderError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("Return %(code)s was received.") % {"code": return_request.code})
