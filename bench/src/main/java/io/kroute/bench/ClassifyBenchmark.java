package io.kroute.bench;

import io.kroute.inference.anomaly.PromptAnalyzer;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.weights.WeightFile;
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
 * One prompt classified per operation, cycling through a file of prompts; {@code analyze} adds the anomaly
 * features and score from the same pass. Sample mode gives the median (p0.50) per prompt.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ClassifyBenchmark {

    @Param("bench/target/sklearn-bench/weights-16x50000.json")
    public String weights;

    @Param({"bench/target/sklearn-bench/prompts-50.jsonl", "bench/target/sklearn-bench/prompts-500.jsonl"})
    public String prompts;

    private TextClassifier classifier;
    private PromptAnalyzer analyzer;
    private String[] texts;
    private int next;

    @Setup
    public void setUp() throws Exception {
        WeightFile file = BenchmarkInputs.weights(weights);
        classifier = file.classifier();
        analyzer = file.anomaly().isPresent() ? file.analyzer() : null;
        texts = BenchmarkInputs.prompts(prompts);
    }

    private String nextText() {
        String text = texts[next];
        next = next + 1 == texts.length ? 0 : next + 1;
        return text;
    }

    @Benchmark
    public Object classify() {
        return classifier.classify(nextText());
    }

    @Benchmark
    public Object analyze() {
        if (analyzer == null) {
            throw new IllegalStateException(weights + " has no anomaly baselines");
        }
        return analyzer.analyze(nextText());
    }
}
