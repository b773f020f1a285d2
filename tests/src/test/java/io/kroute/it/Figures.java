package io.kroute.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counted figures of one reliability test: printed as one line ({@code RELIABILITY name {...}}) and written to
 * {@code target/reliability/name.json}, from which docs/reliability.md's table is filled in.
 */
public final class Figures {
    /** {@code -Dkroute.reliability.long=true} runs each test at the scale of the issue instead of the CI scale. */
    public static final boolean LONG = Boolean.getBoolean("kroute.reliability.long");
    private static final Path OUTPUT = Path.of("target", "reliability");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Figures(String test) {
        this.test = test;
        values.put("variant", LONG ? "long" : "ci");
    }

    /** CI scale, or the long scale with {@code -Dkroute.reliability.long=true}. */
    public static int scale(int ci, int longVariant) {
        return LONG ? longVariant : ci;
    }

    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public Figures putAll(Map<String, ?> more) {
        values.putAll(more);
        return this;
    }

    public Object get(String name) {
        return values.get(name);
    }

    /** Prints the figures and writes them to {@code target/reliability/TEST.json}. */
    public void report() {
        values.put("recordedAt", Instant.now().toString());
        try {
            Files.createDirectories(OUTPUT);
            String json = MAPPER.writeValueAsString(values);
            Files.writeString(OUTPUT.resolve(test + (LONG ? "-long" : "") + ".json"), json + "\n");
            System.out.println("RELIABILITY " + test + " " + MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
