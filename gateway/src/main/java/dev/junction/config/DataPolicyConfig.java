package dev.junction.config;

import java.util.OptionalInt;

/**
 * What a provider does with prompts, as the operator declares it: whether it may train on them,
 * whether it keeps them, and for how long. Routing uses it for {@code data_collection: deny} and
 * {@code zdr: true}; unknown (absent) is treated as the cautious answer: may train, retains.
 */
public record DataPolicyConfig(boolean training, boolean retainsPrompts, OptionalInt retentionDays) {
    public static final DataPolicyConfig UNKNOWN = new DataPolicyConfig(true, true, OptionalInt.empty());
}
