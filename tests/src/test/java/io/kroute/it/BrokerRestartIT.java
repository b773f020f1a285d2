package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.schemas.ArmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker (in its own JVM) is stopped and restarted in place while kroute (the jar, in another JVM) routes
 * prompts and folds rewards: kroute recovers without any action, and every prompt and reward reconciles as in the
 * crash test. CI scale 3,000 prompts; {@code -Dkroute.reliability.long=true}: 30,000.
 */
class BrokerRestartIT {

    @Test
    void shouldRecoverFromABrokerRestartWithoutLosingOrDuplicatingAnything() throws Exception {
        int prompts = Figures.scale(3_000, 30_000);
        int perSecond = Figures.scale(150, 500);
        Duration bound = Duration.ofSeconds(Figures.scale(240, 1_200));
        Path brokerDir = Files.createTempDirectory("kroute-it-broker-restart-");
        int port = KrouteProcess.freePort();
        BrokerProcess broker = BrokerProcess.start(brokerDir, port);
        Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
        KrouteProcess kroute = null;
        try (ExternalRegistry shared = ExternalRegistry.open("broker-restart", client, 3)) {
            List<String> args = List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url",
                    shared.url(), "--application-id", "broker-restart-it", "--config",
                    shared.config("broker-restart", CrashRecoveryIT.settings()).toString());
            kroute = KrouteProcess.start(shared.dir().resolve("node"), args);
            KrouteProcess node = kroute;
            long downMs = -1;
            long stopMs = -1;
            try (Workload workload = new Workload(client, shared.registry(), prompts, perSecond, 43L).start()) {
                Await.until(prompts / 3 + " committed decisions", bound, () -> workload.decisionsSeen() >= prompts / 3);
                long stoppedAt = System.nanoTime();
                broker.close();
                stopMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                broker = BrokerProcess.start(brokerDir, port);
                downMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                assertThat(node.isAlive()).as("kroute alive after the broker restart").isTrue();

                try (OutputAudit audit = new OutputAudit(client)) {
                    Workload.Reconciliation run = workload.reconcile(audit, node, bound);
                    Map<String, Long> tally = run.tally();
                    long rewards = run.rewardsSent();
                    Map<String, ArmState> arms = run.arms();
                    List<String> wrong = run.disagreements();
                    int health = Http.get(node.httpUrl() + "/health").status();

                    new Figures("broker-restart")
                            .put("injected", "clean stop and restart of the broker's JVM in place after "
                                    + prompts / 3 + " decisions (broker down " + downMs + " ms, of which stopping " + stopMs + " ms)")
                            .putAll(tally)
                            .put("deadLettered", (long) audit.deadLetters().size())
                            .put("duplicateDecisionsSeenByDispatcher", workload.duplicateDecisionsSeen())
                            .put("rewardsSent", rewards)
                            .put("rewardsFolded", Workload.countAll(arms) / 2)
                            .put("armsDisagreeing", wrong)
                            .put("healthAfter", health)
                            .report();

                    assertThat(tally.get("lost")).isZero();
                    assertThat(tally.get("duplicated")).isZero();
                    assertThat(workload.duplicateDecisionsSeen()).isZero();
                    assertThat(wrong).isEmpty();
                    assertThat(health).isEqualTo(200);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + " (broker down " + downMs + " ms, of which stopping " + stopMs
                        + " ms)\n--- kroute log (tail) ---\n"
                        + FailoverIT.tail(shared.dir().resolve("node").resolve("kroute.log")), e);
            }
        } finally {
            if (kroute != null) {
                kroute.close();
            }
            broker.close();
            EmbeddedKafkaExtension.delete(brokerDir);
        }
    }
}
