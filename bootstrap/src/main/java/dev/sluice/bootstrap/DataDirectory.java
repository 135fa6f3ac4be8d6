package dev.sluice.bootstrap;

import dev.sluice.adapters.http.JwtMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the embedded default keeps in its data directory besides the H2 database: the dev JWT
 * key pair and the key session secrets are derived with. Each is generated on first start and
 * reused after, so tokens and session secrets survive a restart.
 *
 * <p>The directory is its owner's alone (rwx------): the H2 file holds customers' e-mails, and H2
 * creates its files with the process's umask, typically world-readable. Files left readable by
 * an earlier version are closed to others when the directory is opened.
 */
final class DataDirectory {
    static final String DEV_KEY_ID = "sluice-dev";
    private static final String PRIVATE_JWK = "jwt-dev-private.jwk.json";
    private static final String PUBLIC_JWKS = "jwt-dev-jwks.json";
    private static final String SESSION_SECRET_KEY = "session-secret.key";
    private static final String SECRETS_KEY = "secrets.key";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directory, created if missing, and closed to everyone but its owner. */
    static DataDirectory open(Path root) {
        DataDirectory data = new DataDirectory(root);
        try {
            Files.createDirectories(data.root);
            Files.setPosixFilePermissions(data.root, OWNER_ONLY_DIRECTORY);
            try (Stream<Path> files = Files.list(data.root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + data.root, e);
        }
        return data;
    }

    Path root() {
        return root;
    }

    /** The dev JWK set file, created with its private key when missing. */
    Path devJwks() {
        Path jwks = root.resolve(PUBLIC_JWKS);
        if (!Files.exists(jwks) || !Files.exists(root.resolve(PRIVATE_JWK))) {
            JwtMinter.Keys keys = JwtMinter.generateKeys(DEV_KEY_ID);
            writePrivate(root.resolve(PRIVATE_JWK), keys.privateJwk());
            write(jwks, keys.publicJwkSet());
        }
        return jwks;
    }

    JwtMinter devMinter() {
        devJwks();
        return JwtMinter.fromPrivateJwk(read(root.resolve(PRIVATE_JWK)));
    }

    byte[] sessionSecretKey() {
        return generatedKey(SESSION_SECRET_KEY);
    }

    /** The AES-256 key that encrypts webhook signing secrets at rest. */
    byte[] secretsKey() {
        return generatedKey(SECRETS_KEY);
    }

    /** 32 random bytes kept in {@code name}, generated on first use. */
    private byte[] generatedKey(String name) {
        Path file = root.resolve(name);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            writePrivate(file, Base64.getEncoder().encodeToString(key));
        }
        return Base64.getDecoder().decode(read(file).strip());
    }

    private void write(Path file, String content) {
        try {
            Files.createDirectories(root);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Owner-only, because these files hold keys. */
    private void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(root);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
