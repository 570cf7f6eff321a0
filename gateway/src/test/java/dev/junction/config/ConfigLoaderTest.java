package dev.junction.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static JunctionConfig parse(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).parse(yaml, "test.yaml");
    }

    private static String problemsOf(String yaml) {
        try {
            parse(yaml, Map.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    private static final String PROVIDER_AND_MODEL = """
            providers:
              openai:
                name: OpenAI
                base-url: https://api.openai.com/v1/
                api-key-env: OPENAI_API_KEY
            models:
              openai/gpt-4o-mini:
                context-length: 128000
                endpoints:
                  - provider: openai
                    upstream-model: gpt-4o-mini
                    pricing: {prompt: "0.00000015", completion: "0.0000006"}
            """;

    @Test
    void webSearchAndTheFetchGuardAreConfigured() {
        JunctionConfig c = parse("""
                web-search:
                  price-per-result: "0.005"
                  backends:
                    local: {kind: searxng, url: "http://127.0.0.1:8888/"}
                    hosted: {kind: tavily, url: "https://api.tavily.com", api-key-env: TAVILY_KEY}
                fetch: {allow: [127.0.0.0/8, "::1"], timeout: 3s, max-bytes: 1MiB}
                """, Map.of("TAVILY_KEY", "tvly-test"));
        assertThat(c.webSearch().defaultBackend()).contains("local");
        assertThat(c.webSearch().pricePerResult()).isEqualByComparingTo("0.005");
        assertThat(c.webSearch().backends().get("hosted").apiKey()).contains("tvly-test");
        assertThat(c.fetch().allow()).containsExactly("127.0.0.0/8", "::1");
        assertThat(c.fetch().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.fetch().maxBytes()).isEqualTo(1024 * 1024);
        JunctionConfig none = parse("", Map.of());
        assertThat(none.webSearch().backends()).isEmpty();
        assertThat(none.fetch().allow()).as("nothing internal is fetched by default").isEmpty();
    }

    @Test
    void badWebSearchAndFetchSettingsNameTheKey() {
        String problems = problemsOf("""
                web-search:
                  default-backend: nowhere
                  price-per-result: "-1"
                  backends:
                    hosted: {kind: tavily, url: "ftp://x"}
                    odd: {kind: bing, url: "http://x"}
                fetch: {allow: [localhost]}
                """);
        assertThat(problems).contains("web-search.default-backend").contains("web-search.price-per-result")
                .contains("web-search.backends.hosted.api-key-env").contains("web-search.backends.hosted.url")
                .contains("web-search.backends.odd.kind").contains("fetch.allow");
    }

    @Test
    void emptyFileGivesEveryDefault() {
        JunctionConfig c = parse("", Map.of());
        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(c.server().keepAliveInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.upstream().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        // An empty file still gets the bundled catalog (BundledCatalogTest); without it, nothing is served.
        assertThat(c.catalog().bundled()).isTrue();
        assertThat(c.providers()).isNotEmpty();
        JunctionConfig bare = parse("catalog: {bundled: false}", Map.of());
        assertThat(bare.providers()).isEmpty();
        assertThat(bare.models()).isEmpty();
    }

    @Test
    void providerCredentialsComeFromTheNamedEnvironmentVariable() {
        JunctionConfig c = parse(PROVIDER_AND_MODEL, Map.of("OPENAI_API_KEY", "sk-test"));
        ProviderConfig openai = c.providers().get("openai");
        assertThat(openai.apiKey()).contains("sk-test");
        assertThat(openai.hasCredentials()).isTrue();
        assertThat(openai.baseUrl().toString()).isEqualTo("https://api.openai.com/v1");
        assertThat(c.models().get("openai/gpt-4o-mini").endpoints().getFirst().pricing().prompt())
                .isEqualByComparingTo(new BigDecimal("0.00000015"));
    }

    @Test
    void providerWithoutItsKeyIsKnownButHasNoCredentials() {
        JunctionConfig c = parse(PROVIDER_AND_MODEL, Map.of());
        assertThat(c.providers().get("openai").hasCredentials()).isFalse();
    }

    @Test
    void environmentOverridesScalarKeys() {
        JunctionConfig c = parse("server:\n  port: 9000\n", Map.of(
                "JUNCTION_SERVER_PORT", "9100",
                "JUNCTION_SERVER_MAX_BODY_SIZE", "1MiB",
                "JUNCTION_UPSTREAM_IDLE_TIMEOUT", "30s"));
        assertThat(c.server().port()).isEqualTo(9100);
        assertThat(c.server().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(c.upstream().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theByokEncryptionKeyIs32BytesInBase64FromTheFileOrTheEnvironment() {
        assertThat(parse("", Map.of()).byok().encryptionKey()).isEmpty();
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(parse("byok:\n  encryption-key: " + key + "\n", Map.of()).byok().encryptionKey()).hasValueSatisfying(k ->
                assertThat(k).hasSize(32));
        assertThat(parse("", Map.of("JUNCTION_BYOK_ENCRYPTION_KEY", key)).byok().encryptionKey()).isPresent();
        assertThat(parse("", Map.of("JUNCTION_BYOK_ENCRYPTION_KEY", key)).byok().toString()).doesNotContain(key);
        assertThat(problemsOf("byok:\n  encryption-key: c2hvcnQ=\n")).contains("byok.encryption-key").contains("32 bytes");
        assertThat(problemsOf("byok:\n  encryption-key: '%%%'\n")).contains("byok.encryption-key");
    }

    @Test
    void slowClientTimeoutsDefaultValidateAndOverride() {
        JunctionConfig defaults = parse("", Map.of());
        assertThat(defaults.server().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.server().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(30));

        JunctionConfig set = parse("server:\n  idle-timeout: 45s\n", Map.of("JUNCTION_SERVER_BODY_READ_TIMEOUT", "2m"));
        assertThat(set.server().idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(set.server().bodyReadTimeout()).isEqualTo(Duration.ofMinutes(2));

        assertThat(problemsOf("server:\n  idle-timeout: 0s\n  body-read-timeout: soon\n"))
                .contains("server.idle-timeout: must be at least 10ms, got '0s'")
                .contains("server.body-read-timeout: expected a duration like 250ms, 10s, 5m or 1h, got 'soon'");
    }

    @Test
    void environmentReferencesAreResolvedWithDefaults() {
        JunctionConfig c = parse("""
                providers:
                  local:
                    base-url: ${LLM_URL:-http://127.0.0.1:1234/v1}
                  other:
                    base-url: http://${HOST}:8000/v1
                """, Map.of("HOST", "10.0.0.5"));
        assertThat(c.providers().get("local").baseUrl().toString()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(c.providers().get("other").baseUrl().toString()).isEqualTo("http://10.0.0.5:8000/v1");
    }

    @Test
    void keysAreKeptOnlyAsHashes() {
        JunctionConfig c = parse("""
                auth:
                  keys:
                    - name: from-env
                      key-env: MY_KEY
                    - name: hashed
                      sha256: %s
                """.formatted("A".repeat(64)), Map.of("MY_KEY", "sk-jn-v1-secret"));
        assertThat(c.keys()).extracting(KeyConfig::name).containsExactly("from-env", "hashed");
        assertThat(c.keys().getFirst().sha256Hex()).hasSize(64).doesNotContain("secret");
        assertThat(c.keys().get(1).sha256Hex()).isEqualTo("a".repeat(64));
    }

    @Test
    void pkceIsRequiredUnlessTheAuthSectionOrTheEnvironmentSaysOtherwise() {
        assertThat(parse("", Map.of()).oauth().requirePkce()).isTrue();
        assertThat(parse("auth:\n  require-pkce: false\n", Map.of()).oauth().requirePkce()).isFalse();
        assertThat(parse("auth:\n  require-pkce: false\n", Map.of("JUNCTION_AUTH_REQUIRE_PKCE", "true")).oauth().requirePkce())
                .isTrue();
        assertThat(problemsOf("auth:\n  require-pkc: false\n")).contains("auth.require-pkc: unknown key (did you mean 'require-pkce'?)");
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        String message = problemsOf("""
                server:
                  port: 70000
                  prot: 1
                  keep-alive-interval: soon
                upstream:
                  connect-timeout: 5
                providers:
                  x:
                    base-url: ftp://nope
                    kind: grpc
                models:
                  not-a-slug:
                    endpoints:
                      - provider: missing
                        upstream-model: m
                        pricing: {prompt: "-1", completion: "abc", request: "0.0000000000001"}
                default-model: nope/nope
                """);
        assertThat(message)
                .contains("server.port: must be between 0 and 65535, got 70000")
                .contains("server.prot: unknown key (did you mean 'port'?)")
                .contains("server.keep-alive-interval: expected a duration")
                .contains("upstream.connect-timeout: expected a duration like 250ms")
                .contains("providers.x.base-url: expected an http:// or https:// URL")
                .contains("providers.x.kind: unknown provider kind 'grpc'")
                .contains("models.not-a-slug: model ids look like author/slug")
                .contains("models.not-a-slug.endpoints[0].provider: unknown provider 'missing'")
                .contains("models.not-a-slug.endpoints[0].pricing.prompt: must not be negative")
                .contains("models.not-a-slug.endpoints[0].pricing.completion: expected a decimal number")
                .contains("models.not-a-slug.endpoints[0].pricing.request: price 0.0000000000001 has more than 12 decimal places")
                .contains("default-model: 'nope/nope' is not a model defined under models");
    }

    @Test
    void aliasesNameModelsAndMayBeRemovedOrAdded() {
        JunctionConfig config = parse(PROVIDER_AND_MODEL + """
                aliases:
                  gpt-mini: openai/gpt-4o-mini
                  claude-sonnet-4-5: openai/gpt-4o-mini
                  claude-haiku-4-5: null
                """, Map.of());

        assertThat(config.aliases()).containsEntry("gpt-mini", "openai/gpt-4o-mini")
                .containsEntry("claude-sonnet-4-5", "openai/gpt-4o-mini")
                .containsEntry("claude-opus-4-1", "anthropic/claude-opus-4.1")
                .doesNotContainKey("claude-haiku-4-5");
        assertThat(problemsOf(PROVIDER_AND_MODEL + "aliases:\n  mini: gpt-4o-mini\n  openai/gpt-4o-mini: openai/other\n"))
                .contains("aliases.mini: an alias names a model id (author/slug), got 'gpt-4o-mini'")
                .contains("aliases.openai/gpt-4o-mini: is a model's own id; an alias must be another name");
    }

    @Test
    void unsetEnvironmentReferenceIsAnError() {
        assertThat(problemsOf("providers:\n  p:\n    base-url: ${NOT_SET_ANYWHERE}\n"))
                .contains("providers.p.base-url: environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void keyEnvThatIsUnsetIsAnError() {
        assertThat(problemsOf("auth:\n  keys:\n    - name: k\n      key-env: NOT_SET_EITHER\n"))
                .contains("auth.keys[0].key-env: environment variable NOT_SET_EITHER is not set");
    }

    @Test
    void malformedYamlNamesTheFile() {
        assertThatThrownBy(() -> parse("server: [unclosed", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.yaml is not valid YAML");
    }
}
