(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }
  function log(text) {
    var item = document.createElement("li");
    item.textContent = text;
    $("log").appendChild(item);
  }
  document.addEventListener("DOMContentLoaded", function () {
    $("shop").addEventListener("submit", function (event) {
      event.preventDefault();
      var options = {
        widgetId: $("widget-id").value.trim(),
        clientSecret: $("widget-secret").value.trim(),
        currency: "USDC",
        network: "polygon",
        depositAddress: $("deposit-address").value.trim() || undefined,
        customerReference: "demo-order-" + Date.now(),
        onStatus: function (session) { log(session.id + ": " + session.paymentStatus); },
        onClose: function () { log("widget closed"); }
      };
      if ($("amount").value.trim()) {
        options.amount = $("amount").value.trim();
      }
      Sluice.open(options);
    });
  });
})();
