"""Review pages: Oscar's, with this shop's rules. The reviews issue (verified purchase,
moderation, votes) builds on them here, where the app config picks them up directly.

A review belongs to the browsable product, i.e. a standalone product or a parent: one posted
at a variant's address is stored against its parent, so it shows on the product page and
counts in the parent's rating (the rating shoppers see). Reviews are written and read only for
a public product (404 otherwise), and a review's own page shows only an approved review of
that product.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.apps.catalogue.reviews.views import AddVoteView  # noqa: F401  (votes: Oscar's, for now)

from catalogue.models import Product
from reviews.forms import ProductReviewForm
from reviews.models import ProductReview


def reviewed_product(pk):
    """The product that reviews of product ``pk`` (the URL's digits) belong to: itself, or a
    variant's parent."""
    product = get_object_or_404(Product.objects.select_related("parent"), pk=pk, is_public=True)
    if product.is_child:
        product = product.parent
    if not product.is_public:
        raise Http404("No such product")
    return product


class CreateProductReview(oscar_views.CreateProductReview):
    template_name = "reviews/review_form.html"
    form_class = ProductReviewForm

    def dispatch(self, request, *args, **kwargs):
        self.product = reviewed_product(kwargs["product_pk"])
        if request.method == "GET" and str(self.product.pk) != kwargs["product_pk"]:
            return redirect("catalogue:reviews-add", product_slug=self.product.slug, product_pk=self.product.pk)
        if not self.product.is_review_permitted(request.user):
            if self.product.has_review_by(request.user):
                messages.warning(request, _("You have already reviewed this product."))
            else:
                messages.warning(request, _("Sign in to write a review."))
            return redirect(self.product.get_absolute_url())
        # Oscar's dispatch would look the product up again, a variant's included.
        return CreateView.dispatch(self, request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    def get_queryset(self):
        self.product = reviewed_product(self.kwargs["product_pk"])
        return ProductReview.objects.approved().filter(product=self.product)

    def get_context_data(self, **kwargs):
        return super(oscar_views.ProductReviewDetail, self).get_context_data(product=self.product, **kwargs)


class ProductReviewList(oscar_views.ProductReviewList):
    def get(self, request, *args, **kwargs):
        product = reviewed_product(kwargs["product_pk"])
        if str(product.pk) != kwargs["product_pk"]:
            return redirect("catalogue:reviews-list", product_slug=product.slug, product_pk=product.pk)
        return super().get(request, *args, **kwargs)
