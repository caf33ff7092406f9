from django.views.generic import DetailView, ListView

from shop.stores.models import Store


class StoreListView(ListView):
    template_name = "stores/store_list.html"
    context_object_name = "stores"

    def get_queryset(self):
        return Store.objects.active().with_hours()


class StoreDetailView(DetailView):
    template_name = "stores/store_detail.html"
    context_object_name = "store"

    def get_queryset(self):
        return Store.objects.active().with_hours()
