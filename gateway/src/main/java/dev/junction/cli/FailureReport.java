package dev.junction.cli;

import dev.junction.StartupException;
import dev.junction.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What a person sees when a command fails: one line on stderr naming the command and what went wrong, and an
 * exit status that is not zero — never a stack trace, which says nothing to someone who only wanted a free
 * port. The trace is still there for a bug report, at {@code JUNCTION_LOG_LEVEL=DEBUG}.
 */
final class FailureReport implements IExecutionExceptionHandler {
    /** The configuration is missing or invalid, or an option's value makes no sense. */
    static final int CONFIGURATION = 2;
    /** Anything else: the gateway could not start, the database could not be opened, a bug. */
    static final int FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FailureReport.class);

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
        LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), error);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(error));
        command.getErr().flush();
        return error instanceof ConfigException || error instanceof CommandLine.ParameterException ? CONFIGURATION : FAILED;
    }

    static String describe(Throwable error) {
        return switch (error) {
            case StartupException e when e.portInUse() ->
                    e.getMessage() + " (another program is listening there: stop it, or choose another port with --port N)";
            case StartupException e -> e.getMessage();
            case ConfigException e -> e.getMessage();
            case CommandLine.ParameterException e -> e.getMessage();
            default -> (error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName())
                    + " (JUNCTION_LOG_LEVEL=DEBUG prints the details)";
        };
    }
}
