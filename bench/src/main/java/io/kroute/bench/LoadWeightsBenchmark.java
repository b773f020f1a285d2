package io.kroute.bench;

import io.kroute.inference.weights.WeightFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading, validating and golden-replaying a weight file, from bytes already in memory and from disk. The
 * character n-gram benchmark file ({@code -p weights=bench/target/sklearn-bench/weights-16x200000-charwb.json},
 * about 60 MB) is the large case.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class LoadWeightsBenchmark {

    @Param("bench/target/sklearn-bench/weights-16x50000.json")
    public String weights;

    private byte[] bytes;

    @Setup
    public void setUp() throws Exception {
        BenchmarkInputs.weights(weights);
        bytes = Files.readAllBytes(Path.of(weights));
    }

    @Benchmark
    public Object load() throws Exception {
        return new WeightFileReader().readBytes(bytes);
    }

    @Benchmark
    public Object loadFromDisk() throws Exception {
        return new WeightFileReader().readFile(Path.of(weights));
    }
}
