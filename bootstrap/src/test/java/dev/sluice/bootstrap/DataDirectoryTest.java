package dev.sluice.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryIsItsOwnersAlone() throws IOException {
        Path root = temp.resolve("data");

        DataDirectory.open(root).sessionSecretKey();

        assertEquals("rwx------", permissions(root));
        assertEquals("rw-------", permissions(root.resolve("session-secret.key")));
    }

    @Test
    void anOpenDataDirectoryLeftReadableByAnEarlierVersionIsClosed() throws IOException {
        Path root = Files.createDirectory(temp.resolve("old"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.writeString(root.resolve("sluice.mv.db"), "customer@example.com");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        DataDirectory.open(root);

        assertEquals("rwx------", permissions(root));
        assertEquals("rw-------", permissions(database));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
