package dev.junction.cluster;

/**
 * The names of everything Junction keeps in Redis, under one prefix so that several deployments (or
 * test runs) can share a server.
 */
record RedisKeys(String prefix) {
    /** A key's running spending per period and its outstanding holds. */
    String keyBudget(String keyHash) {
        return prefix + "k:" + keyHash;
    }

    /** An account's credits, settled usage and outstanding holds. */
    String accountBudget(String accountId) {
        return prefix + "a:" + accountId;
    }

    /** A workspace's running spending per period (as a key's) and its outstanding holds. */
    String workspaceBudget(String workspaceId) {
        return prefix + "w:" + workspaceId;
    }

    /** A workspace's limits per interval and whether BYOK spending counts toward them. */
    String workspaceLimits(String workspaceId) {
        return prefix + "wl:" + workspaceId;
    }

    /** The stamp of a key's current state ({@code keys.KeyStamps}): replaced by every change to the key. */
    String keyStamp(String keyHash) {
        return prefix + "ks:" + keyHash;
    }

    /** The GCRA schedule of one rate-limit scope. */
    String rate(String scope) {
        return prefix + "rl:" + scope;
    }

    /** The holds an instance has outstanding, by hold id. */
    String holds(String instance) {
        return prefix + "holds:" + instance;
    }

    /**
     * The ids of an instance's holds that another instance reclaimed (freed, not charged) when it seemed
     * gone: should the instance come back and settle one, the charge is still owed.
     */
    String reclaimed(String instance) {
        return prefix + "reclaimed:" + instance;
    }

    /** The generations whose charges an instance has replayed into the budgets, so that none is added twice. */
    String replayed(String instance) {
        return prefix + "replayed:" + instance;
    }

    /** Exists while the instance is alive; it refreshes it. */
    String presence(String instance) {
        return prefix + "inst:" + instance;
    }

    /** The instances that have (had) holds, for the others to check on. */
    String instances() {
        return prefix + "instances";
    }
}
