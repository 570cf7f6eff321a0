package dev.junction.teams;

import dev.junction.keys.ApiKey;
import dev.junction.store.DuplicateKeyException;
import dev.junction.store.PresetRepository;
import dev.junction.store.StoredPreset;
import dev.junction.store.StoredPresetVersion;
import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Presets: named, versioned bundles of request fields and a system prompt, and their use by requests — through
 * {@code model: "@preset/<slug>"}, the {@code preset} field or {@code /presets/{slug}/…} — merged by
 * {@link PresetMerge}. Methods returning plain values block: call them off the event loop.
 */
public final class Presets {
    public static final String MODEL_PREFIX = "@preset/";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The conversation is the request's own: a preset cannot carry it. */
    private static final Set<String> NOT_IN_CONFIG = Set.of("messages", "input", "prompt", "system", "instructions", "stream",
            "preset");
    private static final int MAX_PROMPT = 100_000;
    /**
     * Tries at a new version's number. A try fails only when another change committed that number, so N changes at
     * once need at most N tries each; past this many, the caller is told to try again (409).
     */
    private static final int VERSION_ATTEMPTS = 32;

    private final PresetRepository repository;
    private final Vertx vertx;
    private final InstantSource clock;

    public Presets(PresetRepository repository, Vertx vertx, InstantSource clock) {
        this.repository = repository;
        this.vertx = vertx;
        this.clock = clock;
    }

    /** A preset with the version requests use (empty only for a preset that never had one). */
    public record WithVersion(StoredPreset preset, Optional<StoredPresetVersion> designated) {}

    /**
     * The request body with the preset it names merged in; the body itself when it names none. A body that is not
     * a JSON object is returned as it is, for its dialect to refuse.
     *
     * @param pathSlug the preset of a {@code /presets/{slug}/…} route
     */
    public Future<Buffer> expand(ApiKey key, Buffer body, Optional<String> pathSlug, PresetMerge.Dialect dialect) {
        if (pathSlug.isEmpty() && !mentionsPreset(body)) {
            return Future.succeededFuture(body);
        }
        ObjectNode request;
        try { // read as the dialects read it: what the merge writes back is what they would have seen
            if (!(Json.parse(body.getBytes()) instanceof ObjectNode object)) {
                return Future.succeededFuture(body);
            }
            request = object;
        } catch (JacksonException e) {
            return Future.succeededFuture(body);
        }
        Optional<String> slug = named(request, pathSlug);
        if (slug.isEmpty()) {
            return Future.succeededFuture(body);
        }
        return vertx.executeBlocking(() -> {
            StoredPresetVersion version = usable(key.accountId(), slug.get());
            PresetMerge.apply(request, (ObjectNode) Json.parse(version.configJson()), version.systemPrompt(), dialect);
            try {
                return Buffer.buffer(Json.bytes(request));
            } catch (JacksonException e) {
                throw new InvalidRequestException("Request body cannot be written back with the preset: " + e.getOriginalMessage());
            }
        }, false);
    }

    private static boolean mentionsPreset(Buffer body) {
        return body.toString(StandardCharsets.ISO_8859_1).contains("preset");
    }

    /** The slug the request names (and the {@code preset} field removed: no upstream knows it). */
    private static Optional<String> named(ObjectNode request, Optional<String> pathSlug) {
        Optional<String> inModel = Optional.of(request.path("model").asString(""))
                .filter(m -> m.startsWith(MODEL_PREFIX)).map(m -> m.substring(MODEL_PREFIX.length()));
        JsonNode field = request.remove("preset");
        if (field != null && !field.isNull() && !field.isString()) {
            throw new InvalidRequestException("preset: expected a preset's slug");
        }
        Optional<String> inField = Optional.ofNullable(field).filter(JsonNode::isString).map(JsonNode::asString)
                .map(s -> s.startsWith(MODEL_PREFIX) ? s.substring(MODEL_PREFIX.length()) : s);
        Optional<String> slug = pathSlug.or(() -> inModel).or(() -> inField);
        for (Optional<String> other : List.of(inModel, inField)) {
            if (other.isPresent() && slug.isPresent() && !other.get().equals(slug.get())) {
                throw new InvalidRequestException("preset: the request names two presets, " + slug.get() + " and " + other.get());
            }
        }
        return slug;
    }

    private StoredPresetVersion usable(String accountId, String slug) {
        StoredPreset preset = repository.find(accountId, slug)
                .orElseThrow(() -> new InvalidRequestException("preset: no preset " + slug));
        if (!preset.status().equals("active")) {
            throw new InvalidRequestException("preset: " + slug + " is " + preset.status());
        }
        return preset.designatedVersion().flatMap(v -> repository.version(preset.id(), v))
                .orElseThrow(() -> new InvalidRequestException("preset: " + slug + " has no version to use"));
    }

    /** Blocking. */
    public WithVersion create(ApiKey creator, String slug, String name, Optional<String> description, ObjectNode config,
                              Optional<String> systemPrompt) {
        checkSlug(slug);
        checkConfig(config);
        checkPrompt(systemPrompt);
        Instant now = now();
        String id = UUID.randomUUID().toString();
        StoredPresetVersion first = version(id, 1, config, systemPrompt, creator, now);
        StoredPreset preset = new StoredPreset(id, creator.accountId(), slug, name, description, "active", Optional.of(1),
                Optional.of(creator.hash()), now, now, Optional.empty());
        repository.insert(preset, first);
        return new WithVersion(preset, Optional.of(first));
    }

    /** Blocking. */
    public Optional<WithVersion> find(String accountId, String slug) {
        return repository.find(accountId, slug).map(p -> new WithVersion(p,
                p.designatedVersion().flatMap(v -> repository.version(p.id(), v))));
    }

    /** Blocking. */
    public List<StoredPreset> list(String accountId, int offset, int limit) {
        return repository.list(accountId, offset, limit);
    }

    /** Blocking. */
    public int count(String accountId) {
        return repository.count(accountId);
    }

    /** Blocking. */
    public List<StoredPresetVersion> versions(StoredPreset preset, int offset, int limit) {
        return repository.versions(preset.id(), offset, limit);
    }

    /** Blocking. */
    public int countVersions(StoredPreset preset) {
        return repository.countVersions(preset.id());
    }

    /** Blocking. */
    public Optional<StoredPresetVersion> version(StoredPreset preset, int version) {
        return repository.version(preset.id(), version);
    }

    /**
     * Changes the preset: a new configuration or system prompt makes a new version, designated; {@code designate}
     * points requests at an existing version instead. Empty when the preset was deleted meanwhile;
     * {@link DuplicateKeyException} when other changes kept taking the next version's number. Blocking.
     */
    public Optional<WithVersion> update(ApiKey editor, WithVersion current, String name, Optional<String> description,
                                        String status, Optional<ObjectNode> config, Optional<Optional<String>> systemPrompt,
                                        Optional<Integer> designate) {
        StoredPreset p = current.preset();
        Instant now = now();
        Optional<Instant> statusChanged = status.equals(p.status()) ? p.statusUpdatedAt() : Optional.of(now);
        if (config.isPresent() || systemPrompt.isPresent()) {
            ObjectNode newConfig = config.orElseGet(() -> current.designated()
                    .map(v -> (ObjectNode) Json.parse(v.configJson())).orElseGet(Json::object));
            Optional<String> newPrompt = systemPrompt.orElseGet(() -> current.designated().flatMap(StoredPresetVersion::systemPrompt));
            checkConfig(newConfig);
            checkPrompt(newPrompt);
            // Two changes at once may both take the next number; the one that loses takes the one after.
            for (int attempt = 1; ; attempt++) {
                int number = nextVersion(p.id());
                StoredPresetVersion version = version(p.id(), number, newConfig, newPrompt, editor, now);
                StoredPreset changed = new StoredPreset(p.id(), p.accountId(), p.slug(), name, description, status,
                        Optional.of(number), p.createdBy(), p.createdAt(), now, statusChanged);
                try {
                    return repository.addVersion(version, changed)
                            ? Optional.of(new WithVersion(changed, Optional.of(version))) : Optional.empty();
                } catch (DuplicateKeyException e) {
                    if (attempt == VERSION_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        Optional<StoredPresetVersion> designated = designate.isPresent()
                ? Optional.of(repository.version(p.id(), designate.get()).orElseThrow(() ->
                        new InvalidRequestException("designated_version: " + p.slug() + " has no version " + designate.get())))
                : current.designated();
        StoredPreset changed = new StoredPreset(p.id(), p.accountId(), p.slug(), name, description, status,
                designated.map(StoredPresetVersion::version), p.createdBy(), p.createdAt(), now, statusChanged);
        return repository.update(changed) ? Optional.of(new WithVersion(changed, designated)) : Optional.empty();
    }

    /** One past the newest version (versions come newest first), 1 for a preset without any. */
    private int nextVersion(String presetId) {
        return repository.versions(presetId, 0, 1).stream().findFirst().map(v -> v.version() + 1).orElse(1);
    }

    /** Blocking. */
    public boolean delete(StoredPreset preset) {
        return repository.delete(preset.id());
    }

    private StoredPresetVersion version(String presetId, int number, ObjectNode config, Optional<String> systemPrompt,
                                        ApiKey creator, Instant now) {
        return new StoredPresetVersion(UUID.randomUUID().toString(), presetId, number, Json.text(config), systemPrompt,
                creator.hash(), now);
    }

    private static void checkSlug(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidRequestException("slug: expected 1 to 64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    /** A preset's configuration: request fields, never the conversation; the model fields of the right type. */
    private static void checkConfig(ObjectNode config) {
        for (String field : config.propertyNames()) {
            if (NOT_IN_CONFIG.contains(field)) {
                throw new InvalidRequestException("config." + field + ": the conversation is the request's own; a preset cannot carry it");
            }
        }
        JsonNode model = config.get("model");
        if (model != null && (!model.isString() || model.asString().isBlank() || model.asString().startsWith(MODEL_PREFIX))) {
            throw new InvalidRequestException("config.model: expected a model id");
        }
        JsonNode models = config.get("models");
        if (models != null && (!models.isArray() || !models.valueStream().allMatch(JsonNode::isString))) {
            throw new InvalidRequestException("config.models: expected an array of model ids");
        }
        JsonNode provider = config.get("provider");
        if (provider != null && !provider.isObject()) {
            throw new InvalidRequestException("config.provider: expected an object of provider preferences");
        }
    }

    private static void checkPrompt(Optional<String> prompt) {
        if (prompt.filter(p -> p.length() > MAX_PROMPT).isPresent()) {
            throw new InvalidRequestException("system_prompt: at most " + MAX_PROMPT + " characters");
        }
    }

    /** Instants as the database keeps them (microseconds). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
