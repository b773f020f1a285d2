package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's test command is the one CI runs, and the README stays the short front door it is meant to be. */
class ReadmeTestCommandTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path CI_RUN = Path.of("..", ".ci", "run");
    private static final int README_MAX_CHARACTERS = 15_000;

    @Test
    void shouldShowTheCommandThatCiRuns() throws IOException {
        String ciRun = Files.readString(CI_RUN);
        String packages = assignment(ciRun, "TEST_PACKAGES");
        String testCommand = assignment(ciRun, "TEST_COMMAND");

        assertThat(packages).as("packages in .ci/run").contains("python3-sklearn").contains("kcat")
                .contains("python3-confluent-kafka").contains("python3-avro");
        assertThat(ciRun).as(".ci/run installs the packages and runs the command")
                .contains("apt-get update && apt-get install -y $TEST_PACKAGES")
                .contains("\n$TEST_COMMAND\n");
        assertThat(Files.readString(README)).as("README's test command")
                .contains("apt-get update && apt-get install -y " + packages + " && " + testCommand);
    }

    @Test
    void shouldKeepTheReadmeShort() throws IOException {
        assertThat(Files.readString(README).length()).as("README.md characters").isLessThanOrEqualTo(README_MAX_CHARACTERS);
    }

    private static String assignment(String script, String variable) {
        Matcher matcher = Pattern.compile("(?m)^" + variable + "=\"([^\"]+)\"$").matcher(script);
        assertThat(matcher.find()).as("%s=\"...\" in .ci/run", variable).isTrue();
        return matcher.group(1);
    }
}
