package dev.sluice.bootstrap;

import dev.sluice.adapters.http.JwtMinter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code serve} (the default), {@code migrate}, and {@code token}, which mints
 * a JWT with the embedded default's dev key.
 */
public final class Main {
    private static final String USAGE = """
            usage: java -jar sluice.jar [serve]
                   java -jar sluice.jar migrate
                   java -jar sluice.jar token --business ID [--business ID …] [--scope SCOPE …] [--subject SUB] [--ttl PT1H]""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            Settings settings = Settings.load(applicationYaml(), environment);
            return switch (command) {
                case "serve" -> serve(settings, out);
                case "migrate" -> migrate(settings, out);
                case "token" -> token(settings, options, out);
                default -> usage(err, "unknown command '" + command + "'");
            };
        } catch (InvalidSettingException e) {
            err.println("sluice: bad setting " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private static Config applicationYaml() {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.classpath("application.yaml"))
                .build();
    }

    private static int serve(Settings settings, PrintStream out) {
        LogConfig.configureRuntime();
        settings.logFormat().apply();
        long started = System.nanoTime();
        Sluice sluice = Sluice.start(settings);
        out.println(banner(settings, sluice, Duration.ofNanos(System.nanoTime() - started)));
        awaitStopSignal();
        out.println("sluice: stopping (finishing requests in flight, draining the relay)");
        long stopping = System.nanoTime();
        sluice.close();
        out.println("sluice: stopped in " + Duration.ofNanos(System.nanoTime() - stopping).toMillis() + " ms");
        return 0;
    }

    /**
     * Waits for SIGTERM or SIGINT. Handling the signal, rather than stopping in a shutdown hook,
     * lets the stop run while the JVM is still whole and lets the process exit 0 after it.
     */
    @SuppressWarnings("sunapi")
    private static void awaitStopSignal() {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> signalled.countDown());
        }
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where to go next; never a secret. */
    private static String banner(Settings settings, Sluice sluice, Duration startup) {
        String database = settings.database().map(db -> db.url()).orElse("H2 in " + settings.dataDir().toAbsolutePath().normalize());
        String kafka = settings.kafkaBootstrapServers().orElse("off (events wait in the outbox and the events feed)");
        return """
                Sluice is up at %s (ready in %d ms)
                  database: %s
                  kafka:    %s
                  try:      curl %s/observe/health
                  token:    TOKEN=$(java -jar bootstrap/target/sluice.jar token --business biz_demo)"""
                .formatted(sluice.url(), startup.toMillis(), database, kafka, sluice.url());
    }

    private static int migrate(Settings settings, PrintStream out) {
        DataDirectory data = DataDirectory.open(settings.dataDir());
        Sluice.migrate(Sluice.databaseSettings(settings, data), Sluice.webhookSettings(settings, data));
        out.println("sluice: database migrated");
        return 0;
    }

    private static int token(Settings settings, List<String> options, PrintStream out) {
        if (settings.jwks().isPresent()) {
            throw new IllegalArgumentException("'token' signs with the embedded default's dev key, but SLUICE_JWT_JWKS "
                    + "points at another key set; ask your identity provider for a token instead");
        }
        List<String> businesses = new ArrayList<>();
        List<String> scopes = new ArrayList<>();
        String subject = "dev-user";
        Duration ttl = Duration.ofHours(1);
        for (int i = 0; i < options.size(); i += 2) {
            String name = options.get(i);
            if (i + 1 >= options.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = options.get(i + 1);
            switch (name) {
                case "--business" -> businesses.add(value);
                case "--scope" -> scopes.add(value);
                case "--subject" -> subject = value;
                case "--ttl" -> ttl = parseTtl(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (businesses.isEmpty() && scopes.isEmpty()) {
            throw new IllegalArgumentException("name at least one --business or --scope");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JwtMinter minter = DataDirectory.open(settings.dataDir()).devMinter();
        out.println(minter.mint(new JwtMinter.Claims(subject, businesses, scopes, settings.jwtIssuer(),
                settings.jwtAudience(), now, now.plus(ttl))));
        return 0;
    }

    private static Duration parseTtl(String text) {
        try {
            Duration ttl = Duration.parse(text);
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("--ttl must be positive");
            }
            return ttl;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl must be an ISO-8601 duration such as PT1H");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("sluice: " + problem);
        err.println(USAGE);
        return 64;
    }
}
