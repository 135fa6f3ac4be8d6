package dev.sluice.adapters.persistence;

import dev.sluice.application.contract.StoreFixtures;
import dev.sluice.domain.session.Change;
import dev.sluice.domain.session.DepositSession;
import dev.sluice.domain.session.SessionEvent;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.Widget;
import java.time.Instant;
import java.util.List;

/** {@link StoreFixtures} on a {@link PersistenceModule}, for the tests beyond the port contracts. */
final class Fixtures {
    private Fixtures() {
    }

    static BusinessId newBusiness() {
        return StoreFixtures.newBusiness();
    }

    static List<Object> state(DepositSession session) {
        return StoreFixtures.state(session);
    }

    static List<List<Object>> states(List<SessionEvent> events) {
        return StoreFixtures.states(events);
    }

    static Widget storedWidget(PersistenceModule db, BusinessId business, Instant now) {
        return StoreFixtures.storedWidget(new PersistencePorts(db), business, now);
    }

    static Change newSession(Widget widget, Instant now) {
        return StoreFixtures.newSession(widget, now);
    }

    static Change storedSession(PersistenceModule db, Widget widget, Instant now) {
        return StoreFixtures.storedSession(new PersistencePorts(db), widget, now);
    }

    static void store(PersistenceModule db, Change change) {
        StoreFixtures.store(new PersistencePorts(db), change);
    }
}
