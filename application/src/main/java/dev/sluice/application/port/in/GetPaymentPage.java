package dev.sluice.application.port.in;

import java.util.List;

/**
 * {@code GET /pay/{widgetId}}: what the hosted payment page needs before any credential is
 * handed to it, which is only where it may be framed.
 */
public interface GetPaymentPage {
    /** The page of a widget that exists and is not deleted; otherwise {@code not_found}. */
    PaymentPage get(String widgetId);

    /** {@code allowedDomains} empty: any site may embed the page. */
    record PaymentPage(String widgetId, List<String> allowedDomains) {
        public PaymentPage {
            allowedDomains = List.copyOf(allowedDomains);
        }
    }
}
