package dev.junction.keys;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every account's default workspace: the one its keys spend in unless made in another. Its id is derived from the
 * account's, so a key knows its workspace without a lookup, and making the workspace's row twice (lazily, on two
 * instances at once) makes the same row.
 */
public final class DefaultWorkspace {
    public static final String SLUG = "default";
    public static final String NAME = "Default";

    /**
     * Every request asks for its key's workspace, and the derivation is an MD5 (1.6% of an event loop's time at
     * 64 connections, bench/RESULTS.md §10). Accounts are few, so their ids are remembered, up to a bound that
     * keeps a deployment with very many accounts from growing this without end.
     */
    private static final int REMEMBERED = 10_000;
    private static final ConcurrentMap<String, String> IDS = new ConcurrentHashMap<>();

    private DefaultWorkspace() {}

    public static String id(String accountId) {
        String id = IDS.get(accountId);
        if (id == null) {
            id = derive(accountId);
            if (IDS.size() < REMEMBERED) {
                IDS.putIfAbsent(accountId, id);
            }
        }
        return id;
    }

    private static String derive(String accountId) {
        return UUID.nameUUIDFromBytes(("junction:default-workspace:" + accountId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
