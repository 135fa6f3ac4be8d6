package dev.sluice.adapters.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testsupport.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The readiness check sees the real broker, and reports a cluster that is not there as unreachable. */
class BrokerCheckTest {
    @Test
    void theRunningBrokerIsReachable() {
        try (BrokerCheck check = new BrokerCheck(TestServices.kafkaBootstrapServers(), Duration.ofSeconds(5))) {
            assertTrue(check.reachable());
        }
    }

    @Test
    void aPortNobodyListensOnIsUnreachable() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (BrokerCheck check = new BrokerCheck("127.0.0.1:" + freePort, Duration.ofMillis(500))) {
            assertFalse(check.reachable());
        }
    }
}
