package dev.junction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar junction.jar <command>}. */
@Command(name = "junction", mixinStandardHelpOptions = true, version = "junction 0.1.0",
        description = "A self-hosted, OpenRouter-compatible LLM gateway.",
        subcommands = {ServeCommand.class, DemoCommand.class, CheckConfigCommand.class, KeysCommand.class,
                CreditsCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
