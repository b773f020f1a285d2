package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.runtime.EmbeddedKafkaBroker;
import io.kroute.runtime.RuntimeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kroute against a broker that requires SASL/PLAIN: it connects with the credentials from its configuration
 * and routes, and the password appears nowhere in its log. Its HTTP endpoint binds loopback by default and
 * refuses every method that could write.
 */
class SecurityIT {
    static final Duration BOUND = Duration.ofSeconds(120);
    /** The kroute user's password: must never be logged. */
    static final String SECRET = "s3cret-Kroute-" + Long.toHexString(new java.util.SplittableRandom(99).nextLong());
    static final String ADMIN_SECRET = "admin-" + Long.toHexString(new java.util.SplittableRandom(98).nextLong());

    static Path brokerDir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSaslBroker() throws IOException {
        brokerDir = Files.createTempDirectory("kroute-it-sasl-");
        broker = EmbeddedKafkaBroker.start(brokerDir, 0, false, props -> {
            // Clients and the broker itself authenticate with SASL/PLAIN; the controller stays internal.
            props.put("listeners", props.getProperty("listeners").replace("PLAINTEXT://", "SASL_PLAINTEXT://"));
            props.put("advertised.listeners",
                    props.getProperty("advertised.listeners").replace("PLAINTEXT://", "SASL_PLAINTEXT://"));
            props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                            + ADMIN_SECRET + "\" user_admin=\"" + ADMIN_SECRET + "\" user_kroute=\"" + SECRET + "\";");
        });
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        EmbeddedKafkaExtension.delete(brokerDir);
    }

    static Map<String, Object> client(String user, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", jaas(user, password));
        return props;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Test
    void shouldRouteOnABrokerRequiringSaslWithoutLoggingThePassword() throws Exception {
        Map<String, Object> kroute = client("kroute", SECRET);
        Map<String, Object> figures = new LinkedHashMap<>();
        // Without credentials, or with a wrong password, the broker serves nothing.
        figures.put("plaintextClientRefused", refused(Map.of("bootstrap.servers", broker.bootstrapServers())));
        figures.put("wrongPasswordRefused", refused(client("kroute", "not-the-password")));
        assertThat(figures.get("plaintextClientRefused")).isEqualTo(true);
        assertThat(figures.get("wrongPasswordRefused")).isEqualTo(true);

        try (ExternalRegistry shared = ExternalRegistry.open("sasl", kroute, 2)) {
            Path config = shared.config("sasl", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                    "sasl.jaas.config=" + jaas("kroute", SECRET), "kroute.providers=alpha,beta");
            List<String> args = List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url",
                    shared.url(), "--application-id", "sasl-it", "--config", config.toString());
            KrouteProcess process = KrouteProcess.start(shared.dir().resolve("node"), args);
            String log;
            try (Traffic traffic = new Traffic(kroute, shared.registry(), 5L)) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    ids.add("sasl-" + i);
                    traffic.sendPrompt("sasl-" + i);
                }
                traffic.flush();
                try (OutputAudit audit = new OutputAudit(kroute)) {
                    audit.readUntil("answers from kroute over SASL", BOUND, a -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("kroute exited:\n" + process.log());
                        }
                        return a.answered(ids) == ids.size();
                    });
                    figures.putAll(audit.tally(ids));
                }
            } finally {
                process.close();
                log = process.log();
            }
            figures.put("logLines", log.lines().count());
            figures.put("secretInLog", log.contains(SECRET));
            figures.put("adminSecretInLog", log.contains(ADMIN_SECRET));
            new Figures("security-sasl").putAll(figures).put("injected", "a broker requiring SASL/PLAIN; kroute "
                    + "given its credentials in its config file").report();
            assertThat((Long) figures.get("lost")).isZero();
            assertThat(log).as("kroute's whole log").doesNotContain(SECRET).doesNotContain(ADMIN_SECRET)
                    .contains("kroute is running");
        }
    }

    static boolean refused(Map<String, Object> props) {
        Map<String, Object> quick = new HashMap<>(props);
        quick.put("default.api.timeout.ms", 5_000);
        quick.put("request.timeout.ms", 3_000);
        try (Admin admin = Admin.create(quick)) {
            admin.listTopics().names().get(10, TimeUnit.SECONDS);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void shouldBindHttpToLoopbackByDefaultAndRefuseEveryWriteMethod() throws Exception {
        assertThat(RuntimeConfig.defaults().httpHost()).isEqualTo("127.0.0.1");
        try (ExternalRegistry shared = ExternalRegistry.open("http", client("kroute", SECRET), 1)) {
            Path config = shared.config("http", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                    "sasl.jaas.config=" + jaas("kroute", SECRET));
            List<String> args = List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url",
                    shared.url(), "--application-id", "http-it", "--config", config.toString());
            try (KrouteProcess process = KrouteProcess.start(shared.dir().resolve("node"), args)) {
                FailoverIT.awaitRunning(process);
                int port = URI.create(process.httpUrl()).getPort();
                List<InetAddress> external = new ArrayList<>();
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(external::add);
                }
                Map<String, Boolean> reachable = new LinkedHashMap<>();
                for (InetAddress address : external) {
                    reachable.put(address.getHostAddress(), connects(address, port));
                }
                HttpClient http = HttpClient.newHttpClient();
                Map<String, Integer> statuses = new LinkedHashMap<>();
                for (String path : List.of("/health", "/metrics", "/arms", "/weights")) {
                    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(process.httpUrl() + path))
                                .method(method, HttpRequest.BodyPublishers.ofString("{\"reset\":true}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.put(method + " " + path, response.statusCode());
                    }
                }
                new Figures("security-http").put("loopbackOnly", reachable.values().stream().noneMatch(b -> b))
                        .put("nonLoopbackAddressesTried", reachable).put("writeMethods", statuses).report();
                assertThat(reachable).as("the HTTP port reached through non-loopback addresses").doesNotContainValue(true);
                assertThat(statuses.values()).as("statuses of write methods").containsOnly(405);
                assertThat(Http.get(process.httpUrl() + "/health").status()).isEqualTo(200);
            }
        }
    }

    static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
