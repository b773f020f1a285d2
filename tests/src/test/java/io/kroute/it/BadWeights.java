package io.kroute.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.inference.weights.Checksum;
import io.kroute.inference.weights.WeightFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Invalid weight files made from the shipped one, each broken in one way, with the reason kroute must refuse it
 * for. Files broken in their content are re-sealed with a correct checksum, so that it is the intended check that
 * refuses them and not the checksum.
 */
public final class BadWeights {
    /** A word-count MultinomialNB file (format 1) the broken cases are made from; see BadWeightsIT. */
    public static final Path SHIPPED = Path.of("src", "test", "resources", "weights-v1-mnb.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Serialised in place of a number, then replaced by raw text no JSON tree can hold. */
    private static final String RAW = "\"__raw_number__\"";

    /** One broken file: what is wrong, the refusal reason expected, the bytes. */
    public record Case(String name, String expectedReason, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    private final byte[] shipped;

    public BadWeights() {
        try {
            shipped = Files.readAllBytes(SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] shipped() {
        return shipped.clone();
    }

    /** The files kroute must refuse while it routes. */
    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty file", "empty", new byte[0]));
        cases.add(new Case("truncated to half", "checksum", Arrays.copyOf(shipped, shipped.length / 2)));
        cases.add(new Case("truncated by one byte", "checksum", Arrays.copyOf(shipped, shipped.length - 1)));
        cases.add(new Case("wrong checksum", "checksum", wrongChecksum()));
        cases.add(new Case("content altered after sealing", "checksum", alteredAfterSealing()));
        cases.add(new Case("not JSON, sealed", "syntax", seal("{\"format\": \"kroute-weights\", oops, \"checksum\": "
                + "\"sha256:" + "0".repeat(64) + "\"}")));
        cases.add(edited("unknown format", "format", root -> root.put("format", "onnx")));
        cases.add(edited("unknown format version", "version", root -> root.put("formatVersion", 99)));
        cases.add(edited("weight row one feature short", "shape",
                root -> ((ArrayNode) root.at("/model/featureLogProb/0")).remove(0)));
        cases.add(edited("one class without weights", "shape",
                root -> ((ArrayNode) root.at("/model/featureLogProb")).remove(0)));
        cases.add(edited("vocabulary one term short", "shape",
                root -> ((ArrayNode) root.at("/vectorizer/vocabulary")).remove(0)));
        cases.add(rawNumber("NaN weight", "non-finite", "NaN"));
        cases.add(rawNumber("infinite weight (1e400)", "non-finite", "1e400"));
        cases.add(edited("weights that disagree with their golden vectors", "golden", root -> {
            ArrayNode row = (ArrayNode) root.at("/model/featureLogProb/0");
            for (int i = 0; i < row.size(); i++) {
                row.set(i, row.get(i).asDouble() + 3.0);
            }
        }));
        cases.add(edited("golden vector with another label", "golden", root -> {
            ObjectNode first = (ObjectNode) root.at("/golden/vectors/0");
            String label = first.get("label").asText();
            JsonNode classes = root.at("/model/classes");
            first.put("label", classes.get(0).asText().equals(label) ? classes.get(1).asText() : classes.get(0).asText());
        }));
        cases.add(edited("unsupported token pattern", "unsupported",
                root -> ((ObjectNode) root.get("vectorizer")).put("tokenPattern", "\\S+")));
        cases.add(edited("unsupported model kind", "unsupported",
                root -> ((ObjectNode) root.get("model")).put("kind", "random_forest")));
        cases.add(edited("term longer than 1,024 characters", "limits",
                root -> ((ArrayNode) root.at("/vectorizer/vocabulary")).set(0, "x".repeat(1_025))));
        cases.add(edited("1,025 classes", "limits", root -> {
            ArrayNode classes = (ArrayNode) root.at("/model/classes");
            for (int i = classes.size(); i <= 1_024; i++) {
                classes.add("class-" + i);
            }
        }));
        cases.add(absurdVocabulary());
        cases.add(edited("nesting 100 levels deep", "syntax", root -> {
            ArrayNode deepest = root.putArray("extra");
            for (int i = 0; i < 100; i++) {
                deepest = deepest.addArray();
            }
        }));
        cases.add(edited("modelName of another model", "model-name", root -> root.put("modelName", "someone-else")));
        return cases;
    }

    /** A valid file of another version: the shipped one with a new modelVersion, re-sealed. */
    public byte[] validNewVersion(String modelVersion) {
        return edited("new version", "", root -> root.put("modelVersion", modelVersion)).bytes();
    }

    /** The shipped file padded with an ignored member to {@code size} bytes of incompressible text. */
    public byte[] padded(int size, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        StringBuilder padding = new StringBuilder(size);
        while (padding.length() < size) {
            padding.append((char) ('a' + random.nextInt(26)));
        }
        return edited("padded", "", root -> root.put("padding", padding.toString())).bytes();
    }

    private byte[] wrongChecksum() {
        byte[] bytes = shipped();
        int at = new String(bytes, StandardCharsets.ISO_8859_1).lastIndexOf("sha256:") + "sha256:".length();
        bytes[at] = (byte) (bytes[at] == '0' ? '1' : '0');
        return bytes;
    }

    private byte[] alteredAfterSealing() {
        byte[] bytes = shipped();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"modelVersion\"") + "\"modelVersion\": \"".length() + 2;
        bytes[at] = (byte) (bytes[at] == '9' ? '8' : '9');
        return bytes;
    }

    private Case absurdVocabulary() {
        // Only the vocabulary matters: the reader stops counting terms at its limit of 2,000,000.
        StringBuilder json = new StringBuilder(24 << 20);
        json.append("{\"format\":\"kroute-weights\",\"formatVersion\":1,\"vectorizer\":{\"kind\":\"count\",\"vocabulary\":[");
        for (int i = 0; i <= 2_000_000; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append('"');
        }
        json.append("]},\"checksum\":\"sha256:").append("0".repeat(64)).append("\"}");
        return new Case("vocabulary of 2,000,001 terms", "limits", seal(json.toString()));
    }

    private Case rawNumber(String name, String reason, String literal) {
        Case marked = edited(name, reason, root -> ((ArrayNode) root.at("/model/featureLogProb/0")).set(0, "__raw_number__"));
        return new Case(name, reason, seal(new String(marked.bytes(), StandardCharsets.UTF_8).replace(RAW, literal)));
    }

    private Case edited(String name, String reason, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(shipped);
            edit.accept(root);
            // The checksum must stay the last member.
            JsonNode checksum = root.remove("checksum");
            root.set("checksum", checksum);
            return new Case(name, reason, seal(MAPPER.writeValueAsString(root)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] seal(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            Checksum.seal(bytes);
        } catch (WeightFileException e) {
            throw new IllegalStateException("cannot seal a test weight file: " + e.getMessage(), e);
        }
        return bytes;
    }
}
