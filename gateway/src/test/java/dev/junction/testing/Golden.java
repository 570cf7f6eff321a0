package dev.junction.testing;

import dev.junction.wire.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files for translator tests. Each case is a directory under
 * {@code src/test/resources/golden/<suite>/<case>/} holding some of {@code client_request.json},
 * {@code upstream_request.json}, {@code upstream_response.json|sse}, {@code client_response.json|sse}.
 * JSON is compared as trees (key order and formatting do not matter); SSE is compared event by event,
 * each {@code data:} payload as a JSON tree. Run with {@code -Djunction.golden.update=true} to rewrite
 * the expected files from what the code produces now — then review the diff before committing.
 */
public final class Golden {
    public static final boolean UPDATE = Boolean.getBoolean("junction.golden.update");
    private static final Path ROOT = Path.of("src", "test", "resources", "golden");
    /**
     * Reads decimals exactly, as written: the files then show amounts as the client receives them
     * ({@code 0.0000015}, not {@code 1.5E-6}), and compare as such.
     */
    private static final JsonMapper EXACT = Json.MAPPER.rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final JsonMapper PRETTY = EXACT.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Golden() {}

    /** The case directories of a suite, sorted by name, for a {@code @MethodSource}. */
    public static Stream<Path> cases(String suite) {
        Path dir = ROOT.resolve(suite);
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("no golden suite at " + dir.toAbsolutePath(), e);
        }
    }

    public static boolean exists(Path caseDir, String file) {
        return Files.exists(caseDir.resolve(file));
    }

    public static String text(Path caseDir, String file) {
        try {
            return Files.readString(caseDir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(Path caseDir, String file) {
        return parse(text(caseDir, file));
    }

    /** JSON as the golden files read it: decimals exact. */
    public static JsonNode parse(String json) {
        return EXACT.readTree(json);
    }

    /** Compares {@code actual} with the expected JSON file (or rewrites it in update mode). */
    public static void assertJson(Path caseDir, String file, JsonNode actual) {
        Path path = caseDir.resolve(file);
        if (UPDATE) {
            write(path, PRETTY.writeValueAsString(actual) + "\n");
            return;
        }
        JsonNode expected = json(caseDir, file);
        if (!expected.equals(actual)) {
            throw new AssertionError(path + " differs.\nexpected: " + PRETTY.writeValueAsString(expected)
                    + "\nactual:   " + PRETTY.writeValueAsString(actual));
        }
    }

    /**
     * Compares a list of SSE data payloads (JSON trees, or the text {@code [DONE]} as a string node)
     * with the expected SSE file, event by event.
     */
    public static void assertSse(Path caseDir, String file, List<JsonNode> actual) {
        Path path = caseDir.resolve(file);
        if (UPDATE) {
            StringBuilder out = new StringBuilder();
            for (JsonNode event : actual) {
                out.append("data: ").append(event.isString() ? event.asString() : EXACT.writeValueAsString(event))
                        .append("\n\n");
            }
            write(path, out.toString());
            return;
        }
        List<JsonNode> expected = sseData(text(caseDir, file));
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            JsonNode e = i < expected.size() ? expected.get(i) : null;
            JsonNode a = i < actual.size() ? actual.get(i) : null;
            if (e == null || !e.equals(a)) {
                throw new AssertionError(path + " differs at event " + i + ".\nexpected: " + e + "\nactual:   " + a
                        + "\n(" + expected.size() + " expected events, " + actual.size() + " actual)");
            }
        }
    }

    /** The {@code data:} payloads of an SSE text: JSON trees, or string nodes for non-JSON data like [DONE]. */
    public static List<JsonNode> sseData(String sse) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\r?\n")) {
            if (line.startsWith("data:")) {
                String data = line.substring(5).strip();
                events.add(data.startsWith("{") || data.startsWith("[{") ? parse(data) : Json.NODES.stringNode(data));
            }
        }
        return events;
    }

    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
