package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the programs under examples/ as a reader would, and returns what they print. */
final class Examples {

    private Examples() {
    }

    /** {@code java -cp kroute.jar SOURCE ARGS}: a source-file program on the runnable jar's class path. */
    static List<String> java(Path source, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", KrouteProcess.JAR.toString(), source.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code command}; fails unless it exits with status 0 within {@code bound}; returns its output. */
    static String run(List<String> command, Duration bound) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kroute-example-", ".out");
        Path err = Files.createTempFile("kroute-example-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + bound.toSeconds() + " s: "
                        + Files.readString(err));
            }
            assertThat(process.exitValue()).as("%s exit status; stderr: %s", command, Files.readString(err)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
