package dev.junction.store;

import dev.junction.store.jdbc.JdbcStore;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Presets and their versions, in both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class PresetRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private TestDatabase db;
    private JdbcStore store;

    @BeforeEach
    void open() {
        db = backend.create(dir);
        store = db.open(dir, new MutableClock(T0));
    }

    @AfterEach
    void close() throws Exception {
        StoreTesting.closeAll(store, db);
    }

    private static StoredPreset preset(String id, String slug, int designated, Instant updated) {
        return new StoredPreset(id, "default", slug, "Name " + slug, Optional.of("about " + slug), "active",
                Optional.of(designated), Optional.of("admin"), T0, updated, Optional.empty());
    }

    private static StoredPresetVersion version(String presetId, int n) {
        return new StoredPresetVersion(presetId + "-v" + n, presetId, n, "{\"model\":\"m" + n + "\"}",
                n == 1 ? Optional.empty() : Optional.of("prompt " + n), "admin", T0.plusSeconds(n));
    }

    @Test
    void presetsKeepTheirVersionsAndGoWithThem() {
        PresetRepository presets = store.presets();
        StoredPreset team = preset("p1", "team", 1, T0);
        presets.insert(team, version("p1", 1));
        presets.insert(preset("p2", "other", 1, T0), version("p2", 1));
        assertThat(presets.find("default", "team")).contains(team);
        assertThat(presets.find("elsewhere", "team")).isEmpty();
        assertThatThrownBy(() -> presets.insert(preset("p3", "team", 1, T0), version("p3", 1)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(presets.find("default", "team")).contains(team);
        assertThat(presets.version("p3", 1)).as("nothing of the refused preset stays").isEmpty();

        StoredPreset second = new StoredPreset("p1", "default", "team", "Renamed", Optional.empty(), "disabled",
                Optional.of(2), Optional.of("admin"), T0, T0.plusSeconds(9), Optional.of(T0.plusSeconds(9)));
        assertThat(presets.addVersion(version("p1", 2), second)).isTrue();
        assertThat(presets.find("default", "team")).contains(second);
        assertThatThrownBy(() -> presets.addVersion(new StoredPresetVersion("v-late", "p1", 2, "{}", Optional.empty(),
                "admin", T0), second)).as("a change that lost the race for number 2").isInstanceOf(DuplicateKeyException.class);
        assertThat(presets.versions("p1", 0, 10)).extracting(StoredPresetVersion::version).containsExactly(2, 1);
        assertThat(presets.version("p1", 2)).contains(version("p1", 2));
        assertThat(presets.countVersions("p1")).isEqualTo(2);
        assertThat(presets.list("default", 0, 10)).extracting(StoredPreset::slug).containsExactly("team", "other");
        assertThat(presets.count("default")).isEqualTo(2);

        assertThat(presets.delete("p1")).isTrue();
        assertThat(presets.find("default", "team")).isEmpty();
        assertThat(presets.countVersions("p1")).isZero();
        assertThat(presets.delete("p1")).isFalse();
        assertThat(presets.addVersion(version("p1", 3), second)).as("a change to a preset deleted meanwhile").isFalse();
        assertThat(presets.countVersions("p1")).as("no version without its preset").isZero();
    }
}
