package dev.junction.plugins;

import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Repairs the JSON a model meant to write: a markdown code fence around it, prose before or after it, a string,
 * array or object left open where the answer stopped (a length limit, a cut-off stream), a trailing comma, a key
 * left without its value. What cannot be repaired into JSON that parses stays unrepaired: nothing is invented
 * beyond closing what was opened ({@code null} for a value never written).
 */
public final class JsonRepair {
    /**
     * A repaired answer.
     *
     * @param json  the repaired text, parsing as JSON
     * @param value the parsed value
     * @param fixes what was done, in words; empty when the text was JSON already
     */
    public record Repaired(String json, JsonNode value, List<String> fixes) {
        public Repaired {
            fixes = List.copyOf(fixes);
        }
    }

    private JsonRepair() {}

    /** The text as JSON, repaired if it has to be; empty when no repair makes it parse. */
    public static Optional<Repaired> repair(String text) {
        List<String> fixes = new ArrayList<>();
        Optional<JsonNode> as = parse(text);
        if (as.isPresent()) {
            return Optional.of(new Repaired(text, as.get(), fixes));
        }
        String s = text.strip();
        s = unfenced(s, fixes);
        int start = firstOpening(s);
        if (start < 0) {
            return Optional.empty();
        }
        if (start > 0) {
            fixes.add("removed text before the JSON");
            s = s.substring(start);
        }
        String closed = close(s, fixes);
        return parse(closed).map(value -> new Repaired(closed, value, fixes));
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode value = Json.parse(text);
            return value != null && (value.isObject() || value.isArray()) ? Optional.of(value) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The text inside a markdown code fence ({@code ```json … ```}), the closing fence optional. */
    private static String unfenced(String s, List<String> fixes) {
        int fence = s.indexOf("```");
        if (fence < 0 || firstOpening(s) < fence) {
            return s;
        }
        int lineEnd = s.indexOf('\n', fence);
        if (lineEnd < 0) {
            return s;
        }
        int close = s.indexOf("```", lineEnd);
        fixes.add("removed a markdown code fence");
        if (fence > 0 || (close >= 0 && !s.substring(close + 3).isBlank())) {
            fixes.add("removed text around the fence");
        }
        return (close < 0 ? s.substring(lineEnd + 1) : s.substring(lineEnd + 1, close)).strip();
    }

    private static int firstOpening(String s) {
        int brace = s.indexOf('{');
        int bracket = s.indexOf('[');
        return brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
    }

    /**
     * Walks the text from its opening bracket: the value ends where its last bracket closes (the rest is
     * dropped); if the text ends first, what is open is closed.
     */
    private static String close(String s, List<String> fixes) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        Deque<Character> open = new ArrayDeque<>();
        // Per open object: whether the next string is a key (true) or a value.
        Deque<Boolean> expectingKey = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        boolean removedCommas = false;
        int i = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> {
                    open.push('}');
                    expectingKey.push(true);
                }
                case '[' -> open.push(']');
                case ':' -> {
                    if (!expectingKey.isEmpty() && open.peek() == '}') {
                        expectingKey.pop();
                        expectingKey.push(false);
                    }
                }
                case ',' -> {
                    if (!expectingKey.isEmpty() && open.peek() == '}') {
                        expectingKey.pop();
                        expectingKey.push(true);
                    }
                }
                case '}', ']' -> {
                    removedCommas |= dropTrailingComma(out);
                    if (open.isEmpty() || open.peek() != c) {
                        i = s.length(); // a closer that closes nothing open: the JSON was over
                        continue;
                    }
                    open.pop();
                    if (c == '}') {
                        expectingKey.pop();
                    }
                }
                default -> { }
            }
            out.append(c);
            if (open.isEmpty()) {
                i++;
                break;
            }
        }
        if (i < s.length() && !s.substring(i).isBlank()) {
            fixes.add("removed text after the JSON");
        }
        if (inString) {
            if (escaped) {
                out.setLength(out.length() - 1); // a lone backslash escapes nothing
            }
            out.append('"');
            fixes.add("closed an unterminated string");
        }
        if (!open.isEmpty()) {
            int closers = open.size();
            finishDanglingMember(out, open.peek() == '}' && !expectingKey.isEmpty() ? expectingKey.peek() : null);
            removedCommas |= dropTrailingComma(out);
            while (!open.isEmpty()) {
                out.append(open.pop());
            }
            fixes.add("closed " + closers + " unclosed bracket" + (closers == 1 ? "" : "s"));
        }
        if (removedCommas) {
            fixes.add("removed trailing commas");
        }
        return out.toString();
    }

    /** An object member cut short: a key without its colon or value gets {@code null}, a colon without a value too. */
    private static void finishDanglingMember(StringBuilder out, Boolean expectingKey) {
        int end = lastNonBlank(out);
        if (end < 0 || expectingKey == null) {
            return;
        }
        char last = out.charAt(end);
        if (last == ':') {
            out.setLength(end + 1);
            out.append("null");
        } else if (expectingKey && last == '"') {
            out.setLength(end + 1);
            out.append(":null");
        }
    }

    private static boolean dropTrailingComma(StringBuilder out) {
        int end = lastNonBlank(out);
        if (end >= 0 && out.charAt(end) == ',') {
            out.setLength(end);
            return true;
        }
        return false;
    }

    private static int lastNonBlank(StringBuilder out) {
        int i = out.length() - 1;
        while (i >= 0 && Character.isWhitespace(out.charAt(i))) {
            i--;
        }
        return i;
    }
}
