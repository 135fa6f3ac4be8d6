package dev.sluice.adapters.http;

import dev.sluice.application.port.in.CreateDepositSession.CreatedSession;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.Payment;
import dev.sluice.domain.session.PaymentStatus;
import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.shared.Amount;
import dev.sluice.domain.shared.Metadata;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Deposit sessions on the wire: the create-session body in, the views of api.md out. */
final class SessionJson {
    static final Set<String> DRAFT_FIELDS = Set.of("amount", "currency", "network", "currencyAddress",
            "depositAddress", "customerEmail", "customerReference", "metadata");

    private SessionJson() {
    }

    static SessionDraft draft(RequestObject body) {
        return new SessionDraft(body.string("amount"), body.string("currency"), body.string("network"),
                body.string("currencyAddress"), body.string("depositAddress"), body.string("customerEmail"),
                body.string("customerReference"), body.objectJson("metadata"));
    }

    /**
     * The 201 body. Always the session as created: an idempotent replay must repeat the first
     * answer byte for byte, whatever happened to the session since.
     */
    static ObjectNode created(CreatedSession created) {
        DepositSession s = created.session();
        DepositSession.Terms t = s.terms();
        return JsonIo.object()
                .put("id", s.id().value())
                .put("widgetId", s.widgetId().value())
                .put("paymentStatus", PaymentStatus.CREATED.name())
                .put("amount", t.amount().text())
                .put("currency", t.currency())
                .put("network", t.network())
                .put("currencyAddress", t.currencyAddress())
                .put("depositAddress", t.depositAddress())
                .put("customerEmail", t.customerEmail())
                .put("customerReference", t.customerReference())
                .set("metadata", metadata(t.metadata()))
                .put("createdAt", JsonIo.timestamp(s.createdAt()))
                .put("expiresAt", JsonIo.timestamp(s.expiresAt()))
                .put("testMode", s.testMode())
                .put("clientSecret", created.clientSecret());
    }

    /** What the session-secret holder (the paying customer's browser) may see. */
    static ObjectNode publicView(DepositSession s) {
        DepositSession.Terms t = s.terms();
        return JsonIo.object()
                .put("id", s.id().value())
                .put("paymentStatus", s.status().name())
                .put("amount", t.amount().text())
                .put("currency", t.currency())
                .put("network", t.network())
                .put("currencyAddress", t.currencyAddress())
                .put("depositAddress", t.depositAddress())
                .put("txId", s.txId())
                .put("expiresAt", JsonIo.timestamp(s.expiresAt()))
                .put("confirmedAt", JsonIo.timestamp(s.confirmedAt()))
                .put("amountReceived", text(s.amountReceived()))
                .put("amountDue", text(s.amountDue()))
                .<ObjectNode>set("payments", payments(s.payments()))
                .put("latePayment", s.latePayment())
                .put("testMode", s.testMode());
    }

    /** Every transaction seen for the session, oldest first. */
    static ArrayNode payments(List<Payment> payments) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Payment p : payments) {
            array.addObject()
                    .put("txId", p.txId())
                    .put("amount", p.amount() == null ? null : p.amount().text())
                    .put("confirmations", p.confirmations())
                    .put("status", p.status().name())
                    .put("firstSeenAt", JsonIo.timestamp(p.firstSeenAt()))
                    .put("confirmedAt", JsonIo.timestamp(p.confirmedAt()));
        }
        return array;
    }

    /** The owning business's view: the public one plus who, when and what for. */
    static ObjectNode fullView(DepositSession s) {
        DepositSession.Terms t = s.terms();
        return publicView(s)
                .put("widgetId", s.widgetId().value())
                .put("createdAt", JsonIo.timestamp(s.createdAt()))
                .put("customerEmail", t.customerEmail())
                .put("customerReference", t.customerReference())
                .set("metadata", metadata(t.metadata()))
                .put("cancelledAt", JsonIo.timestamp(s.cancelledAt()));
    }

    /** An exact decimal in plain notation, never with an exponent. */
    static String text(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    static tools.jackson.databind.JsonNode metadata(Metadata metadata) {
        return JsonIo.raw(metadata == null ? null : metadata.compactJson());
    }
}
