package dev.junction.sim;

import java.util.Objects;

/**
 * A tool call the simulated model makes.
 *
 * @param name      the function name
 * @param arguments the arguments as a JSON text, exactly as it goes on the wire (OpenAI sends arguments as a string)
 */
public record SimToolCall(String name, String arguments) {
    public SimToolCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        if (name.isBlank()) {
            throw new SimScriptException("tool call name must not be blank");
        }
    }
}
