package io.kroute.inference.weights;

/**
 * Bounds the reader enforces before and while reading, so a hostile or corrupt file cannot exhaust memory.
 */
public record ReaderLimits(long maxBytes, int maxVocabulary, int maxTermLength, int maxClasses,
        int maxGoldenVectors, int maxNestingDepth) {

    public static final ReaderLimits DEFAULT = new ReaderLimits(256L << 20, 2_000_000, 1_024, 1_024, 10_000, 64);

    public ReaderLimits {
        if (maxBytes < 1 || maxVocabulary < 1 || maxTermLength < 1 || maxClasses < 1 || maxGoldenVectors < 1
                || maxNestingDepth < 4) {
            throw new IllegalArgumentException("reader limits must be positive (nesting depth at least 4)");
        }
    }
}
