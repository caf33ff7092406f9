"""Reviews: the form answers every bad post with its errors (never a 500) and saves nothing,
a variant's review belongs to its parent (the browsable product and its rating), and reviews
are written and read only for public products."""

import importlib

import pytest
from django.test import Client

from catalogue.models import Product
from reviews.models import ProductReview
from tests import factories as f

pytestmark = pytest.mark.django_db

GOOD = {"title": "Deep and soft", "score": "4", "body": "We nap on it every Sunday."}
ANONYMOUS = {"name": "Anna", "email": "anna@example.com"}


def add_url(product):
    return f"/catalogue/{product.slug}_{product.pk}/reviews/add/"


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed out", "signed in"])
def test_the_review_form_of_a_product_with_variants_opens(client, shop_data, signed_in):
    if signed_in:
        client.force_login(f.UserFactory())
    sofa = shop_data["sofa"]
    response = client.get(add_url(sofa))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Review Sofa Aalto" in page and 'name="score"' in page and 'name="title"' in page
    assert ('name="email"' in page) is not signed_in  # a signed-out reviewer gives a name and email
    # A variant's address leads to its parent's form: reviews belong to the browsable product.
    response = client.get(add_url(shop_data["variants"][2]))
    assert response.status_code == 302 and response["Location"] == add_url(sofa)


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"title": "   "}, "title", "This field is required."),
        ({"body": " \n\t "}, "body", "This field is required."),
        ({"title": "x" * 5000}, "title", "Ensure this value has at most 255 characters (it has 5000)."),
        ({"body": "x" * 5001}, "body", "Ensure this value has at most 5000 characters (it has 5001)."),
        ({"score": "9"}, "score", "Choose a rating of 1 to 5 stars."),
        ({"score": "0"}, "score", "Choose a rating of 1 to 5 stars."),
        ({"score": "abc"}, "score", "Choose a rating of 1 to 5 stars."),
        ({"score": "3.5"}, "score", "Choose a rating of 1 to 5 stars."),
        ({"score": None}, "score", "This field is required."),
        ({"title": None}, "title", "This field is required."),
        ({"body": None}, "body", "This field is required."),
        ({"name": None}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"email": "anna"}, "email", "Enter a valid email address."),
        ({"email": "a" * 250 + "@example.com"}, "email", "Ensure this value has at most"),
    ],
)
def test_a_bad_review_comes_back_with_a_clear_message_and_nothing_is_saved(client, shop_data, change, field, message):
    sofa = shop_data["sofa"]
    data = {k: v for k, v in (GOOD | ANONYMOUS | change).items() if v is not None}
    response = client.post(add_url(sofa), data)
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    page = response.content.decode()
    assert "Your review was not saved" in page and 'id="add_review_form"' in page
    assert not ProductReview.objects.exists()
    sofa.refresh_from_db()
    assert sofa.rating is None


def test_an_empty_post_gets_the_form_back(client, shop_data):
    response = client.post(add_url(shop_data["sofa"]), {})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "score", "body", "name", "email"}
    assert not ProductReview.objects.exists()


def test_a_review_posted_for_a_variant_belongs_to_its_parent_and_counts_in_its_rating(client, shop_data):
    sofa, variant = shop_data["sofa"], shop_data["variants"][3]
    response = client.post(add_url(variant), GOOD | ANONYMOUS)
    assert response.status_code == 302 and response["Location"] == sofa.get_absolute_url()
    client.force_login(f.UserFactory())
    assert client.post(add_url(sofa), GOOD | {"score": "5", "title": "Perfect"}).status_code == 302

    assert list(ProductReview.objects.values_list("product_id", flat=True)) == [sofa.pk, sofa.pk]
    sofa.refresh_from_db()
    assert sofa.rating == 4.5
    assert Product.objects.get(pk=variant.pk).rating is None
    page = client.get(sofa.get_absolute_url()).content.decode()
    assert "Deep and soft" in page and "Perfect" in page and "Rated 4.5 out of 5 · 2 reviews" in page
    listing = client.get(f"/catalogue/{sofa.slug}_{sofa.pk}/reviews/").content.decode()
    assert "Deep and soft" in listing and "Perfect" in listing
    # The variant's review list is its parent's.
    response = client.get(f"/catalogue/{variant.slug}_{variant.pk}/reviews/")
    assert response.status_code == 302 and response["Location"] == f"/catalogue/{sofa.slug}_{sofa.pk}/reviews/"


def test_one_review_per_customer_whichever_variant_they_start_from(client, shop_data):
    sofa, variants = shop_data["sofa"], shop_data["variants"]
    client.force_login(f.UserFactory())
    assert client.post(add_url(variants[0]), GOOD).status_code == 302
    response = client.post(add_url(variants[1]), GOOD | {"title": "Again"})
    assert response.status_code == 302 and response["Location"] == sofa.get_absolute_url()
    assert "You have already reviewed this product." in client.get(sofa.get_absolute_url()).content.decode()
    assert ProductReview.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_reviews_only_for_public_products(client, shop_data, method):
    sofa, book = shop_data["sofa"], shop_data["book"]
    Product.objects.filter(pk=book.pk).update(is_public=False)  # withdrawn from the shop
    Product.objects.filter(pk=sofa.pk).update(is_public=False)  # its variants stay public rows
    for url in (
        add_url(book),
        add_url(shop_data["variants"][0]),
        "/catalogue/nothing_999999/reviews/add/",
        "/catalogue/nothing_99999999999999999999999/reviews/add/",
    ):
        response = getattr(client, method)(url, GOOD | ANONYMOUS)
        assert response.status_code == 404, url
    assert not ProductReview.objects.exists()


def test_a_review_page_shows_an_approved_review_of_that_product_only(client, shop_data):
    sofa, cushion = shop_data["sofa"], shop_data["cushion"]
    client.post(add_url(sofa), GOOD | ANONYMOUS)
    review = ProductReview.objects.get()
    assert client.get(f"/catalogue/{sofa.slug}_{sofa.pk}/reviews/{review.pk}/").status_code == 200
    assert client.get(f"/catalogue/{cushion.slug}_{cushion.pk}/reviews/{review.pk}/").status_code == 404
    ProductReview.objects.filter(pk=review.pk).update(status=ProductReview.FOR_MODERATION)
    assert client.get(f"/catalogue/{sofa.slug}_{sofa.pk}/reviews/{review.pk}/").status_code == 404


def test_a_cross_site_review_post_is_refused(shop_data):
    client = Client(enforce_csrf_checks=True)
    response = client.post(add_url(shop_data["sofa"]), GOOD | ANONYMOUS)
    assert response.status_code == 403
    assert not ProductReview.objects.exists()


def test_reviews_written_for_variants_before_move_to_their_parent(shop_data):
    from django.apps import apps

    migration = importlib.import_module("reviews.migrations.0006_variant_reviews_belong_to_parent")
    sofa, variants = shop_data["sofa"], shop_data["variants"]
    both, once = f.UserFactory(), f.UserFactory()
    kept = ProductReview.objects.create(product=sofa, user=both, score=2, title="Hard", body="Too hard.")
    stays = ProductReview.objects.create(product=variants[0], user=both, score=5, title="Soft", body="Soft.")
    moved = ProductReview.objects.create(product=variants[1], user=once, score=4, title="Nice", body="Nice.")

    migration.move_variant_reviews(apps, None)

    assert ProductReview.objects.get(pk=moved.pk).product_id == sofa.pk
    assert ProductReview.objects.get(pk=stays.pk).product_id == variants[0].pk  # one review per customer
    assert ProductReview.objects.get(pk=kept.pk).product_id == sofa.pk
    assert Product.objects.get(pk=sofa.pk).rating == 3.0
    assert Product.objects.get(pk=variants[1].pk).rating is None
