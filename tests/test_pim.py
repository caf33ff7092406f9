"""The PIM: products edited, reviewed and published in Wagtail, and only the published version
reaching the web shop and the API; completeness; bulk import/export; permissions; languages."""

import io
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from catalogue.models import Category, Product, ProductAttributeValue, ProductRecommendation
from pim import completeness, services, tasks
from pim.models import (
    AttributeChoice,
    AttributeDefinition,
    Family,
    FamilyAttribute,
    ImportRun,
    ProductData,
    ProductLink,
)
from shop.roles import PRODUCT_ADMINS, STORE_STAFF
from tests import factories as f

Kind = AttributeDefinition.Kind


@pytest.fixture
def family(db):
    """Cushions: width (number, cm; required on web and tablets), colour (the variant axis,
    required everywhere), materials (multiple choice), washable (yes/no), note (text)."""
    width = AttributeDefinition.objects.create(
        code="width", name_en="Width", name_fi="Leveys", kind=Kind.NUMBER, unit="cm"
    )
    colour = AttributeDefinition.objects.create(code="colour", name_en="Colour", name_fi="Väri", kind=Kind.CHOICE)
    for i, (value, fi) in enumerate([("Sand", "Hiekka"), ("Moss", "Sammal")]):
        AttributeChoice.objects.create(attribute=colour, value=value, label_fi=fi, sort_order=i)
    materials = AttributeDefinition.objects.create(code="materials", name_en="Materials", kind=Kind.MULTI_CHOICE)
    for value in ("Linen", "Wool"):
        AttributeChoice.objects.create(attribute=materials, value=value)
    washable = AttributeDefinition.objects.create(code="washable", name_en="Washable", kind=Kind.BOOLEAN)
    note = AttributeDefinition.objects.create(code="note", name_en="Note", kind=Kind.TEXT)
    family = Family.objects.create(code="cushion", name="Cushion")
    FamilyAttribute.objects.create(family=family, attribute=width, required_for_web=True, required_for_tablet=True)
    FamilyAttribute.objects.create(
        family=family,
        attribute=colour,
        is_variant_axis=True,
        required_for_web=True,
        required_for_tablet=True,
        required_for_display=True,
    )
    for attribute in (materials, washable, note):
        FamilyAttribute.objects.create(family=family, attribute=attribute)
    f.warehouse()
    Category.add_root(name="Textiles", slug="textiles")
    return family


class CommittingClient(Client):
    """Runs what waits for a commit (the search reindex task) after each request, as the
    commit of a real request would; the test's own transaction never commits."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def product_admin_client():
    # Kept apart from the shopper's ``client``: Wagtail's flash messages would show on shop pages.
    admin = CommittingClient()
    admin.force_login(f.UserFactory(groups=[PRODUCT_ADMINS]))
    return admin


@pytest.fixture
def admin_client(family):
    return product_admin_client()


def wagtail_image(name="cushion.png"):
    if not Collection.objects.exists():  # a transactional test's flush removed Wagtail's migrated root
        Collection.add_root(name="Root")
    return get_image_model().objects.create(title=name, file=get_test_image_file(filename=name))


def product_form(family, title="Cushion Kivi", base_revision="", image=None, record=None, **extra):
    """The edit form's data; with ``record``, its existing variants and picture keep their ids."""
    category = Category.objects.get(slug="textiles")
    variant_ids = [v.pk for v in record.variants.all()] if record else ["", ""]
    gallery_ids = [g.pk for g in record.gallery.all()] if record else [""]
    existing = 2 if record else 0
    data = {
        "sku": "KIVI",
        "family": family.pk,
        "title_en": title,
        "title_fi": "Tyyny Kivi",
        "title_sv": "",
        "description_en": rich_text("<p>A soft cushion.</p>"),
        "description_fi": rich_text("<p>Pehmeä tyyny.</p>"),
        "description_sv": rich_text(""),
        "price": "",
        "member_price": "",
        "attr__width": "45",
        "attr__washable": "true",
        "attr__note": "Hand made",
        "variants": inline_formset(
            [
                {
                    "id": variant_ids[0],
                    "sku": "KIVI-SAND",
                    "price": "29.90",
                    "member_price": "24.90",
                    "attr__colour": "Sand",
                },
                {
                    "id": variant_ids[1],
                    "sku": "KIVI-MOSS",
                    "price": "31.90",
                    "member_price": "",
                    "attr__colour": "Moss",
                },
            ],
            initial=existing,
        ),
        "gallery": inline_formset(
            [
                {
                    "id": gallery_ids[0],
                    "image": image.pk,
                    "alt_text": "A sand-coloured cushion",
                    "alt_text_fi": "Hiekanvärinen tyyny",
                }
            ]
            if image
            else [],
            initial=1 if record else 0,
        ),
        "links": inline_formset([]),
        "content": streamfield([("care", {"en": "Wash at 40 degrees.", "fi": "Pese 40 asteessa.", "sv": ""})]),
        "base_revision": base_revision,
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(extra)
    # Multiple values (checkboxes) stay lists; nested_form_data would number them.
    return nested_form_data(data) | {"categories": [category.pk], "attr__materials": ["Linen", "Wool"]}


def list_block(items):
    """Form data of a ListBlock value, as Wagtail's editor posts it."""
    return {"count": len(items)} | {str(i): {"value": v, "deleted": "", "order": i} for i, v in enumerate(items)}


def add_url():
    return reverse("wagtailsnippets_pim_productdata:add")


def edit_url(data):
    return reverse("wagtailsnippets_pim_productdata:edit", args=[data.pk])


def create_draft(client, family, **extra):
    response = client.post(add_url(), product_form(family, image=wagtail_image(), **extra))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ProductData.objects.get(sku="KIVI")


def shop_sees(client, title):
    """Whether the web search and the product API show a product with this title."""
    page = client.get("/search/", {"q": "kivi"}).content.decode()
    api = client.get("/api/v1/products/", {"q": "kivi"}).json()
    return title in page, title in [p["title"] for p in api["results"]]


def test_a_draft_is_invisible_and_approval_publishes_it_everywhere(admin_client, family, client):
    data = create_draft(admin_client, family)
    assert not data.live and data.product is None
    assert data.attribute_values == {"width": 45, "materials": ["Linen", "Wool"], "washable": True, "note": "Hand made"}
    assert [v.attribute_values for v in data.variants.all()] == [{"colour": "Sand"}, {"colour": "Moss"}]
    assert shop_sees(client, "Cushion Kivi") == (False, False)

    # A form that leaves the saved variants out and adds them again would repeat their SKUs.
    image = data.gallery.first().image
    response = admin_client.post(edit_url(data), product_form(family, "Cushion Kivi", data.latest_revision_id, image))
    assert response.status_code == 200
    assert "Each SKU may appear once: KIVI-MOSS, KIVI-SAND." in response.context["form"].non_field_errors()

    # Submit for review, then a product admin approves: approval publishes.
    response = admin_client.post(
        edit_url(data),
        product_form(family, "Cushion Kivi", data.latest_revision_id, image, data, **{"action-submit": "on"}),
    )
    assert response.status_code == 302
    task_state = WorkflowState.objects.get(
        base_content_type__model="productdata", object_id=str(data.pk)
    ).current_task_state
    approve = reverse("wagtailsnippets_pim_productdata:workflow_action", args=[data.pk, "approve", task_state.pk])
    assert admin_client.post(approve, {"comment": "Looks good"}).status_code in (200, 302)
    data.refresh_from_db()
    assert data.live and data.product is not None

    product = data.product
    assert product.is_public and product.is_parent and product.title == "Cushion Kivi"
    assert sorted((c.upc, str(c.price), str(c.member_price)) for c in product.children.all()) == [
        ("KIVI-MOSS", "31.90", "None"),
        ("KIVI-SAND", "29.90", "24.90"),
    ]
    assert shop_sees(client, "Cushion Kivi") == (True, True)
    # The variants carry their colour only; the rest is the parent's.
    assert {
        (v.product.upc, v.attribute.code) for v in ProductAttributeValue.objects.filter(product__parent=product)
    } == {
        ("KIVI-SAND", "colour"),
        ("KIVI-MOSS", "colour"),
    }
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Hand made" in page and "45 cm" in page and "Wash at 40 degrees." in page and "srcset=" in page


def test_editing_a_published_product_stays_a_draft_until_published_and_rolls_back(admin_client, family, client):
    data = create_draft(admin_client, family, **{"action-publish": "on"})
    data.refresh_from_db()
    first_revision = data.live_revision
    url = data.product.get_absolute_url()
    image = data.gallery.first().image

    response = admin_client.post(
        edit_url(data), product_form(family, "Cushion Kivi Deluxe", data.latest_revision_id, image, data)
    )
    assert response.status_code == 302
    assert "Cushion Kivi Deluxe" not in client.get(url).content.decode()
    assert shop_sees(client, "Cushion Kivi Deluxe") == (False, False)

    data.refresh_from_db()
    response = admin_client.post(
        edit_url(data),
        product_form(family, "Cushion Kivi Deluxe", data.latest_revision_id, image, data, **{"action-publish": "on"}),
    )
    assert response.status_code == 302
    assert "Cushion Kivi Deluxe" in client.get(url).content.decode()
    assert shop_sees(client, "Cushion Kivi Deluxe") == (True, True)

    # The history says who changed what; two versions compare field by field.
    data.refresh_from_db()
    history = admin_client.get(reverse("wagtailsnippets_pim_productdata:history", args=[data.pk]))
    assert history.status_code == 200 and history.context["request"].user.get_username() in history.content.decode()
    compare = reverse(
        "wagtailsnippets_pim_productdata:revisions_compare", args=[data.pk, first_revision.pk, data.latest_revision_id]
    )
    body = admin_client.get(compare).content.decode()
    assert "Cushion Kivi Deluxe" in body and "Title (English)" in body

    # Roll back: open the first version from the history and publish it again.
    revert = reverse("wagtailsnippets_pim_productdata:revisions_revert", args=[data.pk, first_revision.pk])
    assert admin_client.get(revert).status_code == 200
    form = product_form(family, "Cushion Kivi", data.latest_revision_id, image, data, **{"action-publish": "on"})
    assert admin_client.post(revert, form).status_code == 302
    page = client.get(url).content.decode()
    assert "Cushion Kivi Deluxe" not in page and "Cushion Kivi" in page
    data.refresh_from_db()
    assert data.product.title == "Cushion Kivi"


def test_a_scheduled_publish_goes_live_by_the_beat_task_and_expires_likewise(admin_client, family, client):
    go_live = timezone.localtime() + timedelta(days=3)
    scheduled = {"go_live_at": f"{go_live:%Y-%m-%d %H:%M}", "action-publish": "on"}
    data = create_draft(admin_client, family, **scheduled)
    data.refresh_from_db()
    revision = data.latest_revision
    assert not data.live and revision.approved_go_live_at is not None
    assert shop_sees(client, "Cushion Kivi") == (False, False)

    # The campaign starts: the approved version's go-live time has passed.
    past = timezone.now() - timedelta(minutes=1)
    go_live_passes(revision, past)
    data.refresh_from_db()
    assert data.live and data.product.is_public
    assert shop_sees(client, "Cushion Kivi") == (True, True)

    # A new version of a live product, scheduled: the live one stays until its time comes.
    image = data.gallery.first().image
    form = product_form(family, "Cushion Kivi Campaign", data.latest_revision_id, image, data, **scheduled)
    assert admin_client.post(edit_url(data), form).status_code == 302
    assert shop_sees(client, "Cushion Kivi Campaign") == (False, False)
    data.refresh_from_db()
    go_live_passes(data.latest_revision, past)
    assert shop_sees(client, "Cushion Kivi Campaign") == (True, True)

    # And it ends: an expired product leaves every channel.
    ProductData.objects.filter(pk=data.pk).update(expire_at=past)
    run_beat_task()
    data.refresh_from_db()
    assert not data.live and data.expired and not data.product.is_public
    assert shop_sees(client, "Cushion Kivi Campaign") == (False, False)


def go_live_passes(revision, at):
    """Time passes until an approved version's go-live time, then the beat task runs."""
    revision.content["go_live_at"] = at.isoformat()
    revision.approved_go_live_at = at
    revision.save()
    run_beat_task()


def run_beat_task():
    assert settings.CELERY_BEAT_SCHEDULE["publish-scheduled-products"]["task"] == "pim.tasks.publish_scheduled"
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.publish_scheduled.delay()


def test_a_product_without_variants_carries_the_variant_attribute_itself(admin_client, family):
    # With variants, the colour belongs on each of them, not on the product.
    response = admin_client.post(add_url(), product_form(family, attr__colour="Sand"))
    assert response.status_code == 200
    assert response.context["form"].errors["attr__colour"] == [
        "This product has variants: set this on each variant instead."
    ]

    single = {"variants": inline_formset([]), "price": "19.90", "attr__colour": "Sand", "action-publish": "on"}
    data = create_draft(admin_client, family, **single)
    data.refresh_from_db()
    assert data.attribute_values["colour"] == "Sand"
    assert "Colour" not in data.completeness.get(channel="web", language="en").missing
    product = data.product
    assert product.is_standalone and str(product.price) == "19.90"
    assert product.attribute_values.get(attribute__code="colour").value.option == "Sand"


def test_the_edit_screen_has_each_attribute_field_once(admin_client, published):
    # A second copy would be posted after the edited one and win.
    html = admin_client.get(edit_url(published)).content.decode()
    for name in ("attr__width", "attr__note", "variants-0-attr__colour", "variants-1-attr__colour"):
        assert html.count(f'name="{name}"') == 1, name
    assert html.count('name="attr__materials"') == 2  # one checkbox per choice


def without(data, prefix):
    return {k: v for k, v in data.items() if not k.startswith(prefix)}


@pytest.mark.parametrize(
    "break_form",
    [
        pytest.param(lambda d: without(d, "content-"), id="content-missing"),
        pytest.param(lambda d: d | {"content-count": "abc"}, id="content-count-not-a-number"),
        pytest.param(lambda d: without(d, "variants-TOTAL_FORMS"), id="variants-management-form-missing"),
        pytest.param(lambda d: d | {"attr__width": "wide"}, id="number-attribute-not-a-number"),
        pytest.param(lambda d: d | {"variants-0-attr__colour": "Purple"}, id="unknown-choice"),
        pytest.param(lambda d: d | {"variants-0-price": "-1"}, id="negative-price"),
        pytest.param(lambda d: d | {"variants-0-member_price": "99.00"}, id="member-price-above-price"),
        pytest.param(lambda d: d | {"family": "999999"}, id="unknown-family"),
        pytest.param(lambda d: d | {"categories": ["abc"]}, id="bad-category"),
    ],
)
def test_careless_or_hostile_product_forms_get_errors_and_save_nothing(admin_client, family, break_form):
    response = admin_client.post(add_url(), break_form(product_form(family, image=wagtail_image())))
    assert response.status_code == 200
    assert not response.context["form"].is_valid()  # the product form or one of its variant forms
    assert "could not be created due to errors" in response.content.decode()
    assert not ProductData.objects.exists()


def test_saving_over_someone_elses_newer_version_is_refused(admin_client, family):
    data = create_draft(admin_client, family)
    opened_at = data.latest_revision_id
    image = data.gallery.first().image
    assert admin_client.post(edit_url(data), product_form(family, "First", opened_at, image, data)).status_code == 302
    response = admin_client.post(edit_url(data), product_form(family, "Second", opened_at, image, data))
    assert response.status_code == 200
    assert "saved a newer version of this product" in response.content.decode()
    data.refresh_from_db()
    assert data.get_latest_revision_as_object().title_en == "First"


def test_completeness_per_channel_and_language(family):
    data = ProductData.objects.create(
        sku="C1", family=family, title_en="Cushion", description_en="<p>Soft</p>", title_fi="Tyyny", live=False
    )
    results = {(r.channel, r.language): (r.percent, r.missing) for r in completeness.compute(data)}
    # Web requires title, description, price, an image, width and colour (on variants).
    assert results[("web", "en")] == (33, ["Price", "Image", "Width", "Colour"])
    assert results[("web", "fi")] == (16, ["Description (Finnish)", "Price", "Image", "Width", "Colour"])
    # Tablets need no image; displays need no description and no width.
    assert results[("tablet", "en")] == (40, ["Price", "Width", "Colour"])
    assert results[("display", "sv")] == (0, ["Title (Swedish)", "Price", "Image", "Colour"])

    data.price = "19.90"
    data.attribute_values = {"width": 45}
    data.save()
    data.save_revision()  # stores the completeness of the latest version
    stored = {(c.channel, c.language): c for c in data.completeness.all()}
    assert stored[("web", "en")].percent == 66 and stored[("web", "en")].missing == ["Image", "Colour"]
    assert stored[("tablet", "fi")].missing_translation and not stored[("tablet", "en")].missing_translation


def test_listing_filters_by_completeness_and_missing_translation(admin_client, family):
    texts = {f"{field}_{code}": "A" for field in ("title", "description") for code in ("en", "fi", "sv")}
    complete = ProductData.objects.create(sku="A", family=family, live=False, **texts)
    complete.save_revision()
    untranslated = ProductData.objects.create(sku="B", family=family, title_en="B", live=False)
    untranslated.save_revision()
    listing = reverse("wagtailsnippets_pim_productdata:list_results")
    body = admin_client.get(listing, {"missing_translation": "sv"}).content.decode()
    assert f"/edit/{untranslated.pk}/" in body and f"/edit/{complete.pk}/" not in body
    body = admin_client.get(listing, {"incomplete_for": "display"}).content.decode()
    assert f"/edit/{untranslated.pk}/" in body and f"/edit/{complete.pk}/" in body


# --- Import / export ---------------------------------------------------------------------


def upload(client, name, content, **options):
    data = {"file": SimpleUploadedFile(name, content), "dry_run": "", "publish": ""} | options
    return client.post(reverse("pim_import"), data)


GOOD_CSV = (
    "sku,parent_sku,family,title_en,title_fi,categories,price,attr:width,attr:materials,attr:washable,attr:colour\n"
    "P1,,cushion,Cushion One,Tyyny yksi,Textiles,,50,Linen | Wool,yes,\n"
    "P1-S,P1,,,,,29.90,,,,Sand\n"
    "P1-M,P1,,,,,29.90,,,,Moss\n"
    "P2,,cushion,Cushion Two,,,19.50,40,,no,\n"
)


def test_a_file_with_bad_rows_is_rejected_row_by_row_and_changes_nothing(admin_client, family):
    bad = (
        "sku,parent_sku,family,title_en,categories,price,attr:width,attr:colour\n"
        "B1,,sofa,Unknown family,,10,,\n"
        "B2,,cushion,Bad number,,10,wide,\n"
        "B3,,cushion,,Textiles,10,,\n"
        "B4,,cushion,Unknown category,Garden,10,,\n"
        "B5,,cushion,Bad price,,12.345,,\n"
        "B5-X,B5,,,,10,,Purple\n"
        "B6-X,NOPE,,,,10,,Sand\n"
        "B7,,cushion,Colour on a product with variants,,,,Sand\n"
        "B7-M,B7,,,,10,45,Moss\n"
        "B8,,cushion,A single product has its own colour,,10,,Purple\n"
    )
    response = upload(admin_client, "bad.csv", bad.encode())
    assert response.status_code == 400
    errors = {(e["row"], e["column"]) for e in ImportRun.objects.get().errors}
    assert errors == {
        (2, "family"),
        (3, "attr:width"),
        (4, "title_en"),
        (5, "categories"),
        (6, "price"),
        (7, "attr:colour"),
        (8, "parent_sku"),
        (9, "attr:colour"),
        (10, "attr:width"),
        (11, "attr:colour"),
    }
    body = response.content.decode()
    assert "nothing was changed" in body and "Unknown family" in body
    assert "colour is a variant attribute: set it on each variant row." in body
    assert "width belongs on the product row." in body
    assert not ProductData.objects.exists()


def test_cells_the_database_cannot_hold_are_row_errors_not_a_failed_import(admin_client, family):
    too_long = "x" * 256
    bad = (
        "sku,parent_sku,family,title_en,title_fi,price,member_price,attr:colour\n"
        f"L1,,cushion,{too_long},,10,,Sand\n"
        f"L2,,cushion,Finnish too long,{too_long},10,,Sand\n"
        f"{'L' * 65},,cushion,SKU too long,,10,,Sand\n"
        "L4,,cushion,Price too large,,99999999999,,Sand\n"
        "L5,,cushion,Members pay more,,10,12,Sand\n"
        "L6,,cushion,Variants,,,,\n"
        f"{'V' * 65},L6,,,,10,,Sand\n"
        "L6-M,L6,,,,10,10.01,Moss\n"
    )
    response = upload(admin_client, "bad.csv", bad.encode(), publish="on")
    assert response.status_code == 400
    errors = {(e["row"], e["column"]): e["message"] for e in ImportRun.objects.get().errors}
    assert errors == {
        (2, "title_en"): "At most 255 characters (this has 256).",
        (3, "title_fi"): "At most 255 characters (this has 256).",
        (4, "sku"): "At most 64 characters (this has 65).",
        (5, "price"): "'99999999999' is more than the largest price, 9999999999.99.",
        (6, "member_price"): "The member price cannot be higher than the price.",
        (8, "sku"): "At most 64 characters (this has 65).",
        (9, "member_price"): "The member price cannot be higher than the price.",
    }
    assert not ProductData.objects.exists()


def test_unreadable_files_get_a_clear_error(admin_client, family):
    assert upload(admin_client, "products.txt", b"sku\nX").status_code == 400
    response = upload(admin_client, "products.xlsx", b"not a workbook")
    assert response.status_code == 400 and "not a readable XLSX file" in response.content.decode()
    response = upload(admin_client, "products.csv", b"sku,colour_of_sky\nX,blue")
    assert response.status_code == 400 and "Unknown column" in response.content.decode()
    assert not ProductData.objects.exists()


def test_dry_run_then_import_and_publish(admin_client, family, client):
    response = upload(admin_client, "good.csv", GOOD_CSV.encode(), dry_run="on")
    assert response.status_code == 200 and not ProductData.objects.exists()

    response = upload(admin_client, "good.csv", GOOD_CSV.encode(), publish="on")
    assert response.status_code == 200
    run = ImportRun.objects.filter(dry_run=False).get()
    assert (run.rows, run.created, run.updated, run.skus) == (4, 2, 0, ["P1", "P2"])
    assert run.user is not None
    one = ProductData.objects.get(sku="P1")
    assert one.live and one.attribute_values == {"width": 50, "materials": ["Linen", "Wool"], "washable": True}
    assert [v.sku for v in one.variants.all()] == ["P1-S", "P1-M"]
    assert one.product.children.count() == 2 and one.latest_revision.user == run.user
    assert "Cushion Two" in client.get("/search/", {"q": "cushion"}).content.decode()


def test_export_then_import_changes_nothing_in_csv_and_xlsx(admin_client, family):
    upload(admin_client, "good.csv", GOOD_CSV.encode(), publish="on")
    for file_format in ("csv", "xlsx"):
        exported = admin_client.get(reverse("pim_export"), {"format": file_format})
        assert exported.status_code == 200
        response = upload(admin_client, f"export.{file_format}", exported.content)
        assert response.status_code == 200
        run = ImportRun.objects.latest("pk")
        assert (run.created, run.updated, run.unchanged, run.errors) == (0, 0, 2, [])


def test_export_then_import_of_the_demo_catalogue_changes_nothing(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    admin_client = product_admin_client()
    exported = admin_client.get(reverse("pim_export"), {"format": "csv"})
    response = upload(admin_client, "demo.csv", exported.content)
    run = ImportRun.objects.latest("pk")
    assert response.status_code == 200, run.errors[:5]
    assert (run.created, run.updated, run.unchanged) == (0, 0, ProductData.objects.count())


def test_adopting_an_oscar_catalogue_makes_published_records_once(shop_data):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("pim_adopt_catalogue", stdout=out)
    assert "Families: 3 new" in out.getvalue() and "Done: 3 products adopted." in out.getvalue()
    sofa = ProductData.objects.get(product=shop_data["sofa"])
    assert sofa.live and not sofa.has_unpublished_changes and sofa.variants.count() == 4
    assert [v.attribute_values for v in sofa.variants.all()][0].keys() == {"fabric", "colour"}
    call_command("pim_adopt_catalogue", stdout=out)
    assert "Done: 0 products adopted." in out.getvalue() and ProductData.objects.count() == 3


@pytest.mark.parametrize("role", [None, STORE_STAFF])
def test_only_product_admins_reach_the_pim_and_its_import(client, family, role):
    if role is not None:
        client.force_login(f.UserFactory(groups=[role]))
    for url in (reverse("pim_import"), reverse("pim_export"), add_url()):
        assert client.get(url).status_code in (302, 403)
    response = upload(client, "good.csv", GOOD_CSV.encode())
    assert response.status_code in (302, 403)
    assert not ProductData.objects.exists() and not ImportRun.objects.exists()


# --- Languages and query counts ----------------------------------------------------------


@pytest.fixture
def published(admin_client, family):
    data = create_draft(admin_client, family, **{"action-publish": "on"})
    data.refresh_from_db()
    return data


def test_product_page_and_api_speak_the_shoppers_language_with_fallback(client, published):
    url = published.product.get_absolute_url()
    finnish = client.get(url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Tyyny Kivi" in finnish and "Pehmeä tyyny." in finnish and "Pese 40 asteessa." in finnish
    assert "Leveys" in finnish and 'alt="Hiekanvärinen tyyny"' in finnish
    assert 'data-attr-name="Väri">Hiekka</span>' in finnish  # the variant picker, Sand in Finnish
    swedish = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Cushion Kivi" in swedish and "A soft cushion." in swedish  # no Swedish: English
    assert 'alt="A sand-coloured cushion"' in swedish

    api = f"/api/v1/products/{published.product_id}/"
    body = client.get(api, {"lang": "fi"}).json()
    assert (body["language"], body["title"]) == ("fi", "Tyyny Kivi")
    assert body["content_blocks"] == [{"type": "care", "value": {"text": "Pese 40 asteessa."}}]
    assert {"code": "width", "name": "Leveys", "value": "45", "unit": "cm"} in body["attributes"]
    assert body["gallery"][0]["alt"] == "Hiekanvärinen tyyny" and "width-960" in body["gallery"][0]["srcset"]
    variant_attributes = {v["upc"]: v["attributes"] for v in body["variants"]}
    assert variant_attributes["KIVI-SAND"] == [{"code": "colour", "name": "Väri", "value": "Hiekka"}]
    assert variant_attributes["KIVI-MOSS"] == [{"code": "colour", "name": "Väri", "value": "Sammal"}]
    response = client.get(api, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.json()["title"] == "Cushion Kivi" and response["Content-Language"] == "sv"
    response = client.get(api, {"lang": "de"})
    assert response.status_code == 400 and "lang" in response.json()


def test_product_page_and_api_queries_do_not_grow_with_images_attributes_and_blocks(
    admin_client, client, published, family
):
    def cost(url):
        client.get(url)  # the first view makes the image renditions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    page, api = published.product.get_absolute_url(), f"/api/v1/products/{published.product_id}/"
    before = cost(page), cost(api)

    images = [wagtail_image(f"extra{i}.png") for i in range(3)]
    published.refresh_from_db()
    data = product_form(
        family, base_revision=published.latest_revision_id, record=published, **{"action-publish": "on"}
    )
    data.update(
        nested_form_data(
            {
                "gallery": inline_formset(
                    [{"id": published.gallery.get().pk, "image": images[0].pk, "alt_text": "First", "DELETE": ""}]
                    + [{"image": i.pk, "alt_text": f"Picture {i.pk}"} for i in images[1:]],
                    initial=1,
                ),
                "content": streamfield(
                    [
                        ("care", {"en": "Wash.", "fi": "", "sv": ""}),
                        (
                            "use_cases",
                            list_block([{"en": "Sofa", "fi": "", "sv": ""}, {"en": "Bed", "fi": "", "sv": ""}]),
                        ),
                        (
                            "video",
                            {"url": "https://video.example.com/kivi", "caption": {"en": "How to", "fi": "", "sv": ""}},
                        ),
                    ]
                ),
            }
        )
    )
    assert admin_client.post(edit_url(published), data).status_code == 302
    published.refresh_from_db()
    assert published.gallery.count() == 3 and len(published.content) == 3
    assert (cost(page), cost(api)) == before


# --- Two writers of one product row ------------------------------------------------------


def in_another_connection(action):
    """Runs ``action`` as another request would: in a thread with its own PostgreSQL
    connection, in a transaction committed before this returns. Returns what it returned."""
    outcome = {}

    def run():
        try:
            with transaction.atomic():
                outcome["value"] = action()
        except Exception as error:  # handed to the test's thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def cushion(admin_client, family):
    """A published cushion without variants (its price is on the product row)."""
    single = {"variants": inline_formset([]), "price": "19.90", "member_price": "14.90", "action-publish": "on"}
    data = create_draft(admin_client, family, **single, attr__colour="Sand")
    data.refresh_from_db()
    return data


def approved_review(product, score):
    from reviews.models import ProductReview

    review = ProductReview(product=product, title="Soft", score=score, body="Very soft.", user=f.UserFactory())
    review.status = ProductReview.APPROVED
    review.save()  # Oscar's review save updates the product's rating from the copy it holds
    return review


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rating_update_from_a_copy_loaded_before_a_publish_keeps_what_was_published(cushion):
    stale = Product.objects.get(pk=cushion.product_id)  # e.g. by a review form opened earlier

    def publish():
        draft = ProductData.objects.get(pk=cushion.pk).get_latest_revision_as_object()
        draft.title_en, draft.price, draft.member_price = "Cushion Kivi Grande", Decimal("21.90"), Decimal("17.90")
        draft.save_revision().publish()

    in_another_connection(publish)
    in_another_connection(lambda: approved_review(stale, 4))

    product = Product.objects.get(pk=cushion.product_id)
    assert (product.title, product.price, product.member_price) == (
        "Cushion Kivi Grande",
        Decimal("21.90"),
        Decimal("17.90"),
    )
    assert product.rating == 4.0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_publish_from_a_copy_loaded_before_a_rating_update_keeps_the_rating(cushion):
    data = ProductData.objects.select_related("product").get(pk=cushion.pk)  # holds the product as it was
    in_another_connection(lambda: approved_review(Product.objects.get(pk=cushion.product_id), 5))

    data.title_en = "Cushion Kivi Grande"
    in_another_connection(lambda: services.publish_to_catalogue(data))

    product = Product.objects.get(pk=cushion.product_id)
    assert (product.title, product.rating) == ("Cushion Kivi Grande", 5.0)


def test_links_reach_the_catalogue_once_to_published_products_whenever_those_are_published(published, family):
    def recommended():
        return list(
            ProductRecommendation.objects.filter(primary=published.product)
            .order_by("-ranking")
            .values_list("recommendation__upc", flat=True)
        )

    other = ProductData(sku="OTHER", family=family, title_en="Other", price=Decimal("5.00"), live=False)
    other.save()
    other.save_revision().publish()
    later = ProductData(sku="LATER", family=family, title_en="Later", price=Decimal("6.00"), live=False)
    later.save()
    # A careless admin links one product twice, the product to itself, and one not published yet.
    draft = published.get_latest_revision_as_object()
    draft.links = [ProductLink(target=target) for target in (other, other, published, later)]
    draft.save_revision().publish()
    assert recommended() == ["OTHER"]

    later.save_revision().publish()
    assert recommended() == ["OTHER", "LATER"]
    ProductData.objects.get(pk=later.pk).unpublish()
    assert recommended() == ["OTHER"]
