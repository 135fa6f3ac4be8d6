/*
 * Sluice customer widget: paste <script src="https://<sluice>/widget.js"></script> into a page and
 * call Sluice.open({ widgetId, clientSecret, ...create-session fields, onStatus, onClose }).
 * The payment page runs on Sluice's own origin, in an overlay frame or a popup window as the widget
 * says; its options travel by postMessage to that origin only, never in a URL or the page's DOM.
 */
(function () {
  "use strict";
  var SLUICE_ORIGIN = "__SLUICE_ORIGIN__";
  var FIELDS = ["amount", "currency", "network", "currencyAddress", "depositAddress",
    "customerEmail", "customerReference", "metadata"];
  var REFUSALS = {
    domain_not_allowed: "This site is not allowed to take payments with this widget.",
    widget_disabled: "This payment widget is currently disabled.",
    unavailable: "The payment service cannot be reached right now. Please try again later."
  };
  var current = null;

  function open(options) {
    if (!options || typeof options.widgetId !== "string" || typeof options.clientSecret !== "string") {
      throw new TypeError("Sluice.open needs a widgetId and a clientSecret");
    }
    if (current) {
      current.close(false);
    }
    var handle = { closed: false };
    current = handle;
    var onStatus = typeof options.onStatus === "function" ? options.onStatus : function () {};
    var onClose = typeof options.onClose === "function" ? options.onClose : function () {};
    var payload = { widgetId: options.widgetId, clientSecret: options.clientSecret };
    FIELDS.forEach(function (field) {
      if (options[field] !== undefined && options[field] !== null) {
        payload[field] = options[field];
      }
    });
    var overlay = null;
    var overlayClose = null;
    var target = null;
    var popupWatch = null;
    var ready = false;

    handle.close = function (notify) {
      if (handle.closed) {
        return;
      }
      handle.closed = true;
      window.removeEventListener("message", onMessage);
      document.removeEventListener("keydown", onKey);
      if (popupWatch) {
        clearInterval(popupWatch);
      }
      if (overlay && overlay.parentNode) {
        overlay.parentNode.removeChild(overlay);
      }
      if (target && !overlay && !target.closed) {
        target.close();
      }
      if (current === handle) {
        current = null;
      }
      if (notify !== false) {
        onClose();
      }
    };

    function onMessage(event) {
      if (event.origin !== SLUICE_ORIGIN || !target || event.source !== target || !event.data) {
        return;
      }
      var type = event.data.type;
      if (type === "sluice:ready" && !ready) {
        ready = true;
        if (overlayClose) {
          // the page has a close button of its own
          overlayClose.style.display = "none";
        }
        target.postMessage({ type: "sluice:options", options: payload }, SLUICE_ORIGIN);
      } else if (type === "sluice:status" && event.data.session) {
        onStatus(event.data.session);
      } else if (type === "sluice:close") {
        handle.close();
      }
    }

    function onKey(event) {
      if (event.key === "Escape" && overlay) {
        handle.close();
      }
    }

    function shell(labelText) {
      overlay = document.createElement("div");
      overlay.setAttribute("data-sluice-overlay", "");
      overlay.setAttribute("role", "dialog");
      overlay.setAttribute("aria-modal", "true");
      overlay.setAttribute("aria-label", labelText);
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(15,23,42,.55);"
        + "display:flex;align-items:center;justify-content:center;padding:8px;box-sizing:border-box";
      var box = document.createElement("div");
      box.style.cssText = "position:relative;width:100%;max-width:440px;height:100%;max-height:760px;"
        + "background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 10px 40px rgba(0,0,0,.3)";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", "Close payment");
      close.style.cssText = "position:absolute;top:4px;right:4px;z-index:1;border:0;background:#fff;"
        + "font-size:22px;line-height:1;width:36px;height:36px;border-radius:18px;cursor:pointer;color:#111";
      close.addEventListener("click", function () { handle.close(); });
      box.appendChild(close);
      overlayClose = close;
      overlay.appendChild(box);
      document.body.appendChild(overlay);
      document.addEventListener("keydown", onKey);
      return box;
    }

    function refuse(message, inBox) {
      var box = inBox || shell("Payment not available");
      var text = document.createElement("p");
      text.setAttribute("data-sluice-refusal", "");
      text.setAttribute("role", "alert");
      text.textContent = message;
      text.style.cssText = "margin:56px 24px;font:16px/1.5 system-ui,sans-serif;color:#111";
      box.appendChild(text);
    }

    function openPage(renderMode) {
      var url = SLUICE_ORIGIN + "/pay/" + encodeURIComponent(options.widgetId);
      window.addEventListener("message", onMessage);
      if (renderMode === "POPUP") {
        target = window.open(url, "sluice-payment", "popup,width=440,height=760");
        if (!target) {
          refuse("Please allow pop-up windows for this site to pay.");
          return;
        }
        popupWatch = setInterval(function () {
          if (target.closed) {
            handle.close();
          }
        }, 500);
        return;
      }
      var box = shell("Payment");
      var frame = document.createElement("iframe");
      frame.src = url;
      frame.title = "Payment";
      frame.setAttribute("allow", "clipboard-write");
      frame.style.cssText = "border:0;width:100%;height:100%;display:block";
      // A page this site may not frame loads as the browser's error page and never says ready.
      frame.addEventListener("load", function () {
        setTimeout(function () {
          if (!ready && !handle.closed) {
            box.removeChild(frame);
            refuse(REFUSALS.domain_not_allowed, box);
          }
        }, 1500);
      });
      box.appendChild(frame);
      target = frame.contentWindow;
    }

    // The widget's render mode (and whether this site may use it) comes from its configuration.
    fetch(SLUICE_ORIGIN + "/api/v1/widgets/" + encodeURIComponent(options.widgetId) + "/config", {
      headers: { "X-Client-Secret": options.clientSecret },
      credentials: "omit",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      return response.ok ? response.json() : { config: null, reason: "unavailable" };
    }).then(function (answer) {
      if (handle.closed) {
        return;
      }
      if (!answer.config) {
        refuse(REFUSALS[answer.reason] || REFUSALS.unavailable);
        return;
      }
      openPage(answer.config.renderMode);
    }, function () {
      if (!handle.closed) {
        refuse(REFUSALS.unavailable);
      }
    });
    return { close: function () { handle.close(); } };
  }

  window.Sluice = Object.freeze({ open: open });
})();
