package io.kroute.inference.weights;

/** A weight file was refused; the message says what was expected and what was found. */
public final class WeightFileException extends Exception {
    private final String reason;

    public WeightFileException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WeightFileException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A short, stable machine-readable category (for metrics), e.g. {@code checksum} or {@code shape}. */
    public String reason() {
        return reason;
    }
}
