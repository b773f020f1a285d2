package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.schemas.ArmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kroute (the jar, in a child JVM) is killed with SIGKILL three times while prompts and rewards flow, and
 * restarted on the same data folder each time. Read with read_committed, every prompt has exactly one decision or
 * quarantine record, and every arm's statistics equal what the rewards sent for its decisions imply: no reward
 * counted twice or lost. CI scale 4,000 prompts; {@code -Dkroute.reliability.long=true}: 100,000.
 */
class CrashRecoveryIT {
    static final int PARTITIONS = 3;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Settings under which a killed instance's group membership and open transaction expire quickly. */
    static String[] settings(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "session.timeout.ms=6000",
                "heartbeat.interval.ms=1000",
                "transaction.timeout.ms=10000",
                "kroute.arm.state.publish.interval=0s",
                // Every arm update comes from a reward the test sent: no default rewards, no window expiring.
                "kroute.default.reward=none",
                "kroute.reward.window=1h",
                // Discounting over a run of minutes stays far below the tolerance of the reward sums.
                "kroute.half.life=36500d",
                "kroute.providers=alpha,beta,gamma"));
        lines.addAll(List.of(more));
        return lines.toArray(String[]::new);
    }

    @Test
    void shouldNeitherLoseNorDuplicateDecisionsOrRewardsAcrossThreeKills() throws Exception {
        int prompts = Figures.scale(4_000, 100_000);
        int perSecond = Figures.scale(150, 500);
        Duration bound = Duration.ofSeconds(Figures.scale(240, 1_800));
        Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        try (ExternalRegistry shared = ExternalRegistry.open("crash", client, PARTITIONS)) {
            List<String> args = List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url",
                    shared.url(), "--application-id", "crash-it", "--config",
                    shared.config("crash", settings()).toString());
            KrouteProcess kroute = KrouteProcess.start(shared.dir().resolve("node"), args);
            List<Long> killedAtDecision = new ArrayList<>();
            try (Workload workload = new Workload(client, shared.registry(), prompts, perSecond, 31L).start()) {
                for (int kill = 1; kill <= 3; kill++) {
                    int threshold = prompts * kill / 4;
                    KrouteProcess current = kroute;
                    Await.until(threshold + " committed decisions before kill " + threshold, bound, () -> {
                        if (!current.isAlive()) {
                            throw new AssertionError("kroute exited on its own:\n" + current.log());
                        }
                        return workload.decisionsSeen() >= threshold;
                    });
                    killedAtDecision.add((long) workload.decisionsSeen());
                    kroute.kill();
                    kroute = KrouteProcess.start(shared.dir().resolve("node"), args);
                }
                KrouteProcess last = kroute;
                try (OutputAudit audit = new OutputAudit(client)) {
                    Workload.Reconciliation run = workload.reconcile(audit, last, bound);
                    Map<String, Long> tally = run.tally();
                    long rewards = run.rewardsSent();
                    Map<String, ArmState> arms = run.arms();
                    List<String> wrong = run.disagreements();

                    new Figures("crash-recovery")
                            .put("injected", "SIGKILL of the kroute JVM three times (after " + killedAtDecision
                                    + " committed decisions), each followed by a restart on the same data folder")
                            .putAll(tally)
                            .put("deadLettered", (long) audit.deadLetters().size())
                            .put("duplicateDecisionsSeenByDispatcher", workload.duplicateDecisionsSeen())
                            .put("rewardsSent", rewards)
                            .put("rewardsFolded", Workload.countAll(arms) / 2)
                            .put("armsChecked", arms.size())
                            .put("armsDisagreeing", wrong)
                            .report();

                    assertThat(tally.get("lost")).as("prompts without a decision or quarantine record").isZero();
                    assertThat(tally.get("duplicated")).as("prompts with more than one committed output").isZero();
                    assertThat(workload.duplicateDecisionsSeen()).isZero();
                    assertThat(audit.deadLetters()).as("dead letters (every record sent was valid)").isEmpty();
                    assertThat(wrong).as("arms whose statistics differ from the rewards sent").isEmpty();
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- kroute log (tail) ---\n"
                        + FailoverIT.tail(shared.dir().resolve("node").resolve("kroute.log")), e);
            } finally {
                kroute.close();
            }
        }
    }
}
