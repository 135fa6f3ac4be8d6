package dev.sluice.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The event, observation and dead-letter topics of one test class, named uniquely so that test
 * classes never read each other's messages, and created up front with several partitions so
 * that ordering is tested across partitions rather than in a single one.
 */
record StreamTopics(String events, String observations) {
    static final int PARTITIONS = 3;

    static StreamTopics unique() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new StreamTopics("deposit-session-events-" + suffix, "deposit-observations-" + suffix);
    }

    String deadLetters() {
        return observations + ".dlq";
    }

    StreamTopics createOn(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(events, observations, deadLetters()).stream()
                            .map(name -> new NewTopic(name, PARTITIONS, (short) 1))
                            .toList())
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the test topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }
}
