package dev.sluice.adapters.persistence;

import dev.sluice.domain.shared.RandomTokens;

class PaymentsMigrationH2Test extends PaymentsMigrationContract {
    @Override
    DatabaseSettings emptyDatabase() {
        return DatabaseSettings.h2InMemory(RandomTokens.id("migration_"));
    }
}
