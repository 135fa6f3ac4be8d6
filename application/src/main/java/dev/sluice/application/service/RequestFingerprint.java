package dev.sluice.application.service;

import dev.sluice.domain.session.SessionDraft;
import dev.sluice.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;
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
        return HexFormat.of().formatHex(Sha256.of(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
