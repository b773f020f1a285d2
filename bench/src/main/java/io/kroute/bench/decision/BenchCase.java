package io.kroute.bench.decision;

/**
 * The models and prompt sets the decision benchmarks run on, by the name given as a JMH parameter. The 16 x 50,000
 * files come from {@code bench/sklearn_bench.py}, the character n-gram file from {@code bench/char_bench.py}; the ONNX
 * graphs from {@code bench/onnx_export.py}.
 */
enum BenchCase {
    DEFAULT("default", "weights/default.json", "weights/prompts.jsonl", "bench/target/onnx/default"),
    WORDS_50("16x50000-50w", "bench/target/sklearn-bench/weights-16x50000.json",
            "bench/target/sklearn-bench/prompts-50.jsonl", "bench/target/onnx/weights-16x50000"),
    WORDS_500("16x50000-500w", "bench/target/sklearn-bench/weights-16x50000.json",
            "bench/target/sklearn-bench/prompts-500.jsonl", "bench/target/onnx/weights-16x50000"),
    /** Character n-grams: char_wb 2- to 5-grams, tf-idf, a linear model (bench/char_bench.py). */
    CHAR_WB_50("16x200000-charwb-50w", "bench/target/sklearn-bench/weights-16x200000-charwb.json",
            "bench/target/sklearn-bench/prompts-charwb-50.jsonl", null);

    final String key;
    final String weights;
    final String prompts;
    final String onnxStem;

    BenchCase(String key, String weights, String prompts, String onnxStem) {
        this.key = key;
        this.weights = weights;
        this.prompts = prompts;
        this.onnxStem = onnxStem;
    }

    static BenchCase of(String key) {
        for (BenchCase c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("case: expected one of default, 16x50000-50w, 16x50000-500w, "
                + "16x200000-charwb-50w, found '"
                + key + "'");
    }
}
