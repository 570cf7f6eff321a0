package dev.junction.cli;

import dev.junction.money.Money;
import dev.junction.cluster.ClusterNotices;
import dev.junction.keys.ApiKey;
import dev.junction.keys.KeyFactory;
import dev.junction.keys.KeyKind;
import dev.junction.keys.KeyService;
import dev.junction.keys.LimitReset;
import dev.junction.keys.StaticKeys;
import dev.junction.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code junction keys create|list|disable|enable|delete}: bootstrap and manage API keys from the shell. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, disable and delete API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Disable.class,
                KeysCommand.Enable.class, KeysCommand.Delete.class})
final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it (shown this once). --provisioning for a key that manages keys.")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--name", required = true, description = "a name for the key")
        String name;
        @Option(names = "--provisioning", description = "a provisioning key: manages keys and reads account data, cannot call models")
        boolean provisioning;
        @Option(names = "--limit", paramLabel = "USD", description = "spending limit in USD")
        BigDecimal limit;
        @Option(names = "--limit-reset", paramLabel = "PERIOD", description = "daily, weekly or monthly (UTC)")
        String limitReset;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Optional<LimitReset> reset = Optional.ofNullable(limitReset).map(r -> LimitReset.parse(r)
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "--limit-reset: expected daily, weekly or monthly, got " + r)));
            try (Store s = store.open()) {
                KeyService.CreatedKey created = KeyFactory.mint(StaticKeys.DEFAULT_ACCOUNT, name,
                        provisioning ? KeyKind.PROVISIONING : KeyKind.STANDARD, Optional.ofNullable(limit).map(Money::ofUsd),
                        reset, false, Optional.empty(), Instant.now());
                s.keys().insert(created.key());
                System.out.println((provisioning ? "provisioning key: " : "key: ") + created.secret());
                System.out.println("hash: " + created.key().hash());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                System.out.printf("%-64s  %-13s  %-8s  %-12s  %s%n", "HASH", "KIND", "STATE", "LIMIT", "NAME");
                int offset = 0;
                java.util.List<ApiKey> page;
                do {
                    page = s.keys().list(StaticKeys.DEFAULT_ACCOUNT, offset, 100);
                    for (ApiKey k : page) {
                        System.out.printf("%-64s  %-13s  %-8s  %-12s  %s%n", k.hash(), k.kind().name().toLowerCase(),
                                k.disabled() ? "disabled" : "active",
                                k.limit().map(Money::toString).orElse("none") + k.limitReset().map(r -> "/" + r.wireName()).orElse(""),
                                k.name());
                    }
                    offset += page.size();
                } while (page.size() == 100);
                return 0;
            }
        }
    }

    abstract static class Change implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Parameters(index = "0", paramLabel = "HASH", description = "the key's hash (from `keys list`)")
        String hash;

        abstract boolean apply(Store s, ApiKey key);

        abstract String done();

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                Optional<ApiKey> key = s.keys().find(hash);
                if (key.isEmpty()) {
                    System.err.println("no key with hash " + hash);
                    return 1;
                }
                apply(s, key.get());
                System.out.println(done() + " " + hash);
                if (!ClusterNotices.keyChanged(store.load().cluster(), hash)) {
                    System.err.println("warning: the cluster's Redis could not be told; gateways apply the change within 10 seconds");
                }
                return 0;
            }
        }

        static ApiKey withDisabled(ApiKey k, boolean disabled) {
            return new ApiKey(k.hash(), k.accountId(), k.name(), k.label(), k.kind(), disabled, k.limit(), k.limitReset(),
                    k.includeByokInLimit(), k.createdAt(), Optional.of(Instant.now()), k.rateLimit(), k.workspaceId());
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a key (reversible).")
    static final class Disable extends Change {
        boolean apply(Store s, ApiKey key) {
            s.keys().update(withDisabled(key, true));
            return true;
        }

        String done() {
            return "disabled";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled key.")
    static final class Enable extends Change {
        boolean apply(Store s, ApiKey key) {
            s.keys().update(withDisabled(key, false));
            return true;
        }

        String done() {
            return "enabled";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key for good (its usage history stays).")
    static final class Delete extends Change {
        boolean apply(Store s, ApiKey key) {
            return s.keys().delete(key.hash());
        }

        String done() {
            return "deleted";
        }
    }
}
