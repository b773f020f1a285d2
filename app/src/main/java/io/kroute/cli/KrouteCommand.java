package io.kroute.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kroute} command line: one subcommand per user-facing task. */
@Command(
        name = "kroute",
        mixinStandardHelpOptions = true,
        versionProvider = KrouteCommand.Version.class,
        description = "Routes LLM prompt events: classify, screen for anomalies, choose a provider, learn from rewards.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ClassifyCommand.class,
            WeightsCommand.class,
            RunCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            SimulateCommand.class,
            SettingsTableCommand.class,
        })
public final class KrouteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new KrouteCommand()).execute(args);
        System.exit(exitCode);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KrouteCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kroute " + (version == null ? "development build" : version)};
        }
    }
}
