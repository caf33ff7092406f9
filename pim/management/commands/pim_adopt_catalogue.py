from django.core.management.base import BaseCommand

from pim.adoption import adopt_catalogue


class Command(BaseCommand):
    help = (
        "Bring the products already in Oscar's catalogue under the PIM: families from product classes, "
        "attribute definitions from attributes, a published product record per browsable product. "
        "Products already in the PIM are left alone, so it can run again after more were added in Oscar."
    )

    def handle(self, *args, **options):
        adopted = adopt_catalogue(progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Done: {adopted.products} products adopted."))
