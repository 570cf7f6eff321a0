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

    /** The GCRA schedule of one rate-limit scope. */
    String rate(String scope) {
        return prefix + "rl:" + scope;
    }

    /** The holds an instance has outstanding, by hold id. */
    String holds(String instance) {
        return prefix + "holds:" + instance;
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
