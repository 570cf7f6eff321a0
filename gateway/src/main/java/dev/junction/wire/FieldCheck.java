package dev.junction.wire;

import tools.jackson.databind.JsonNode;

import java.util.Optional;

/** A check of one field's value; returns what is wrong with it, if anything. */
@FunctionalInterface
interface FieldCheck {
    Optional<String> problem(JsonNode value);

    static FieldCheck string() {
        return v -> v.isString() ? Optional.empty() : Optional.of("expected a string, got " + describe(v));
    }

    static FieldCheck bool() {
        return v -> v.isBoolean() ? Optional.empty() : Optional.of("expected true or false, got " + describe(v));
    }

    static FieldCheck object() {
        return v -> v.isObject() ? Optional.empty() : Optional.of("expected an object, got " + describe(v));
    }

    static FieldCheck array() {
        return v -> v.isArray() ? Optional.empty() : Optional.of("expected an array, got " + describe(v));
    }

    static FieldCheck arrayOfStrings() {
        return v -> {
            if (!v.isArray()) {
                return Optional.of("expected an array of strings, got " + describe(v));
            }
            for (JsonNode item : v) {
                if (!item.isString()) {
                    return Optional.of("expected an array of strings, found " + describe(item));
                }
            }
            return Optional.empty();
        };
    }

    static FieldCheck arrayOfObjects() {
        return v -> {
            if (!v.isArray()) {
                return Optional.of("expected an array of objects, got " + describe(v));
            }
            for (JsonNode item : v) {
                if (!item.isObject()) {
                    return Optional.of("expected an array of objects, found " + describe(item));
                }
            }
            return Optional.empty();
        };
    }

    /**
     * OpenAI's {@code tools}: objects, and a function tool ({@code type} "function", or none) names its function and
     * gives its parameters, if any, as an object. A tool without a name reached the upstream, which refused it with a
     * 5xx or a 400 of its own; other tool types are the upstream's to judge.
     */
    static FieldCheck tools() {
        return v -> {
            Optional<String> shape = arrayOfObjects().problem(v);
            if (shape.isPresent()) {
                return shape;
            }
            for (int i = 0; i < v.size(); i++) {
                Optional<String> problem = functionToolProblem(v.get(i));
                if (problem.isPresent()) {
                    return Optional.of("item " + i + ": " + problem.get());
                }
            }
            return Optional.empty();
        };
    }

    private static Optional<String> functionToolProblem(JsonNode tool) {
        JsonNode type = tool.get("type");
        if (type != null && !type.isNull()) {
            if (!type.isString()) {
                return Optional.of("type: expected a string, got " + describe(type));
            }
            if (!type.asString().equals("function")) {
                return Optional.empty();
            }
        }
        JsonNode function = tool.get("function");
        if (function == null || !function.isObject()) {
            return Optional.of("function: expected an object, got " + (function == null ? "nothing" : describe(function)));
        }
        JsonNode name = function.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            return Optional.of("function.name: expected the function's name, got "
                    + (name == null ? "nothing" : name.isString() ? "a blank string" : describe(name)));
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            return Optional.of("function.parameters: expected a JSON Schema object, got " + describe(parameters));
        }
        return Optional.empty();
    }

    static FieldCheck stringOrStrings() {
        return v -> v.isString() ? Optional.empty() : arrayOfStrings().problem(v)
                .map(p -> "expected a string or an array of strings, got " + describe(v));
    }

    static FieldCheck stringOrObject() {
        return v -> v.isString() || v.isObject() ? Optional.empty()
                : Optional.of("expected a string or an object, got " + describe(v));
    }

    /** A number within [min, max]. */
    static FieldCheck number(double min, double max) {
        return v -> {
            if (!v.isNumber()) {
                return Optional.of("expected a number, got " + describe(v));
            }
            double d = ClientNumbers.approximately(v);
            if (d >= min && d <= max) {
                return Optional.empty();
            }
            // A literal beyond the double range (1e999, or a 400-digit integer) reads as infinite: quoting it would
            // say "Infinity", or print all 400 digits.
            String range = "must be between " + format(min) + " and " + format(max);
            return Optional.of(Double.isFinite(d) ? range + ", got " + v.asString() : range);
        };
    }

    /** A whole number of at least {@code min} (and at most {@code max}), of any size the client writes. */
    static FieldCheck integer(long min, long max) {
        return v -> ClientNumbers.wholeNumberProblem(v, min, max);
    }

    static String describe(JsonNode v) {
        return JsonShapes.describe(v);
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
