package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.domain.shared.RandomTokens;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetDraft;
import dev.sluice.domain.widget.WidgetField;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Payments as customers make them: several transactions, top-ups, overpayment, tolerance, test mode. */
@ServerTest
class PaymentsTest {
    private static final TestApp APP = new TestApp();

    private final Http http;

    PaymentsTest(Http1Client client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        APP.register(routing);
    }

    private record Session(String business, String id, String secret) {
    }

    private Session session(Consumer<WidgetDraft.Builder> widgetSettings) {
        String business = RandomTokens.id("biz_");
        Widget.Issued widget = APP.widget(business, widgetSettings);
        JsonNode created = http.post("/api/v1/widgets/" + widget.widget().id().value() + "/create-session")
                .secret(widget.clientSecret()).json("""
                        {"amount":"100","currency":"USDC","network":"polygon","currencyAddress":"",
                         "depositAddress":"0xD"}""").send().json();
        return new Session(business, created.get("id").asString(), created.get("clientSecret").asString());
    }

    private Session session() {
        return session(draft -> { });
    }

    private JsonNode observe(Session session, String kind, String txId, String amount) {
        Http.Reply reply = http.post("/api/v1/deposit-sessions/" + session.id() + "/observations")
                .bearer(APP.tokens.processor())
                .json("{\"observationId\":\"" + RandomTokens.id("obs_") + "\",\"kind\":\"" + kind + "\",\"txId\":\""
                        + txId + "\"" + (amount == null ? "" : ",\"amountReceived\":\"" + amount + "\"") + "}")
                .send();
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private List<String> eventTypes(Session session) {
        JsonNode data = http.get("/api/v1/businesses/" + session.business() + "/events")
                .bearer(APP.tokens.business(session.business())).send().json().get("data");
        List<String> types = new ArrayList<>();
        data.forEach(event -> types.add(event.get("type").asString()));
        return types;
    }

    private static List<String> txIds(JsonNode session) {
        List<String> ids = new ArrayList<>();
        session.get("payments").forEach(p -> ids.add(p.get("txId").asString()));
        return ids;
    }

    @Test
    void twoTransactionsThatAddUpConfirmTheSessionWithBothListed() {
        Session session = session();
        observe(session, "DETECTED", "0xa", null);
        observe(session, "DETECTED", "0xb", null);
        observe(session, "CONFIRMED", "0xa", "60");
        JsonNode paid = observe(session, "CONFIRMED", "0xb", "40.00");

        assertEquals("CONFIRMED", paid.get("paymentStatus").asString());
        assertEquals(List.of("0xa", "0xb"), txIds(paid));
        assertEquals("100.00", paid.get("amountReceived").asString());
        assertEquals("0", paid.get("amountDue").asString());
        assertEquals("0xa", paid.get("txId").asString());
        JsonNode second = paid.get("payments").get(1);
        assertEquals(List.of("txId", "amount", "confirmations", "status", "firstSeenAt", "confirmedAt"),
                new ArrayList<>(second.propertyNames()));
        assertEquals("40.00", second.get("amount").asString());
        assertEquals("CONFIRMED", second.get("status").asString());
        assertTrue(second.get("confirmedAt").isString());

        JsonNode read = http.get("/api/v1/widgets/deposit-sessions/" + session.id()).secret(session.secret()).send()
                .json();
        assertEquals(List.of("0xa", "0xb"), txIds(read), "the customer sees both payments too");
    }

    @Test
    void aShortPaymentThenATopUpIsUnderpaidPendingThenConfirmedWithThreeEvents() {
        Session session = session();
        JsonNode underpaid = observe(session, "CONFIRMED", "0xa", "70");
        assertEquals("UNDERPAID", underpaid.get("paymentStatus").asString());
        assertEquals("30", underpaid.get("amountDue").asString());
        assertEquals("PENDING", observe(session, "DETECTED", "0xb", null).get("paymentStatus").asString());
        JsonNode confirmed = observe(session, "CONFIRMED", "0xb", "30");

        assertEquals("CONFIRMED", confirmed.get("paymentStatus").asString());
        assertEquals("100", confirmed.get("amountReceived").asString());
        assertEquals(List.of("deposit.created", "deposit.underpaid", "deposit.pending", "deposit.confirmed"),
                eventTypes(session));
    }

    @Test
    void aSecondPaymentOnAConfirmedSessionMakesItOverpaid() {
        Session session = session();
        observe(session, "CONFIRMED", "0xa", "100");
        assertEquals("CONFIRMED", observe(session, "DETECTED", "0xb", null).get("paymentStatus").asString(),
                "a payment seen on a paid session changes nothing until it confirms");
        JsonNode overpaid = observe(session, "CONFIRMED", "0xb", "5");

        assertEquals("OVERPAID", overpaid.get("paymentStatus").asString());
        assertEquals("105", overpaid.get("amountReceived").asString());
        assertEquals("0", overpaid.get("amountDue").asString());
        assertEquals(List.of("deposit.created", "deposit.confirmed", "deposit.overpaid"), eventTypes(session));
    }

    @Test
    void withOnePercentToleranceNinetyNineAndAHalfOfAHundredConfirms() {
        Session session = session(draft -> draft.set(WidgetField.PAYMENT_TOLERANCE_PERCENT, "1"));
        JsonNode confirmed = observe(session, "CONFIRMED", "0xa", "99.5");

        assertEquals("CONFIRMED", confirmed.get("paymentStatus").asString());
        assertEquals("99.5", confirmed.get("amountReceived").asString());
        assertEquals("0.5", confirmed.get("amountDue").asString());
    }

    @Test
    void whatAPaymentCannotDoIs409AndCountsNothing() {
        Session session = session();
        observe(session, "CONFIRMED", "0xa", "60");
        Http.Reply again = http.post("/api/v1/deposit-sessions/" + session.id() + "/observations")
                .bearer(APP.tokens.processor())
                .json("{\"observationId\":\"obs_again_" + session.id() + "\",\"kind\":\"CONFIRMED\",\"txId\":\"0xa\","
                        + "\"amountReceived\":\"90\"}").send();

        assertEquals(409, again.status(), again.body());
        assertEquals("invalid_transition", again.code());
        JsonNode read = http.get("/api/v1/widgets/deposit-sessions/" + session.id()).secret(session.secret()).send()
                .json();
        assertEquals("60", read.get("amountReceived").asString());
    }

    private Http.Call simulate(Session session) {
        return http.post("/api/v1/widgets/deposit-sessions/" + session.id() + "/simulate-payment");
    }

    @Test
    void simulatePaymentDrivesATestSessionToConfirmed() {
        Session session = session(draft -> draft.set(WidgetField.TEST_MODE, true));

        Http.Reply detected = simulate(session).secret(session.secret())
                .json("{\"amount\":\"100\",\"outcome\":\"DETECTED\"}").send();
        Http.Reply confirmed = simulate(session).bearer(APP.tokens.business(session.business()))
                .json("{\"amount\":\"100\",\"outcome\":\"CONFIRMED\"}").send();

        assertEquals(200, detected.status(), detected.body());
        assertEquals("PENDING", detected.json().get("paymentStatus").asString());
        assertTrue(detected.json().get("testMode").asBoolean());
        assertTrue(detected.json().get("txId").asString().startsWith("test_"));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals("CONFIRMED", confirmed.json().get("paymentStatus").asString());
        assertTrue(confirmed.json().has("customerReference"), "the business gets the full view");
        assertEquals(2, confirmed.json().get("payments").size());
        JsonNode events = http.get("/api/v1/businesses/" + session.business() + "/events")
                .bearer(APP.tokens.business(session.business())).send().json().get("data");
        events.forEach(event -> assertTrue(event.get("data").get("testMode").asBoolean()));
    }

    @Test
    void simulatePaymentOnALiveWidgetIs409NotTestModeAndChangesNothing() {
        Session session = session();

        Http.Reply reply = simulate(session).secret(session.secret())
                .json("{\"amount\":\"100\",\"outcome\":\"CONFIRMED\"}").send();

        assertEquals(409, reply.status(), reply.body());
        assertEquals("not_test_mode", reply.code());
        JsonNode read = http.get("/api/v1/widgets/deposit-sessions/" + session.id()).secret(session.secret()).send()
                .json();
        assertEquals("CREATED", read.get("paymentStatus").asString());
        assertEquals(0, read.get("payments").size());
        assertEquals(List.of("deposit.created"), eventTypes(session));
    }

    @Test
    void simulatePaymentChecksItsCredentialAndBody() {
        Session session = session(draft -> draft.set(WidgetField.TEST_MODE, true));

        Http.Reply bad = simulate(session).secret(session.secret())
                .json("{\"amount\":100,\"outcome\":\"LOST\",\"txId\":\"0x1\"}").send();
        Http.Reply missingAmount = simulate(session).secret(session.secret()).json("{\"outcome\":\"CONFIRMED\"}")
                .send();

        assertEquals(400, bad.status(), bad.body());
        assertEquals(Set.of("amount:invalid_type", "outcome:invalid_value", "txId:unknown_field"),
                CreateSessionTest.violations(bad.json()));
        assertEquals(Set.of("amount:required"), CreateSessionTest.violations(missingAmount.json()));
        assertEquals(401, simulate(session).secret("dep_secret_wrong").json("{\"outcome\":\"FAILED\"}").send()
                .status());
        assertEquals(404, simulate(session).bearer(APP.tokens.business("biz_stranger"))
                .json("{\"outcome\":\"FAILED\"}").send().status());
    }
}
