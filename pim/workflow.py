"""The review workflow of product data: a product admin submits, another (or the same, in a
small team) approves, and approval publishes. Kept in place after every migrate."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from shop.roles import PRODUCT_ADMINS

WORKFLOW_NAME = "Product review"
TASK_NAME = "Approval by the product team"


def ensure_review_workflow():
    from pim.models import ProductData

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([Group.objects.get(name=PRODUCT_ADMINS)])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(ProductData), defaults={"workflow": workflow}
    )
    return workflow


def on_post_migrate(sender, **kwargs):
    ensure_review_workflow()
