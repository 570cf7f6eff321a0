package dev.junction.store;

import java.util.List;
import java.util.Optional;

/** Presets and their versions. Blocking JDBC: call off the event loops. */
public interface PresetRepository {
    /** Adds the preset with its first version; {@link DuplicateKeyException} if the account has a preset of that slug. */
    void insert(StoredPreset preset, StoredPresetVersion first);

    /** Replaces name, description, status, designated version and the times; false if there is no such preset. */
    boolean update(StoredPreset preset);

    /**
     * Makes the preset's change and adds its new version, in one transaction; false, with nothing written, when the
     * preset is gone. {@link DuplicateKeyException} when another change took the version's number first.
     */
    boolean addVersion(StoredPresetVersion version, StoredPreset preset);

    /** Deletes the preset and its versions; false if there was none. */
    boolean delete(String id);

    Optional<StoredPreset> find(String accountId, String slug);

    /** The account's presets, oldest first. */
    List<StoredPreset> list(String accountId, int offset, int limit);

    int count(String accountId);

    /** The preset's versions, newest first. */
    List<StoredPresetVersion> versions(String presetId, int offset, int limit);

    int countVersions(String presetId);

    Optional<StoredPresetVersion> version(String presetId, int version);
}
