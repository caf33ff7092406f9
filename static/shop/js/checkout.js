/*
 * The payment page (checkout step 3). Stripe.js does the two things only it may do: draw the card
 * field and turn the card into a PaymentMethod (production), and ask the bank when it wants
 * 3-D Secure. Everything else is a plain form post to the shop, which works without this file.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-stripe-payment]");
  if (!root) return;
  var status = document.getElementById("payment-status");
  var payForm = document.getElementById("pay-form");

  // One press of Pay: the button waits for the answer (the server refuses a second payment too).
  if (payForm) {
    payForm.addEventListener("submit", function () {
      var button = payForm.querySelector("[data-pay]");
      if (button) window.setTimeout(function () { button.disabled = true; }, 0);
    });
  }
  if (typeof Stripe === "undefined") return;
  var stripe = Stripe(root.dataset.publishableKey);

  // 3-D Secure: Stripe.js shows the bank's check; then the shop asks Stripe how the payment stands.
  var secret = root.dataset.clientSecret;
  var returnForm = document.getElementById("payment-return-form");
  var authenticating = false;
  function authenticate() {
    if (authenticating) return;
    authenticating = true;
    status.textContent = root.dataset.waiting;
    stripe.confirmCardPayment(secret).then(function () {
      returnForm.submit();
    });
  }
  if (secret && returnForm) {
    var button = root.querySelector("[data-authenticate]");
    if (button) button.addEventListener("click", authenticate);
    authenticate();
  }

  // Production: the card field, and its PaymentMethod put into the form before it is sent.
  var cardHost = root.querySelector("[data-card-element]");
  if (cardHost && payForm) {
    var card = stripe.elements().create("card");
    card.mount(cardHost);
    var errors = document.getElementById("card-errors");
    payForm.addEventListener("submit", function (event) {
      var field = payForm.elements.payment_method;
      if (field.value) return;
      event.preventDefault();
      function refused(message) {
        errors.textContent = message;
        payForm.querySelector("[data-pay]").disabled = false;
      }
      stripe.createPaymentMethod({ type: "card", card: card }).then(function (result) {
        if (result.error) return refused(result.error.message);
        field.value = result.paymentMethod.id;
        payForm.submit();
      }, function () {
        refused(root.dataset.cardFailed);
      });
    });
  }
})();
