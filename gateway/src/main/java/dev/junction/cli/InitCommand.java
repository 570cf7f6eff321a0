package dev.junction.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * {@code junction init [--config FILE] [--force]}: writes a starter configuration — the bundled catalog, a local
 * SQLite database, and no secrets — so that the commands after it work on a fresh machine as written.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a starter configuration (junction.yaml) to begin from.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigOption.DEFAULT_FILE,
            description = "where to write it (default: ${DEFAULT-VALUE})")
    Path file;

    @Option(names = "--force", description = "overwrite the file if it exists")
    boolean force;

    @Override
    public Integer call() throws IOException {
        try {
            if (force) {
                Files.writeString(file, Resources.text("starter.yaml"));
            } else {
                Files.writeString(file, Resources.text("starter.yaml"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            System.err.println("junction init: " + file + " already exists; edit it, or write a new one with --force");
            return FailureReport.CONFIGURATION;
        }
        String config = ConfigOption.DEFAULT_FILE.equals(file.toString()) ? "" : " --config " + file;
        System.out.printf("""
                wrote %s: the bundled catalog of hosted models, a SQLite database in junction-data/, no secrets.
                Next:
                  export OPENAI_API_KEY=sk-...          # or another provider's key (README: Catalog)
                  junction check-config%s
                  junction keys create%s --name my-app
                  junction credits grant%s --amount 25
                  junction serve%s
                """, file, config, config, config, config);
        return 0;
    }
}
