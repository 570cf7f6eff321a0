package dev.junction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code junction <args>} in a JVM of its own, as a person runs it: its own working directory, its exit status,
 * what it wrote to stdout and stderr. Provider keys of the machine running the tests are not passed on, so nothing
 * it starts reaches the internet.
 */
public final class JunctionProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private JunctionProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code junction args…} in {@code dir}, with {@code env} added to the environment. */
    public static JunctionProcess start(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the jar's manifest grants (Enable-Native-Access), so the JVM does not warn about SQLite's loader.
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.junction.cli.Main"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "stdout-", ".txt");
            Path err = Files.createTempFile(dir, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.endsWith("_API_KEY") || name.startsWith("JUNCTION_"));
            builder.environment().putAll(env);
            return new JunctionProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    /** Waits for it to end by itself; returns the exit status. */
    public int exitStatus(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("junction did not exit within " + bound + "; stderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as {@code kill} or Kubernetes do, and waits for it to exit. */
    public int stop(Duration bound) {
        process.destroy();
        return exitStatus(bound);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
