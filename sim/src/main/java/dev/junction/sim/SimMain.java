package dev.junction.sim;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar junction-sim.jar --port N [--host H] [--script FILE] [--api-key KEY]}. Prints exactly one line,
 * {@code sim listening on http://HOST:PORT/v1}, to stdout once it serves (logs go to stderr), then runs until killed.
 */
@Command(name = "junction-sim", mixinStandardHelpOptions = true, version = "junction-sim 0.1",
        description = "A simulated OpenAI-compatible LLM upstream with scripted behaviour.")
public final class SimMain implements Callable<Integer> {
    private static final String LOGBACK_CONFIG = "junction-sim-logback.xml";

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks a free one.")
    private int port;

    @Option(names = "--host", defaultValue = SimOptions.DEFAULT_HOST, description = "Address to bind.")
    private String host;

    @Option(names = "--script", paramLabel = "FILE",
            description = "JSON script file: {\"default\": {script}, \"models\": {\"name\": {script}}}.")
    private Optional<Path> script;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:JUNCTION_SIM_API_KEY}",
            description = "Require 'Authorization: Bearer KEY' (default: $JUNCTION_SIM_API_KEY, else none).")
    private Optional<String> apiKey;

    private Vertx vertx;

    public static void main(String[] args) {
        // Our own logback file, so the sim's logs go to stderr and stdout carries only the ready line.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        var main = new SimMain();
        int exit = new CommandLine(main).execute(args);
        if (exit != 0 || main.vertx == null) {
            System.exit(exit); // --help, --version or a failure; on success the Vert.x threads keep us running
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "junction-sim-shutdown"));
    }

    /** Closes the server and its Vert.x instance. */
    void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Override
    public Integer call() {
        SimOptions options;
        try {
            options = SimOptions.builder().host(host).port(port).build();
            if (script.isPresent()) {
                options = SimScriptFile.read(script.get()).applyTo(options);
            }
            if (apiKey.isPresent() && !apiKey.get().isBlank()) {
                options = options.withRequiredApiKey(apiKey.get());
            }
        } catch (SimScriptException | java.io.UncheckedIOException | IllegalArgumentException e) {
            System.err.println("junction-sim: " + e.getMessage());
            return 2;
        }
        Vertx started = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        SimServer server;
        try {
            server = SimServer.start(started, options).await();
        } catch (Exception e) { // await() rethrows the bind failure as is, checked or not
            System.err.println("junction-sim: cannot listen on " + host + ":" + port + ": " + e);
            started.close();
            return 1;
        }
        vertx = started;
        System.out.println("sim listening on " + server.baseUrl());
        System.out.flush();
        return 0;
    }
}
