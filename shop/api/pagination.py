from rest_framework import pagination, serializers
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages with ``count``, ``next`` and ``previous``; clients may ask for up to 100 a page.

    A page or page size that is not a whole number in range is a 400 naming the parameter (DRF
    would quietly use the default size, or answer a junk page with a 404); a page past the last
    stays a 404."""

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def query_integer(self, request, name, **limits):
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            return serializers.IntegerField(**limits).run_validation(raw)
        except ValidationError as error:
            raise ValidationError({name: error.detail})

    def get_page_size(self, request):
        size = self.query_integer(request, self.page_size_query_param, min_value=1, max_value=self.max_page_size)
        return size or self.page_size

    def get_page_number(self, request, paginator):
        return self.query_integer(request, self.page_query_param, min_value=1) or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        limits = {self.page_query_param: {"minimum": 1}, self.page_size_query_param: {"minimum": 1, "maximum": 100}}
        for parameter in parameters:
            parameter["schema"].update(limits.get(parameter["name"], {}))
        return parameters
