package io.kroute.cli;

import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.StatusLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kroute run}: the routing application. Without a cluster configured it starts a real single-node Kafka
 * broker in process; state (topics, offsets, Streams stores, schemas) is kept under the data folder between
 * runs. Stops cleanly on SIGTERM or Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run kroute: classify, screen and route prompts, learn from rewards.",
            "With no bootstrap servers configured, a single-node Kafka broker runs in process with its data under "
                + "--data-dir; with no schema registry configured, kroute serves its own over HTTP."})
public final class RunCommand implements Callable<Integer> {
    private static final Duration STATUS_EVERY = Duration.ofSeconds(10);

    @Mixin
    RuntimeOptions options;

    @Option(names = "--reset", description = "Wipe local state first: the whole data folder with the embedded "
            + "broker, this application's Kafka Streams state with an external cluster.")
    boolean reset;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KrouteRuntime runtime;
        RuntimeConfig config;
        try {
            config = options.resolve(System.getenv());
            runtime = KrouteRuntime.start(config, reset, true);
        } catch (RuntimeConfig.ConfigException e) {
            err.println("kroute run: configuration: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("kroute run: cannot start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(runtime::close, "kroute-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printAddresses(runtime.addresses(), out);
        StatusLine status = config.quiet() ? null : StatusLine.start(runtime, out, STATUS_EVERY);
        boolean failed = runtime.awaitStop();
        if (status != null) {
            status.close();
        }
        runtime.close();
        if (failed) {
            err.println("kroute run: Kafka Streams stopped after an error (see the log above)");
            return 1;
        }
        return 0;
    }

    static void printAddresses(KrouteRuntime.Addresses addresses, PrintWriter out) {
        out.println("kroute is running. Ctrl-C (SIGTERM) stops it cleanly.");
        out.println("  kafka bootstrap servers: " + addresses.bootstrapServers()
                + (addresses.embeddedBroker() ? "  (embedded broker)" : ""));
        out.println("  schema registry:         " + addresses.registryUrl()
                + (addresses.embeddedRegistry() ? "  (kroute's in-memory registry)" : ""));
        out.println("  http:                    " + addresses.httpUrl() + "/health  /metrics  /arms  /weights");
        out.flush();
    }
}
