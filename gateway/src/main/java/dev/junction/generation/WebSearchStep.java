package dev.junction.generation;

import dev.junction.catalog.Endpoint;
import dev.junction.config.ProviderKind;
import dev.junction.money.Money;
import dev.junction.routing.Attempt;
import dev.junction.routing.ModelRef;
import dev.junction.search.SearchPrompt;
import dev.junction.search.SearchResult;
import dev.junction.search.WebSearches;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.Json;
import dev.junction.wire.UrlCitations;
import dev.junction.wire.WebSearchRequest;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Web search for one generation ({@code :online}, the {@code web} plugin, {@code web_search_options}), attempt by
 * attempt: a provider with a search of its own gets the request in its terms ({@link Mode#NATIVE}, the canonical
 * {@code web_search_options} each provider's translator turns into its search tool); any other gets Junction's
 * search ({@link Mode#JUNCTION}): the last user turn searched once through the configured backend, the results
 * injected as a system message before that turn, and returned to the client as {@code url_citation} annotations.
 * What it costs is part of the worst case held before the first attempt.
 */
final class WebSearchStep {
    private static final Logger LOG = LoggerFactory.getLogger(WebSearchStep.class);
    private static final String OPENAI_HOST = "api.openai.com";
    /** The longest query sent to a search backend: the start of a long user turn says what it is about. */
    private static final int MAX_QUERY_CHARS = 400;

    /** How an attempt searches. */
    enum Mode {
        OFF,
        /** The provider's own search. */
        NATIVE,
        /** Junction's search backend, its results in the prompt. */
        JUNCTION
    }

    private final ClientRequest request;
    private final WebSearchRequest asked;
    private final Optional<WebSearches> searches;
    private final Instant now;
    /** Junction's search, run at most once a generation, whichever attempt needs it first. */
    private Future<List<SearchResult>> results;

    WebSearchStep(ClientRequest request, Optional<WebSearches> searches, Instant now) {
        this.request = request;
        this.asked = request.webSearch();
        this.searches = searches;
        this.now = now;
    }

    /** The same step for the request as the generation runs it (a {@code :thinking} body, say). */
    WebSearchStep withRequest(ClientRequest effective) {
        return effective == request ? this : new WebSearchStep(effective, searches, now);
    }

    Mode mode(Attempt attempt) {
        if (!asked.on(attempt.ref().is(ModelRef.Variant.ONLINE))) {
            return Mode.OFF;
        }
        if (asked.backend().isEmpty() && searchesNatively(attempt.endpoint())) {
            return Mode.NATIVE;
        }
        boolean backend = searches.flatMap(s -> s.backends().forEngine(asked.backend())).isPresent();
        return backend && request.api() == ApiKind.CHAT && !query().isEmpty() ? Mode.JUNCTION : Mode.OFF;
    }

    /** Why some attempt will answer without the web search it was asked for, for the client's warning header. */
    Optional<String> warning(List<Attempt> attempts) {
        for (Attempt a : attempts) {
            if (mode(a) == Mode.OFF && asked.on(a.ref().is(ModelRef.Variant.ONLINE))) {
                boolean backend = searches.flatMap(s -> s.backends().forEngine(asked.backend())).isPresent();
                String why = !backend ? "web search is not configured on this gateway for " + a.servedModel()
                        + " (no web-search backend" + asked.backend().map(b -> " named '" + b + "'").orElse("") + ")"
                        : request.api() != ApiKind.CHAT ? "Junction's web search needs the chat API"
                        : "there is no user message to search for";
                return Optional.of(why + "; answered without web results");
            }
        }
        return Optional.empty();
    }

    /**
     * Anthropic and Gemini always have a search of their own; an OpenAI-compatible upstream only when it is one of
     * OpenAI's search models (the others refuse {@code web_search_options}), or when the request asked for
     * {@code native} (an OpenRouter upstream, a search model behind a proxy).
     */
    private boolean searchesNatively(Endpoint endpoint) {
        ProviderKind kind = endpoint.provider().kind();
        return kind != ProviderKind.OPENAI || asked.wantsNative()
                || OPENAI_HOST.equals(endpoint.provider().baseUrl().getHost())
                && endpoint.upstreamModel().contains("search");
    }

    /** The most the attempt's search may cost: each native search at the endpoint's price, or each result at ours. */
    Money worstCase(Attempt attempt) {
        return switch (mode(attempt)) {
            case OFF -> Money.ZERO;
            case NATIVE -> attempt.endpoint().pricing().webSearch().times(nativeSearchesAtMost(attempt));
            case JUNCTION -> searches.orElseThrow().pricePerResult().times(asked.maxResults());
        };
    }

    /** Anthropic runs up to {@code max_uses} searches a turn; OpenAI's and Gemini's search once a request. */
    private int nativeSearchesAtMost(Attempt attempt) {
        return attempt.endpoint().provider().kind() == ProviderKind.ANTHROPIC ? asked.maxUses() : 1;
    }

    /** Native searches to bill for an answer: what the upstream counted, else one if the answer cites the web. */
    long nativeSearches(Attempt attempt, long reported, boolean cited) {
        if (mode(attempt) != Mode.NATIVE) {
            return reported;
        }
        long counted = reported > 0 ? reported : cited ? 1 : 0;
        return Math.min(counted, nativeSearchesAtMost(attempt));
    }

    /** The body the attempt sends: {@code base} (the client's, or middle-out's), searching as the mode says. */
    Future<ObjectNode> body(Attempt attempt, ObjectNode base) {
        Mode mode = mode(attempt);
        if (mode == Mode.OFF) {
            return Future.succeededFuture(base);
        }
        ObjectNode body = withoutWebPlugin(base);
        if (mode == Mode.NATIVE) {
            body.set("web_search_options", nativeOptions(attempt));
            return Future.succeededFuture(body);
        }
        body.remove("web_search_options");
        return search().map(found -> {
            if (!found.isEmpty()) {
                injectResults(body, SearchPrompt.of(asked.searchPrompt(), now, found));
            }
            return body;
        });
    }

    /** The results Junction's search injected into the committed attempt's prompt; none for another mode. */
    List<SearchResult> injected(Attempt attempt) {
        if (mode(attempt) != Mode.JUNCTION || results == null || !results.succeeded()) {
            return List.of();
        }
        return results.result();
    }

    /** The annotations of Junction's results: the sources the answer was given, not tied to a span of it. */
    static ArrayNode annotations(List<SearchResult> results) {
        ArrayNode annotations = Json.NODES.arrayNode();
        for (SearchResult r : results) {
            annotations.add(UrlCitations.of(r.url(), r.title(), r.content(), 0, 0));
        }
        return annotations;
    }

    private Future<List<SearchResult>> search() {
        if (results == null) {
            WebSearches s = searches.orElseThrow();
            results = s.backends().forEngine(asked.backend()).orElseThrow()
                    .search(query(), asked.maxResults())
                    .recover(e -> {
                        // The answer goes on without the web rather than failing: nothing is injected or billed.
                        LOG.warn("web search failed, answering without results: {}", e.getMessage());
                        return Future.succeededFuture(List.of());
                    });
        }
        return results;
    }

    /** The canonical {@code web_search_options} for the provider's translator; Anthropic's bounds its searches. */
    private ObjectNode nativeOptions(Attempt attempt) {
        ObjectNode options = request.body().get("web_search_options") instanceof ObjectNode given
                ? given.deepCopy() : Json.object();
        asked.contextSize().ifPresent(size -> options.put("search_context_size", size));
        if (attempt.endpoint().provider().kind() == ProviderKind.ANTHROPIC) {
            options.put("max_uses", asked.maxUses());
        }
        return options;
    }

    private static ObjectNode withoutWebPlugin(ObjectNode client) {
        ObjectNode body = client.deepCopy();
        if (body.get("plugins") instanceof ArrayNode plugins) {
            ArrayNode kept = Json.NODES.arrayNode();
            plugins.forEach(p -> {
                if (!"web".equals(p.path("id").asString(""))) {
                    kept.add(p);
                }
            });
            if (kept.isEmpty()) {
                body.remove("plugins");
            } else {
                body.set("plugins", kept);
            }
        }
        return body;
    }

    /** The results as a system message just before the last user turn, as OpenRouter's web plugin places them. */
    private static void injectResults(ObjectNode body, String prompt) {
        ArrayNode messages = (ArrayNode) body.get("messages");
        int last = lastUser(messages);
        ObjectNode system = Json.object();
        system.put("role", "system");
        system.put("content", prompt);
        messages.insert(Math.max(0, last), system);
    }

    private String query() {
        String text = lastUserText();
        return text.length() <= MAX_QUERY_CHARS ? text : text.substring(0, MAX_QUERY_CHARS);
    }

    private String lastUserText() {
        JsonNode messages = request.body().get("messages");
        if (!(messages instanceof ArrayNode array)) {
            return "";
        }
        int last = lastUser(array);
        if (last < 0) {
            return "";
        }
        JsonNode content = array.get(last).get("content");
        if (content == null) {
            return "";
        }
        if (content.isString()) {
            return content.asString().strip();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.values()) {
            if ("text".equals(part.path("type").asString(""))) {
                text.append(text.isEmpty() ? "" : " ").append(part.path("text").asString(""));
            }
        }
        return text.toString().strip();
    }

    private static int lastUser(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asString(""))) {
                return i;
            }
        }
        return -1;
    }
}
