package io.kroute.cli;

import io.kroute.runtime.SettingsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kroute settings-table}: the settings table of {@code docs/configuration.md}, from the declarations.
 * For those who add a setting, hence hidden from the usage.
 */
@Command(name = "settings-table", hidden = true, mixinStandardHelpOptions = true,
        description = "Print the settings table, or rewrite it in place between its marker lines with --write.")
public final class SettingsTableCommand implements Callable<Integer> {

    @Option(names = "--write", paramLabel = "FILE", description = "Rewrite the table in this file (docs/configuration.md).")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (file == null) {
            spec.commandLine().getOut().print(SettingsTable.markdown());
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            String document = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, SettingsTable.replaceIn(document), StandardCharsets.UTF_8);
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("kroute settings-table: " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
