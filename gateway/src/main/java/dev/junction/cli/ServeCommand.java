package dev.junction.cli;

import dev.junction.Junction;
import dev.junction.config.ConfigFile;
import dev.junction.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code junction serve [--config FILE] [--port N]}: runs the gateway until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway with a configuration file.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--port", paramLabel = "N", description = "listen on this port (overrides server.port)")
    Integer port;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put(ConfigLoader.envName("server.port"), port.toString());
        }
        ConfigFile file = ConfigFile.open(config.requireFile(), new ConfigLoader(env));
        // The file is re-read on every catalog refresh; models and prices reload without a restart.
        Run.untilStopped(Junction.start(file.initial(), InstantSource.system(), file));
        return 0;
    }
}
