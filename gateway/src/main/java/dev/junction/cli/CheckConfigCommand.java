package dev.junction.cli;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code junction check-config --config FILE}: validates a configuration without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file and print what it defines.")
final class CheckConfigCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Override
    public Integer call() {
        try {
            JunctionConfig c = new ConfigLoader(System.getenv()).load(config);
            long withoutKeys = c.providers().values().stream().filter(p -> !p.hasCredentials()).count();
            System.out.printf("configuration OK: %d providers (%d without credentials), %d models, %d API keys%n",
                    c.providers().size(), withoutKeys, c.models().size(), c.keys().size());
            c.providers().values().stream().filter(p -> !p.hasCredentials()).forEach(p ->
                    System.out.printf("  provider %s: %s is not set; its endpoints are not routable%n",
                            p.id(), p.apiKeyEnv().orElse("")));
            return 0;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
