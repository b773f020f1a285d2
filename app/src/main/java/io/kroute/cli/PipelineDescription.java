package io.kroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints a weight file's {@code pipeline} section (the scikit-learn steps the trainer compiled, with their
 * parameters) as an indented tree, one step per line: {@code name: Class(parameter=value, ...)}.
 */
final class PipelineDescription {
    private PipelineDescription() {
    }

    static void print(JsonNode pipeline, PrintWriter out) {
        if (pipeline == null || !pipeline.isObject()) {
            out.println("pipeline:    not recorded (written by a trainer before pipelines were recorded)");
            return;
        }
        out.println("pipeline:    " + pipeline.path("class").asText("?"));
        steps(pipeline, "  ", out);
    }

    private static void steps(JsonNode step, String indent, PrintWriter out) {
        for (JsonNode child : step.path("steps")) {
            String name = child.path("name").asText("?");
            if (child.has("steps")) {
                out.println("             " + indent + name + ": " + child.path("class").asText("?"));
                steps(child, indent + "  ", out);
            } else {
                out.println("             " + indent + name + ": " + call(child));
            }
        }
    }

    /** {@code Class(parameter=value, ...)}; a nested estimator as a parameter is written the same way. */
    private static String call(JsonNode step) {
        StringJoiner parameters = new StringJoiner(", ", step.path("class").asText("?") + "(", ")");
        for (Map.Entry<String, JsonNode> parameter : step.path("parameters").properties()) {
            JsonNode value = parameter.getValue();
            parameters.add(parameter.getKey() + "=" + (value.isObject() && value.has("class") ? call(value)
                    : value.isTextual() ? "'" + value.asText() + "'" : value.toString()));
        }
        return parameters.toString();
    }
}
