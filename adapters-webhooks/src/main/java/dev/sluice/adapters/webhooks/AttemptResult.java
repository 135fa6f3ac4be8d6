package dev.sluice.adapters.webhooks;

/**
 * What one attempt got back: the status code (null when no answer came: timeout, refused
 * connection, an address not allowed) and the first KiB of the body.
 */
record AttemptResult(Integer responseCode, String responseBody, String url) {
    boolean succeeded() {
        return responseCode != null && responseCode >= 200 && responseCode < 300;
    }

    boolean gone() {
        return responseCode != null && responseCode == 410;
    }
}
