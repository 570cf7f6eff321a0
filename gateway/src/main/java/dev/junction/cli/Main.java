package dev.junction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import java.util.Arrays;

/** {@code java -jar junction.jar <command>}. */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = JunctionVersion.class,
        description = "A self-hosted, OpenRouter-compatible LLM gateway.",
        subcommands = {InitCommand.class, ServeCommand.class, DemoCommand.class, CheckConfigCommand.class,
                KeysCommand.class, CreditsCommand.class, VersionCommand.class, CompletionCommand.class,
                HelpCommand.class, AotTrainingCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(invocation(args).execute());
    }

    /** The command line as {@code java -jar junction.jar} runs it: any failure is one line on stderr. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new FailureReport());
    }

    /**
     * What {@code java -jar junction.jar args} executes. The commands that start a gateway get a command line of
     * their own: picocli reflects over every subcommand's annotations when it builds the whole tree, about 200 ms
     * of a cold start's interpreted code (bench/RESULTS.md §10), and {@code serve} and {@code demo} need none of
     * the others. Their usage and errors read the same, under the name {@code junction serve}.
     */
    public static Invocation invocation(String[] args) {
        if (args.length > 0 && (args[0].equals("serve") || args[0].equals("demo"))) {
            Object command = args[0].equals("serve") ? new ServeCommand() : new DemoCommand();
            CommandLine alone = new CommandLine(command).setCommandName("junction " + args[0])
                    .setExecutionExceptionHandler(new FailureReport());
            return new Invocation(alone, Arrays.copyOfRange(args, 1, args.length));
        }
        return new Invocation(commandLine(), args);
    }

    /** A command line and the arguments it is to run with. */
    public record Invocation(CommandLine commandLine, String[] args) {
        public int execute() {
            return commandLine.execute(args);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
