import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked: its state lives in the database (shop.checkout.models) so that
    the web shop, the API and Stripe's webhooks share it, and every order is placed by one service
    (shop.checkout.services). The steps: delivery option, address or contact, review and pay."""

    name = "shop.checkout"

    def ready(self):
        super().ready()
        from shop.checkout import views, webhooks  # noqa: F401  (registers the Stripe handlers)

        self.index_view = views.IndexView
        self.delivery_view = views.DeliveryView
        self.details_view = views.DetailsView
        self.payment_view = views.PaymentView
        self.payment_return_view = views.PaymentReturnView
        self.payment_cancel_view = views.PaymentCancelView
        self.thankyou_view = views.ThankYouView

    def get_urls(self):
        urls = [
            path("", self.index_view.as_view(), name="index"),
            path("delivery/", self.delivery_view.as_view(), name="shipping-method"),
            path("details/", self.details_view.as_view(), name="shipping-address"),
            path("payment/", self.payment_view.as_view(), name="payment-details"),
            path("payment/return/", self.payment_return_view.as_view(), name="payment-return"),
            path("payment/cancel/", self.payment_cancel_view.as_view(), name="payment-cancel"),
            path("thank-you/", self.thankyou_view.as_view(), name="thank-you"),
        ]
        return self.post_process_urls(urls)
