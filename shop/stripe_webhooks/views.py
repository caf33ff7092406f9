from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.stripe_webhooks.events import MalformedEvent, verified_event
from shop.stripe_webhooks.models import ProcessedEvent
from shop.stripe_webhooks.registry import handlers_for


@csrf_exempt  # Stripe signs the payload instead; the signature is checked below.
@require_POST
def stripe_webhook(request):
    """Verify a Stripe event, handle it once, and answer 200 (also for types nobody handles, so
    that Stripe stops resending them). A bad, stale or future signature, a malformed envelope and
    an object a handler cannot read get a 400 with the reason, and write nothing."""
    try:
        event = verified_event(request.body, request.headers.get("Stripe-Signature", ""))
    except MalformedEvent as error:
        return JsonResponse({"error": str(error)}, status=400)

    handlers = handlers_for(event.type)
    if not handlers:
        return JsonResponse({"received": event.id, "handled": False})
    try:
        with transaction.atomic():
            ProcessedEvent.objects.create(event_id=event.id, type=event.type, created=event.created)
            for handler in handlers:
                handler(event)
    except MalformedEvent as error:
        return JsonResponse({"error": str(error)}, status=400)
    except IntegrityError:
        # Recorded by an earlier delivery (or a concurrent one that committed first).
        if ProcessedEvent.objects.filter(event_id=event.id).exists():
            return JsonResponse({"received": event.id, "duplicate": True})
        raise
    return JsonResponse({"received": event.id, "handled": True})
