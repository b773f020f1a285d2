package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kroute.runtime.KrouteRuntime;
import io.kroute.runtime.RuntimeConfig;
import io.kroute.schemas.RewardEvent;
import io.kroute.schemas.RoutingDecision;
import io.kroute.schemas.codec.AvroCodec;
import io.kroute.schemas.registry.SchemaRegistries;
import io.kroute.schemas.registry.SchemaRegistry;
import io.kroute.topology.pending.PromptHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients kroute did not write work against its embedded default: {@code kcat} produces JSON prompts and
 * reads decisions, and a Confluent-format consumer on Apache Avro's Python library decodes them through the
 * schema registry kroute serves.
 */
class StandardClientsIT {
    static final Duration BOUND = Duration.ofSeconds(60);
    static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static Path dataDir;
    static KrouteRuntime runtime;

    @BeforeAll
    static void startKroute() throws Exception {
        assertThat(Path.of("/usr/bin/kcat")).as("kcat (apt-get install -y kcat; .ci/run installs it)").exists();
        dataDir = Files.createTempDirectory("kroute-it-clients-");
        Map<String, String> flags = new HashMap<>();
        flags.put("bootstrap.servers", KAFKA.bootstrapServers());
        flags.put("application.id", "clients-it");
        flags.put("kroute.data.dir", dataDir.toString());
        flags.put("kroute.http.port", "0");
        flags.put("kroute.registry.port", "0");
        flags.put("kroute.prompts.format", "json");
        runtime = KrouteRuntime.start(RuntimeConfig.resolve(null, Map.of(), flags), false, false);
        assertThat(runtime.awaitRunning(BOUND)).as("Kafka Streams RUNNING").isTrue();
    }

    @AfterAll
    static void stopKroute() {
        if (runtime != null) {
            runtime.close();
        }
        EmbeddedKafkaExtension.delete(dataDir);
    }

    @Test
    void shouldRouteJsonPromptsFromKcatIntoDecisionsAPythonConfluentConsumerDecodes() throws Exception {
        List<String> sent = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (String label : List.of("code", "translation", "math")) {
            for (int i = 0; i < 2; i++) {
                String id = "kcat-" + label + "-" + i;
                ObjectNode prompt = MAPPER.createObjectNode().put("id", id).put("tenant", "acme")
                        .put("text", ShippedPrompts.byLabel().get(label).get(i)).put("createdAt", "2026-01-01T00:00:00Z");
                lines.append(id).append('|').append(prompt).append('\n');
                sent.add(id);
            }
        }
        lines.append("kcat-broken|{\"id\": \"kcat-broken\", \"tenant\": \n");
        run(List.of("kcat", "-P", "-b", KAFKA.bootstrapServers(), "-t", "prompts", "-K", "|"), lines.toString());

        Path raw = Files.createTempFile(dataDir, "decisions", ".bin");
        run(List.of("kcat", "-C", "-b", KAFKA.bootstrapServers(), "-t", "decisions", "-o", "beginning",
                "-c", Integer.toString(sent.size()), "-f", "%S:%s", "-q"), null, raw);
        String decoded = run(List.of("/usr/bin/python3", Path.of("src", "test", "python", "confluent_decode.py").toString(),
                runtime.addresses().registryUrl(), raw.toString(), "--subject", "decisions-value"), null);
        List<JsonNode> decisions = new ArrayList<>();
        for (String line : decoded.split("\n")) {
            decisions.add(MAPPER.readTree(line));
        }
        assertThat(decisions).extracting(d -> d.path("promptId").asText()).containsExactlyInAnyOrderElementsOf(sent);
        for (JsonNode decision : decisions) {
            assertThat(decision.path("tenant").asText()).isEqualTo("acme");
            assertThat(decision.path("classProbabilities")).hasSize(8);
            assertThat(decision.path("propensity").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(decision.path("provider").asText()).isNotEmpty();
        }

        String deadLetter = run(List.of("kcat", "-C", "-b", KAFKA.bootstrapServers(), "-t", "dead-letters", "-o", "beginning",
                "-c", "1", "-f", "%k %h\n", "-q"), null);
        assertThat(deadLetter).startsWith("kcat-broken ").contains("prompts");
    }

    @Test
    void shouldFoldJavaProducersRewardsForPromptsAPythonProducerHashedToOtherPartitions() throws Exception {
        // confluent-kafka with its defaults: librdkafka's consistent_random (CRC32) partitioner, not Java's murmur2.
        String script = String.join("\n",
                "import json, sys",
                "from confluent_kafka import Producer",
                "producer = Producer({'bootstrap.servers': sys.argv[1]})",
                "placed = {}",
                "def delivered(err, msg):",
                "    if err is not None: raise SystemExit(str(err))",
                "    placed[msg.key().decode()] = msg.partition()",
                "for i in range(12):",
                "    pid = 'py-%d' % i",
                "    prompt = {'id': pid, 'tenant': 'acme', 'text': 'write a python function that sorts a list %d' % i,",
                "              'createdAt': '2026-01-01T00:00:00Z'}",
                "    producer.produce('prompts', key=pid, value=json.dumps(prompt), on_delivery=delivered)",
                "producer.flush(30)",
                "print(json.dumps(placed))");
        JsonNode placed = MAPPER.readTree(run(List.of("/usr/bin/python3", "-c", script, KAFKA.bootstrapServers()), null));
        int partitions = 3;
        assertThat(placed.properties()).as("prompts the Python producer wrote away from their id's murmur2 partition")
                .anyMatch(entry -> entry.getValue().asInt() != PromptHome.partitionOf(entry.getKey(), partitions));

        SchemaRegistry registry = SchemaRegistries.connect(runtime.addresses().registryUrl());
        try (KafkaIo io = new KafkaIo(KAFKA.bootstrapServers(), registry)) {
            List<RoutingDecision> decisions = io.readDecisions("py-", 12, BOUND);
            double foldedBefore = InProcessKroute.sum("kroute_rewards_folded_total", metrics());
            for (RoutingDecision decision : decisions) {
                io.sendReward(decision, true);
            }
            Await.until("12 rewards folded", BOUND,
                    () -> InProcessKroute.sum("kroute_rewards_folded_total", metrics()) - foldedBefore >= 12);
            assertThat(InProcessKroute.sum("kroute_rewards_unmatched_total", metrics())).isZero();
        }
    }

    @Test
    void shouldServeKroutesSubjectsFromStartSoProducersThatNeverRegisterCanWrite() {
        SchemaRegistry registry = SchemaRegistries.connect(runtime.addresses().registryUrl());
        // This kroute reads JSON prompts: only its start-up registration can have put prompts-value there.
        assertThat(registry.subjects()).contains("prompts-value", "rewards-value", "decisions-value",
                "quarantine-value", "arm-state-value");
        AvroCodec<RewardEvent> producer = AvroCodec.forValues(RewardEvent.class, registry).withAutoRegister(false);
        RewardEvent reward = RewardEvent.newBuilder().setPromptId("p-1").setProvider("alpha").setSuccess(true)
                .setLatencyMs(100).setCostUsd(0.001).setQualityScore(null).setObservedAt(Instant.now()).build();
        assertThat(producer.encode("rewards", reward)).hasSizeGreaterThan(5);
    }

    @Test
    void shouldServeTheRegistrysRestApiToAPlainHttpClient() throws Exception {
        String script = String.join("\n",
                "import json, sys, urllib.request",
                "base = sys.argv[1]",
                "def call(path, body=None):",
                "    data = None if body is None else json.dumps(body).encode()",
                "    request = urllib.request.Request(base + path, data=data,",
                "        headers={'Content-Type': 'application/vnd.schemaregistry.v1+json'})",
                "    with urllib.request.urlopen(request, timeout=10) as response:",
                "        return json.load(response)",
                "schema = {'type': 'record', 'name': 'Probe', 'fields': [{'name': 'x', 'type': 'string'}]}",
                "registered = call('/subjects/probe-value/versions', {'schema': json.dumps(schema)})",
                "fetched = json.loads(call('/schemas/ids/%d' % registered['id'])['schema'])",
                "latest = call('/subjects/probe-value/versions/latest')",
                "print(json.dumps({'id': registered['id'], 'same': fetched == schema, 'version': latest['version'],",
                "                  'subjects': call('/subjects')}))");
        JsonNode answer = MAPPER.readTree(run(List.of("/usr/bin/python3", "-c", script,
                runtime.addresses().registryUrl()), null));
        assertThat(answer.path("id").asInt()).isPositive();
        assertThat(answer.path("same").asBoolean()).isTrue();
        assertThat(answer.path("version").asInt()).isEqualTo(1);
        assertThat(answer.path("subjects").toString()).contains("probe-value");
    }

    static String metrics() {
        return Http.get(runtime.addresses().httpUrl() + "/metrics").body();
    }

    static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dataDir, "out", ".txt");
        run(command, stdin, out);
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    static void run(List<String> command, String stdin, Path output) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dataDir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + BOUND.toSeconds() + " s: "
                    + Files.readString(err));
        }
        assertThat(process.exitValue()).as("%s exit status; stderr: %s", command, Files.readString(err)).isZero();
    }
}
