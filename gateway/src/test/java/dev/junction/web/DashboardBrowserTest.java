package dev.junction.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium through Playwright) against a real gateway and a simulated
 * upstream: what an operator does with it, and what they would notice. One browser for the class; each test has its
 * own browser context (so its own session storage: it signs in itself). Screenshots go to
 * {@code target/dashboard-screenshots}.
 */
class DashboardBrowserTest {
    private static final String MODEL = "acme/chat";

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/chat:
                        name: "Acme Chat"
                        context-length: 32000
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                      acme/other:
                        name: "Acme Other"
                        endpoints: [{provider: sim, upstream-model: o, pricing: {prompt: "0.000003", completion: "0.000004"}}]
                    """);

    private static Chromium chromium;
    private static String admin;

    @BeforeAll
    static void start() {
        chromium = Chromium.start();
        admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static Dashboard tab() {
        return tab(new Browser.NewContextOptions());
    }

    private static Dashboard tab(Browser.NewContextOptions options) {
        return new Dashboard(chromium.browser().newContext(options
                .setPermissions(List.of("clipboard-read", "clipboard-write"))), gateway.url(""));
    }

    private static HttpResponse<String> chat(String key, String prompt, String... headers) {
        HttpRequest.Builder request = gateway.requestAs("/api/v1/chat/completions", key)
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        var body = Json.object().put("model", MODEL).put("max_tokens", 20);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        return gateway.send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void anOperatorCreatesAKeyCopiesItAndSeesItsRequestInTheLogAndTheChart() {
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).page();
            assertThat(tab.heading("Overview")).isVisible();
            tab.screenshot("overview");

            tab.go("Keys");
            page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Create a key")).getByLabel("Name").fill("ci-app");
            tab.button("Create key").click();
            Locator secret = page.getByLabel("The new key");
            assertThat(secret).hasValue(java.util.regex.Pattern.compile("sk-jn-v1-.+"));
            String key = secret.inputValue();
            tab.button("Copy").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Copied to the clipboard");
            assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(key);
            tab.screenshot("keys");

            HttpResponse<String> answered = chat(key, "hello from ci-app");
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            String id = Json.parse(answered.body()).get("id").asString();

            tab.go("Generations");
            Locator row = page.locator("tr[data-generation='" + id + "']");
            Poll.until("the request in the generations log", () -> {
                tab.button("Apply / refresh").click();
                return row.isVisible();
            });
            assertThat(row).containsText("ci-app");
            assertThat(row).containsText(MODEL);
            tab.screenshot("generations");
            row.getByRole(AriaRole.LINK).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(id);
            assertThat(page.getByText("Providers tried")).isVisible();
            assertThat(page.locator("dl.facts").first()).containsText("Sim");
            tab.screenshot("generation");

            tab.go("Activity");
            page.getByLabel("Show").selectOption("requests");
            page.getByLabel("Split by").selectOption("key");
            Locator days = page.locator("[data-chart='days']");
            Poll.until("the request in the 30-day chart's figures", () -> {
                tab.button("Refresh").click();
                days.getByText("Figures as a table").click();
                return days.locator("tr", new Locator.LocatorOptions().setHasText("ci-app")).isVisible();
            });
            assertThat(days.locator("tr", new Locator.LocatorOptions().setHasText("ci-app")).locator("td").last()).hasText("1");
            assertThat(page.locator("[data-chart='hours']")).containsText("ci-app");
            assertThat(days.locator("canvas").first()).isVisible();
            assertThat(page.getByRole(AriaRole.STATUS)).not().hasClass(java.util.regex.Pattern.compile("\\bshow\\b"));
            tab.screenshot("activity");
            assertThat(tab.errors()).isEmpty();
        }
    }

    @Test
    void aKeyDisabledInTheDashboardIsRefused() {
        String key = gateway.createKey("to-disable", KeyKind.STANDARD, Optional.empty());
        assertThat(chat(key, "before").statusCode()).isEqualTo(200);
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).go("Keys").page();
            tab.button("Disable to-disable").click();
            Locator row = page.locator("tr", new Page.LocatorOptions().setHasText("to-disable"));
            assertThat(row).containsText("disabled");
            assertThat(tab.button("Enable to-disable")).isVisible();
        }
        HttpResponse<String> refused = chat(key, "after");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
    }

    @Test
    void anOperatorEditsAKeysLimitsDeletesAKeyAndGrantsCredits() {
        String key = gateway.createKey("to-edit", KeyKind.STANDARD, Optional.empty());
        gateway.createKey("to-delete", KeyKind.STANDARD, Optional.empty());
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).go("Keys").page();
            tab.button("Edit to-edit").click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            dialog.getByLabel("Name").fill("edited");
            dialog.getByLabel("Limit (USD, empty for none)").fill("2.5");
            dialog.getByLabel("Limit resets").selectOption("weekly");
            dialog.getByLabel("Rate limit: requests").fill("7");
            dialog.getByLabel("per (10s, 1m, 1h, 1d)").fill("1h");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
            Locator edited = page.locator("tr", new Page.LocatorOptions().setHasText("edited"));
            assertThat(edited).containsText("$2.5 weekly");
            assertThat(edited).containsText("7 / 1h");

            tab.button("Delete to-delete").click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("to-delete"))).hasCount(0);

            page.getByLabel("Amount (USD)").fill("3");
            tab.button("Grant credits").click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Credits granted");
        }
        JsonNode data = Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key).GET().build()).body()).get("data");
        assertThat(data.get("label").asString()).isNotBlank();
        assertThat(data.get("limit").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(data.get("limit_reset").asString()).isEqualTo("weekly");
        assertThat(Json.parse(gateway.send(gateway.requestAs("/api/v1/credits", admin).GET().build()).body())
                .get("data").get("total_credits").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("3"));
    }

    @Test
    void thePlaygroundStreamsAnAnswerAndShowsItsFiguresAndTheCurlCommand() {
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).go("Playground").page();
            assertThat(page.getByText("cannot call models")).isVisible();
            tab.button("Create a playground key").click();
            page.getByLabel("Prompt").fill("Stream me <b>bold</b> <script>window.pwned = true</script> please");
            page.getByLabel("Compare with").selectOption("acme/other");
            tab.button("Send").click();
            Locator first = page.locator("[data-answer='" + MODEL + "']");
            assertThat(first).containsText("Stream me <b>bold</b> <script>window.pwned = true</script> please");
            assertThat(page.locator("[data-answer='acme/other']")).containsText("Stream me");
            assertThat(page.locator("[data-stat='tokens']").first()).containsText("out");
            assertThat(page.locator("[data-stat='cost']").first()).containsText("$");
            assertThat(page.locator("[data-stat='ttft']").first()).containsText("ms");
            assertThat(page.locator("[data-curl]")).containsText("/api/v1/chat/completions");
            assertThat(page.locator("[data-curl]")).containsText("$JUNCTION_API_KEY");
            // The prompt came back as text: no element was made of it, no script of it ran.
            assertThat(first.locator("b, script")).hasCount(0);
            assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            tab.screenshot("playground");
            assertThat(tab.errors()).isEmpty();
        }
    }

    @Test
    void aGenerationWhoseRequestCarriesMarkupShowsItAsText() {
        String key = gateway.createKey("markup", KeyKind.STANDARD, Optional.empty());
        String title = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        HttpResponse<String> answered = chat(key, "<script>window.pwned=3</script>", "X-Title", title,
                "X-Session-Id", "<script>window.pwned=4</script>");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        String id = Json.parse(answered.body()).get("id").asString();
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).page();
            page.navigate(gateway.url("/dashboard/#/generation/" + id));
            Locator facts = page.locator("dl.facts").first();
            assertThat(facts).containsText(title);
            assertThat(facts).containsText("<script>window.pwned=4</script>");
            assertThat(page.locator("main img, main script")).hasCount(0);
            assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            tab.go("Overview");
            assertThat(page.locator("main")).containsText(title); // the top apps, by the app's title
            assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
        }
    }

    @Test
    void everyPageWorksOnAPhoneInTheDarkWithoutAContentSecurityPolicyViolation() {
        try (Dashboard tab = tab(new Browser.NewContextOptions().setViewportSize(390, 844).setColorScheme(ColorScheme.DARK))) {
            Page page = tab.signIn(admin).page();
            for (String name : List.of("Overview", "Activity", "Generations", "Keys", "Models", "Playground", "Health")) {
                tab.go(name);
                tab.screenshot("phone-" + name.toLowerCase(java.util.Locale.ROOT));
            }
            // Nothing wider than the screen but what scrolls inside its own box (tables).
            assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            assertThat(tab.errors()).as("console errors, CSP violations included").isEmpty();
        }
    }

    @Test
    void theDashboardIsUsableWithTheKeyboardAlone() {
        try (Dashboard tab = tab()) {
            Page page = tab.open().page();
            page.keyboard().press("Tab");
            assertThat(page.getByText("Skip to content")).isFocused();
            page.getByLabel("API key").focus();
            page.keyboard().type(admin);
            page.keyboard().press("Enter");
            assertThat(tab.heading("Overview")).isVisible();
            Locator keysLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keys").setExact(true));
            keysLink.focus();
            page.keyboard().press("Enter");
            assertThat(tab.heading("Keys")).isVisible();
            page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Create a key")).getByLabel("Name").focus();
            page.keyboard().type("typed-key");
            page.keyboard().press("Enter");
            assertThat(page.getByLabel("The new key")).isFocused();
        }
    }

    @Test
    void modelsShowTheirEndpointsAndHealthShowsTheCatalog() {
        assertThat(chat(gateway.key(), "warm the endpoint's figures").statusCode()).isEqualTo(200);
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(admin).go("Models").page();
            page.getByLabel("Search").fill("other");
            tab.button("Search").click();
            assertThat(page.getByText("1 models")).isVisible();
            page.getByLabel("Search").fill("");
            tab.button("Search").click();
            Locator chatRow = page.locator("tr", new Page.LocatorOptions().setHasText("acme/chat"));
            chatRow.getByText("Endpoints", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(chatRow.locator("table")).containsText("Sim");
            assertThat(chatRow.locator("table")).containsText("$1");
            tab.screenshot("models");
            tab.go("Health");
            assertThat(page.locator("[data-ready='ready']")).isVisible();
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("sim"))).containsText("present");
            tab.screenshot("health");
        }
    }

    @Test
    void aStandardKeySeesItsOwnUsageReadOnly() {
        String key = gateway.createKey("reader", KeyKind.STANDARD, Optional.empty());
        String other = gateway.createKey("someone-else", KeyKind.STANDARD, Optional.empty());
        String own = Json.parse(chat(key, "mine").body()).get("id").asString();
        String theirs = Json.parse(chat(other, "theirs").body()).get("id").asString();
        try (Dashboard tab = tab()) {
            Page page = tab.signIn(key).page();
            assertThat(page.getByText("Standard key (read-only)")).isVisible();
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                    new Locator.GetByRoleOptions().setName("Keys"))).hasCount(0);
            tab.go("Generations");
            assertThat(page.locator("tr[data-generation='" + own + "']")).isVisible();
            assertThat(page.locator("tr[data-generation='" + theirs + "']")).hasCount(0);
        }
    }

    @Test
    void signingInThroughOAuthGivesTheDashboardAStandardKey() {
        try (Dashboard tab = tab()) {
            Page page = tab.open().page();
            tab.button("Sign in with OAuth").click();
            page.getByLabel("Your provisioning key").fill(admin);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(tab.heading("Overview")).isVisible();
            assertThat(page.getByText("Standard key (read-only)")).isVisible();
            assertThat(page.url()).doesNotContain("code=");
        }
    }
}
