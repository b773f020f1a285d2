package io.kroute.bench.decision;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.kroute.bench.BenchmarkInputs;
import io.kroute.inference.classify.Classification;
import io.kroute.inference.classify.TextClassifier;
import io.kroute.inference.text.SparseFeatures;
import io.kroute.inference.weights.WeightFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline a user might reach for instead: ONNX Runtime scoring the same linear model as an ONNX graph (built
 * by {@code bench/onnx_export.py} from the same weight file). The text is vectorized by kroute's own vectorizer
 * (the standard opset has no scikit-learn tokenizer); ONNX Runtime does the product with the weights, the offsets
 * and the softmax. {@code dense} feeds the whole count vector to {@code MatMul}; {@code sparse} feeds the non-zero
 * features to {@code Gather} and {@code ReduceSum}, the cheapest form in the standard opset. Input buffers are
 * direct and reused, the session runs on one thread, as the decide path does. The probabilities are checked against
 * kroute's before timing starts.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class OnnxRuntimeBenchmark {

    /** ORT's row reduction sums in its own order; kroute's sums in scikit-learn's. They agree this closely. */
    private static final double AGREEMENT = 1e-9;

    @Param({"default", "16x50000-50w", "16x50000-500w"})
    public String model;

    private TextClassifier classifier;
    private String[] texts;
    private int next;
    /** What the dense input holds now, so the next prompt clears exactly those entries. */
    private final SparseFeatures denseFeatures = new SparseFeatures();
    private final SparseFeatures features = new SparseFeatures();
    private OrtEnvironment environment;
    private OrtSession dense;
    private OrtSession sparse;
    private DoubleBuffer denseInput;
    private long[] denseShape;
    private LongBuffer sparseIndices;
    private DoubleBuffer sparseValues;

    @Setup
    public void setUp() throws OrtException {
        BenchCase benchCase = BenchCase.of(model);
        WeightFile file = BenchmarkInputs.weights(benchCase.weights);
        classifier = file.classifier();
        texts = BenchmarkInputs.prompts(benchCase.prompts);
        environment = OrtEnvironment.getEnvironment();
        dense = session(benchCase.onnxStem + "-dense.onnx");
        sparse = session(benchCase.onnxStem + "-sparse.onnx");
        int featureCount = classifier.vectorizer().featureCount();
        denseInput = ByteBuffer.allocateDirect(featureCount * Double.BYTES).order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
        denseShape = new long[] {1, featureCount};
        int most = 1;
        for (String text : texts) {
            classifier.vectorizer().transform(text, features);
            most = Math.max(most, features.size());
        }
        sparseIndices = ByteBuffer.allocateDirect(most * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        sparseValues = ByteBuffer.allocateDirect(most * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        checkAgreement();
    }

    private OrtSession session(String path) throws OrtException {
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("ONNX graph " + Path.of(path).toAbsolutePath() + " not found; create it "
                    + "with: /usr/bin/python3 bench/onnx_export.py --weights WEIGHTS.json --out-dir bench/target/onnx");
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        // One decision runs on one thread in kroute; ORT gets the same.
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return environment.createSession(path, options);
    }

    private void checkAgreement() throws OrtException {
        for (int t = 0; t < Math.min(texts.length, 50); t++) {
            Classification expected = classifier.classify(texts[t]);
            double[] fromDense = scoreDense(texts[t]);
            double[] fromSparse = scoreSparse(texts[t]);
            for (int c = 0; c < expected.probabilities().length; c++) {
                double want = expected.probabilities()[c];
                if (Math.abs(fromDense[c] - want) > AGREEMENT || Math.abs(fromSparse[c] - want) > AGREEMENT) {
                    throw new IllegalStateException("ONNX Runtime disagrees with kroute on prompt " + t + ", class "
                            + c + ": expected " + want + ", found dense " + fromDense[c] + ", sparse " + fromSparse[c]);
                }
            }
        }
    }

    @TearDown
    public void tearDown() throws OrtException {
        dense.close();
        sparse.close();
    }

    private String nextText() {
        String text = texts[next];
        next = next + 1 == texts.length ? 0 : next + 1;
        return text;
    }

    private double[] scoreDense(String text) throws OrtException {
        // Clear the previous prompt's features, then write this one's: the vector stays all zeros elsewhere.
        for (int i = 0; i < denseFeatures.size(); i++) {
            denseInput.put(denseFeatures.index(i), 0.0);
        }
        classifier.vectorizer().transform(text, denseFeatures);
        for (int i = 0; i < denseFeatures.size(); i++) {
            denseInput.put(denseFeatures.index(i), denseFeatures.value(i));
        }
        denseInput.clear();
        try (OnnxTensor x = OnnxTensor.createTensor(environment, denseInput, denseShape);
                OrtSession.Result result = dense.run(Map.of("x", x))) {
            return ((double[][]) result.get(0).getValue())[0];
        }
    }

    private double[] scoreSparse(String text) throws OrtException {
        classifier.vectorizer().transform(text, features);
        int n = features.size();
        sparseIndices.clear();
        sparseValues.clear();
        for (int i = 0; i < n; i++) {
            sparseIndices.put(i, features.index(i));
            sparseValues.put(i, features.value(i));
        }
        if (n == 0) {
            // A text without known terms: feature 0 with value 0 contributes nothing, and keeps the tensor non-empty.
            sparseIndices.put(0, 0);
            sparseValues.put(0, 0.0);
            n = 1;
        }
        sparseIndices.limit(n);
        sparseValues.limit(n);
        long[] shape = {n};
        try (OnnxTensor indices = OnnxTensor.createTensor(environment, sparseIndices, shape);
                OnnxTensor values = OnnxTensor.createTensor(environment, sparseValues, shape);
                OrtSession.Result result = sparse.run(Map.of("indices", indices, "values", values))) {
            return (double[]) result.get(0).getValue();
        }
    }

    @Benchmark
    public double[] dense() throws OrtException {
        return scoreDense(nextText());
    }

    @Benchmark
    public double[] sparse() throws OrtException {
        return scoreSparse(nextText());
    }
}
