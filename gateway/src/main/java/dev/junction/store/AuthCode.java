package dev.junction.store;

import dev.junction.money.Money;

import java.time.Instant;
import java.util.Optional;

/**
 * An OAuth PKCE authorisation code, stored hashed, that an app exchanges once for a key.
 *
 * @param codeHash            SHA-256 of the code
 * @param challenge           the PKCE code challenge, if the app sent one
 * @param challengeMethod     {@code S256} or {@code plain}
 * @param limit               the credit limit of the key it will create
 */
public record AuthCode(
        String codeHash,
        String accountId,
        String callbackUrl,
        Optional<String> challenge,
        Optional<String> challengeMethod,
        Optional<Money> limit,
        Instant createdAt,
        Instant expiresAt) {}
