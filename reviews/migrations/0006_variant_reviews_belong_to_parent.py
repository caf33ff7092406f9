"""Reviews written for a variant move to its parent, whose product page shows them and whose
rating counts them (reviews.views: a review belongs to the browsable product). A customer who
reviewed both keeps the parent's review; their variant review stays where it was."""

from django.db import migrations
from django.db.models import Avg


def move_variant_reviews(apps, schema_editor):
    ProductReview = apps.get_model("reviews", "ProductReview")
    Product = apps.get_model("catalogue", "Product")
    approved = 1  # Oscar's ProductReview.APPROVED
    touched = set()
    for review in ProductReview.objects.filter(product__parent__isnull=False).select_related("product"):
        parent_id = review.product.parent_id
        if review.user_id and ProductReview.objects.filter(product_id=parent_id, user_id=review.user_id).exists():
            continue
        touched |= {review.product_id, parent_id}
        ProductReview.objects.filter(pk=review.pk).update(product_id=parent_id)
    for product_id in touched:
        rating = ProductReview.objects.filter(product_id=product_id, status=approved).aggregate(r=Avg("score"))["r"]
        Product.objects.filter(pk=product_id).update(rating=rating)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_productreview_code"),
        ("catalogue", "0036_product_member_price"),
    ]

    operations = [migrations.RunPython(move_variant_reviews, migrations.RunPython.noop)]
