package dev.junction.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's chromium driven by Playwright, the one way browser tests get a browser: Playwright is told never to
 * download one (none could be fetched here, and a test must not reach the internet), and the browser starts headless
 * with a fresh profile and its background networking off. Without chromium the tests are skipped, saying why — except
 * on CI ({@code CI=true}), whose {@code .ci/run} installs it, where a missing browser fails them.
 */
final class Chromium implements AutoCloseable {
    private static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("JUNCTION_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // launch() gives the browser a new temporary profile (user-data dir) of its own.
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGS));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** Starts the browser, or skips the test class when there is none outside CI. */
    static Chromium start() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String why = "no chromium at " + EXECUTABLE + " (apt-get install -y chromium; .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort("browser tests skipped: " + why);
        }
        return new Chromium();
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
