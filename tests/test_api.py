"""The headless API: schema, products and stores, pagination, bad input."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_openapi_schema_validates_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/products/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_product_list_is_paginated_with_count_prices_and_store_stock(client, shop_data):
    response = client.get("/api/v1/products/", {"page_size": 2, "sort": "title"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [p["title"] for p in body["results"]] == ["Cushion Kivi", "Finnish Design Classics"]
    assert body["next"].endswith("page=2&page_size=2&sort=title") or "page=2" in body["next"]
    cushion = body["results"][0]
    assert cushion["price"] == {"currency": "EUR", "incl_tax": "29.90", "excl_tax": "23.82", "tax": "6.08"}
    assert cushion["availability"]["is_available_to_buy"] is True
    stock = {s["store"]: s["num_available"] for s in cushion["stock"]}
    assert stock == {"online": 40, "helsinki": 0, "tampere": 3}
    book = body["results"][1]
    assert book["availability"]["is_available_to_buy"] is False


def test_product_detail_has_variants_with_attributes_and_stock(client, shop_data):
    sofa = shop_data["sofa"]
    body = client.get(f"/api/v1/products/{sofa.pk}/").json()
    assert body["is_parent"] is True
    assert body["price"]["incl_tax"] == "1299.00"  # the cheapest variant
    assert body["categories"] == ["Furniture > Sofas"]
    assert len(body["variants"]) == 4
    variant = body["variants"][1]
    assert {a["code"]: a["value"] for a in variant["attributes"]} == {"fabric": "Linen", "colour": "Moss"}
    assert {s["store"]: s["num_available"] for s in variant["stock"]} == {"online": 4, "helsinki": 1, "tampere": 0}
    assert {s["store"]: s["num_available"] for s in body["stock"]}["online"] == 14


def test_product_list_filters_like_the_web_shop(client, shop_data):
    def titles(**params):
        return [p["title"] for p in client.get("/api/v1/products/", params).json()["results"]]

    assert titles(q="velvet") == ["Sofa Aalto"]
    assert titles(facet="colour:Charcoal") == ["Cushion Kivi"]
    assert titles(store="tampere", sort="title") == ["Cushion Kivi", "Finnish Design Classics"]
    assert titles(category="furniture") == ["Sofa Aalto"]


@pytest.mark.parametrize(
    "params,field",
    [
        ({"price_min": "cheap"}, "price_min"),
        ({"store": "nowhere"}, "store"),
        ({"sort": "random"}, "sort"),
        ({"facet": "colour"}, "facet"),
        ({"category": "no-such-category"}, "category"),
        ({"price_min": "-5"}, "price_min"),
        # Values outside what the OpenAPI document allows, which were quietly defaulted.
        ({"sort": ""}, "sort"),
        ({"price_min": ""}, "price_min"),
        ({"page_size": "junk"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"page": "junk"}, "page"),
        ({"page": "0"}, "page"),
    ],
)
def test_bad_query_parameters_get_400_with_the_field_named(client, shop_data, params, field):
    response = client.get("/api/v1/products/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["fields"] and body["detail"].startswith(f"{field}: ")


def test_unknown_product_is_404(client, shop_data):
    assert client.get("/api/v1/products/999999/").status_code == 404
    assert client.get("/api/v1/products/abc/").status_code == 404


def test_stores_list_has_address_and_opening_hours(client, shop_data):
    body = client.get("/api/v1/stores/").json()
    assert body["count"] == 3
    helsinki = next(s for s in body["results"] if s["slug"] == "helsinki")
    assert helsinki["address"] == {
        "street": "Aleksanterinkatu 1",
        "postcode": "00100",
        "city": "Helsinki",
        "country": "FI",
    }
    assert helsinki["opening_hours"][0] == {
        "weekday": 0,
        "weekday_name": "Monday",
        "opens": "10:00:00",
        "closes": "20:00:00",
    }
    assert helsinki["is_pickup_point"] is True


def test_api_is_read_only_for_catalogue(client, shop_data):
    assert client.post("/api/v1/products/", {"title": "x"}).status_code in (403, 405)
    assert client.delete(f"/api/v1/products/{shop_data['cushion'].pk}/").status_code in (403, 405)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def add_products(n, online):
    colour_class = f.ProductClassFactory(name="Throw")
    f.option_attribute(colour_class, "colour", ["Sand", "Moss"])
    for i in range(n):
        throw = f.ProductFactory(title=f"Throw {i}", product_class=colour_class, categories=["Textiles > Throws"])
        throw.attr.colour = f.option("colour", "Sand" if i % 2 else "Moss")
        throw.attr.save()
        f.stock(throw, online, i)
        f.ProductImageFactory(product=throw)
    parent, _ = f.sofa_with_variants(title=f"Sofa {n}")
    f.reindex()


@pytest.mark.parametrize("url", ["/api/v1/products/?page_size=50", "/catalogue/", "/search/?q=o"])
def test_listing_query_count_does_not_grow_with_the_number_of_products(client, shop_data, url):
    add_products(3, shop_data["online"])
    client.get(url)  # warm the per-process caches (content types, site)
    few = queries_for(client, url)
    add_products(15, shop_data["online"])
    many = queries_for(client, url)
    assert few == many, f"{few} queries for few products, {many} for many"


# --- The API says what it does (issue 9, item 13) -------------------------------------------


def test_an_empty_cart_says_its_currency(client):
    assert client.get("/api/v1/cart/").json()["currency"] == "EUR"


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/api/v1/nowhere/"),
        ("delete", "/api/v1/cart/lines/abc/"),
        ("get", "/api/v1/products/abc/"),
        ("get", "/api/v1/products/999999/"),
        ("patch", "/api/v1/cart/lines/999999/"),
        ("get", "/api/v1/products/?page=99"),
    ],
)
def test_not_found_is_json_with_a_message(client, shop_data, method, path):
    response = getattr(client, method)(path, content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "not_found" and body["detail"]


def test_other_errors_are_json_with_a_message(client, shop_data):
    not_allowed = client.put("/api/v1/cart/", {}, content_type="application/json")
    assert not_allowed.status_code == 405
    assert not_allowed.json() == {"detail": 'Method "PUT" not allowed.', "code": "method_not_allowed"}
    malformed = client.post("/api/v1/cart/lines/", "{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["code"] == "parse_error"
    unsupported = client.post("/api/v1/cart/lines/", "x", content_type="text/plain")
    assert unsupported.status_code == 415 and unsupported.json()["code"] == "unsupported_media_type"


def test_removing_a_cart_line_answers_the_cart_as_documented(client, shop_data):
    schema = client.get("/api/v1/schema/?format=json").json()
    delete = schema["paths"]["/api/v1/cart/lines/{id}/"]["delete"]["responses"]
    assert "200" in delete and "204" not in delete
    line = client.post("/api/v1/cart/lines/", {"product": shop_data["cushion"].pk}, content_type="application/json")
    response = client.delete(f"/api/v1/cart/lines/{line.json()['lines'][0]['id']}/", headers={"If-Match": line["ETag"]})
    assert response.status_code == 200 and response.json()["lines"] == []


def test_every_operation_documents_its_error_answers(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    error = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"406", "429"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if method != "get":
                assert "403" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "415"} <= set(responses), (method, path)
            for status, response in responses.items():
                if status >= "400":
                    assert response["content"]["application/json"]["schema"] == error, (method, path, status)


def test_opening_hours_are_documented_as_local_times(client, shop_data):
    schema = client.get("/api/v1/schema/?format=json").json()
    opens = schema["components"]["schemas"]["OpeningHours"]["properties"]["opens"]
    assert "format" not in opens and opens["pattern"]
    hours = client.get("/api/v1/stores/").json()["results"][0]["opening_hours"][0]
    assert re.fullmatch(opens["pattern"], hours["opens"])
