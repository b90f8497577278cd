package dev.barfill.app.dlq;

import dev.barfill.api.pipeline.DeadLetter;
import dev.barfill.api.pipeline.DeadLetterDesk;
import dev.barfill.api.pipeline.DeadLetterTopic;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.DeadLetters;
import dev.barfill.core.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The pipeline page's dead letters, read and replayed with the code of {@code barfill dlq}: the
 * same reader, the same {@link ReplayPlan} rules, the same producer. Only the pipeline's own DLQs
 * are served, whatever topic name a caller sends.
 */
public final class KafkaDeadLetterDesk implements DeadLetterDesk {
    /** How much of a value the page shows. */
    static final int MAX_VALUE_CHARS = 400;

    private final KafkaSettings kafka;

    public KafkaDeadLetterDesk(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public List<DeadLetterTopic> topics(int newest) {
        return dlqTopics().stream().map(topic -> {
            DlqReader.Tail tail = DlqReader.readNewest(kafka, topic, newest);
            return new DeadLetterTopic(topic, ReplayPlan.targetOf(topic), tail.records(),
                    tail.newest().stream().map(KafkaDeadLetterDesk::view).toList());
        }).toList();
    }

    @Override
    public Replayed replay(String dlqTopic, Set<String> positions) {
        if (!dlqTopics().contains(dlqTopic)) {
            throw new IllegalArgumentException("'" + dlqTopic + "' is not one of the pipeline's dead-letter topics "
                    + dlqTopics());
        }
        List<ReplayPlan.Replay> plan = ReplayPlan.select(DlqReader.readAll(kafka, dlqTopic), positions, null);
        try {
            DlqReplayer.produce(kafka, plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + dlqTopic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not replay " + dlqTopic + ": " + e.getCause(), e);
        }
        return new Replayed(dlqTopic, ReplayPlan.targetOf(dlqTopic), plan.size());
    }

    private List<String> dlqTopics() {
        Topics t = kafka.topics();
        return List.of(t.coverageRequestsDlq.name(), t.chunksDlq.name(), t.barsDlq.name(), t.chunkEventsDlq.name(),
                t.jobCommandsDlq.name());
    }

    private static DeadLetter view(DlqRecord r) {
        String text = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        if (text != null && text.length() > MAX_VALUE_CHARS) {
            text = text.substring(0, MAX_VALUE_CHARS) + "… (" + r.value().length + " bytes)";
        }
        return new DeadLetter(r.position(), r.timestamp(), r.key(), r.headers().get(DeadLetters.REASON), r.headers(),
                text);
    }
}
