package dev.junction;

import dev.junction.config.ServerConfig;

import java.net.BindException;

/**
 * The gateway could not start; the message says what it was doing and why it could not, in one line, for an
 * operator rather than a debugger.
 */
public final class StartupException extends RuntimeException {
    private final boolean portInUse;

    private StartupException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** The HTTP server could not listen on the configured address. */
    static StartupException listening(ServerConfig server, Throwable cause) {
        String where = server.host() + ":" + server.port();
        if (causedBy(cause, BindException.class) && String.valueOf(rootMessage(cause)).contains("in use")) {
            return new StartupException("cannot listen on " + where + ": the port is already in use", true, cause);
        }
        return new StartupException("cannot listen on " + where + ": " + rootMessage(cause), false, cause);
    }

    /** Something the gateway needs before it listens (the database, the journal) could not be opened. */
    static StartupException opening(String what, Throwable cause) {
        return new StartupException("cannot open " + what + ": " + rootMessage(cause), false, cause);
    }

    /** Another program already listens on the port: the operator should pick another. */
    public boolean portInUse() {
        return portInUse;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
