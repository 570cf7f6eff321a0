package dev.junction.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code junction completion}: a bash (and zsh, through bashcompinit) completion script for every command and
 * option, generated from the same command tree that parses them, so it never falls behind.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for the junction command.",
                "Load it with: source <(junction completion)",
                "(junction being an alias or wrapper for java -jar junction.jar; in zsh run "
                        + "'autoload -U +X bashcompinit && bashcompinit' first)."})
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        String script = AutoComplete.bash("junction", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}
