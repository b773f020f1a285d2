package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.cli.KrouteCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kroute demo} end to end on its own embedded broker, shortened: the outage comes early. */
class DemoIT {
    Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("kroute-it-demo-");
    }

    @AfterEach
    void cleanUp() {
        EmbeddedKafkaExtension.delete(dir);
    }

    @Test
    void shouldReconcileEveryPromptAndRewardAndMoveTrafficOffTheFailingProvider() throws Exception {
        String scenario;
        try (InputStream in = KrouteCommand.class.getResourceAsStream("/demo/outage.json")) {
            scenario = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(scenario).contains("\"at\": 900");
        Path shortScenario = dir.resolve("outage-early.json");
        assertThat(scenario).contains("\"at\": 1300");
        Files.writeString(shortScenario, scenario.replace("\"at\": 900", "\"at\": 250")
                // The recovery lies beyond this short run, so the outage's share is measured to its end.
                .replace("\"at\": 1300", "\"at\": 100000"));
        Path report = dir.resolve("report.html");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new KrouteCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute("demo", "--duration", "12s", "--rate", "60", "--seed", "7", "--no-status",
                "--scenario", shortScenario.toString(), "--prompts", ShippedPrompts.FILE.toString(),
                "--data-dir", dir.resolve("data").toString(), "--report", report.toString());

        String summary = out.toString();
        assertThat(status).as("exit status; output:%n%s%nerrors:%n%s", summary, err).isZero();
        assertThat(summary).containsPattern("prompts in +720 = decisions \\d+ \\+ quarantined \\d+ \\+ dead letters \\d+ +\\[reconciled\\]")
                .containsPattern("rewards in +\\d+ = folded \\d+ \\+ unmatched \\d+ .*\\[reconciled\\]");
        Matcher shares = Pattern.compile("anthropic fails from decision 250: its share where it was best went from "
                + "(\\d+)% before to (\\d+)% after").matcher(summary);
        assertThat(shares.find()).as(summary).isTrue();
        assertThat(Integer.parseInt(shares.group(2))).isLessThan(Integer.parseInt(shares.group(1)));
        assertThat(summary).contains("anthropic recovers at decision 100000: its share where it was best came back "
                + "to n/a (not reached)");

        // The demo's catalog at work: edge's small window and the EU tenant, whose prompts only go to EU providers.
        assertThat(summary).containsPattern("routing rules excluded \\(provider rule decisions\\): .*edge "
                + "context-window \\d+").containsPattern("openai tenant-required-tag \\d+");
        Matcher eu = Pattern.compile("tenant demo-eu went to: (.*)").matcher(summary);
        assertThat(eu.find()).as(summary).isTrue();
        assertThat(eu.group(1)).doesNotContain("openai").doesNotContain("anthropic").contains("mistral");
        assertThat(summary).containsPattern("fallbacks called after a failed call: [1-9]\\d*");

        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Allocation per class over time")
                .contains("Cumulative regret").contains("[reconciled]").contains("Routing rules at work");
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(9);
        // Self-contained: nothing is fetched when the file is opened offline.
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
    }
}
