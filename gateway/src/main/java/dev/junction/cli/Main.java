package dev.junction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

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
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code java -jar junction.jar} runs it: any failure is one line on stderr. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new FailureReport());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
