package dev.junction.keys;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Every account's default workspace: the one its keys spend in unless made in another. Its id is derived from the
 * account's, so a key knows its workspace without a lookup, and making the workspace's row twice (lazily, on two
 * instances at once) makes the same row.
 */
public final class DefaultWorkspace {
    public static final String SLUG = "default";
    public static final String NAME = "Default";

    private DefaultWorkspace() {}

    public static String id(String accountId) {
        return UUID.nameUUIDFromBytes(("junction:default-workspace:" + accountId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
