package dev.sluice.application.service;

import dev.sluice.domain.session.SessionDraft;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** A stable digest of a create-session request, to tell a true retry from a reused key. */
final class RequestFingerprint {
    private RequestFingerprint() {
    }

    static String of(SessionDraft draft) {
        StringBuilder canonical = new StringBuilder();
        Stream.of(draft.amount(), draft.currency(), draft.network(), draft.currencyAddress(),
                        draft.depositAddress(), draft.customerEmail(), draft.customerReference(), draft.metadataJson())
                // length-prefixed, so that no two different drafts share a canonical form
                .forEach(field -> canonical.append(field == null ? "-1:" : field.length() + ":" + field));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
