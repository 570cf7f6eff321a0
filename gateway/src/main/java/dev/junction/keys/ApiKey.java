package dev.junction.keys;

import dev.junction.config.RateLimit;
import dev.junction.money.Money;

import java.time.Instant;
import java.util.Optional;

/**
 * A key as stored: never its secret, only the SHA-256 of the whole key ({@code hash}, also its public
 * identifier in {@code /keys/{hash}}) and a {@code label} that shows enough of it to recognise.
 *
 * @param limit       the most the key may spend per {@code limitReset} period (or ever, without a reset); empty = no limit
 * @param rateLimit   the key's own request rate limit; empty = the gateway's default
 * @param workspaceId the workspace the key spends in, fixed when it is made; empty = its account's default
 *                    workspace ({@link DefaultWorkspace}), as for every key made before workspaces
 */
public record ApiKey(
        String hash,
        String accountId,
        String name,
        String label,
        KeyKind kind,
        boolean disabled,
        Optional<Money> limit,
        Optional<LimitReset> limitReset,
        boolean includeByokInLimit,
        Instant createdAt,
        Optional<Instant> updatedAt,
        Optional<RateLimit> rateLimit,
        Optional<String> workspaceId) {

    /** A key of its account's default workspace. */
    public ApiKey(String hash, String accountId, String name, String label, KeyKind kind, boolean disabled,
                  Optional<Money> limit, Optional<LimitReset> limitReset, boolean includeByokInLimit, Instant createdAt,
                  Optional<Instant> updatedAt, Optional<RateLimit> rateLimit) {
        this(hash, accountId, name, label, kind, disabled, limit, limitReset, includeByokInLimit, createdAt, updatedAt,
                rateLimit, Optional.empty());
    }

    /** The workspace the key spends in: its own, or its account's default one. */
    public String workspace() {
        return workspaceId.orElseGet(() -> DefaultWorkspace.id(accountId));
    }

    /** The same key in the workspace {@code id}. */
    public ApiKey inWorkspace(String id) {
        return new ApiKey(hash, accountId, name, label, kind, disabled, limit, limitReset, includeByokInLimit, createdAt,
                updatedAt, rateLimit, Optional.of(id));
    }

    public ApiKey withChanges(String newName, boolean newDisabled, Optional<dev.junction.money.Money> newLimit,
                              Optional<LimitReset> newReset, boolean newByok, Optional<RateLimit> newRateLimit,
                              Optional<Instant> newUpdatedAt) {
        return new ApiKey(hash, accountId, newName, label, kind, newDisabled, newLimit, newReset, newByok, createdAt,
                newUpdatedAt, newRateLimit, workspaceId);
    }

    public boolean isProvisioning() {
        return kind == KeyKind.PROVISIONING;
    }
}
