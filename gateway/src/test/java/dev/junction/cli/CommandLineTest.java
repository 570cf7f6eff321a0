package dev.junction.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.junction.cli.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line a newcomer meets: help and version as commands, shell completion, init, a missing file. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void helpIsACommandAsWellAsAnOption() {
        InProcess.Result help = run("help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: junction").contains("Commands:")
                .contains("init").contains("serve").contains("demo").contains("completion").contains("version");
        assertThat(help.out()).isEqualTo(run("--help").out());

        InProcess.Result keys = run("help", "keys");
        assertThat(keys.exit()).isZero();
        assertThat(keys.out()).contains("Usage: junction keys").contains("create").contains("disable");
    }

    /** serve and demo run on a command line of their own (start-up time); they must read as part of junction. */
    @Test
    void serveAndDemoExplainThemselvesAsSubcommandsOfJunction() {
        for (String command : List.of("serve", "demo")) {
            InProcess.Result help = run(command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: junction " + command).contains("--port");
            assertThat(help.out()).as(command).isEqualTo(run("help", command).out());

            InProcess.Result wrong = run(command, "--no-such-option");
            assertThat(wrong.exit()).as(command).isEqualTo(2);
            assertThat(wrong.err()).as(command).contains("Unknown option: '--no-such-option'")
                    .contains("Usage: junction " + command);
        }
    }

    @Test
    void versionIsACommandAsWellAsAnOption() {
        InProcess.Result version = run("version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("junction ").contains("Java 25");
        assertThat(version.out()).isEqualTo(run("--version").out());
    }

    @Test
    void completionCompletesCommandsAndOptionsInBash() throws Exception {
        InProcess.Result completion = run("completion");
        assertThat(completion.exit()).isZero();
        Path script = dir.resolve("junction_completion");
        Files.writeString(script, completion.out());

        assertThat(complete(script, "junction", "ke")).containsExactly("keys");
        assertThat(complete(script, "junction", "keys", "cr")).containsExactly("create");
        assertThat(complete(script, "junction", "serve", "--c")).containsExactly("--config");
        assertThat(complete(script, "junction", "")).contains("init", "serve", "demo", "check-config", "keys", "credits",
                "version", "completion", "help");
    }

    /** What bash offers for the last word, with the script loaded as {@code source <(junction completion)} does. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String command = "source '" + script + "'; COMP_WORDS=(" + String.join(" ", quoted(words)) + "); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_junction; printf '%s\\n' \"${COMPREPLY[@]}\"";
        // stderr is bash's remark that compopt only works in a real completion: not what was completed.
        Process bash = new ProcessBuilder("bash", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> quoted(String... words) {
        return java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList();
    }

    @Test
    void initWritesAStarterConfigurationThatChecksOut() throws Exception {
        Path config = dir.resolve("junction.yaml");
        InProcess.Result init = run("init", "--config", config.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("wrote " + config).contains("junction serve --config " + config);
        assertThat(Files.readString(config)).contains("default-model: openai/gpt-4o-mini").doesNotContain("key-env");

        InProcess.Result check = run("check-config", "--config", config.toString());
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("configuration OK").contains("default model: openai/gpt-4o-mini");

        Files.writeString(config, "# mine\n", java.nio.file.StandardOpenOption.APPEND);
        InProcess.Result again = run("init", "--config", config.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains(config + " already exists").contains("--force");
        assertThat(Files.readString(config)).endsWith("# mine\n");
        assertThat(run("init", "--config", config.toString(), "--force").exit()).isZero();
        assertThat(Files.readString(config)).doesNotContain("# mine");
    }

    @Test
    void aMissingConfigurationFileSaysHowToMakeOne() {
        String missing = dir.resolve("junction.yaml").toString();
        for (String[] command : List.of(new String[] {"check-config", "--config", missing},
                new String[] {"keys", "list", "--config", missing},
                new String[] {"credits", "grant", "--config", missing, "--amount", "5"},
                new String[] {"serve", "--config", missing})) {
            InProcess.Result result = run(command);
            assertThat(result.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.err().strip()).as(String.join(" ", command))
                    .contains("config file " + missing + " not found").contains("junction init")
                    .contains("junction.example.yaml").doesNotContain("\n");
        }
    }
}
