package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.registry.SchemaRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kroute on a real broker: prompts in, decisions out, rewards moving traffic, the HTTP endpoint answering. */
class RoutingIT {
    static final List<String> PROVIDERS = List.of("alpha", "beta", "gamma");
    static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static Path dataDir;
    static KrouteRuntime runtime;
    static KafkaIo io;
    static String http;

    @BeforeAll
    static void startKroute() throws Exception {
        dataDir = Files.createTempDirectory("kroute-it-routing-");
        Map<String, String> flags = new HashMap<>();
        flags.put("bootstrap.servers", KAFKA.bootstrapServers());
        flags.put("application.id", "routing-it");
        flags.put("kroute.data.dir", dataDir.toString());
        flags.put("kroute.http.port", "0");
        flags.put("kroute.registry.port", "0");
        flags.put("kroute.providers", String.join(",", PROVIDERS));
        flags.put("kroute.topics.partitions", "2");
        flags.put("kroute.arm.state.publish.interval", "0s");
        runtime = KrouteRuntime.start(RuntimeConfig.resolve(null, Map.of(), flags), false, false);
        assertThat(runtime.awaitRunning(BOUND)).as("Kafka Streams RUNNING").isTrue();
        io = new KafkaIo(KAFKA.bootstrapServers(), SchemaRegistries.connect(runtime.addresses().registryUrl()));
        http = runtime.addresses().httpUrl();
    }

    @AfterAll
    static void stopKroute() {
        if (io != null) {
            io.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        EmbeddedKafkaExtension.delete(dataDir);
    }

    @Test
    void shouldWriteOneDecisionPerPromptWithClassProviderAndPropensity() {
        Map<String, String> expectedLabels = new HashMap<>();
        for (String label : List.of("code", "math", "summarization")) {
            List<String> texts = ShippedPrompts.byLabel().get(label);
            for (int i = 0; i < 10; i++) {
                String id = "decide-" + label + "-" + i;
                expectedLabels.put(id, label);
                io.sendPrompt(id, "acme", texts.get(i));
            }
        }
        List<RoutingDecision> decisions = io.readDecisions("decide-", expectedLabels.size(), BOUND);
        assertThat(decisions).extracting(RoutingDecision::getPromptId)
                .containsExactlyInAnyOrderElementsOf(expectedLabels.keySet());
        long correct = decisions.stream().filter(d -> d.getLabel().equals(expectedLabels.get(d.getPromptId()))).count();
        assertThat(correct).as("prompts classified as labelled").isGreaterThanOrEqualTo(24);
        for (RoutingDecision decision : decisions) {
            assertThat(decision.getProvider()).isIn(PROVIDERS);
            assertThat(decision.getPropensity()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(decision.getClassProbabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(decision.getWeightsVersion()).isEqualTo(weightsVersion());
        }
    }

    @Test
    void shouldShiftTheAllocationOfAClassTowardsTheProviderThatSucceeds() {
        List<String> texts = ShippedPrompts.byLabel().get("translation");
        SplittableRandom outcomes = new SplittableRandom(2026);
        List<Boolean> choseBeta = new ArrayList<>();
        int batch = 20;
        double foldedBefore = counter("kroute_rewards_folded_total");
        for (int round = 0; round < 15; round++) {
            for (int i = 0; i < batch; i++) {
                int n = round * batch + i;
                io.sendPrompt("learn-" + n, "acme", texts.get(n % texts.size()));
            }
            List<RoutingDecision> decisions = io.readDecisions("learn-", batch, BOUND);
            for (RoutingDecision decision : decisions) {
                boolean beta = decision.getProvider().equals("beta");
                if (decision.getLabel().equals("translation")) {
                    choseBeta.add(beta);
                }
                io.sendReward(decision, outcomes.nextDouble() < (beta ? 0.9 : 0.1));
            }
            double expected = foldedBefore + (round + 1) * batch;
            Await.until("rewards folded into the arms", BOUND, () -> counter("kroute_rewards_folded_total") >= expected);
        }
        double early = share(choseBeta.subList(0, 40));
        double late = share(choseBeta.subList(choseBeta.size() - 100, choseBeta.size()));
        assertThat(late).as("share of beta among the last 100 translation decisions (first 40: %s)", early)
                .isGreaterThan(0.7).isGreaterThan(early);

        JsonNode arm = json(Http.get(http + "/arms?class=translation&provider=beta"));
        assertThat(arm.at("/arm/meanReward").asDouble()).isGreaterThan(0.5);
        JsonNode all = json(Http.get(http + "/arms"));
        assertThat(all.at("/classes/translation/beta/count").asLong()).isPositive();
        assertThat(all.at("/classes/translation/alpha/meanReward").asDouble())
                .isLessThan(all.at("/classes/translation/beta/meanReward").asDouble());
    }

    @Test
    void shouldAnswerHealthWeightsAndMetricsAndRefuseWrites() {
        io.sendPrompt("http-1", "acme", ShippedPrompts.byLabel().get("code").get(0));
        io.readDecisions("http-", 1, BOUND);
        Await.until("the decision counted", BOUND, () -> counter("kroute_decisions_total") >= 1);

        Http.Reply health = Http.get(http + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(json(health).path("streams").asText()).isIn("RUNNING", "REBALANCING");
        assertThat(json(Http.get(http + "/weights")).path("classes")).hasSize(8);

        String metrics = Http.get(http + "/metrics").body();
        assertThat(metrics).contains("kroute_decisions_total{class=\"")
                .contains("kroute_decision_latency_seconds_bucket")
                .contains("kroute_weights_active{model=\"default\",version=\"" + weightsVersion() + "\"} 1")
                .containsPattern("(?m)^kafka_stream_thread_process_total");

        assertThat(Http.post(http + "/arms", "{}").status()).isEqualTo(405);
        assertThat(Http.get(http + "/nowhere").status()).isEqualTo(404);
        Http.Reply halfQuery = Http.get(http + "/arms?class=code");
        assertThat(halfQuery.status()).isEqualTo(400);
        assertThat(json(halfQuery).path("error").asText()).contains("expected both class and provider");
    }

    static String weightsVersion() {
        return json(Http.get(http + "/weights")).path("modelVersion").asText();
    }

    /** Sum of every sample of a counter in the Prometheus text of /metrics. */
    static double counter(String name) {
        return sum(name, Http.get(http + "/metrics").body());
    }

    /** Sum of every sample of a counter in Prometheus text. */
    static double sum(String name, String metrics) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(2));
        }
        return sum;
    }

    static double share(List<Boolean> values) {
        return values.stream().filter(b -> b).count() / (double) values.size();
    }

    static JsonNode json(Http.Reply reply) {
        try {
            return new ObjectMapper().readTree(reply.body());
        } catch (Exception e) {
            throw new AssertionError("expected JSON, found status " + reply.status() + ": " + reply.body(), e);
        }
    }
}
