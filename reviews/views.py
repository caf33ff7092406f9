"""Review pages. They start as Oscar's; the reviews issue (verified purchase, moderation,
votes) changes them here, where the app config picks them up directly."""

from oscar.apps.catalogue.reviews.views import (  # noqa: F401
    AddVoteView,
    CreateProductReview,
    ProductReviewDetail,
    ProductReviewList,
)
