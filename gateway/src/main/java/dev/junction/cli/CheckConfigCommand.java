package dev.junction.cli;

import dev.junction.catalog.Catalog;
import dev.junction.config.JunctionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code junction check-config [--config FILE]}: validates a configuration without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file and print what it defines.")
final class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        JunctionConfig c = config.load(System.getenv());
        long withoutKeys = c.providers().values().stream().filter(p -> !p.hasCredentials()).count();
        long routable = Catalog.from(c).models().stream().filter(m -> !m.routableEndpoints().isEmpty()).count();
        System.out.printf("configuration OK: %d providers (%d without credentials), %d models (%d routable), %d API keys%n",
                c.providers().size(), withoutKeys, c.models().size(), routable, c.keys().size());
        c.defaultModel().ifPresent(m -> System.out.println("  default model: " + m));
        c.providers().values().stream().filter(p -> !p.hasCredentials()).forEach(p ->
                System.out.printf("  provider %s: %s is not set; its endpoints are not routable%n",
                        p.id(), p.apiKeyEnv().orElse("")));
        return 0;
    }
}
