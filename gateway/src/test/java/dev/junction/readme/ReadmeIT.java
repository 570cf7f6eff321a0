package dev.junction.readme;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimServer;
import dev.junction.testing.Poll;
import dev.junction.testing.Sims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Quick start" and "Running it for real" work as written, on a fresh machine: their {@code bash} blocks
 * are read from README.md at test time and run with bash, in order, in an empty directory holding only the jar this
 * build packaged ({@code gateway/target/junction.jar}, its launcher and AOT cache) — so an edit that breaks them fails here. A block whose last
 * command starts the gateway ({@code demo}, {@code serve}) runs in the background, as in its own terminal, until the
 * gateway is ready; the blocks after it run in one shell session, as in a second terminal, and must succeed without an
 * error envelope in what they print. What stands in for the reader, and nothing else:
 * <ul>
 *   <li>{@code ./mvnw}: the build running this test has packaged the jar already, so it is a no-op;</li>
 *   <li>port 8080, which a CI host may have in use: a free port, through {@code JUNCTION_SERVER_PORT} and in the
 *       curl URLs;</li>
 *   <li>{@code sk-jn-v1-…}, which the reader pastes: the API key the commands before printed;</li>
 *   <li>OpenAI: a simulator, through {@code OPENAI_BASE_URL} (which the starter configuration reads); it accepts only
 *       the README's {@code OPENAI_API_KEY=sk-...}, so the key is seen to travel. Nothing reaches the internet: no
 *       provider key of the machine running the test is passed on.</li>
 * </ul>
 * Runs in the {@code integration-test} phase ({@code ./mvnw verify}), after {@code package} built the jar.
 */
class ReadmeIT {
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Path JAR = Path.of("target", "junction.jar").toAbsolutePath();
    private static final Pattern PRINTED_KEY = Pattern.compile("(?m)^(?:demo key|key): (sk-jn-v1-[0-9a-f]+)$");
    private static final String PASTED_KEY = "sk-jn-v1-…";
    private static final Pattern STARTS_GATEWAY = Pattern.compile("junction(?:\\.jar)? (demo|serve)\\b[^\\n]*\\n*$");
    /** The launcher the build writes beside the jar, and the AOT cache it starts the jar with. */
    private static final Path LAUNCHER = Path.of("target", "junction").toAbsolutePath();
    private static final Path AOT_CACHE = Path.of("target", "junction.aot").toAbsolutePath();

    @TempDir
    Path work;

    private final List<Process> background = new ArrayList<>();
    private final List<Path> printed = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Sims sims;
    private SimServer openAi;
    private Path state;
    private int port;

    @BeforeEach
    void freshMachine() throws Exception {
        // -Dtest=ReadmeIT also selects it in the test phase, before package has built (or rebuilt) the jar.
        Assumptions.assumeTrue(Boolean.getBoolean("junction.integration-tests"),
                "ReadmeIT runs in the integration-test phase, on the jar package has just built");
        assertThat(JAR).as("the packaged jar (package builds it before the integration-test phase)").exists();
        Files.createDirectories(work.resolve("gateway/target"));
        Files.createSymbolicLink(work.resolve("gateway/target/junction.jar"), JAR);
        assertThat(LAUNCHER).as("the launcher (package writes it beside the jar)").exists();
        Files.copy(LAUNCHER, work.resolve("gateway/target/junction"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        if (Files.exists(AOT_CACHE)) {
            Files.createSymbolicLink(work.resolve("gateway/target/junction.aot"), AOT_CACHE);
        }
        Path mvnw = work.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n# The build running this test has packaged the jar already.\nexit 0\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("tmp"));
        state = work.resolve("shell-state");
        Files.writeString(state, "");
        sims = new Sims();
        openAi = sims.start(SimOptions.defaults().withRequiredApiKey("sk-..."));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : background) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (sims != null) {
            sims.close();
        }
        http.close();
    }

    @Test
    void theQuickStartWorksAsWritten() throws Exception {
        List<String> blocks = ShellBlocks.of(readme(), "Quick start");
        assertThat(blocks).as("the quick start's shell blocks").hasSizeGreaterThanOrEqualTo(3);
        runInOrder(blocks);
    }

    @Test
    void runningItForRealWorksAsWritten() throws Exception {
        List<String> blocks = ShellBlocks.of(readme(), "Running it for real");
        assertThat(blocks).as("the section's shell blocks").hasSizeGreaterThanOrEqualTo(2);
        runInOrder(blocks);
        assertThat(openAi.stats().count()).as("the requests reached the stand-in for OpenAI").isPositive();
        assertThat(Files.readString(work.resolve("junction.yaml"))).as("init wrote the configuration").isNotBlank();
    }

    private void runInOrder(List<String> blocks) throws Exception {
        for (String block : blocks) {
            if (STARTS_GATEWAY.matcher(block.strip() + "\n").find()) {
                startInBackground(block);
            } else {
                runToTheEnd(block);
            }
        }
    }

    /** A terminal of its own, running until the test ends; returns once the gateway it starts is ready. */
    private void startInBackground(String block) throws Exception {
        Process process = bash("set -e\n" + block, "background-" + background.size());
        background.add(process);
        Path out = printed.getLast();
        Poll.until("the gateway that this block starts is ready:\n" + block, BOUND, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the block ended with status " + process.exitValue() + ":\n" + block
                        + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(stderrOf(out)));
            }
            return ready();
        });
    }

    /** The second terminal: one shell session across blocks, so what a block exports the next one has. */
    private void runToTheEnd(String block) throws Exception {
        String script = "set -e -o pipefail\nsource '" + state + "'\n" + substitute(block) + "\nexport -p > '" + state + "'\n";
        Process process = bash(script, "foreground-" + printed.size());
        assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the block ends:\n" + block).isTrue();
        Path out = printed.getLast();
        String stdout = Files.readString(out);
        String stderr = Files.readString(stderrOf(out));
        assertThat(process.exitValue()).as("status of:\n" + block + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr).isZero();
        assertThat(stdout).as("what this block printed has no error envelope:\n" + block).doesNotContain("{\"error\":{\"code\"");
        long curls = block.lines().filter(l -> l.strip().startsWith("curl ")).count();
        long answers = Pattern.compile("\"id\":\"gen-").matcher(stdout).results().count();
        assertThat(answers).as("every curl of this block got a generation:\n" + block + "\nstdout:\n" + stdout)
                .isGreaterThanOrEqualTo(curls);
    }

    /** The port that may be taken, and the key the reader pastes. */
    private String substitute(String block) throws Exception {
        String script = block.replace("127.0.0.1:8080", "127.0.0.1:" + port);
        if (script.contains(PASTED_KEY)) {
            String key = Poll.value("an API key printed by the commands before", this::lastPrintedKey);
            script = script.replace(PASTED_KEY, key);
        }
        return script;
    }

    private Optional<String> lastPrintedKey() throws IOException {
        String key = null;
        for (Path out : printed) {
            Matcher m = PRINTED_KEY.matcher(Files.readString(out));
            while (m.find()) {
                key = m.group(1);
            }
        }
        return Optional.ofNullable(key);
    }

    private Process bash(String script, String name) throws IOException {
        Path out = work.resolve(name + ".out");
        printed.add(out);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(stderrOf(out).toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(freshMachineEnvironment());
        return builder.start();
    }

    private Map<String, String> freshMachineEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", work.resolve("home").toString());
        env.put("TMPDIR", work.resolve("tmp").toString());
        env.put("LANG", "C.UTF-8");
        env.put("JUNCTION_SERVER_PORT", Integer.toString(port));
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        return env;
    }

    private boolean ready() {
        try {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return ready.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path stderrOf(Path out) {
        return out.resolveSibling(out.getFileName().toString().replace(".out", ".err"));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }
}
