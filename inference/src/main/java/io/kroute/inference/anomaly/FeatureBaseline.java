package io.kroute.inference.anomaly;

/**
 * How one feature is scored: an optional transform, then a z-score against the training prompts' centre and
 * spread, read in one direction.
 *
 * @param transform applied to the raw value before scoring ({@code log1p} tames heavy-tailed counts)
 * @param direction which deviations are suspicious: {@code high}, {@code low} or {@code both}
 * @param method {@code standard} (mean, standard deviation) or {@code robust} (median, 1.4826 × MAD)
 * @param mean mean of the transformed values on the training prompts
 * @param std standard deviation of the transformed values
 * @param median median of the transformed values
 * @param mad median absolute deviation of the transformed values
 * @param scaleFloor smallest spread used, so a feature that never varied in training cannot divide by zero
 */
public record FeatureBaseline(Transform transform, Direction direction, Method method, double mean, double std,
        double median, double mad, double scaleFloor) {

    /** Consistency constant that makes the MAD estimate the standard deviation of a normal distribution. */
    public static final double MAD_TO_SIGMA = 1.4826;

    public enum Transform {
        NONE("none"), LOG1P("log1p"),
        /**
         * For shares that normal text may take close to 1: {@code ln((1 + ε) / (1 + ε − x))} with ε = 1/256, 0 at
         * 0 and about 5.55 at 1, so how close a share comes to 1 is what counts (0.9 and 0.999 are far apart).
         */
        LOG_COMPLEMENT("logComplement");

        /** ε of {@link #LOG_COMPLEMENT}: a window of 256 n-grams cannot tell shares closer to 1 apart. */
        public static final double COMPLEMENT_EPSILON = 1.0 / 256;

        private final String key;

        Transform(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public double apply(double x) {
            return switch (this) {
                case NONE -> x;
                case LOG1P -> log1p(Math.max(0.0, x));
                case LOG_COMPLEMENT -> Math.log((1.0 + COMPLEMENT_EPSILON)
                        / (1.0 + COMPLEMENT_EPSILON - Math.min(1.0, Math.max(0.0, x))));
            };
        }

        /** log1p of the small whole numbers most counts are: a table lookup instead of a native call. */
        private static final double[] LOG1P_OF_WHOLE = new double[1024];

        static {
            for (int k = 0; k < LOG1P_OF_WHOLE.length; k++) {
                LOG1P_OF_WHOLE[k] = Math.log1p(k);
            }
        }

        private static double log1p(double x) {
            int whole = (int) x;
            if (whole == x && whole < LOG1P_OF_WHOLE.length) {
                return LOG1P_OF_WHOLE[whole];
            }
            // From 1 on, rounding 1 + x costs at most half an ulp of the result's argument, and Math.log is an
            // intrinsic where Math.log1p is a library call several times slower.
            return x >= 1.0 ? Math.log(1.0 + x) : Math.log1p(x);
        }
    }

    public enum Direction {
        HIGH("high"), LOW("low"), BOTH("both");

        private final String key;

        Direction(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The suspicious part of a signed z-score, never negative. */
        public double read(double z) {
            return switch (this) {
                case HIGH -> Math.max(0.0, z);
                case LOW -> Math.max(0.0, -z);
                case BOTH -> Math.abs(z);
            };
        }
    }

    public enum Method {
        STANDARD("standard"), ROBUST("robust");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public FeatureBaseline {
        if (transform == null || direction == null || method == null) {
            throw new IllegalArgumentException("transform, direction and method are required");
        }
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !Double.isFinite(median) || !Double.isFinite(mad)
                || !Double.isFinite(scaleFloor)) {
            throw new IllegalArgumentException("baseline statistics must be finite numbers");
        }
        if (std < 0 || mad < 0) {
            throw new IllegalArgumentException("spreads must not be negative, found std " + std + ", mad " + mad);
        }
        if (scaleFloor <= 0) {
            throw new IllegalArgumentException("scaleFloor must be positive, found " + scaleFloor);
        }
    }

    public double center() {
        return method == Method.ROBUST ? median : mean;
    }

    public double scale() {
        double spread = method == Method.ROBUST ? MAD_TO_SIGMA * mad : std;
        return Math.max(spread, scaleFloor);
    }

    /** The directional z-score of a raw value; finite for every finite input. */
    public double score(double raw) {
        return zScore(raw, center(), scale());
    }

    /** Scores against a tenant's own centre and spread (of transformed values), keeping this floor. */
    public double score(double raw, double tenantCenter, double tenantSpread) {
        return zScore(raw, tenantCenter, Math.max(tenantSpread, scaleFloor));
    }

    /** The directional z-score against {@code center} and {@code scale} (already floored). */
    double zScore(double raw, double center, double scale) {
        return finite(direction.read((transform.apply(raw) - center) / scale));
    }

    /** Extreme inputs can overflow the division; the score saturates instead of becoming infinite or NaN. */
    private static double finite(double z) {
        if (Double.isNaN(z)) {
            return 0.0;
        }
        return Math.min(z, Double.MAX_VALUE);
    }
}
