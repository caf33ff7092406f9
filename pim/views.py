"""The import/export page of the PIM (Wagtail admin). Thin: pim.importexport does the work."""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from catalogue.models import Category
from pim import importexport
from pim.models import Family, ImportRun, ProductData

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and report, change nothing"), required=False, initial=True
    )
    publish = forms.BooleanField(label=_("Publish the imported products"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it."))
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")], initial="csv", label=_("Format"))
    family = forms.ModelChoiceField(Family.objects.all(), required=False, label=_("Family"))
    category = forms.ModelChoiceField(Category.objects.all(), required=False, label=_("Category"))


class ImportView(PermissionRequiredMixin, View):
    permission_required = ("pim.add_productdata", "pim.change_productdata")
    template_name = "pim/import_export.html"

    def get(self, request):
        return self.page(request, ImportForm(), status=200)

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, form, status=400)
        if form.cleaned_data["publish"] and not request.user.has_perm("pim.publish_productdata"):
            form.add_error("publish", _("You may not publish products."))
            return self.page(request, form, status=403)
        upload = form.cleaned_data["file"]
        run = importexport.import_file(
            upload.name,
            upload.read(),
            request.user,
            dry_run=form.cleaned_data["dry_run"],
            publish=form.cleaned_data["publish"],
        )
        return self.page(request, form, run=run, status=200 if run.succeeded else 400)

    def page(self, request, form, run=None, status=200):
        context = {
            "form": form,
            "export_form": ExportForm(),
            "run": run,
            "recent": ImportRun.objects.select_related("user")[:10],
        }
        return render(request, self.template_name, context, status=status)


class ExportView(PermissionRequiredMixin, View):
    permission_required = "pim.view_productdata"

    def get(self, request):
        form = ExportForm(request.GET)
        if not form.is_valid():
            return HttpResponse(str(form.errors.as_text()), status=400, content_type="text/plain")
        products = ProductData.objects.all()
        if form.cleaned_data["family"]:
            products = products.filter(family=form.cleaned_data["family"])
        if form.cleaned_data["category"]:
            products = products.filter(categories=form.cleaned_data["category"])
        file_format = form.cleaned_data["format"]
        response = HttpResponse(
            importexport.export(products, file_format), content_type=importexport.FORMATS[file_format]
        )
        filename = f"products-{timezone.localdate():%Y-%m-%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
