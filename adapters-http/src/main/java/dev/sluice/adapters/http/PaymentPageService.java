package dev.sluice.adapters.http;

import dev.sluice.application.port.in.GetPaymentPage;
import dev.sluice.domain.shared.Violations;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The customer widget (api.md, Customer widget): {@code /widget.js} for merchants' pages, the
 * hosted payment page {@code /pay/{widgetId}} with its script, style sheet and QR codes, and on the
 * embedded default a demo merchant page {@code /demo}. Every page forbids inline script, so a
 * value that slips into the markup can never run.
 */
final class PaymentPageService implements HttpService {
    static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName NOSNIFF_HEADER = HeaderNames.create("X-Content-Type-Options");
    private static final String ORIGIN_PLACEHOLDER = "__SLUICE_ORIGIN__";
    /** What {@code WidgetRules} lets into allowedDomains; anything else never reaches a policy. */
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9.-]+");
    /** A deposit address: 1-128 characters, no whitespace or control characters (as create-session's rule). */
    private static final Pattern QR_TEXT = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";
    private static final Map<String, WebAssets.Asset> PAY_ASSETS = Map.of(
            "pay.js", WebAssets.load("pay.js"),
            "pay.css", WebAssets.load("pay.css"));

    private final Endpoints endpoints;
    private final GetPaymentPage getPage;
    private final Origins origins;
    private final boolean demo;
    private final WebAssets.Asset widgetScriptTemplate = WebAssets.load("widget.js");
    private volatile WebAssets.Asset widgetScript;
    private final WebAssets.Asset payPage = WebAssets.load("pay.html");

    PaymentPageService(Endpoints endpoints, GetPaymentPage getPage, Origins origins, boolean demo) {
        this.endpoints = endpoints;
        this.getPage = getPage;
        this.origins = origins;
        this.demo = demo;
    }

    @Override
    public void routing(HttpRules rules) {
        endpoints.get(rules, "/widget.js", (req, res) -> {
            // a script any merchant page loads: readable across origins, cacheable for a while
            res.header(HeaderNames.create("Cross-Origin-Resource-Policy"), "cross-origin");
            asset(res, widgetScript());
        });
        endpoints.get(rules, "/pay/assets/{name}", (req, res) -> {
            WebAssets.Asset asset = PAY_ASSETS.get(req.path().pathParameters().get("name"));
            if (asset == null) {
                throw HttpProblem.notFound();
            }
            asset(res, asset);
        });
        endpoints.get(rules, "/pay/qr.svg", this::qrCode);
        endpoints.get(rules, "/pay/{widgetId}", this::page);
        if (demo) {
            WebAssets.Asset demoPage = WebAssets.load("demo.html");
            WebAssets.Asset demoScript = WebAssets.load("demo.js");
            endpoints.get(rules, "/demo", (req, res) -> {
                res.header(CSP, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                        + " connect-src 'self'; frame-src " + origins.own() + "; base-uri 'none'; form-action 'none';"
                        + " frame-ancestors 'none'");
                page(res, demoPage);
            });
            endpoints.get(rules, "/demo.js", (req, res) -> asset(res, demoScript));
        }
    }

    /** widget.js knows where the hosted page lives, and the only origin it hands the options to. */
    private WebAssets.Asset widgetScript() {
        WebAssets.Asset script = widgetScript;
        if (script == null) {
            String text = new String(widgetScriptTemplate.bytes(), StandardCharsets.UTF_8)
                    .replace(ORIGIN_PLACEHOLDER, origins.own());
            script = new WebAssets.Asset(widgetScriptTemplate.contentType(), text.getBytes(StandardCharsets.UTF_8));
            widgetScript = script;
        }
        return script;
    }

    private void page(ServerRequest req, ServerResponse res) {
        GetPaymentPage.PaymentPage page = getPage.get(req.path().pathParameters().get("widgetId"));
        res.header(CSP, PAGE_POLICY + frameAncestors(page.allowedDomains()));
        page(res, payPage);
    }

    /**
     * Each allowed domain on http and https, any port; any site when the widget allows every origin.
     * A wildcard entry keeps its wildcard, which CSP reads the same way ({@code *.example.com}).
     */
    static String frameAncestors(List<String> allowedDomains) {
        if (allowedDomains.isEmpty()) {
            return "*";
        }
        String sources = allowedDomains.stream()
                .filter(d -> DOMAIN.matcher(d).matches())
                .flatMap(d -> java.util.stream.Stream.of("https://" + d + ":*", "http://" + d + ":*"))
                .collect(Collectors.joining(" "));
        return sources.isEmpty() ? "'none'" : sources;
    }

    private void qrCode(ServerRequest req, ServerResponse res) {
        String text = req.query().first("text").orElse("");
        Violations violations = new Violations();
        if (!QR_TEXT.matcher(text).matches()) {
            violations.add("text", "invalid_format", "must be 1-128 characters without whitespace or control characters");
        }
        violations.throwIfAny();
        res.header(HeaderNames.CONTENT_TYPE, "image/svg+xml");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
        res.header(NOSNIFF_HEADER, "nosniff");
        res.status(Status.OK_200).send(QrCodes.svg(text).getBytes(StandardCharsets.UTF_8));
    }

    /** A page whose policy depends on data that may change: never cached, never leaking its address. */
    private static void page(ServerResponse res, WebAssets.Asset page) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(NOSNIFF_HEADER, "nosniff");
        res.header(HeaderNames.CONTENT_TYPE, page.contentType());
        res.status(Status.OK_200).send(page.bytes());
    }

    private static void asset(ServerResponse res, WebAssets.Asset asset) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header(NOSNIFF_HEADER, "nosniff");
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.status(Status.OK_200).send(asset.bytes());
    }
}
