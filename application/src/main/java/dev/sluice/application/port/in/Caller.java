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

    /**
     * Sluice's own inbound adapters that need no credential of a user, such as the consumer of
     * the {@code deposit-observations} topic, which only trusted processors can write to.
     */
    record Internal(String adapter) implements Caller {
        public Internal {
            Objects.requireNonNull(adapter, "adapter");
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
