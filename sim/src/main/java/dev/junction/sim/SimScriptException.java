package dev.junction.sim;

/** A script (in Java, in a request's {@code sim} object or in a script file) that cannot be used. */
public class SimScriptException extends RuntimeException {
    public SimScriptException(String message) {
        super(message);
    }

    public SimScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
