package dev.junction.config;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cursor into the parsed YAML tree that knows its dotted path, so every validation message can name
 * the exact key ("upstream.connect-timeout: expected a duration like 10s, got 'ten'"). Problems are
 * collected rather than thrown one at a time: an operator fixes the whole file in one go.
 */
final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);

    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** The keys of this mapping, for sections whose keys the operator names (aliases). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.propertyNames().forEach(keys::add);
        return keys;
    }

    void problem(String key, String message) {
        problems.add(pathOf(key) + ": " + message);
    }

    /** Reports keys this section does not define, with the closest known key as a hint. */
    void allowOnly(Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                String hint = closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
                problems.add(pathOf(key) + ": unknown key" + hint);
            }
        }
    }

    ConfigNode section(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return new ConfigNode(MissingNode.getInstance(), pathOf(key), problems);
        }
        if (!value.isObject()) {
            problem(key, "expected a mapping of keys to values");
            return new ConfigNode(MissingNode.getInstance(), pathOf(key), problems);
        }
        return new ConfigNode(value, pathOf(key), problems);
    }

    /** The entries of a mapping whose keys are names chosen by the operator (provider ids, model slugs). */
    Map<String, ConfigNode> entries(String key) {
        Map<String, ConfigNode> result = new LinkedHashMap<>();
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            problem(key, "expected a mapping");
            return result;
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String childPath = pathOf(key) + "." + e.getKey();
            if (!e.getValue().isObject()) {
                problems.add(childPath + ": expected a mapping");
                continue;
            }
            result.put(e.getKey(), new ConfigNode(e.getValue(), childPath, problems));
        }
        return result;
    }

    List<ConfigNode> list(String key) {
        List<ConfigNode> result = new ArrayList<>();
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            problem(key, "expected a list");
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            String childPath = pathOf(key) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                problems.add(childPath + ": expected a mapping");
                continue;
            }
            result.add(new ConfigNode(value.get(i), childPath, problems));
        }
        return result;
    }

    Optional<String> optionalString(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.isBoolean()) {
            problem(key, "expected a string");
            return Optional.empty();
        }
        String text = value.asString();
        if (text.isBlank()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    String requiredString(String key) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty() && !has(key)) {
            problem(key, "is required");
        }
        return value.orElse("");
    }

    int integer(String key, int defaultValue, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        Long parsed = value.isIntegralNumber() ? Long.valueOf(value.asLong()) : parseLong(value.asString());
        if (parsed == null || !value.isValueNode()) {
            problem(key, "expected a whole number, got '" + value.asString() + "'");
            return defaultValue;
        }
        if (parsed < min || parsed > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + parsed);
            return defaultValue;
        }
        return parsed.intValue();
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asString().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(key, "expected true or false, got '" + value.asString() + "'");
        return defaultValue;
    }

    /** Durations are written like {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    Duration duration(String key, Duration defaultValue, Duration min) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(value.asString().trim());
        if (!value.isValueNode() || !m.matches()) {
            problem(key, "expected a duration like 250ms, 10s, 5m or 1h, got '" + value.asString() + "'");
            return defaultValue;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (d.compareTo(min) < 0) {
            problem(key, "must be at least " + min.toMillis() + "ms, got '" + value.asString() + "'");
            return defaultValue;
        }
        return d;
    }

    /** Sizes are bytes, or a number with a unit: {@code 512KiB}, {@code 32MiB}, {@code 1GB}. */
    long size(String key, long defaultValue, long min, long max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        Matcher m = SIZE.matcher(value.asString().trim());
        if (!value.isValueNode() || !m.matches()) {
            problem(key, "expected a size like 1048576, 512KiB or 32MiB, got '" + value.asString() + "'");
            return defaultValue;
        }
        long multiplier = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "kb" -> 1_000L;
            case "kib" -> 1_024L;
            case "mb" -> 1_000_000L;
            case "mib" -> 1_048_576L;
            case "gb" -> 1_000_000_000L;
            case "gib" -> 1_073_741_824L;
            default -> 1L;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes < min || bytes > max) {
            problem(key, "must be between " + min + " and " + max + " bytes, got '" + value.asString() + "'");
            return defaultValue;
        }
        return bytes;
    }

    /** A non-negative decimal amount written as a string or number, e.g. a price in USD. */
    Optional<BigDecimal> decimal(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            BigDecimal d = new BigDecimal(value.asString().trim());
            if (d.signum() < 0) {
                problem(key, "must not be negative, got '" + value.asString() + "'");
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            problem(key, "expected a decimal number like \"0.000002\", got '" + value.asString() + "'");
            return Optional.empty();
        }
    }

    /** A decimal that may be negative, e.g. a sampling default such as a penalty. */
    Optional<BigDecimal> signedDecimal(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.asString().trim()));
        } catch (NumberFormatException e) {
            problem(key, "expected a number, got '" + value.asString() + "'");
            return Optional.empty();
        }
    }

    List<String> strings(String key, List<String> defaultValue) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isArray()) {
            problem(key, "expected a list of strings");
            return defaultValue;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString()) {
                problems.add(pathOf(key) + "[" + i + "]: expected a string");
            } else {
                result.add(item.asString());
            }
        }
        return List.copyOf(result);
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            problem(key, "expected a mapping of names to strings");
            return result;
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(pathOf(key) + "." + e.getKey() + ": expected a string");
            } else {
                result.put(e.getKey(), e.getValue().asString());
            }
        }
        return result;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<String> closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = levenshtein(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= 3 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
