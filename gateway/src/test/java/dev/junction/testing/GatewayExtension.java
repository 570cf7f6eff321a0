package dev.junction.testing;

import dev.junction.Junction;
import dev.junction.money.Money;
import dev.junction.keys.KeyKind;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One gateway for a whole test class, in front of simulated upstreams: the sims and the gateway start before
 * the class's first test (and its {@code @BeforeAll} methods) and close after its last (and its
 * {@code @AfterAll} methods). Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayExtension gateway = GatewayExtension.withSim(SimOptions.defaults().withScript(...))
 *         .config("""
 *                 providers:
 *                   sim: {name: Sim, base-url: "${SIM_URL}"}
 *                 """)
 *         .env("JUNCTION_SERVER_KEEP_ALIVE_INTERVAL", "100ms");
 * }</pre>
 * Each sim has a name {@code N} (the one {@link #withSim(SimOptions)} makes is {@code SIM}) and gives the
 * configuration two variables: {@code ${N_URL}}, its OpenAI and Anthropic base URL ({@code …/v1}), and
 * {@code ${N_GEMINI_URL}}, its Gemini base URL ({@code …/v1beta}). The extension then answers as the
 * {@link TestGateway} it started does.
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String DEFAULT_SIM = "SIM";

    private final Map<String, SimOptions> simOptions = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String yaml;
    private InstantSource clock = InstantSource.system();

    private Sims sims;
    private final Map<String, SimServer> running = new LinkedHashMap<>();
    private TestGateway gateway;

    private GatewayExtension() {}

    /** A gateway in front of one sim named {@value #DEFAULT_SIM}, with these options. */
    public static GatewayExtension withSim(SimOptions options) {
        return withSim(DEFAULT_SIM, options);
    }

    /** A gateway in front of one sim named {@value #DEFAULT_SIM}, with the default options. */
    public static GatewayExtension withSim() {
        return withSim(SimOptions.defaults());
    }

    /** A gateway in front of a sim named {@code name}; add more with {@link #andSim}. */
    public static GatewayExtension withSim(String name, SimOptions options) {
        return new GatewayExtension().andSim(name, options);
    }

    /** A gateway with no sim in front of it. */
    public static GatewayExtension withoutSims() {
        return new GatewayExtension();
    }

    /** One more sim, named {@code name}: {@code ${name_URL}} and {@code ${name_GEMINI_URL}}. */
    public GatewayExtension andSim(String name, SimOptions options) {
        if (simOptions.putIfAbsent(name, options) != null) {
            throw new IllegalArgumentException("two sims named " + name);
        }
        return this;
    }

    /** Everything but the auth section, as for {@link TestGateway#start(String, Map)}. */
    public GatewayExtension config(String yaml) {
        this.yaml = yaml;
        return this;
    }

    /** A variable for the configuration, or a setting override such as {@code JUNCTION_SERVER_KEEP_ALIVE_INTERVAL}. */
    public GatewayExtension env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The gateway's clock, when the test moves time itself. */
    public GatewayExtension clock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (yaml == null) {
            throw new IllegalStateException("GatewayExtension in " + context.getDisplayName() + " has no config(...)");
        }
        sims = new Sims();
        Map<String, String> all = new LinkedHashMap<>();
        simOptions.forEach((name, options) -> {
            SimServer sim = sims.start(options);
            running.put(name, sim);
            all.put(name + "_URL", sim.baseUrl());
            all.put(name + "_GEMINI_URL", "http://127.0.0.1:" + sim.port() + "/v1beta");
        });
        all.putAll(env);
        gateway = TestGateway.start(yaml, all, clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            gateway = null;
            running.clear();
            if (sims != null) {
                sims.close();
                sims = null;
            }
        }
    }

    /** The started gateway. */
    public TestGateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("the gateway is not running: register the GatewayExtension on a static "
                    + "field with @RegisterExtension, and use it from tests or @BeforeAll methods");
        }
        return gateway;
    }

    /** The only sim. */
    public SimServer sim() {
        if (simOptions.size() != 1) {
            throw new IllegalStateException("sim() is for a single sim; these are named: " + simOptions.keySet());
        }
        return sim(simOptions.keySet().iterator().next());
    }

    /** The sim named {@code name}. */
    public SimServer sim(String name) {
        gateway();
        SimServer sim = running.get(name);
        if (sim == null) {
            throw new IllegalArgumentException("no sim named " + name + "; there are " + running.keySet());
        }
        return sim;
    }

    // What the started TestGateway answers, so that tests read gateway.post(...) as before.

    public String key() {
        return gateway().key();
    }

    public Junction junction() {
        return gateway().junction();
    }

    public String url(String path) {
        return gateway().url(path);
    }

    public String createKey(String name, KeyKind kind, Optional<Money> limit) {
        return gateway().createKey(name, kind, limit);
    }

    public HttpRequest.Builder request(String path) {
        return gateway().request(path);
    }

    public HttpRequest.Builder requestAs(String path, String key) {
        return gateway().requestAs(path, key);
    }

    public HttpResponse<String> post(String path, String json) {
        return gateway().post(path, json);
    }

    public HttpResponse<String> get(String path) {
        return gateway().get(path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        return gateway().send(request);
    }

    /** A JSON call made with {@code key}; {@code body} null for none. */
    public HttpResponse<String> call(String key, String method, String path, String body) {
        HttpRequest.Builder b = requestAs(path, key).header("Content-Type", "application/json");
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<InputStream> postStreaming(String path, String json) {
        return gateway().postStreaming(path, json);
    }
}
