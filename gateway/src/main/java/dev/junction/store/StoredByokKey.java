package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A provider credential as stored: {@code sealedSecret} is the key encrypted ({@code teams.ByokCipher}), {@code label}
 * a masked form to recognise it by, {@code settingsJson} its flags and lists in the API's field names.
 */
public record StoredByokKey(String id, String accountId, String provider, Optional<String> name, String label,
                            String sealedSecret, String settingsJson, Instant createdAt, Optional<Instant> updatedAt) {}
