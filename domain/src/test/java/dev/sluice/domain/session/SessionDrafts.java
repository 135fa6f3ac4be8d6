package dev.sluice.domain.session;

import java.util.function.Consumer;

/** A valid create-session request that a test changes field by field. */
public final class SessionDrafts {
    public String amount = "100.50";
    public String currency = "USDC";
    public String network = "polygon";
    public String currencyAddress = "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174";
    public String depositAddress = "0xMerchant";
    public String customerEmail;
    public String customerReference;
    public String metadataJson;

    public static SessionDrafts valid() {
        return new SessionDrafts();
    }

    public SessionDrafts with(Consumer<SessionDrafts> change) {
        change.accept(this);
        return this;
    }

    public SessionDraft build() {
        return new SessionDraft(amount, currency, network, currencyAddress, depositAddress, customerEmail,
                customerReference, metadataJson);
    }
}
