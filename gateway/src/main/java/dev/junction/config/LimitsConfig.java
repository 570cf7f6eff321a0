package dev.junction.config;

import dev.junction.money.Money;

import java.util.Optional;

/**
 * Request rate limits.
 *
 * @param keyDefault        the limit of a key without its own {@code rate_limit}
 * @param fixedDefault      the rate when {@code keyDefault} is {@link KeyDefault#FIXED}
 * @param creditRateMin     with {@link KeyDefault#CREDITS}: the fewest requests per second a key gets
 * @param creditRateMax     with {@link KeyDefault#CREDITS}: the most requests per second a key gets
 * @param freePerMinute     requests per minute to {@code :free} variants, per account
 * @param freePerDay        requests per day to {@code :free} variants, per account, below the threshold
 * @param freePerDayPaid    the same for accounts granted at least {@code freePaidThreshold} of credits
 * @param freePaidThreshold credits granted that lift the daily free limit
 */
public record LimitsConfig(
        KeyDefault keyDefault,
        Optional<RateLimit> fixedDefault,
        int creditRateMin,
        int creditRateMax,
        int freePerMinute,
        int freePerDay,
        int freePerDayPaid,
        Money freePaidThreshold) {

    /** How a key without its own rate limit is limited. */
    public enum KeyDefault {
        /** OpenRouter's rule: one request per second per dollar of balance, within the min and max. */
        CREDITS,
        /** Not limited. */
        NONE,
        /** The same fixed rate for every key. */
        FIXED
    }
}
