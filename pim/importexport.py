"""Bulk import and export of product data as CSV or XLSX, in one format so that an export
imports back unchanged.

One row per product, followed by one row per variant (``parent_sku`` set). Columns: the
BASE_COLUMNS, then ``attr:<code>`` for each attribute. Categories are full names
("Furniture > Sofas") and multiple choices are separated by `` | ``; yes/no attributes are
``yes`` / ``no``. Export and import read and write a product's latest version (its working copy).

An import first checks every row and reports each error with its row and column; it changes
nothing unless the whole file is valid, and then applies it in one transaction, as a new
revision per changed product made by the importing user (published if asked).
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from openpyxl import Workbook, load_workbook

from catalogue.models import Category, Product
from pim.forms import attribute_field, stored_value
from pim.models import AttributeDefinition, Family, ImportRun, ProductData, Variant

BASE_COLUMNS = [
    "sku",
    "parent_sku",
    "family",
    "title_en",
    "title_fi",
    "title_sv",
    "description_en",
    "description_fi",
    "description_sv",
    "categories",
    "price",
    "member_price",
]
TEXT_COLUMNS = ["title_en", "title_fi", "title_sv", "description_en", "description_fi", "description_sv"]
VARIANT_COLUMNS = {"sku", "parent_sku", "price", "member_price"}
# Columns whose database field has a length limit: a longer cell is a row error, not a failed save.
PRODUCT_LENGTHS = {c: ProductData._meta.get_field(c).max_length for c in ("sku", "title_en", "title_fi", "title_sv")}
ATTR = "attr:"
SEPARATOR = " | "
FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Kind = AttributeDefinition.Kind


# --- Values ------------------------------------------------------------------------------


def format_value(definition, value):
    if value is None:
        return ""
    if definition.kind == Kind.MULTI_CHOICE:
        return SEPARATOR.join(value)
    if definition.kind == Kind.BOOLEAN:
        return "yes" if value else "no"
    return str(value)


def parse_value(definition, raw):
    """Cell text -> stored attribute value, validated by the same field as the admin form."""
    if raw == "":
        return None
    if definition.kind == Kind.MULTI_CHOICE:
        raw = [part.strip() for part in raw.split("|") if part.strip()]
    elif definition.kind == Kind.BOOLEAN:
        lowered = raw.lower()
        if lowered not in ("yes", "no"):
            raise forms.ValidationError("Write yes or no.")
        raw = lowered == "yes"
    return stored_value(attribute_field(definition).clean(raw))


def format_price(value):
    return "" if value is None else f"{value:.2f}"


MAX_PRICE = Decimal("9999999999.99")  # what the price columns hold (12 digits, 2 decimals)


def parse_price(raw):
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise forms.ValidationError(f"{raw!r} is not a number.") from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise forms.ValidationError(f"{raw!r} is not a price (a number >= 0 with at most two decimals).")
    if value > MAX_PRICE:
        raise forms.ValidationError(f"{raw!r} is more than the largest price, {MAX_PRICE}.")
    return value


def _prices(number, values, report):
    """The row's price and member price, each error reported against its column."""
    prices = {}
    for column in ("price", "member_price"):
        try:
            prices[column] = parse_price(values.get(column, ""))
        except forms.ValidationError as error:
            report.error(number, column, error.messages[0])
    price, member_price = prices.get("price"), prices.get("member_price")
    if price is not None and member_price is not None and member_price > price:
        report.error(number, "member_price", "The member price cannot be higher than the price.")
    return prices


def _check_lengths(number, values, columns, report):
    for column, limit in columns.items():
        if len(values.get(column, "")) > limit:
            report.error(number, column, f"At most {limit} characters (this has {len(values[column])}).")


# --- Export ------------------------------------------------------------------------------


def attribute_codes(families):
    codes = []
    for family in families:
        for family_attribute in family.family_attributes.all():
            if family_attribute.attribute.code not in codes:
                codes.append(family_attribute.attribute.code)
    return codes


def product_rows(data, definitions):
    """The rows of one product (its product row, then its variants) as {column: text}."""
    row = {
        "sku": data.sku,
        "parent_sku": "",
        "family": data.family.code,
        **{column: getattr(data, column) or "" for column in TEXT_COLUMNS},
        "categories": SEPARATOR.join(sorted(c.full_name for c in data.categories.all())),
        "price": format_price(data.price),
        "member_price": format_price(data.member_price),
    }
    row.update(
        {ATTR + c: format_value(definitions[c], v) for c, v in data.attribute_values.items() if c in definitions}
    )
    rows = [row]
    for variant in data.variants.all():
        variant_row = {
            "sku": variant.sku,
            "parent_sku": data.sku,
            "price": format_price(variant.price),
            "member_price": format_price(variant.member_price),
        }
        variant_row.update(
            {ATTR + c: format_value(definitions[c], v) for c, v in variant.attribute_values.items() if c in definitions}
        )
        rows.append(variant_row)
    return rows


def export(queryset, file_format):
    """The products of ``queryset`` (latest versions) as a CSV or XLSX file's bytes."""
    products = [p.get_latest_revision_as_object() for p in queryset.select_related("family").order_by("sku")]
    families = Family.objects.filter(pk__in={p.family_id for p in products}).prefetch_related(
        "family_attributes__attribute"
    )
    definitions = {d.code: d for d in AttributeDefinition.objects.all()}
    header = BASE_COLUMNS + [ATTR + code for code in attribute_codes(families)]
    table = [[row.get(column, "") for column in header] for p in products for row in product_rows(p, definitions)]
    if file_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Products"
        sheet.append(header)
        for values in table:
            sheet.append(values)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


# --- Import ------------------------------------------------------------------------------


class FileError(Exception):
    """The file cannot be read at all (wrong type, not CSV/XLSX, no header)."""


def read_table(filename, content):
    """(header, [row dicts]) of a CSV or XLSX file; every value is stripped text."""
    if filename.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise FileError(f"This is not a readable XLSX file ({error.__class__.__name__}).") from None
        lines = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileError("The CSV file is not UTF-8 text.") from None
        lines = list(csv.reader(io.StringIO(text)))
    else:
        raise FileError("Upload a .csv or .xlsx file.")
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise FileError("The file is empty.")
    header = [cell.strip() for cell in lines[0]]
    rows = [
        {column: (line[i].strip() if i < len(line) else "") for i, column in enumerate(header)} for line in lines[1:]
    ]
    return header, rows


@dataclass
class Report:
    rows: int = 0
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def error(self, row, column, message):
        self.errors.append({"row": row, "column": column, "message": str(message)})


@dataclass
class ProductRow:
    number: int
    values: dict
    variants: list = field(default_factory=list)  # [(row number, values)]


def _validate(header, rows, report):
    """Check every row; return the products to write as [(ProductRow, parsed fields)]."""
    definitions = {d.code: d for d in AttributeDefinition.objects.prefetch_related("choices")}
    families = {f.code: f for f in Family.objects.prefetch_related("family_attributes__attribute__choices")}
    categories = {c.full_name: c for c in Category.objects.all()}

    for column in header:
        if column not in BASE_COLUMNS and not (column.startswith(ATTR) and column[len(ATTR) :] in definitions):
            report.error(1, column, "Unknown column.")
    for column in ("sku", "family", "title_en"):
        if column not in header:
            report.error(1, column, "This column is required.")
    if report.errors:
        return []

    products, seen = {}, set()
    for number, values in enumerate(rows, start=2):
        sku = values.get("sku", "")
        if not sku:
            report.error(number, "sku", "Every row needs a SKU.")
            continue
        if sku in seen:
            report.error(number, "sku", f"SKU {sku} appears twice in the file.")
            continue
        seen.add(sku)
        parent_sku = values.get("parent_sku", "")
        if parent_sku:
            if parent_sku not in products:
                report.error(number, "parent_sku", f"No product row with SKU {parent_sku} above this variant.")
                continue
            products[parent_sku].variants.append((number, values))
        else:
            products[sku] = ProductRow(number, values)

    parsed = []
    for product in products.values():
        values, number = product.values, product.number
        family = families.get(values.get("family", ""))
        if family is None:
            report.error(number, "family", f"Unknown family {values.get('family', '')!r}.")
            continue
        if not values.get("title_en"):
            report.error(number, "title_en", "The English title is required.")
        _check_lengths(number, values, PRODUCT_LENGTHS, report)
        fields = {column: values.get(column, "") for column in TEXT_COLUMNS}
        fields["family"] = family
        fields["categories"] = []
        for name in filter(None, (n.strip() for n in values.get("categories", "").split("|"))):
            if name in categories:
                fields["categories"].append(categories[name])
            else:
                report.error(number, "categories", f"Unknown category {name!r}.")
        fields.update(_prices(number, values, report))
        axis = {fa.attribute.code for fa in family.family_attributes.all() if fa.is_variant_axis}
        own = {fa.attribute.code for fa in family.family_attributes.all()}
        if product.variants:  # else the product carries the variant-axis attributes itself
            own -= axis
        fields["attribute_values"] = _attributes(
            number, values, definitions, own, family, report, "%s is a variant attribute: set it on each variant row."
        )
        fields["variants"] = []
        for variant_number, variant_values in product.variants:
            for column, value in variant_values.items():
                if value and column not in VARIANT_COLUMNS and not column.startswith(ATTR):
                    report.error(variant_number, column, "Variants take only sku, parent_sku, prices and attributes.")
            _check_lengths(variant_number, variant_values, {"sku": PRODUCT_LENGTHS["sku"]}, report)
            variant = {"sku": variant_values["sku"], **_prices(variant_number, variant_values, report)}
            if variant.get("price", 0) is None:
                report.error(variant_number, "price", "A variant needs a price.")
            variant["attribute_values"] = _attributes(
                variant_number, variant_values, definitions, axis, family, report, "%s belongs on the product row."
            )
            fields["variants"].append(variant)
        parsed.append((product, fields))
    _check_taken_skus(parsed, report)
    return parsed


def _check_taken_skus(parsed, report):
    """A SKU already used in the catalogue must belong to the same product (or its variants)."""
    owners = {p.sku: p.product_id for p in ProductData.objects.filter(sku__in=[pr.values["sku"] for pr, _ in parsed])}
    rows = [
        (number, sku, owners.get(product.values["sku"]))
        for product, _fields in parsed
        for number, sku in [(product.number, product.values["sku"])] + [(n, v["sku"]) for n, v in product.variants]
    ]
    used = {
        p["upc"]: p
        for p in Product.objects.filter(upc__in=[sku for _, sku, _ in rows]).values("upc", "pk", "parent_id")
    }
    for number, sku, owner in rows:
        product = used.get(sku)
        if product and (owner is None or owner not in (product["pk"], product["parent_id"])):
            report.error(number, "sku", f"SKU {sku} belongs to another product.")


def _attributes(number, values, definitions, allowed, family, report, misplaced):
    result = {}
    for column, raw in values.items():
        if not column.startswith(ATTR) or raw == "":
            continue
        code = column[len(ATTR) :]
        if code not in allowed:
            in_family = any(fa.attribute.code == code for fa in family.family_attributes.all())
            report.error(number, column, misplaced % code if in_family else f"{code} is not in family {family.code}.")
            continue
        try:
            value = parse_value(definitions[code], raw)
        except forms.ValidationError as error:
            report.error(number, column, " ".join(error.messages))
            continue
        if value is not None:
            result[code] = value
    return result


def _apply(data, fields):
    for column in TEXT_COLUMNS:
        setattr(data, column, fields[column])
    data.family = fields["family"]
    data.price, data.member_price = fields["price"], fields["member_price"]
    data.attribute_values = fields["attribute_values"]
    data.categories = fields["categories"]
    existing = {v.sku: v for v in data.variants.all()}
    variants = []
    for order, values in enumerate(fields["variants"]):
        variant = existing.get(values["sku"]) or Variant(sku=values["sku"])
        variant.price, variant.member_price = values["price"], values["member_price"]
        variant.attribute_values = values["attribute_values"]
        variant.sort_order = order
        variants.append(variant)
    data.variants = variants


def import_file(filename, content, user, dry_run=True, publish=False):
    """Check (and unless ``dry_run``, apply) a file; returns the ImportRun recording it."""
    report = Report()
    try:
        header, rows = read_table(filename, content)
    except FileError as error:
        report.error(1, "", error)
        rows = []
    else:
        report.rows = len(rows)
        parsed = _validate(header, rows, report)
        if not report.errors and not dry_run:
            with transaction.atomic():
                _write(parsed, user, publish, report)
    return ImportRun.objects.create(
        user=user,
        filename=filename[:255],
        dry_run=dry_run,
        rows=report.rows,
        created=len(report.created),
        updated=len(report.updated),
        unchanged=report.unchanged,
        errors=report.errors,
        skus=report.created + report.updated,
    )


def _write(parsed, user, publish, report):
    definitions = {d.code: d for d in AttributeDefinition.objects.all()}
    existing = {p.sku: p for p in ProductData.objects.filter(sku__in=[product.values["sku"] for product, _ in parsed])}
    for product, fields in parsed:
        sku = product.values["sku"]
        record = existing.get(sku)
        if record is None:
            data = ProductData(sku=sku)
            _apply(data, fields)
            data.live = False
            data.save()
            report.created.append(sku)
        else:
            data = record.get_latest_revision_as_object()
            before = product_rows(data, definitions)
            _apply(data, fields)
            if product_rows(data, definitions) == before:
                report.unchanged += 1
                continue
            report.updated.append(sku)
        revision = data.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
