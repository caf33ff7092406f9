"""The web shop through the test client: home, browse, search, facets, product page, cart."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from catalogue.models import Category

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["page"].object_list]


def test_home_page_shows_categories_and_new_products(client, shop_data):
    response = client.get("/")
    assert response.status_code == 200
    assert {c.name for c in response.context["categories"]} >= {"Furniture", "Textiles", "Books"}
    assert shop_data["sofa"] in list(response.context["new_products"])
    assert "Sofa Aalto" in response.content.decode()


def test_category_page_lists_its_products_and_its_subcategories_products(client, shop_data):
    furniture = Category.objects.get(name="Furniture")
    response = client.get(furniture.get_absolute_url())
    assert response.status_code == 200
    assert titles(response) == ["Sofa Aalto"]
    sofas = Category.objects.get(name="Sofas")
    assert titles(client.get(sofas.get_absolute_url())) == ["Sofa Aalto"]
    assert titles(client.get(Category.objects.get(name="Textiles").get_absolute_url())) == ["Cushion Kivi"]


def test_catalogue_index_lists_every_browsable_product(client, shop_data):
    response = client.get(reverse("catalogue:index"))
    assert sorted(titles(response)) == ["Cushion Kivi", "Finnish Design Classics", "Sofa Aalto"]
    assert response.context["page"].paginator.count == 3


def test_search_matches_titles_attribute_values_and_variant_words(client, shop_data):
    assert titles(client.get("/search/", {"q": "aalto"})) == ["Sofa Aalto"]
    assert titles(client.get("/search/", {"q": "velvet"})) == ["Sofa Aalto"]  # a variant's fabric
    assert titles(client.get("/search/", {"q": "design classics"})) == ["Finnish Design Classics"]
    assert titles(client.get("/search/", {"q": "sofa velvet"})) == ["Sofa Aalto"]
    assert titles(client.get("/search/", {"q": "velvet book"})) == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_does_not_stop_later_changes_reaching_search(client, shop_data):
    cushion = shop_data["cushion"]
    with pytest.raises(RuntimeError), transaction.atomic():
        cushion.title = "Cushion Never"
        cushion.save()
        raise RuntimeError("the request failed")

    with transaction.atomic():  # commits: the reindex task runs (eagerly here)
        cushion.refresh_from_db()
        cushion.title = "Cushion Renamed"
        cushion.save()
    assert titles(client.get("/search/", {"q": "renamed"})) == ["Cushion Renamed"]
    assert titles(client.get("/search/", {"q": "never"})) == []

    cushion.title = "Cushion Autocommitted"  # outside a transaction too
    cushion.save()
    assert titles(client.get("/search/", {"q": "autocommitted"})) == ["Cushion Autocommitted"]


def test_colour_facet_narrows_results_and_counts_values(client, shop_data):
    response = client.get("/search/", {"q": ""})
    colour = next(f for f in response.context["result"].facets if f.code == "colour")
    counts = {v.value: v.count for v in colour.values}
    assert counts == {"Charcoal": 1, "Moss": 1, "Sand": 1}  # sofa (Sand, Moss variants) and cushion

    response = client.get(reverse("catalogue:index"), {"facet": "colour:Charcoal"})
    assert titles(response) == ["Cushion Kivi"]
    response = client.get(reverse("catalogue:index"), {"facet": ["colour:Charcoal", "colour:Sand"]})
    assert sorted(titles(response)) == ["Cushion Kivi", "Sofa Aalto"]
    response = client.get(reverse("catalogue:index"), {"facet": ["colour:Sand", "fabric:Wool"]})
    assert titles(response) == []


def test_price_range_and_store_facets(client, shop_data):
    assert titles(client.get(reverse("catalogue:index"), {"price_min": "30", "price_max": "100"})) == [
        "Finnish Design Classics"
    ]
    response = client.get(reverse("catalogue:index"), {"store": "tampere", "sort": "title"})
    assert titles(response) == ["Cushion Kivi", "Finnish Design Classics"]
    store_counts = {store.slug: n for store, n in response.context["result"].stores}
    assert store_counts["helsinki"] == 0
    helsinki = client.get(reverse("catalogue:index"), {"store": "helsinki"})
    assert titles(helsinki) == ["Sofa Aalto"]


@pytest.mark.parametrize(
    "params",
    [
        {"price_min": "abc"},
        {"price_min": "50", "price_max": "10"},
        {"store": "atlantis"},
        {"sort": "random"},
        {"facet": "colour"},
        {"q": "x" * 300},
    ],
)
def test_bad_browse_parameters_get_a_400_with_the_reason(client, shop_data, params):
    response = client.get(reverse("catalogue:index"), params)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_product_page_shows_variants_and_stock_in_each_store(client, shop_data):
    sofa = shop_data["sofa"]
    response = client.get(sofa.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["variants"]) == shop_data["variants"]
    rows = {row["store"].slug: [units for _, units in row["levels"]] for row in response.context["store_stock"]}
    assert rows == {"online": [5, 4, 3, 2], "helsinki": [0, 1, 0, 1], "tampere": [0, 0, 0, 0]}
    html = response.content.decode()
    assert "Sofa Aalto, Velvet, Moss" in html
    assert "Helsinki" in html


def test_add_a_variant_to_the_cart_and_see_it_there(client, shop_data):
    sofa, variant = shop_data["sofa"], shop_data["variants"][1]
    response = client.post(reverse("basket:add", kwargs={"pk": sofa.pk}), {"child_id": variant.pk, "quantity": 1})
    assert response.status_code == 302
    basket = client.get(reverse("basket:summary"))
    lines = list(basket.context["basket"].all_lines())
    assert [(line.product, line.quantity) for line in lines] == [(variant, 1)]
    assert lines[0].unit_price_incl_tax == Decimal("1299.00")
    assert "Sofa Aalto, Linen, Moss" in basket.content.decode()


def test_product_out_of_stock_online_cannot_be_added(client, shop_data):
    book = shop_data["book"]
    response = client.post(reverse("basket:add", kwargs={"pk": book.pk}), {"quantity": 1}, follow=True)
    assert list(response.context["basket"].all_lines()) == []


def test_store_pages_show_address_and_opening_hours(client, shop_data):
    response = client.get(reverse("stores:detail", args=["helsinki"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aleksanterinkatu 1" in html and "10:00" in html
    assert client.get(reverse("stores:detail", args=["atlantis"])).status_code == 404
