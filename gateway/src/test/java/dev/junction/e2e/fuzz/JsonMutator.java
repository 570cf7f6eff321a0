package dev.junction.e2e.fuzz;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Turns a valid JSON request into what a careless, hostile or broken client sends: fields dropped,
 * duplicated or of the wrong type, numbers no field can hold, huge strings, deep nesting, invalid UTF-8,
 * truncated or not JSON at all. Values JSON trees cannot hold (1e999, raw bytes, unbalanced text) are put in
 * as markers and swapped for their raw bytes after serialising.
 */
final class JsonMutator {
    /** Numbers at and beyond every edge: doubles, ints, longs, decimals; some are not even JSON. */
    static final List<String> EXTREME_NUMBERS = List.of(
            "1e999", "-1e999", "1e400", "1E+2147483647", "1e-999", "1e-400", "-0", "0", "-1", "0.5", "1.5", "1e2",
            "2147483647", "2147483648", "-2147483649", "4294967296", "1099511627776", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234",
            "0.0000000000000000000001", "0.1000000000000000001", "1" + "0".repeat(400), "9".repeat(1200),
            "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10", "1e", "--1");

    private static final String MARK = "@@raw";

    private final RandomGenerator random;
    private final Map<String, byte[]> raw = new LinkedHashMap<>();

    private JsonMutator(RandomGenerator random) {
        this.random = random;
    }

    /** {@code template} (not changed) with {@code count} random mutations, as bytes; and a note of what they were. */
    static Mutated mutate(ObjectNode template, int count, RandomGenerator random) {
        JsonMutator m = new JsonMutator(random);
        ObjectNode body = template.deepCopy();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            notes.add(m.treeMutation(body));
        }
        byte[] bytes = m.serialise(body);
        if (count > 0 && random.nextInt(8) == 0) {
            Mutated damaged = m.byteMutation(bytes);
            notes.add(damaged.note());
            bytes = damaged.bytes();
        }
        return new Mutated(bytes, String.join(", ", notes));
    }

    /** A number literal put into a field by its dotted path (e.g. {@code provider.max_price.prompt}). */
    static byte[] withLiteral(ObjectNode template, String path, String literal, RandomGenerator random) {
        JsonMutator m = new JsonMutator(random);
        ObjectNode body = template.deepCopy();
        String[] names = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = parent.get(names[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(names[i]);
        }
        parent.put(names[names.length - 1], m.marker(literal.getBytes(StandardCharsets.ISO_8859_1)));
        return m.serialise(body);
    }

    record Mutated(byte[] bytes, String note) {}

    private record Spot(JsonNode parent, String field, int index, JsonNode node, String path) {}

    private String treeMutation(ObjectNode body) {
        List<Spot> spots = new ArrayList<>();
        collect(null, null, -1, body, "$", spots);
        List<Spot> numbers = spots.stream().filter(s -> s.node().isNumber()).toList();
        int op = random.nextInt(12);
        Spot spot = op <= 1 && !numbers.isEmpty() ? numbers.get(random.nextInt(numbers.size()))
                : spots.get(random.nextInt(spots.size()));
        return switch (op) {
            case 0, 1 -> replace(spot, marker(pick(EXTREME_NUMBERS).getBytes(StandardCharsets.ISO_8859_1)), "number " + spot.path());
            case 2 -> remove(spot);
            case 3 -> replace(spot, otherType(spot.node()), "retype " + spot.path());
            case 4 -> replace(spot, hugeString(), "huge string at " + spot.path());
            case 5 -> replace(spot, marker(deep()), "deep nesting at " + spot.path());
            case 6 -> duplicate(body, spots);
            case 7 -> unknownField(spots);
            case 8 -> replace(spot, marker(badString()), "bad string at " + spot.path());
            case 9 -> replace(spot, spot.node().isArray() ? oneOf(spot.node()) : wrapped(spot.node()), "reshape " + spot.path());
            case 10 -> replace(spot, random.nextBoolean() ? Json.NODES.arrayNode() : Json.object(), "empty container at " + spot.path());
            default -> replace(spot, Json.NODES.nullNode(), "null at " + spot.path());
        };
    }

    private void collect(JsonNode parent, String field, int index, JsonNode node, String path, List<Spot> spots) {
        spots.add(new Spot(parent, field, index, node, path));
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                collect(object, name, -1, object.get(name), path + "." + name, spots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array, null, i, array.get(i), path + "[" + i + "]", spots);
            }
        }
    }

    private String replace(Spot spot, Object value, String note) {
        JsonNode node = value instanceof JsonNode n ? n : Json.NODES.stringNode((String) value);
        if (spot.parent() instanceof ObjectNode o) {
            o.set(spot.field(), node);
        } else if (spot.parent() instanceof ArrayNode a) {
            a.set(spot.index(), node);
        } else if (spot.node() instanceof ObjectNode root && node instanceof ObjectNode) {
            root.removeAll(); // the root itself: only another object keeps the template's shape
        }
        return note;
    }

    private String remove(Spot spot) {
        if (spot.parent() instanceof ObjectNode o) {
            o.remove(spot.field());
        } else if (spot.parent() instanceof ArrayNode a) {
            a.remove(spot.index());
        }
        return "drop " + spot.path();
    }

    private String duplicate(ObjectNode body, List<Spot> spots) {
        List<Spot> fields = spots.stream().filter(s -> s.parent() instanceof ObjectNode).toList();
        if (fields.isEmpty()) {
            return "no field to duplicate";
        }
        Spot spot = fields.get(random.nextInt(fields.size()));
        ObjectNode parent = (ObjectNode) spot.parent();
        // A second member of the same name, after the first: parsers differ in which one wins.
        String name = marker(("\"" + spot.field() + "\"").getBytes(StandardCharsets.UTF_8));
        parent.set(name, random.nextBoolean() ? otherType(spot.node()) : spot.node().deepCopy());
        return "duplicate " + spot.path();
    }

    private String unknownField(List<Spot> spots) {
        List<Spot> objects = spots.stream().filter(s -> s.node() instanceof ObjectNode).toList();
        ObjectNode target = (ObjectNode) objects.get(random.nextInt(objects.size())).node();
        String name = pick(List.of("x_fuzz", "", " ", "__proto__", "constructor", "model ", "MODEL", "ü", "\u202e",
                "a".repeat(3000), "$ref", "stream\u0000"));
        target.set(name, otherType(Json.NODES.nullNode()));
        return "unknown field '" + (name.length() > 20 ? name.substring(0, 20) + "…" : name) + "'";
    }

    private JsonNode otherType(JsonNode node) {
        return switch (random.nextInt(8)) {
            case 0 -> Json.NODES.stringNode(node.isString() ? "" : "fuzz");
            case 1 -> Json.NODES.numberNode(node.isNumber() ? -7 : 42);
            case 2 -> Json.NODES.booleanNode(random.nextBoolean());
            case 3 -> Json.NODES.nullNode();
            case 4 -> Json.NODES.arrayNode().add(1).add("two").addNull();
            case 5 -> Json.object().put("type", "text").put("text", "fuzz");
            case 6 -> Json.NODES.stringNode("12");
            default -> Json.NODES.arrayNode();
        };
    }

    private JsonNode oneOf(JsonNode array) {
        return array.isEmpty() ? Json.NODES.stringNode("") : array.get(0).deepCopy();
    }

    private JsonNode wrapped(JsonNode node) {
        return Json.NODES.arrayNode().add(node.deepCopy());
    }

    /** Within the body limit, mostly without spaces: the simulator echoes text word by word. */
    private String hugeString() {
        int length = pick(List.of(2_000, 20_000, 60_000, 150_000));
        String unit = pick(List.of("abcdefghij", "ßü€😀", "\\\"/", "0123456789", "<script>", "\u0000\u001f"));
        StringBuilder s = new StringBuilder(length + 10);
        while (s.length() < length) {
            s.append(unit);
            if (s.length() % 4096 < unit.length()) {
                s.append(' ');
            }
        }
        return s.toString();
    }

    private byte[] deep() {
        int depth = pick(List.of(64, 600, 1001, 5000, 20_000));
        boolean arrays = random.nextBoolean();
        StringBuilder s = new StringBuilder(depth * 6);
        s.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth));
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Strings JSON or UTF-8 forbid: raw control bytes, lone surrogates, invalid and overlong UTF-8, NUL. */
    private byte[] badString() {
        List<byte[]> choices = List.of(
                bytes("\"abc", 0xff, 0xfe, "\""),
                bytes("\"", 0xc3, 0x28, "\""),
                bytes("\"", 0xc0, 0xaf, "\""),
                bytes("\"", 0xed, 0xa0, 0x80, "\""),
                bytes("\"", 0xf4, 0x90, 0x80, 0x80, "\""),
                bytes("\"cut", 0xe2, 0x82, "\""),
                "\"\\ud800 lone\"".getBytes(StandardCharsets.US_ASCII),
                "\"\\udc00\\ud800\"".getBytes(StandardCharsets.US_ASCII),
                "\"nul\\u0000byte\"".getBytes(StandardCharsets.US_ASCII),
                bytes("\"raw", 0x00, "nul\""),
                bytes("\"raw\nnewline", 0x09, "\""),
                "\"bad escape \\x41\"".getBytes(StandardCharsets.US_ASCII),
                "\"\\u12\"".getBytes(StandardCharsets.US_ASCII),
                "\"unterminated".getBytes(StandardCharsets.US_ASCII),
                "'single quoted'".getBytes(StandardCharsets.US_ASCII));
        return pick(choices);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** Damage to the serialised text itself. */
    private Mutated byteMutation(byte[] bytes) {
        return switch (random.nextInt(9)) {
            case 0 -> new Mutated(java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length))), "truncated");
            case 1 -> new Mutated(concat(bytes, "}}]]".getBytes(StandardCharsets.US_ASCII)), "trailing garbage");
            case 2 -> new Mutated(concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes), "byte-order mark");
            case 3 -> new Mutated(concat(bytes, bytes), "two JSON values");
            case 4 -> new Mutated(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16), "UTF-16");
            case 5 -> new Mutated(concat("/* comment */".getBytes(StandardCharsets.US_ASCII), bytes), "comment");
            case 6 -> new Mutated(new String(bytes, StandardCharsets.ISO_8859_1).replaceFirst("}$", ",}")
                    .getBytes(StandardCharsets.ISO_8859_1), "trailing comma");
            case 7 -> new Mutated(concat(" \t\r\n".repeat(2000).getBytes(StandardCharsets.US_ASCII), bytes), "leading whitespace");
            default -> {
                byte[] noise = new byte[random.nextInt(1, 300)];
                random.nextBytes(noise);
                yield new Mutated(noise, "random bytes");
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String marker(byte[] replacement) {
        String marker = MARK + raw.size() + "@@";
        raw.put(marker, replacement);
        return marker;
    }

    /** Serialises, then swaps each quoted marker for its raw bytes. */
    private byte[] serialise(JsonNode body) {
        String json = Json.text(body);
        if (raw.isEmpty()) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() + 64);
        int from = 0;
        for (int at = json.indexOf("\"" + MARK); at >= 0; at = json.indexOf("\"" + MARK, from)) {
            int end = json.indexOf("@@\"", at + 1 + MARK.length());
            String marker = json.substring(at + 1, end + 2);
            out.writeBytes(json.substring(from, at).getBytes(StandardCharsets.UTF_8));
            byte[] replacement = raw.get(marker);
            out.writeBytes(replacement != null ? replacement : json.substring(at, end + 3).getBytes(StandardCharsets.UTF_8));
            from = end + 3;
        }
        out.writeBytes(json.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
