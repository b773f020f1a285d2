package io.kroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.inference.bandit.sim.Scenario;
import io.kroute.inference.bandit.sim.World;
import io.kroute.runtime.CatalogFiles;
import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import io.kroute.runtime.SettingType;
import io.kroute.runtime.demo.DemoRecord;
import io.kroute.runtime.demo.DemoReport;
import io.kroute.runtime.demo.DemoSummary;
import io.kroute.runtime.demo.DemoTraffic;
import io.kroute.runtime.demo.PromptSource;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kroute demo}: kroute on its embedded broker with traffic around it, synthetic prompts in and simulated
 * dispatch workers that follow a bandit scenario with an outage, a live status line, a summary whose counts
 * reconcile, and an offline HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run kroute with synthetic prompts and simulated dispatch workers; watch it learn and route "
            + "around an outage.", "Ends with a reconciling summary and a self-contained HTML report."})
public final class DemoCommand implements Callable<Integer> {
    static final String SCENARIO_RESOURCE = "/demo/outage.json";
    static final String CATALOG_RESOURCE = "/demo/providers.yaml";
    /** Share of the demo's prompts sent by its EU tenant, which the demo catalog keeps on EU providers. */
    static final double EU_SHARE = 0.25;
    static final Duration DRAIN_BOUND = Duration.ofSeconds(45);

    @Mixin
    RuntimeOptions options;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long prompts are sent (default: 60s; e.g. 90s, 5m).")
    String duration;

    @Option(names = "--rate", paramLabel = "PROMPTS_PER_SECOND", defaultValue = "50",
            description = "Prompts sent per second (default: 50).")
    double rate;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Bandit scenario the simulated providers follow (default: the built-in outage scenario).")
    Path scenarioFile;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "Labelled prompts, one {\"text\", \"label\"} per line (default: weights/prompts.jsonl).")
    Path promptsFile;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "kroute-demo-report.html",
            description = "Where the HTML report goes (default: kroute-demo-report.html).")
    Path report;

    @Option(names = "--traffic-only", description = "Only the traffic: prompts and dispatch workers against a kroute "
            + "that runs elsewhere (needs --bootstrap-servers and --schema-registry-url).")
    boolean trafficOnly;

    @Option(names = "--no-status", description = "No live status line (a line every 10 s instead).")
    boolean noStatus;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        PromptSource prompts;
        RuntimeConfig config;
        DemoTraffic.Settings settings;
        try {
            scenario = loadScenario();
            prompts = loadPrompts();
            config = options.resolve(System.getenv(), demoDefaults(scenario, demoCatalog(scenario)));
            List<String> providers = config.providerNames();
            List<String> scenarioProviders = scenario.providers().stream().map(Scenario.Provider::name).toList();
            if (!providers.equals(scenarioProviders)) {
                throw new RuntimeConfig.ConfigException("the scenario's providers " + scenarioProviders
                        + " must be kroute's providers, found " + providers);
            }
            settings = new DemoTraffic.Settings(SettingType.duration().parse(duration, "--duration"), rate,
                    config.get(Setting.SEED), 0.005, 0.01, config.get(Setting.PROMPT_FORMAT), EU_SHARE);
        } catch (RuntimeConfig.ConfigException | IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println("kroute demo: " + e.getMessage());
            return 2;
        }

        KrouteRuntime runtime = null;
        try {
            String bootstrap;
            String registryUrl;
            if (trafficOnly) {
                bootstrap = config.bootstrapServers().orElseThrow(() -> new RuntimeConfig.ConfigException(
                        "--traffic-only needs --bootstrap-servers (where kroute runs)"));
                registryUrl = config.schemaRegistryUrl().orElseThrow(() -> new RuntimeConfig.ConfigException(
                        "--traffic-only needs --schema-registry-url (the registry kroute uses)"));
            } else {
                out.println("kroute demo: starting kroute" + (config.bootstrapServers().isEmpty()
                        ? " and its embedded broker (data in " + config.dataDir() + ", wiped first)" : "") + "...");
                out.flush();
                runtime = KrouteRuntime.start(config, config.bootstrapServers().isEmpty(), true);
                if (!runtime.awaitRunning(Duration.ofSeconds(120))) {
                    err.println("kroute demo: Kafka Streams did not reach RUNNING within 120 s");
                    return 1;
                }
                RunCommand.printAddresses(runtime.addresses(), out);
                bootstrap = runtime.addresses().bootstrapServers();
                registryUrl = runtime.addresses().registryUrl();
            }
            return sendTraffic(config, bootstrap, registryUrl, scenario, prompts, settings, runtime, out);
        } catch (RuntimeConfig.ConfigException e) {
            err.println("kroute demo: configuration: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("kroute demo: " + e.getMessage());
            return 1;
        } finally {
            if (runtime != null) {
                runtime.close();
            }
        }
    }

    /** Sends the scenario's traffic, waits until it is answered, prints and writes the summary; 0 if it reconciles. */
    private int sendTraffic(RuntimeConfig config, String bootstrap, String registryUrl, Scenario scenario,
            PromptSource prompts, DemoTraffic.Settings settings, KrouteRuntime runtime, PrintWriter out)
            throws IOException {
        Map<String, Object> kafka = new HashMap<>(config.kafkaProperties());
        kafka.keySet().removeIf(key -> !isClientSetting(key));
        kafka.put("bootstrap.servers", bootstrap);
        SchemaRegistry registry = SchemaRegistries.connect(registryUrl);
        try (DemoTraffic traffic = new DemoTraffic(kafka, registry, scenario, prompts, settings)) {
            out.printf(Locale.ROOT, "kroute demo: sending %d prompts over %d s (%s, seed %d)%n", settings.prompts(),
                    settings.duration().toSeconds(), scenario.name(), settings.seed());
            out.flush();
            traffic.start();
            watch(traffic, runtime, out);
            DemoSummary summary = summarize(traffic, runtime, scenario, config);
            summary.lines().forEach(out::println);
            DemoReport.write(report, summary, traffic.ledger());
            out.println("  report: " + report.toAbsolutePath());
            out.flush();
            return summary.reconciles() ? 0 : 1;
        }
    }

    /**
     * The demo's own defaults: a disposable data folder, free ports, learning fast enough for a minute, and the
     * demo's provider catalog (or, without one, the scenario's providers by name).
     */
    static Map<String, String> demoDefaults(Scenario scenario, Path catalog) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put(Setting.DATA_DIR.property(), Path.of(".kroute", "demo").toString());
        defaults.put(Setting.HTTP_PORT.property(), "0");
        defaults.put(Setting.REGISTRY_PORT.property(), "0");
        defaults.put(Setting.PROVIDERS.property(),
                String.join(",", scenario.providers().stream().map(Scenario.Provider::name).toList()));
        if (catalog != null) {
            defaults.put(Setting.PROVIDERS_FILE.property(), catalog.toString());
        }
        defaults.put(Setting.HALF_LIFE.property(), "20s");
        defaults.put(Setting.REWARD_WINDOW.property(), "10s");
        defaults.put(Setting.ARM_STATE_PUBLISH_INTERVAL.property(), "200ms");
        defaults.put("application.id", "kroute-demo");
        return defaults;
    }

    /**
     * The built-in catalog, copied to a temporary file for the settings to name; null for a scenario whose
     * providers it does not describe (they are then routed by name, without rules).
     */
    private static Path demoCatalog(Scenario scenario) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(CATALOG_RESOURCE)) {
            if (in == null) {
                throw new IOException("the built-in demo catalog " + CATALOG_RESOURCE + " is missing from the jar");
            }
            Path file = Files.createTempFile("kroute-demo-providers", ".yaml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            List<String> names = scenario.providers().stream().map(Scenario.Provider::name).toList();
            return CatalogFiles.read(file).names().equals(names) ? file : null;
        }
    }

    private Scenario loadScenario() throws IOException {
        if (scenarioFile != null) {
            return Scenario.read(scenarioFile);
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream(SCENARIO_RESOURCE)) {
            if (in == null) {
                throw new IOException("the built-in demo scenario " + SCENARIO_RESOURCE + " is missing from the jar");
            }
            return Scenario.parse(new ObjectMapper().readTree(in));
        }
    }

    private PromptSource loadPrompts() throws IOException {
        Path file = promptsFile != null ? promptsFile : PromptSource.shipped().orElseThrow(() -> new IOException(
                "no prompts file: weights/prompts.jsonl was found neither under $KROUTE_HOME nor here; pass --prompts"));
        return PromptSource.read(file);
    }

    /** Prints the status line until the producer is done and everything it sent has been answered. */
    private void watch(DemoTraffic traffic, KrouteRuntime runtime, PrintWriter out) {
        boolean live = !noStatus && System.console() != null;
        long drainDeadline = Long.MAX_VALUE;
        long lastLine = 0;
        while (true) {
            boolean done = !traffic.producing() && traffic.drained() && rewardsSettled(traffic, runtime);
            long now = System.nanoTime();
            if (!traffic.producing() && drainDeadline == Long.MAX_VALUE) {
                drainDeadline = now + DRAIN_BOUND.toNanos();
            }
            if (live) {
                out.print("\r" + status(traffic) + "\u001b[K");
                out.flush();
            } else if (now - lastLine > 10_000_000_000L || done) {
                out.println(status(traffic));
                out.flush();
                lastLine = now;
            }
            if (done || now > drainDeadline) {
                break;
            }
            // The status line's refresh interval.
            LockSupport.parkNanos(250_000_000L);
        }
        if (live) {
            out.println();
        }
    }

    private static String status(DemoTraffic traffic) {
        DemoRecord ledger = traffic.ledger();
        long seconds = traffic.elapsedMillis() / 1000;
        long sent = traffic.promptsSent();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%3ds] prompts %d (%.0f/s) | decided %d, quarantined %d, dead %d | lag %d | rewards %d",
                seconds, sent, seconds == 0 ? 0.0 : sent / (double) seconds, ledger.decisions(),
                ledger.quarantinedCount(), ledger.deadLetterCount(), Math.max(0, sent - ledger.outcomes()),
                traffic.rewardsSent()));
        List<Scenario.Provider> providers = ledger.scenario().providers();
        for (String label : ledger.busiestClasses().stream().limit(3).toList()) {
            double[] shares = ledger.recentShares(label);
            line.append(" | ").append(label).append(':');
            for (int p = 0; p < providers.size(); p++) {
                line.append(String.format(Locale.ROOT, " %s %.0f%%", providers.get(p).name(), 100 * shares[p]));
            }
        }
        return line.toString();
    }

    private static boolean rewardsSettled(DemoTraffic traffic, KrouteRuntime runtime) {
        if (runtime == null) {
            return true;
        }
        MeterRegistry meters = runtime.meterRegistry();
        long accounted = sum(meters, "kroute.rewards.folded", "defaulted", "false")
                + sum(meters, "kroute.rewards.unmatched", null, null) + sum(meters, "kroute.rewards.duplicate", null, null);
        return accounted >= traffic.rewardsSent();
    }

    private static DemoSummary summarize(DemoTraffic traffic, KrouteRuntime runtime, Scenario scenario,
            RuntimeConfig config) {
        DemoRecord ledger = traffic.ledger();
        long folded = -1;
        long defaulted = 0;
        Map<String, Long> unmatched = new TreeMap<>();
        if (runtime != null) {
            MeterRegistry meters = runtime.meterRegistry();
            folded = sum(meters, "kroute.rewards.folded", "defaulted", "false");
            defaulted = sum(meters, "kroute.rewards.folded", "defaulted", "true");
            for (Counter counter : meters.find("kroute.rewards.unmatched").counters()) {
                unmatched.merge(counter.getId().getTag("reason"), (long) counter.count(), Long::sum);
            }
            long duplicates = sum(meters, "kroute.rewards.duplicate", null, null);
            if (duplicates > 0) {
                unmatched.put("duplicate", duplicates);
            }
        }
        String outageProvider = null;
        long outageAt = -1;
        double before = Double.NaN;
        double after = Double.NaN;
        DemoSummary.Recovery recovery = null;
        if (!scenario.changes().isEmpty()) {
            Scenario.Change change = scenario.changes().get(0);
            outageProvider = change.provider();
            outageAt = change.at();
            int provider = ledger.providerIndex(outageProvider);
            World world = new World(scenario);
            Scenario.Change recovered = recoveryOf(scenario, change);
            long outageEnd = recovered == null ? Long.MAX_VALUE : recovered.at();
            before = ledger.shareWhereBest(provider, outageAt / 2, outageAt, world);
            after = ledger.shareWhereBest(provider, outageAt + DemoSummary.Recovery.SETTLE, outageEnd, world);
            if (recovered != null) {
                recovery = new DemoSummary.Recovery(recovered.at(), ledger.shareWhereBest(provider,
                        recovered.at() + DemoSummary.Recovery.SETTLE, Long.MAX_VALUE, world));
            }
        }
        return new DemoSummary(scenario.name(), config.get(Setting.POLICY), traffic.settings().duration().toSeconds(),
                traffic.settings().rate(), traffic.settings().seed(), traffic.promptsSent(), ledger.decisions(),
                ledger.quarantinedCount(), ledger.deadLetterCount(), ledger.duplicates(), traffic.rewardsSent(), folded,
                defaulted, unmatched, ledger.cumulativeRegret(), ledger.uniformRegret(), outageProvider, outageAt,
                before, after, recovery, ledger.routing());
    }

    /** A later change of the outage's provider that raises it above its outage level, if the scenario has one. */
    private static Scenario.Change recoveryOf(Scenario scenario, Scenario.Change outage) {
        return scenario.changes().stream()
                .filter(c -> c.provider().equals(outage.provider()) && c.at() > outage.at()
                        && c.successProbability() > outage.successProbability())
                .findFirst().orElse(null);
    }

    private static long sum(MeterRegistry meters, String name, String tag, String value) {
        var search = meters.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        double total = 0;
        for (Counter counter : search.counters()) {
            total += counter.count();
        }
        return Math.round(total);
    }

    /** Client settings (security, SASL, SSL, ...) apply to the demo's own clients; Streams settings do not. */
    static boolean isClientSetting(String key) {
        return ProducerConfig.configNames().contains(key)
                && ConsumerConfig.configNames().contains(key);
    }
}
