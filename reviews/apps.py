import oscar.apps.catalogue.reviews.apps as apps


class ReviewsConfig(apps.CatalogueReviewsConfig):
    """Oscar's product reviews as a top-level app with the label ``reviews``.

    Oscar's class loader resolves review views and forms as ``catalogue.reviews.*``, i.e.
    inside the catalogue package, so overrides placed here would be ignored. This config
    therefore wires its views by plain imports from ``reviews.views`` rather than through
    ``get_class``; the reviews issue changes those views here and nowhere else.
    """

    name = "reviews"

    def ready(self):
        from reviews import views

        self.detail_view = views.ProductReviewDetail
        self.create_view = views.CreateProductReview
        self.vote_view = views.AddVoteView
        self.list_view = views.ProductReviewList
