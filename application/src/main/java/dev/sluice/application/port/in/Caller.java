package dev.sluice.application.port.in;

import dev.sluice.domain.widget.BusinessId;
import java.util.Objects;
import java.util.Set;

/** Who is asking, as the inbound adapter authenticated it. */
public sealed interface Caller {

    /** A verified JWT: a user of the listed businesses, with the listed scopes. */
    record BusinessUser(String subject, Set<BusinessId> businesses, Set<String> scopes) implements Caller {
        public BusinessUser {
            Objects.requireNonNull(subject, "subject");
            businesses = Set.copyOf(businesses);
            scopes = Set.copyOf(scopes);
        }

        public boolean isMemberOf(BusinessId business) {
            return businesses.contains(business);
        }

        public boolean hasScope(String scope) {
            return scopes.contains(scope);
        }
    }

    /** A client secret ({@code wdgt_secret_…} or {@code dep_secret_…}) not yet checked. */
    record SecretHolder(String secret) implements Caller {
        public SecretHolder {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "SecretHolder[secret=…]";
        }
    }
}
