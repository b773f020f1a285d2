package io.kroute.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * LLM-token counts of a prompt per tokenizer family: exact for OpenAI's encodings (jtokkit), estimated for the
 * others as a linear function of the text's character groups with rates fitted against each family's real
 * tokenizer ({@code token-rates.json}, written by {@code trainer/tokens/fit_token_rates.py}). Every count, exact
 * or estimated, is at most {@link #upperBound(int)} of the text's UTF-8 length, so a prompt far beyond a limit is
 * judged without tokenizing it. Thread-safe once built.
 */
public final class TokenEstimator {

    private static final String RATES = "token-rates.json";

    private final Map<TokenizerFamily, Encoding> encodings = new EnumMap<>(TokenizerFamily.class);
    private final Map<TokenizerFamily, double[]> rates = new EnumMap<>(TokenizerFamily.class);

    /** An estimator for {@code families} only: encodings are loaded (a few hundred ms each) for those used. */
    public TokenEstimator(Set<TokenizerFamily> families) {
        EncodingRegistry registry = families.stream().anyMatch(TokenizerFamily::exact)
                ? Encodings.newLazyEncodingRegistry() : null;
        JsonNode shipped = families.stream().allMatch(TokenizerFamily::exact) ? null : shippedRates();
        for (TokenizerFamily family : families) {
            if (family.exact()) {
                encodings.put(family, registry.getEncoding(encodingType(family)));
            } else {
                rates.put(family, rates(shipped, family));
            }
        }
    }

    /**
     * The token count of {@code text} for {@code family}: exact for OpenAI's encodings (special-token markers
     * counted as ordinary text, as an API would see them in a user's prompt), the calibrated estimate otherwise,
     * never above the upper bound.
     */
    public int count(TokenizerFamily family, String text) {
        Encoding encoding = encodings.get(family);
        if (encoding != null) {
            return encoding.countTokensOrdinary(text);
        }
        double[] familyRates = rates.get(family);
        if (familyRates == null) {
            throw new IllegalArgumentException("token estimator: family " + family.key() + " was not loaded");
        }
        if (text.isEmpty()) {
            return 0;
        }
        long estimate = Math.round(CharacterGroups.weigh(text, familyRates));
        return (int) Math.max(1, Math.min(estimate, upperBound(utf8Length(text))));
    }

    /**
     * A bound no family's count exceeds: byte-level BPE (OpenAI, Llama 3, Claude) never makes a token of less than
     * one byte, and SentencePiece with byte fallback (Llama 2, Mistral) at most one piece per byte plus its
     * leading-space piece.
     */
    public static int upperBound(int utf8Bytes) {
        return utf8Bytes + 1;
    }

    /**
     * A bound on {@link #upperBound(int)} from the length in UTF-16 units alone (no pass over the text): a unit
     * is at most 3 UTF-8 bytes, a surrogate pair 4.
     */
    public static long quickUpperBound(int utf16Length) {
        return 3L * utf16Length + 1;
    }

    /** The UTF-8 length of {@code text}, without encoding it. */
    public static int utf8Length(CharSequence text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, else 3; a surrogate pair is 4 bytes over its two units (2 each).
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    private static EncodingType encodingType(TokenizerFamily family) {
        return switch (family) {
            case CL100K_BASE -> EncodingType.CL100K_BASE;
            case O200K_BASE -> EncodingType.O200K_BASE;
            case P50K_BASE -> EncodingType.P50K_BASE;
            case R50K_BASE -> EncodingType.R50K_BASE;
            default -> throw new IllegalArgumentException("no exact encoding for " + family.key());
        };
    }

    private static JsonNode shippedRates() {
        try (InputStream in = TokenEstimator.class.getResourceAsStream(RATES)) {
            if (in == null) {
                throw new IllegalStateException("token estimator: resource " + RATES + " is missing from the jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("token estimator: cannot read " + RATES, e);
        }
    }

    private static double[] rates(JsonNode shipped, TokenizerFamily family) {
        JsonNode features = shipped.path("features");
        JsonNode values = shipped.path("families").path(family.key());
        if (features.size() != CharacterGroups.FEATURES || values.size() != CharacterGroups.FEATURES) {
            throw new IllegalStateException("token estimator: " + RATES + " expected " + CharacterGroups.FEATURES
                    + " features and rates for " + family.key() + ", found " + features.size() + " and "
                    + values.size());
        }
        double[] out = new double[CharacterGroups.FEATURES];
        for (int i = 0; i < out.length; i++) {
            if (!features.get(i).asText().equals(CharacterGroups.NAMES[i])) {
                throw new IllegalStateException("token estimator: " + RATES + " feature " + i + ": expected "
                        + CharacterGroups.NAMES[i] + ", found " + features.get(i));
            }
            out[i] = values.get(i).asDouble();
        }
        return out;
    }
}
