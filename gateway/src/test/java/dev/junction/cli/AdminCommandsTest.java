package dev.junction.cli;

import dev.junction.accounting.UsagePeriods;
import dev.junction.config.ConfigLoader;
import dev.junction.config.KeyHash;
import dev.junction.keys.KeyKind;
import dev.junction.keys.StaticKeys;
import dev.junction.store.Store;
import dev.junction.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

import static dev.junction.cli.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap commands: create the first provisioning key, manage keys, grant credits — on the configured store. */
class AdminCommandsTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "catalog: {bundled: false}\nstorage: {data-dir: \"" + dir.resolve("data") + "\"}\n");
        return file;
    }

    private Store open(Path config) {
        return Stores.open(new ConfigLoader(Map.of()).load(config).storage(), InstantSource.system());
    }

    @Test
    void createsAProvisioningKeyThatIsStoredOnlyAsItsHash() throws Exception {
        Path config = config();
        InProcess.Result created = run("keys", "create", "--config", config.toString(), "--name", "admin", "--provisioning");
        assertThat(created.exit()).isZero();
        String key = created.out().lines().filter(l -> l.startsWith("provisioning key: ")).findFirst().orElseThrow()
                .substring("provisioning key: ".length());
        assertThat(key).startsWith("sk-jn-v1-");
        try (Store store = open(config)) {
            var stored = store.keys().find(KeyHash.sha256Hex(key)).orElseThrow();
            assertThat(stored.kind()).isEqualTo(KeyKind.PROVISIONING);
            assertThat(stored.name()).isEqualTo("admin");
            assertThat(stored.label()).doesNotContain(key.substring(20));
        }
        assertThat(Files.readString(dir.resolve("data/junction.db"), StandardCharsets.ISO_8859_1)).doesNotContain(key);
    }

    @Test
    void listsDisablesEnablesAndDeletesKeys() throws Exception {
        Path config = config();
        InProcess.Result created = run("keys", "create", "--config", config.toString(), "--name", "app", "--limit", "2.5", "--limit-reset", "daily");
        String hash = created.out().lines().filter(l -> l.startsWith("hash: ")).findFirst().orElseThrow().substring(6);

        InProcess.Result listed = run("keys", "list", "--config", config.toString());
        assertThat(listed.out()).contains(hash).contains("standard").contains("active").contains("$2.5/daily").contains("app");
        assertThat(listed.out()).doesNotContain("sk-jn-v1-");

        assertThat(run("keys", "disable", "--config", config.toString(), hash).exit()).isZero();
        assertThat(run("keys", "list", "--config", config.toString()).out()).contains("disabled");
        assertThat(run("keys", "enable", "--config", config.toString(), hash).exit()).isZero();
        assertThat(run("keys", "delete", "--config", config.toString(), hash).exit()).isZero();
        assertThat(run("keys", "list", "--config", config.toString()).out()).doesNotContain(hash);
        InProcess.Result missing = run("keys", "disable", "--config", config.toString(), hash);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no key with hash");
    }

    @Test
    void grantsAndShowsCredits() throws Exception {
        Path config = config();
        assertThat(run("credits", "grant", "--config", config.toString(), "--amount", "25").out()).contains("total credits: $25");
        assertThat(run("credits", "grant", "--config", config.toString(), "--amount", "0.5").out()).contains("total credits: $25.5");
        assertThat(run("credits", "show", "--config", config.toString()).out()).contains("available:     $25.5");
        assertThat(run("credits", "grant", "--config", config.toString(), "--amount", "-1").exit()).isEqualTo(2);
        try (Store store = open(config)) {
            assertThat(store.usage().totalCredits(StaticKeys.DEFAULT_ACCOUNT).toUsd()).isEqualByComparingTo("25.5");
            assertThat(store.usage().accountUsage(StaticKeys.DEFAULT_ACCOUNT, UsagePeriods.day(Instant.now())).total().isZero()).isTrue();
        }
    }

    @Test
    void aBrokenConfigurationIsReportedWithItsKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "storage: {sync-interval: often}\n");
        InProcess.Result run = run("keys", "list", "--config", bad.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("storage.sync-interval");
        InProcess.Result check = run("check-config", "--config", bad.toString());
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains("storage.sync-interval: expected a duration");
    }
}
