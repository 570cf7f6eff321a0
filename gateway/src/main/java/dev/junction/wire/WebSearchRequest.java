package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * What a request asks of web search: the {@code web} plugin ({@code plugins: [{id: "web", engine, max_results,
 * max_uses, search_prompt, enabled}]}) and {@code web_search_options.search_context_size}. {@code :online} asks for it
 * too, with the plugin's defaults; that is known only once the model is routed ({@link #orDefaults}).
 *
 * @param asked         whether the request itself switched web search on (the plugin, or {@code web_search_options})
 * @param engine        {@code native} for the provider's own search, another name for Junction's search backend of
 *                      that name; empty: native where the provider has it, Junction's default backend elsewhere
 * @param maxResults    results Junction's own search injects (1–10, default 5)
 * @param maxUses       searches a provider's native search may run in one turn (1–10, default 5): bounds the hold
 * @param searchPrompt  the text introducing the results; empty for OpenRouter's default
 * @param contextSize   {@code web_search_options.search_context_size} (low, medium, high), for native search
 */
public record WebSearchRequest(boolean asked, Optional<String> engine, int maxResults, int maxUses,
                               Optional<String> searchPrompt, Optional<String> contextSize) {
    public static final int DEFAULT_MAX_RESULTS = 5;
    public static final int MAX_RESULTS = 10;
    public static final String NATIVE = "native";
    public static final WebSearchRequest NONE = new WebSearchRequest(false, Optional.empty(), DEFAULT_MAX_RESULTS,
            DEFAULT_MAX_RESULTS, Optional.empty(), Optional.empty());

    /** Whether search runs: asked by the request, or by the {@code :online} variant it was routed under. */
    public boolean on(boolean online) {
        return asked || online;
    }

    public boolean wantsNative() {
        return engine.filter(NATIVE::equals).isPresent();
    }

    /** The engine when it names a backend of Junction's (anything but {@code native}). */
    public Optional<String> backend() {
        return engine.filter(e -> !e.equals(NATIVE));
    }

    static WebSearchRequest parse(JsonNode plugins, JsonNode options) {
        Optional<String> contextSize = Optional.empty();
        boolean asked = false;
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw new InvalidRequestException("web_search_options: expected an object, got " + FieldCheck.describe(options));
            }
            JsonNode size = options.get("search_context_size");
            if (size != null && !size.isNull()) {
                String text = size.isString() ? size.asString() : "";
                if (!text.equals("low") && !text.equals("medium") && !text.equals("high")) {
                    throw new InvalidRequestException("web_search_options.search_context_size: expected low, medium or "
                            + "high, got " + FieldCheck.describe(size));
                }
                contextSize = Optional.of(text);
            }
            asked = true;
        }
        Optional<Plugins.Found> web = Plugins.find(plugins, "web");
        if (web.isPresent() && !web.get().enabled()) {
            return NONE; // switched off, web_search_options or not
        }
        if (web.isEmpty()) {
            return asked ? NONE.with(true, contextSize) : NONE;
        }
        JsonNode plugin = web.get().plugin();
        String at = web.get().at();
        return new WebSearchRequest(true, string(plugin, "engine", at), count(plugin, "max_results", at),
                count(plugin, "max_uses", at), string(plugin, "search_prompt", at), contextSize);
    }

    private WebSearchRequest with(boolean on, Optional<String> size) {
        return new WebSearchRequest(on, engine, maxResults, maxUses, searchPrompt, size);
    }

    private static Optional<String> string(JsonNode plugin, String field, String at) {
        JsonNode value = plugin.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new InvalidRequestException(at + field + ": expected a string, got " + FieldCheck.describe(value));
        }
        return Optional.of(value.asString()).filter(s -> !s.isBlank());
    }

    private static int count(JsonNode plugin, String field, String at) {
        JsonNode value = plugin.get(field);
        if (value == null || value.isNull()) {
            return DEFAULT_MAX_RESULTS;
        }
        return (int) ClientNumbers.wholeNumber(value, at + field, 1, MAX_RESULTS);
    }
}
