from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import urlencode
from django.views.generic import TemplateView
from oscar.apps.catalogue import views as oscar_views

from catalogue import queries
from catalogue.models import Category
from catalogue.search import BrowseForm, BrowseParams, browse
from pim.queries import product_content


class BrowseView(TemplateView):
    """All products, one category, or search results, with facets: one view for the three
    pages, backed by catalogue.search.browse (the same function the API uses)."""

    template_name = "catalogue/browse.html"
    paginate_by = 24

    def get_category(self):
        return None

    def get(self, request, *args, **kwargs):
        self.category = self.get_category()
        form = BrowseForm(request.GET)
        if not form.is_valid():
            # A hand-edited or stale URL: say what is wrong rather than guess.
            context = self.get_context_data(form=form, result=None, page=None)
            return self.render_to_response(context, status=400)
        result = browse(BrowseParams.from_form(form, category=self.category))
        paginator = Paginator(queries.for_listing(result.products), self.paginate_by)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except InvalidPage:
            raise Http404("No such page of results")
        return self.render_to_response(self.get_context_data(form=form, result=result, page=page))

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        return super().get_context_data(
            category=self.category,
            query_without_page=urlencode(sorted(params.lists()), doseq=True),
            **kwargs,
        )


class CatalogueView(BrowseView):
    pass


class SearchView(BrowseView):
    template_name = "catalogue/search.html"


class ProductCategoryView(BrowseView):
    def get_category(self):
        return get_object_or_404(Category.objects.browsable(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        category = self.get_category()
        if request.path != category.get_absolute_url():
            return HttpResponsePermanentRedirect(category.get_absolute_url())
        return super().get(request, *args, **kwargs)


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, with its variants' stock in every store."""

    def get_queryset(self):
        return queries.for_detail(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        sellable = product.get_public_children() if product.is_parent else [product]
        stores, levels = queries.stock_by_store(sellable)
        context["variants"] = sellable if product.is_parent else []
        context["content"] = content = product_content(product)
        context["complementary"] = queries.in_order(content.complementary)
        context["store_stock"] = [
            {"store": store, "levels": [(item, levels.get((item.pk, store.pk), 0)) for item in sellable]}
            for store in stores
        ]
        return context
