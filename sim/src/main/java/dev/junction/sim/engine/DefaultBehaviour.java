package dev.junction.sim.engine;

import dev.junction.sim.SimToolCall;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What an unscripted simulated model does with what a request asks ({@link Asks}): deterministic, so tests can
 * predict it, and cooperative, so real clients' loops run to their end.
 */
final class DefaultBehaviour {
    private static final int HINT_CHARS = 60;

    private DefaultBehaviour() {
    }

    /** The one tool call of a turn: the named tool, else the first offered; none when calls are not allowed. */
    static Optional<SimToolCall> toolCall(Asks asks, String userText) {
        if (asks.tools().isEmpty() || !asks.toolChoice().allowed()) {
            return Optional.empty();
        }
        Asks.Tool tool = asks.toolChoice().named()
                .flatMap(name -> asks.tools().stream().filter(t -> t.name().equals(name)).findFirst())
                .orElse(asks.tools().getFirst());
        // Strings in the arguments are made of the prompt's first words, as a model's would be: echoing a whole long
        // prompt into every string field made one call's arguments stream for minutes.
        JsonNode arguments = SchemaSample.of(tool.parameters(), shortened(userText));
        // Arguments are an object whatever the schema says; a tool declaring no parameters gets {}.
        return Optional.of(new SimToolCall(tool.name(), arguments.isObject() ? arguments.toString() : "{}"));
    }

    /** A short thought about what comes next: call a tool, answer from its result, or answer directly. */
    static String reasoning(Asks asks, List<SimToolCall> calls, String userText) {
        if (asks.answersTools()) {
            return "The tool returned its result, so I can answer from it now.";
        }
        String asked = "The user asks: \"" + shortened(userText) + "\".";
        if (!calls.isEmpty()) {
            return asked + " The " + calls.getFirst().name() + " tool can answer that, so I call it first.";
        }
        return asked + " I can answer that directly.";
    }

    private static String shortened(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= HINT_CHARS ? oneLine : oneLine.substring(0, HINT_CHARS) + "…";
    }
}
