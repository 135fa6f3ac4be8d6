package dev.sluice.adapters.http;

import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionEvent;
import tools.jackson.databind.node.ObjectNode;

/** A session event as a CloudEvents 1.0 structured JSON object, exactly as api.md shows it. */
final class EventJson {
    private EventJson() {
    }

    static ObjectNode cloudEvent(SessionEvent event) {
        DepositSession s = event.session();
        DepositSession.Terms t = s.terms();
        ObjectNode data = JsonIo.object()
                .put("sessionId", s.id().value())
                .put("widgetId", s.widgetId().value())
                .put("businessId", s.businessId().value())
                .put("sequence", event.sequence())
                .put("status", event.status().name())
                .put("previousStatus", event.previousStatus() == null ? null : event.previousStatus().name())
                .put("amount", t.amount().text())
                .put("amountReceived", SessionJson.text(s.amountReceived()))
                .put("currency", t.currency())
                .put("network", t.network())
                .put("currencyAddress", t.currencyAddress())
                .put("depositAddress", t.depositAddress())
                .put("txId", s.txId())
                .put("customerEmail", t.customerEmail())
                .put("customerReference", t.customerReference())
                .set("metadata", SessionJson.metadata(t.metadata()))
                .put("latePayment", s.latePayment())
                .put("cancelled", s.cancelled())
                .put("expiresAt", JsonIo.timestamp(s.expiresAt()))
                .put("confirmedAt", JsonIo.timestamp(s.confirmedAt()))
                .put("amountDue", SessionJson.text(s.amountDue()))
                .<ObjectNode>set("payments", SessionJson.payments(s.payments()))
                .put("testMode", s.testMode());
        return JsonIo.object()
                .put("specversion", "1.0")
                .put("id", event.id().value())
                .put("source", "/widgets/" + s.widgetId().value())
                .put("type", event.type())
                .put("subject", s.id().value())
                .put("time", JsonIo.timestamp(event.occurredAt()))
                .put("datacontenttype", "application/json")
                .set("data", data);
    }
}
