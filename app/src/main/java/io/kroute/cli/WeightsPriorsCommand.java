package io.kroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.bandit.ArmPrior;
import io.kroute.inference.bandit.PriorsCompiler;
import io.kroute.inference.weights.Checksum;
import io.kroute.inference.weights.WeightFile;
import io.kroute.inference.weights.WeightFileException;
import io.kroute.inference.weights.WeightFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kroute weights priors}: the offline half of the feedback loop. Compiles a reward log into warm-start priors
 * ({@link PriorsCompiler}) and writes a copy of a weight file with them as its {@code bandit} section, checksum
 * renewed, validated as the pipeline validates it.
 */
@Command(name = "priors", mixinStandardHelpOptions = true,
        description = {"Compile a reward log into warm-start bandit priors and write a copy of a weight file "
                + "with them as its bandit section.",
            "The log holds one {\"class\": ..., \"provider\": ..., \"reward\": r} per line, r in [0, 1]."})
final class WeightsPriorsCommand implements Callable<Integer> {

    /** Exit status for input that cannot be used (an unreadable log, bad options). */
    static final int BAD_INPUT = 2;

    @Parameters(paramLabel = "FILE", description = "The weight file to start from.")
    Path file;

    @Option(names = "--rewards", required = true, description = "The reward log (JSON lines).")
    Path rewards;

    @Option(names = "--out", required = true, description = "Where to write the weight file with priors.")
    Path out;

    @Option(names = "--max-pseudo-count", defaultValue = "50", description = "Cap on the rewards a prior counts as, "
            + "so an old history does not outweigh what routing learns next (default: ${DEFAULT-VALUE}).")
    double maxPseudoCount;

    @Option(names = "--min-rewards", defaultValue = "1", description = "Rewards a (class, provider) pair needs to get "
            + "its own prior (default: ${DEFAULT-VALUE}).")
    long minRewards;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        byte[] original;
        try {
            original = Files.readAllBytes(file);
            new WeightFileReader().readBytes(original);
        } catch (WeightFileException e) {
            WeightsCommand.printRefusal(err, file, e);
            return WeightsCommand.REFUSED;
        }
        PriorsCompiler.Result result;
        try (Reader log = Files.newBufferedReader(rewards, StandardCharsets.UTF_8)) {
            result = new PriorsCompiler(ArmPrior.UNIFORM, maxPseudoCount, minRewards)
                    .compile(PriorsCompiler.readJsonLines(log));
        } catch (IllegalArgumentException | IOException e) {
            err.println("kroute weights priors: " + rewards + ": " + e.getMessage());
            return BAD_INPUT;
        }
        WeightFile written;
        try {
            byte[] withPriors = withSection(original, "bandit", result.toJson((int) Math.round(maxPseudoCount)));
            written = new WeightFileReader().readBytes(withPriors);
            Files.write(out, withPriors);
        } catch (WeightFileException e) {
            WeightsCommand.printRefusal(err, out, e);
            return WeightsCommand.REFUSED;
        }
        report(result, written, spec.commandLine().getOut());
        return 0;
    }

    /**
     * The weight file with {@code section} as its member {@code name} (replaced where it was, else added last),
     * the checksum kept as the last member and renewed.
     */
    static byte[] withSection(byte[] weightFile, String name, JsonNode section) throws WeightFileException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode document;
        try {
            document = (ObjectNode) mapper.readTree(weightFile);
        } catch (IOException | ClassCastException e) {
            throw new WeightFileException("json", "expected a JSON object, found something else: " + e.getMessage());
        }
        document.remove("checksum");
        document.set(name, section);
        document.put("checksum", "sha256:" + "0".repeat(64));
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree that was just read always writes", e);
        }
        Checksum.seal(bytes);
        return bytes;
    }

    private void report(PriorsCompiler.Result result, WeightFile written, PrintWriter stdout) {
        long pairs = result.priors().toJson().path("priors").properties().stream()
                .mapToLong(entry -> entry.getValue().size()).sum();
        stdout.printf(Locale.ROOT, "priors from %d rewards (%d skipped) for %d (class, provider) pairs, '*' included;"
                + " written to %s (%s %s, valid)%n", result.used(), result.skipped(), pairs, out,
                written.modelName(), written.modelVersion());
        List<String> reasons = result.skippedReasons();
        reasons.forEach(reason -> stdout.println("skipped " + reason));
        stdout.flush();
    }
}
