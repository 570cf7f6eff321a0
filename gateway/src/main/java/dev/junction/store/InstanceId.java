package dev.junction.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which data directory, among the gateway processes sharing one database, a usage journal belongs to:
 * the key of that journal's checkpoint rows, so that an instance of a cluster only ever reads,
 * advances and deletes its own. Made once and kept in {@code <data-dir>/instance-id}; processes that
 * share a data directory (the CLI beside the server) share the journal directory and so the id too.
 *
 * <p>Correctness does not rest on it: generations are inserted by id and only inserted rows are
 * aggregated, so a lost or duplicated id costs at worst a replay from the start of a segment and a
 * few stale checkpoint rows, never a double count.
 */
public record InstanceId(String value) {
    public static final String FILE = "instance-id";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public InstanceId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an instance id is 1 to 64 of A-Z a-z 0-9 . _ -, not '" + value + "'");
        }
    }

    /** The id kept in the data directory, created there (a random UUID) on first use. Blocking file I/O. */
    public static InstanceId loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(dataDir, file);
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new StoreException("cannot read or create the instance id " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the id to a temporary file and links it into place: the link fails if another process
     * got there first, whose id then wins, and nobody ever reads a half-written file.
     */
    private static void create(Path dataDir, Path file) throws IOException {
        Path tmp = Files.createTempFile(dataDir, FILE + "-", ".tmp");
        try {
            Files.writeString(tmp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process sharing the data directory created it meanwhile: use theirs
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return;
                }
                // A file system without hard links: a rename, which a simultaneous start could race (harmless, see above).
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static InstanceId parse(Path file, String text) {
        try {
            return new InstanceId(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + " is damaged (" + e.getMessage() + "); delete it and a new id is made", e);
        }
    }
}
