/*
 * The hosted payment page. It says "sluice:ready" to the page that opened it, takes the options
 * from that page's answer (remembering the browser-set event.origin as the embedder), and from
 * then on talks only to that origin. Every API call names the embedder in
 * X-Sluice-Embedder-Origin, against which Sluice checks the widget's allowed domains.
 */
(function () {
  "use strict";
  var API = "/api/v1/widgets/";
  var STATUS_TEXT = {
    CREATED: "Waiting for your payment",
    PENDING: "Payment seen, waiting for confirmation",
    CONFIRMED: "Payment confirmed",
    OVERPAID: "Payment confirmed (more than the amount due)",
    UNDERPAID: "Partly paid",
    FAILED: "The payment failed",
    EXPIRED: "This payment session has expired"
  };
  var REFUSALS = {
    domain_not_allowed: "This site is not allowed to take payments with this widget.",
    widget_disabled: "This payment widget is currently disabled.",
    unauthorized: "This payment widget is not available.",
    not_found: "This payment widget is not available.",
    no_opener: "Open this page with the shop's payment button.",
    unavailable: "The payment service cannot be reached right now. Please try again later."
  };

  var widgetId = decodeURIComponent(location.pathname.split("/").pop());
  var target = window.opener || (window.parent !== window ? window.parent : null);
  var inFrame = window.parent !== window;
  var embedder = null;
  var options = null;
  var config = null;
  var session = null;
  var sessionSecret = null;
  var lastSequence = -1;
  var stream = null;
  var countdown = null;
  var finished = false;

  function $(id) { return document.getElementById(id); }

  function show(id) {
    ["loading", "refusal", "form", "payment", "done"].forEach(function (section) {
      $(section).hidden = section !== id;
    });
  }

  function post(message) {
    if (target && embedder) {
      target.postMessage(message, embedder);
    }
  }

  function refuse(reason) {
    $("refusal-text").textContent = REFUSALS[reason] || REFUSALS.unavailable;
    show("refusal");
  }

  function headers(secret, json) {
    var h = { "X-Client-Secret": secret, "X-Sluice-Embedder-Origin": embedder };
    if (json) {
      h["Content-Type"] = "application/json";
    }
    return h;
  }

  function call(method, path, secret, body) {
    return fetch(path, {
      method: method,
      headers: headers(secret, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, body: json };
      });
    });
  }

  // ---- start: the options message ------------------------------------------------------------

  function onMessage(event) {
    if (embedder !== null || event.source !== target || !event.data || event.data.type !== "sluice:options") {
      return;
    }
    var given = event.data.options;
    if (!given || typeof given.clientSecret !== "string" || given.widgetId !== widgetId) {
      return;
    }
    embedder = event.origin;
    options = given;
    window.removeEventListener("message", onMessage);
    loadConfig();
  }

  function loadConfig() {
    call("GET", API + encodeURIComponent(widgetId) + "/config", options.clientSecret).then(function (answer) {
      if (answer.status !== 200) {
        refuse(answer.body && answer.body.code);
        return;
      }
      if (!answer.body.config) {
        refuse(answer.body.reason);
        return;
      }
      config = answer.body.config;
      $("title").textContent = (config.emoji ? config.emoji + " " : "") + config.name;
      $("test-mode").hidden = config.testMode !== true;
      buildForm();
    }, function () { refuse("unavailable"); });
  }

  // ---- the form: what the options leave open ---------------------------------------------------

  var chosen = {};

  function given(field) {
    var value = options[field];
    return value === undefined || value === null || value === "" ? null : value;
  }

  function choice(field, allowed, preferred) {
    var fixed = given(field);
    if (fixed !== null) {
      chosen[field] = fixed;
      return;
    }
    var list = allowed || [];
    if (list.length === 1) {
      chosen[field] = list[0];
      return;
    }
    if (list.length === 0 && preferred) {
      chosen[field] = preferred;
      return;
    }
    var select = $(field);
    var values = list.length ? list : [];
    if (!values.length) {
      // nothing to choose from: a free text field in place of the list
      var input = document.createElement("input");
      input.id = field;
      input.name = field;
      input.autocomplete = "off";
      input.setAttribute("aria-describedby", field + "-error");
      select.parentNode.replaceChild(input, select);
    } else {
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        option.selected = value === preferred;
        select.appendChild(option);
      });
    }
    $(field + "-field").hidden = false;
    chosen[field] = undefined;
  }

  function buildForm() {
    var amount = given("amount") || (config.mode === "FIXED_AMOUNT" ? config.minAmount : null);
    if (amount !== null) {
      chosen.amount = amount;
    } else {
      $("amount-field").hidden = false;
      $("amount-hint").textContent = range();
      chosen.amount = undefined;
    }
    choice("currency", config.allowedCurrencies, config.defaultCurrency);
    choice("network", config.allowedNetworks, config.defaultNetwork);
    choice("depositAddress", config.allowedDepositAddresses, config.defaultDepositAddress);
    var open = ["amount", "currency", "network", "depositAddress"].some(function (f) { return chosen[f] === undefined; });
    if (!open) {
      createSession();
      return;
    }
    show("form");
    var first = document.querySelector("#form .field:not([hidden]) input, #form .field:not([hidden]) select");
    if (first) {
      first.focus();
    }
  }

  function range() {
    if (config.minAmount && config.maxAmount) {
      return "Between " + config.minAmount + " and " + config.maxAmount;
    }
    if (config.minAmount) {
      return "At least " + config.minAmount;
    }
    return config.maxAmount ? "At most " + config.maxAmount : "";
  }

  function draft() {
    var body = {};
    ["amount", "currency", "network", "depositAddress"].forEach(function (field) {
      body[field] = chosen[field] !== undefined ? chosen[field] : $(field).value.trim();
    });
    body.currencyAddress = given("currencyAddress") !== null ? options.currencyAddress
      : (config.defaultCurrencyAddress || "");
    ["customerEmail", "customerReference", "metadata"].forEach(function (field) {
      if (given(field) !== null) {
        body[field] = options[field];
      }
    });
    return body;
  }

  function clearErrors() {
    Array.prototype.forEach.call(document.querySelectorAll("#form .error"), function (p) { p.textContent = ""; });
    Array.prototype.forEach.call(document.querySelectorAll("#form [aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function showErrors(problem) {
    var general = [];
    (problem.errors || []).forEach(function (error) {
      var field = error.field.split("/")[0];
      var place = $(field + "-error");
      if (place && !$(field + "-field").hidden) {
        place.textContent = error.message;
        $(field).setAttribute("aria-invalid", "true");
      } else {
        general.push(error.field + ": " + error.message);
      }
    });
    if (!(problem.errors || []).length) {
      general.push(problem.detail || "Something went wrong. Please try again.");
    }
    $("form-error").textContent = general.join(" ");
    show("form");
    var invalid = document.querySelector("#form [aria-invalid=true]");
    (invalid || $("submit")).focus();
  }

  function createSession() {
    clearErrors();
    $("submit").disabled = true;
    call("POST", API + encodeURIComponent(widgetId) + "/create-session", options.clientSecret, draft())
      .then(function (answer) {
        $("submit").disabled = false;
        if (answer.status === 201) {
          sessionSecret = answer.body.clientSecret;
          delete answer.body.clientSecret;
          showPayment(answer.body);
          follow();
        } else if (answer.body && (answer.body.code === "domain_not_allowed" || answer.body.code === "widget_disabled")) {
          refuse(answer.body.code);
        } else if (answer.body && answer.body.code === "validation_failed") {
          showErrors(answer.body);
        } else {
          showErrors({ detail: REFUSALS.unavailable });
        }
      }, function () {
        $("submit").disabled = false;
        showErrors({ detail: REFUSALS.unavailable });
      });
  }

  // ---- the payment screen ------------------------------------------------------------------------

  function showPayment(created) {
    session = created;
    $("pay-amount").textContent = created.amount;
    $("pay-currency").textContent = created.currency;
    $("pay-network").textContent = created.network;
    $("pay-address").textContent = created.depositAddress;
    $("qr").src = "/pay/qr.svg?text=" + encodeURIComponent(created.depositAddress);
    $("simulate").hidden = !(config.testMode === true);
    render(created);
    show("payment");
    tick();
    countdown = setInterval(tick, 1000);
    $("pay-heading").focus();
  }

  function tick() {
    var left = Math.max(0, Date.parse(session.expiresAt) - Date.now());
    var minutes = Math.floor(left / 60000);
    var seconds = Math.floor(left / 1000) % 60;
    $("countdown").textContent = left > 0 ? minutes + ":" + (seconds < 10 ? "0" : "") + seconds : "0:00";
    if (left === 0 && session.paymentStatus === "CREATED") {
      clearInterval(countdown);
      // reading a due session expires it, and the stream then reports it
      call("GET", API + "deposit-sessions/" + encodeURIComponent(session.id), sessionSecret);
    }
  }

  function render(current) {
    session = current;
    var status = current.paymentStatus;
    $("status").textContent = STATUS_TEXT[status] || status;
    var due = $("due");
    if (status === "UNDERPAID") {
      due.hidden = false;
      due.textContent = "Still due: " + amountDue(current) + " " + current.currency;
    } else {
      due.hidden = true;
    }
    $("cancel").hidden = !(status === "CREATED" || status === "PENDING");
    if (status === "CONFIRMED" || status === "OVERPAID") {
      finish("Thank you!", STATUS_TEXT[status] + ".", config.successUrl);
    } else if (status === "EXPIRED" || status === "FAILED") {
      finish(status === "FAILED" ? "Payment failed" : "Payment ended",
        current.cancelledAt || status === "EXPIRED" ? STATUS_TEXT.EXPIRED + "." : STATUS_TEXT.FAILED + ".", null);
    } else if (finished) {
      finished = false;
      show("payment");
    }
  }

  function finish(heading, text, url) {
    finished = true;
    $("done-heading").textContent = heading;
    $("done-text").textContent = text;
    var link = $("success-link");
    link.hidden = !url;
    if (url) {
      link.href = url;
      link.target = inFrame ? "_top" : "_self";
    }
    show("done");
  }

  /** amount - amountReceived on decimal strings, exactly (BigInt), never below 0. */
  function amountDue(s) {
    if (typeof s.amountDue === "string") {
      return s.amountDue;
    }
    var a = decimal(s.amount);
    var r = decimal(s.amountReceived || "0");
    var scale = Math.max(a.scale, r.scale);
    var diff = a.units * 10n ** BigInt(scale - a.scale) - r.units * 10n ** BigInt(scale - r.scale);
    if (diff < 0n) {
      diff = 0n;
    }
    var digits = diff.toString().padStart(scale + 1, "0");
    return scale ? digits.slice(0, -scale) + "." + digits.slice(-scale) : digits;
  }

  function decimal(text) {
    var parts = text.split(".");
    var fraction = parts[1] || "";
    return { units: BigInt(parts[0] + fraction), scale: fraction.length };
  }

  function update(next) {
    if (next.paymentStatus === undefined) {
      return;
    }
    render(next);
    post({ type: "sluice:status", session: next });
  }

  // ---- the status stream ------------------------------------------------------------------------

  function follow() {
    if (stream) {
      return;
    }
    stream = { retry: 1000 };
    connect();
  }

  function connect() {
    var h = headers(sessionSecret, false);
    h.Accept = "text/event-stream";
    if (lastSequence >= 0) {
      h["Last-Event-ID"] = String(lastSequence);
    }
    var controller = new AbortController();
    stream.controller = controller;
    fetch(API + "deposit-sessions/" + encodeURIComponent(session.id) + "/status-stream", {
      headers: h, credentials: "omit", cache: "no-store", signal: controller.signal
    }).then(function (response) {
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        return null;
      }
      if (!response.ok || !response.body) {
        var after = Number(response.headers.get("Retry-After"));
        stream.retry = after > 0 ? after * 1000 : stream.retry;
        throw new Error("status stream " + response.status);
      }
      stream.retry = 1000;
      return read(response.body.getReader());
    }).then(function (end) {
      if (end !== null) {
        reconnect();
      }
    }, reconnect);
  }

  function reconnect() {
    if (!stream || stream.stopped) {
      return;
    }
    setTimeout(connect, stream.retry);
    stream.retry = Math.min(stream.retry * 2, 30000);
  }

  function read(reader) {
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return undefined;
        }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
        var end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        return pump();
      });
    }
    return pump();
  }

  function dispatch(block) {
    var event = "message";
    var id = null;
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line === "" || line.charAt(0) === ":") {
        return;
      }
      var colon = line.indexOf(":");
      var name = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (name === "event") { event = value; }
      else if (name === "id") { id = value; }
      else if (name === "data") { data.push(value); }
    });
    if (event !== "status" || !data.length) {
      return;
    }
    var sequence = Number(id);
    if (sequence <= lastSequence) {
      return;
    }
    lastSequence = sequence;
    update(JSON.parse(data.join("\n")));
  }

  // ---- leaving --------------------------------------------------------------------------------

  function stop() {
    if (stream) {
      stream.stopped = true;
      if (stream.controller) {
        stream.controller.abort();
      }
    }
    clearInterval(countdown);
  }

  function close() {
    stop();
    post({ type: "sluice:close" });
    if (!inFrame && window.opener) {
      window.close();
    }
  }

  /** Leads the customer's shop window to url: the top page around the frame, or the popup's opener. */
  function leaveTo(url) {
    stop();
    post({ type: "sluice:close" });
    try {
      if (inFrame) {
        window.top.location.href = url;
      } else if (window.opener) {
        window.opener.location.href = url;
        window.close();
      } else {
        location.href = url;
      }
    } catch (e) {
      location.href = url;
    }
  }

  function cancel() {
    $("cancel").disabled = true;
    call("POST", API + "deposit-sessions/" + encodeURIComponent(session.id) + "/cancel-session", sessionSecret, undefined)
      .then(function (answer) {
        $("cancel").disabled = false;
        if (answer.status !== 200) {
          $("status").textContent = answer.body && answer.body.detail ? answer.body.detail : REFUSALS.unavailable;
          return null;
        }
        return call("GET", API + "deposit-sessions/" + encodeURIComponent(session.id), sessionSecret);
      })
      .then(function (read) {
        if (!read) {
          return;
        }
        if (read.status === 200) {
          update(read.body);
        }
        if (config.cancelUrl) {
          leaveTo(config.cancelUrl);
        } else {
          close();
        }
      }, function () { $("cancel").disabled = false; });
  }

  function simulate() {
    $("simulate").disabled = true;
    call("POST", API + "deposit-sessions/" + encodeURIComponent(session.id) + "/simulate-payment", sessionSecret,
      { amount: session.amount, outcome: "CONFIRMED" })
      .then(function () { $("simulate").disabled = false; }, function () { $("simulate").disabled = false; });
  }

  function copyAddress() {
    var address = $("pay-address").textContent;
    var done = function () { $("copied").textContent = "Address copied."; };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents($("pay-address"));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      $("copied").textContent = document.execCommand("copy") ? "Address copied." : "Press Ctrl+C to copy the address.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(address).then(done, fallback);
    } else {
      fallback();
    }
  }

  // ---- wiring ---------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", function () {
    $("pay-heading").tabIndex = -1;
    $("form").addEventListener("submit", function (event) {
      event.preventDefault();
      createSession();
    });
    $("form-cancel").addEventListener("click", function () {
      if (config && config.cancelUrl) {
        leaveTo(config.cancelUrl);
      } else {
        close();
      }
    });
    $("close").addEventListener("click", close);
    $("done-close").addEventListener("click", close);
    $("cancel").addEventListener("click", cancel);
    $("simulate").addEventListener("click", simulate);
    $("copy").addEventListener("click", copyAddress);
    $("success-link").addEventListener("click", function (event) {
      if (!inFrame && window.opener) {
        event.preventDefault();
        leaveTo($("success-link").href);
      }
    });
    if (!target) {
      refuse("no_opener");
      return;
    }
    window.addEventListener("message", onMessage);
    target.postMessage({ type: "sluice:ready" }, "*");
  });
})();
