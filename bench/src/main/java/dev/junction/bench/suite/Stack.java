package dev.junction.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes under test, each on its own: the mock upstream, nginx in front of it, and Junction in
 * front of it. Their output goes to log files in the results directory.
 */
final class Stack implements AutoCloseable {
    private final Settings settings;
    private final List<Process> started = new ArrayList<>();
    Process mock;
    Process nginx;
    Process gateway;

    Stack(Settings settings) {
        this.settings = settings;
    }

    void startMock() throws IOException {
        mock = spawn("mock", List.of(settings.java(), "-Xmx512m", "-cp", settings.benchJar().toString(),
                "dev.junction.bench.mock.MockUpstream", "--port", Integer.toString(settings.mockPort())), Map.of());
        awaitPort(settings.mockPort(), mock, Duration.ofSeconds(20));
    }

    /** @param connections nginx's worker_connections: two per proxied stream (client and upstream) */
    void startNginx(int connections) throws IOException {
        Path dir = settings.out();
        for (String tmp : new String[] {"body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            Files.createDirectories(dir.resolve("nginx-tmp").resolve(tmp));
        }
        String conf = Files.readString(settings.nginxTemplate())
                .replace("{{WORKERS}}", Integer.toString(settings.nginxWorkers()))
                .replace("{{NOFILE}}", Long.toString(Limits.openFiles()))
                .replace("{{CONNECTIONS}}", Integer.toString(connections))
                .replace("{{DIR}}", dir.toAbsolutePath().toString())
                .replace("{{MOCK_PORT}}", Integer.toString(settings.mockPort()))
                .replace("{{PORT}}", Integer.toString(settings.nginxPort()));
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        nginx = spawn("nginx", List.of("nginx", "-p", dir.toAbsolutePath().toString(), "-c", file.toAbsolutePath().toString()),
                Map.of());
        awaitPort(settings.nginxPort(), nginx, Duration.ofSeconds(10));
    }

    /** Starts Junction with the benchmark configuration; {@code jvmFlags} come before {@code -jar}. */
    Process startGateway(String label, List<String> jvmFlags) throws IOException {
        return startGateway(label, jvmFlags, Map.of());
    }

    /** The same with extra environment: configuration overrides such as {@code JUNCTION_CLUSTER_REDIS_URL}. */
    Process startGateway(String label, List<String> jvmFlags, Map<String, String> env) throws IOException {
        gateway = spawnGateway(label, jvmFlags, env);
        awaitPort(settings.gatewayPort(), gateway, Duration.ofSeconds(30));
        return gateway;
    }

    /** Spawns Junction without waiting for it (the cold-start scenario times that itself). */
    Process spawnGateway(String label, List<String> jvmFlags) throws IOException {
        return spawnGateway(label, jvmFlags, Map.of());
    }

    private Process spawnGateway(String label, List<String> jvmFlags, Map<String, String> extraEnv) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.add("-Xmx" + settings.gatewayHeap());
        settings.gatewayJvmFlags().stream().filter(f -> !f.isBlank()).forEach(command::add);
        command.add("-Xlog:gc:file=" + settings.out().resolve("gc-" + label + ".log").toAbsolutePath());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", settings.gatewayJar().toString(), "serve", "--config",
                settings.gatewayConfig().toString()));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "JUNCTION_BENCH_KEY", settings.key(),
                "JUNCTION_SERVER_PORT", Integer.toString(settings.gatewayPort()),
                "BENCH_MOCK_PORT", Integer.toString(settings.mockPort()),
                "BENCH_SLOW_CHUNKS", Integer.toString(settings.slowChunks()),
                "BENCH_SLOW_INTERVAL_MS", Integer.toString(settings.slowIntervalMs())));
        // Each start gets a fresh data directory in the run's folder: a database grown by earlier runs
        // (millions of usage rows) would make figures depend on history.
        env.put("JUNCTION_STORAGE_DATA_DIR", settings.out().resolve("data-" + label).toAbsolutePath().toString());
        env.putAll(extraEnv);
        return spawn("gateway-" + label, command, env);
    }

    void stopGateway() {
        stop(gateway);
        gateway = null;
    }

    Path gcLog(String label) {
        return settings.out().resolve("gc-" + label + ".log");
    }

    private Process spawn(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.out().resolve(name + ".log").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM: Junction closes cleanly, nginx quits fast, the JVM writes its AOT cache
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitPort(int port, Process process, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("process " + process.pid() + " exited with " + process.exitValue()
                        + " before listening on port " + port + " (see its log in the results directory)");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IOException("nothing listens on port " + port + " after " + timeout);
    }

    static boolean portFree(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (Process p : started.reversed()) {
            stop(p);
        }
    }
}
