package dev.junction.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Several instances sharing rate limits and credit holds through Redis.
 *
 * @param redisUrl     {@code redis://…}; empty = a single instance, limits and holds in memory
 * @param onOutage     what requests get while Redis cannot be reached
 * @param redisTimeout how long a request waits on Redis before that counts as an outage
 * @param instanceTtl  how long after an instance stops refreshing its presence the others reclaim
 *                     its outstanding holds
 * @param keyPrefix    the prefix of every Redis key Junction writes, so deployments can share a server
 */
public record ClusterConfig(Optional<String> redisUrl, OnOutage onOutage, Duration redisTimeout, Duration instanceTtl,
                            String keyPrefix) {

    public enum OnOutage {
        /** Refuse completion requests (503) until Redis is back: no budget can be overspent. */
        FAIL_CLOSED,
        /** Enforce limits and holds per instance until Redis is back, then add what was spent to Redis. */
        FAIL_OPEN
    }
}
