package io.kroute.bench.decision;

import io.kroute.inference.classify.Classification;
import io.kroute.inference.text.CharacterStats;
import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.text.TokenBuffer;
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
 * The whole routing decision per prompt, as the decide processor makes it ({@code decision}: classify, anomaly
 * features and score, provider choice with its propensity), and its stages on their own, so a profile reads as a
 * sum: {@code tokenize} (scan and lower-case), {@code vectorize} (plus vocabulary lookup and counts),
 * {@code classify} (plus scores and softmax), {@code analyze} (plus anomaly features and score), {@code choose}
 * (the provider choice alone, for a fixed class). With {@code -p rules=all} the decision also applies the
 * routing rules of {@link RoutingFixture} (eight providers) and chooses among the eligible ones. Prompts cycle
 * through the case's prompt file. Run with
 * {@code -prof gc} for the bytes allocated per operation.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class DecisionBenchmark {

    @Param({"default", "16x50000-50w", "16x50000-500w"})
    public String model;

    @Param("thompson")
    public String policy;

    /** Routing rules: none (3 providers), all (8 providers, every rule), all-counting (also every family counted). */
    @Param("none")
    public String rules;

    private DecisionFixture fixture;
    private String[] texts;
    private int next;
    private final TokenBuffer tokens = new TokenBuffer();
    private final CharacterStats statistics = new CharacterStats();
    private final SparseFeatures features = new SparseFeatures();
    private final SparseFeatures featuresWithStatistics = new SparseFeatures().withStatistics();
    private String firstLabel;
    private Classification firstClassification;

    @Setup
    public void setUp() {
        fixture = new DecisionFixture(BenchCase.of(model), policy, rules);
        texts = fixture.texts;
        firstLabel = fixture.file.classifier().classes().get(0);
        firstClassification = fixture.model.analyzer().analyze(texts[0]).classification();
    }

    private String nextText() {
        String text = texts[next];
        next = next + 1 == texts.length ? 0 : next + 1;
        return text;
    }

    @Benchmark
    public Object decision() {
        return fixture.decide(nextText());
    }

    @Benchmark
    public int tokenize() {
        fixture.file.classifier().vectorizer().tokenizer().scan(nextText(), tokens);
        return tokens.count();
    }

    /** Tokenizing with the character statistics gathered in the same pass: the statistics' share of the added cost. */
    @Benchmark
    public int tokenizeWithStatistics() {
        fixture.file.classifier().vectorizer().tokenizer().scan(nextText(), tokens, statistics);
        return statistics.codePoints();
    }

    @Benchmark
    public int vectorize() {
        fixture.file.classifier().vectorizer().transform(nextText(), features);
        return features.size();
    }

    @Benchmark
    public Object classify() {
        return fixture.file.classifier().classify(nextText());
    }

    /** Classifying while gathering the statistics: {@code analyze} minus this is the features' and scoring's cost. */
    @Benchmark
    public Object classifyWithStatistics() {
        return fixture.file.classifier().classify(nextText(), featuresWithStatistics);
    }

    /**
     * The features and the score alone, of the first prompt (classified once at setup): the part of {@code analyze}
     * that follows classification.
     */
    @Benchmark
    public Object screen() {
        return fixture.model.analyzer().screenLastClassified(firstClassification);
    }

    @Benchmark
    public Object analyze() {
        return fixture.model.analyzer().analyze(nextText());
    }

    @Benchmark
    public Object choose() {
        return fixture.chooser.choose(firstLabel, fixture.model);
    }
}
