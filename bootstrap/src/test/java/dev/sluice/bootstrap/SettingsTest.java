package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
    private static final Config YAML = Config.builder()
            .disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource()
            .sources(ConfigSources.create(Map.of("sluice.port", "9090", "sluice.expiry.sweep-interval", "PT10M")))
            .build();

    @Test
    void withNothingConfiguredSluiceRunsOnItsEmbeddedDefault() {
        Settings settings = Settings.load(Config.empty(), Map.of());

        assertEquals(8080, settings.port());
        assertEquals(Path.of("./data"), settings.dataDir());
        assertTrue(settings.database().isEmpty(), "no database setting means H2 in the data directory");
        assertFalse(settings.kafkaEnabled());
        assertEquals(Duration.ofSeconds(5), settings.expirySweepInterval());
        assertEquals(10_000, settings.maxStreams());
        assertTrue(settings.publicUrl().isEmpty(), "http://localhost:<port> once listening");
        assertEquals(60, settings.rateLimitPerMinute());
        assertEquals("deposit-session-events", settings.eventsTopic());
        assertEquals(LogFormat.TEXT, settings.logFormat());
    }

    @Test
    void logsAreJsonLinesOnRequest() {
        assertEquals(LogFormat.JSON, Settings.load(Config.empty(), Map.of("SLUICE_LOG_FORMAT", "json")).logFormat());
    }

    @Test
    void webhooksMayReachPrivateNetworksOnTheEmbeddedDefaultOnly() {
        Settings embedded = Settings.load(Config.empty(), Map.of());
        Settings production = Settings.load(Config.empty(), Map.of("SLUICE_DB_URL", "jdbc:mysql://db:3306/sluice"));
        Settings overridden = Settings.load(Config.empty(), Map.of("SLUICE_DB_URL", "jdbc:mysql://db:3306/sluice",
                "SLUICE_WEBHOOKS_ALLOW_PRIVATE", "true"));

        assertTrue(embedded.webhooks().allowPrivate());
        assertFalse(production.webhooks().allowPrivate());
        assertTrue(overridden.webhooks().allowPrivate());
        assertEquals(Duration.ofSeconds(10), embedded.webhooks().timeout());
        assertTrue(embedded.webhooks().secretsKey().isEmpty(), "generated into the data directory");
    }

    @Test
    void theSecretsKeyNeverShowsInTheSettingsText() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Settings settings = Settings.load(Config.empty(), Map.of("SLUICE_SECRETS_KEY", key));

        assertEquals(32, settings.webhooks().secretsKey().orElseThrow().length);
        assertFalse(settings.toString().contains(key), settings.toString());
    }

    @Test
    void theEnvironmentWinsOverTheYamlWhichWinsOverTheDefault() {
        Settings fromYaml = Settings.load(YAML, Map.of());
        Settings fromEnvironment = Settings.load(YAML, Map.of("SLUICE_PORT", "7070"));

        assertEquals(9090, fromYaml.port());
        assertEquals(Duration.ofMinutes(10), fromYaml.expirySweepInterval());
        assertEquals(7070, fromEnvironment.port());
        assertEquals(Duration.ofMinutes(10), fromEnvironment.expirySweepInterval());
    }

    @Test
    void theDatabasePasswordNeverShowsInTheSettingsText() {
        Settings settings = Settings.load(Config.empty(), Map.of("SLUICE_DB_URL", "jdbc:mysql://db:3306/sluice",
                "SLUICE_DB_USER", "sluice", "SLUICE_DB_PASSWORD", "hunter2"));

        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertEquals("hunter2", settings.database().orElseThrow().password());
    }

    @ParameterizedTest
    @CsvSource({
            "SLUICE_PORT, eighty, SLUICE_PORT (sluice.port)",
            "SLUICE_PORT, 70000, SLUICE_PORT (sluice.port)",
            "SLUICE_EXPIRY_SWEEP_INTERVAL, 30 minutes, SLUICE_EXPIRY_SWEEP_INTERVAL (sluice.expiry.sweep-interval)",
            "SLUICE_EXPIRY_SWEEP_INTERVAL, PT0S, SLUICE_EXPIRY_SWEEP_INTERVAL (sluice.expiry.sweep-interval)",
            "SLUICE_RATE_LIMIT, -1, SLUICE_RATE_LIMIT (sluice.rate-limit)",
            "SLUICE_DB_URL, mysql://db/sluice, SLUICE_DB_URL (sluice.db.url)",
            "SLUICE_JWT_JWKS, http://idp.example.com/jwks.json, SLUICE_JWT_JWKS (sluice.jwt.jwks)",
            "SLUICE_SESSION_SECRET_KEY, c2hvcnQ=, SLUICE_SESSION_SECRET_KEY (sluice.session.secret-key)",
            "SLUICE_DB_POOL_SIZE, 0, SLUICE_DB_POOL_SIZE (sluice.db.pool-size)",
            "SLUICE_WEBHOOKS_ALLOW_PRIVATE, yes, SLUICE_WEBHOOKS_ALLOW_PRIVATE (sluice.webhooks.allow-private)",
            "SLUICE_SECRETS_KEY, c2hvcnQ=, SLUICE_SECRETS_KEY (sluice.secrets-key)",
            "SLUICE_WEBHOOKS_CONCURRENCY, 0, SLUICE_WEBHOOKS_CONCURRENCY (sluice.webhooks.concurrency)",
            "SLUICE_LOG_FORMAT, xml, SLUICE_LOG_FORMAT (sluice.log-format)",
            "SLUICE_MAX_STREAMS, 0, SLUICE_MAX_STREAMS (sluice.streams.max)",
            "SLUICE_PUBLIC_URL, pay.example.com, SLUICE_PUBLIC_URL (sluice.public-url)",
            "SLUICE_PUBLIC_URL, ftp://pay.example.com, SLUICE_PUBLIC_URL (sluice.public-url)",
            "SLUICE_PUBLIC_URL, https://pay.example.com/sluice, SLUICE_PUBLIC_URL (sluice.public-url)"})
    void aBadSettingIsRefusedNamingIt(String variable, String value, String named) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> Settings.load(Config.empty(), Map.of(variable, value)));

        assertTrue(refused.getMessage().startsWith(named), refused.getMessage());
    }

    @Test
    void aBadSettingStopsTheStartWithOneLineAndExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"serve"}, Map.of("SLUICE_PORT", "eighty"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, exit);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("SLUICE_PORT"), printed);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
