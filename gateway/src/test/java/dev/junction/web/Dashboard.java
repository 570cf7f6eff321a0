package dev.junction.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * One browser tab on the dashboard, driven as a person would: by the labels and names they see. It records every
 * console error and uncaught page error (a Content-Security-Policy violation is reported as one), so a test can
 * check that none happened.
 */
final class Dashboard implements AutoCloseable {
    /** Where screenshots go: CI keeps {@code target/} as its artifacts. */
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private final BrowserContext context;
    private final Page page;
    private final String base;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    Dashboard(BrowserContext context, String base) {
        this.context = context;
        this.page = context.newPage();
        this.base = base;
        page.onConsoleMessage((ConsoleMessage m) -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
    }

    Page page() {
        return page;
    }

    /** Opens the gateway's root, which sends the browser to the dashboard. */
    Dashboard open() {
        page.navigate(base + "/");
        return this;
    }

    Dashboard signIn(String key) {
        open();
        page.getByLabel("API key").fill(key);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Pages"))).isVisible();
        return this;
    }

    /** Follows a link of the navigation and waits for the page's heading. */
    Dashboard go(String name) {
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true)).click();
        assertThat(heading(name)).isVisible();
        return this;
    }

    Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true).setLevel(1));
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Console and page errors seen so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        context.close();
    }
}
