package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.schemas.ArmState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A second kroute instance joins the application mid-run, takes a share of the partitions, and later leaves (a
 * clean stop): no prompt is lost or decided twice, and every reward is folded once. CI scale 5,000 prompts;
 * {@code -Dkroute.reliability.long=true}: 30,000.
 */
class ScaleOutInIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void shouldLoseAndDuplicateNothingWhenAnInstanceJoinsAndLeaves() throws Exception {
        int prompts = Figures.scale(5_000, 30_000);
        int perSecond = Figures.scale(100, 400);
        Duration bound = Duration.ofSeconds(Figures.scale(240, 1_200));
        Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        try (ExternalRegistry shared = ExternalRegistry.open("scale", client, 4)) {
            List<String> args = List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url",
                    shared.url(), "--application-id", "scale-it", "--config",
                    shared.config("scale", CrashRecoveryIT.settings()).toString());
            try (KrouteProcess first = KrouteProcess.start(shared.dir().resolve("first"), args);
                    Workload workload = new Workload(client, shared.registry(), prompts, perSecond, 57L).start()) {
                Await.until(prompts / 3 + " committed decisions", bound, () -> workload.decisionsSeen() >= prompts / 3);
                double secondDecided;
                try (KrouteProcess second = KrouteProcess.start(shared.dir().resolve("second"), args)) {
                    double secondBaseline = 0;
                    Await.until("the second instance to decide prompts", bound, () -> {
                        if (!second.isAlive()) {
                            throw new AssertionError("the second instance exited:\n" + second.log());
                        }
                        return decisions(second) > secondBaseline || workload.allSent();
                    });
                    Await.until(2 * prompts / 3 + " committed decisions", bound,
                            () -> workload.decisionsSeen() >= 2 * prompts / 3);
                    secondDecided = decisions(second);
                }
                Await.until("every prompt sent", bound, workload::allSent);
                List<String> sent = workload.sent();
                try (OutputAudit audit = new OutputAudit(client)) {
                    audit.readUntil("an answer for every prompt", bound, a -> a.answered(sent) == sent.size());
                    Map<String, Long> tally = audit.tally(sent);
                    Await.until("the dispatcher to answer every decision", bound,
                            () -> workload.decisionsSeen() >= tally.get("decided"));
                    workload.close();
                    long rewards = workload.rewardsSent();
                    Map<String, ArmState> arms = Await.until("every reward folded", bound,
                            () -> Workload.armStates(client, shared.registry()),
                            a -> Workload.countAll(a) >= 2 * rewards);
                    List<String> wrong = Workload.disagreements(workload.expectedArms(), arms, 1e-6);

                    new Figures("scale-out-in")
                            .put("injected", "a second instance joined after " + prompts / 3 + " decisions and left "
                                    + "(SIGTERM) after " + 2 * prompts / 3 + "; 4 partitions")
                            .putAll(tally)
                            .put("decidedBySecondInstance", (long) secondDecided)
                            .put("duplicateDecisionsSeenByDispatcher", workload.duplicateDecisionsSeen())
                            .put("rewardsSent", rewards)
                            .put("rewardsFolded", Workload.countAll(arms) / 2)
                            .put("armsDisagreeing", wrong)
                            .report();

                    assertThat(secondDecided).as("decisions made by the instance that joined").isPositive();
                    assertThat(tally.get("lost")).isZero();
                    assertThat(tally.get("duplicated")).isZero();
                    assertThat(workload.duplicateDecisionsSeen()).isZero();
                    assertThat(wrong).isEmpty();
                    assertThat(first.isAlive()).isTrue();
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- first instance log (tail) ---\n"
                        + FailoverIT.tail(shared.dir().resolve("first").resolve("kroute.log"))
                        + "\n--- second instance log (tail) ---\n"
                        + FailoverIT.tail(shared.dir().resolve("second").resolve("kroute.log")), e);
            }
        }
    }

    static double decisions(KrouteProcess kroute) {
        Http.Reply reply = Http.tryGet(kroute.httpUrl() + "/metrics");
        return reply.status() == 200 ? InProcessKroute.sum("kroute_decisions_total", reply.body()) : 0;
    }
}
