package io.kroute.topology.decide;

import io.kroute.schemas.PromptEvent;
import io.kroute.schemas.ProviderExclusion;
import io.kroute.schemas.codec.DecodingException;
import io.kroute.topology.DeadLetter;
import io.kroute.topology.Reason;
import io.kroute.topology.metrics.KrouteCounters;
import io.kroute.topology.pending.PendingDecision;
import io.kroute.topology.pending.PendingWindows;
import io.kroute.topology.pending.PromptHome;
import io.kroute.topology.weights.ActiveModel;
import io.kroute.topology.weights.ActiveWeights;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The decide path for one prompts record: decode, classify and screen with the active model, then either hold
 * the prompt (quarantine) or choose its provider among those the routing rules leave (decision; none left:
 * quarantine). Every record yields exactly one output, forwarded to
 * the sink of its topic by name: a {@code RoutingDecision} to {@link #DECISIONS}, a {@code QuarantineRecord} to
 * {@link #QUARANTINE}, and a record that cannot be decoded, as received, to {@link #DEAD_LETTERS}; the stream goes
 * on. With {@link PendingWindows}, each decision also opens its reward window, in the same transaction as the
 * decision, so the learn path need not read {@code decisions} back: in this task's stores when it is the home
 * of the prompt id ({@link PromptHome}), else sent home through {@link #WINDOWS_ELSEWHERE}.
 */
public final class DecideProcessor implements Processor<byte[], byte[], Object, Object> {

    /** Name of the child that writes decisions. */
    public static final String DECISIONS = "decisions-sink";
    /** Name of the child that writes quarantine records. */
    public static final String QUARANTINE = "quarantine-sink";
    /** Name of the child that writes the prompts that cannot be decoded. */
    public static final String DEAD_LETTERS = "prompt-dead-letters-sink";
    /** Name of the child that carries a reward window to the home task of its prompt id ({@link PromptHome}). */
    public static final String WINDOWS_ELSEWHERE = "windows-elsewhere";
    /** The label metrics count a prompt held before it was classified (oversize) under. */
    static final String UNCLASSIFIED = "none";

    private final PromptDecoder decoder;
    private final ActiveWeights weights;
    private final PromptScreen screen;
    private final Function<ProcessorContext<?, ?>, ProviderChooser> chooserFactory;
    private final KrouteCounters counters;
    private final PendingWindows windows;
    private final ProviderRules rules;
    private ProcessorContext<Object, Object> context;
    private ProviderChooser chooser;
    private PromptHome home;

    /**
     * Use {@link DecideFactory}, which builds the parts from configuration.
     *
     * @param chooserFactory the provider chooser of the task whose context it is given
     * @param windows where each decision opens its reward window; null to open none (decide only)
     * @param rules the routing rules as this task applies them
     */
    DecideProcessor(PromptDecoder decoder, ActiveWeights weights, PromptScreen screen,
            Function<ProcessorContext<?, ?>, ProviderChooser> chooserFactory, KrouteCounters counters,
            PendingWindows windows, ProviderRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.chooserFactory = Objects.requireNonNull(chooserFactory, "chooserFactory");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.windows = windows;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.chooser = chooserFactory.apply(context);
        screen.init(context);
        if (windows != null) {
            windows.init(context);
            home = PromptHome.of(context);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long started = System.nanoTime();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("prompts");
        PromptEvent event;
        try {
            event = decoder.decode(topic, record.value());
        } catch (DecodingException e) {
            DeadLetter letter = DeadLetter.of(context, record, Reason.of(e.kind()), e.getMessage());
            counters.deadLetter(letter.sourceTopic(), letter.reason().key());
            context.forward(letter.toRecord(record), DEAD_LETTERS);
            return;
        }
        // One read of the active model per record: a swap mid-stream never mixes two models in one decision.
        ActiveModel model = weights.current();
        Screening screening = screen.screen(model, event, record.timestamp());
        if (screening.flagged()) {
            hold(record, event, screening, model);
        } else {
            route(record, event, screening, model);
        }
        counters.decisionLatency(System.nanoTime() - started);
    }

    private void hold(Record<byte[], byte[]> record, PromptEvent event, Screening screening, ActiveModel model) {
        boolean oversize = screening.reason() == Reason.OVERSIZE;
        counters.quarantined(oversize ? UNCLASSIFIED : screening.classification().label());
        String detail = oversize ? DecisionRecords.oversizeDetail(event, screening)
                : DecisionRecords.anomalyDetail(screening);
        context.forward(new Record<>(event.getId(), DecisionRecords.quarantine(event, screening.reason(), detail,
                screening, model, context.currentSystemTimeMs()), record.timestamp(), record.headers()), QUARANTINE);
    }

    /**
     * Routes a prompt the screen let through: to a provider chosen among those the routing rules leave, or, when
     * they leave none, to quarantine with every provider's exclusion.
     */
    private void route(Record<byte[], byte[]> record, PromptEvent event, Screening screening, ActiveModel model) {
        String label = screening.classification().label();
        long eligible = rules.eligible(label, event.getTenant(), event.getText());
        if (eligible == 0) {
            counters.noEligibleProvider(label);
            context.forward(new Record<>(event.getId(), DecisionRecords.noEligibleProvider(event, screening, model,
                    rules.quarantineExclusions(label, event.getTenant()), context.currentSystemTimeMs()),
                    record.timestamp(), record.headers()), QUARANTINE);
            return;
        }
        ProviderChooser.Chosen chosen = chooser.choose(label, model, eligible);
        List<ProviderExclusion> excluded = rules.decisionExclusions(label, event.getTenant(), eligible);
        for (ProviderExclusion exclusion : excluded) {
            counters.providerExcluded(exclusion.getProvider(), exclusion.getRule());
        }
        if (windows != null) {
            openWindow(event.getId(), label, chosen, record.timestamp());
        }
        counters.decision(label, chosen.choice().arm());
        context.forward(new Record<>(event.getId(), DecisionRecords.decision(event, screening, model, chosen,
                excluded, context.currentSystemTimeMs()), record.timestamp(), record.headers()), DECISIONS);
    }

    /**
     * Opens the decision's reward window here when this task is its prompt id's home, else sends it home: the
     * prompt's producer may partition by another hash than the one rewards are found by.
     */
    private void openWindow(String promptId, String label, ProviderChooser.Chosen chosen, long time) {
        if (home.isHere(promptId)) {
            windows.open(promptId, label, chosen.choice().arm(), chosen.choice().propensity(), chosen.fallbacks(),
                    time);
        } else {
            PendingDecision window = new PendingDecision(label, chosen.choice().arm(), chosen.choice().propensity(),
                    time, time + windows.windowMs(), 0, false, chosen.fallbacks(), 0);
            context.forward(new Record<>(promptId, window, time), WINDOWS_ELSEWHERE);
        }
    }
}
