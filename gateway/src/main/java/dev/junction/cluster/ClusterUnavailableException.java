package dev.junction.cluster;

/** Redis, which holds the cluster's shared limits and budgets, cannot be reached and the gateway fails closed. */
public final class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String message) {
        super(message, null, false, false);
    }
}
