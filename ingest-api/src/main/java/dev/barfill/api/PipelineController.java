package dev.barfill.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.api.pipeline.ConsumerLag;
import dev.barfill.api.pipeline.DeadLetterDesk;
import dev.barfill.api.pipeline.DeadLetterTopic;
import dev.barfill.api.pipeline.PartitionLag;
import dev.barfill.core.InvalidRequestException;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /v1/pipeline/...}: consumer lag per group and partition, the DLQs with their newest
 * records, and replay of dead letters (admin scope when keys are set). Each answers 503 in a
 * process that was given no Kafka admin to read them with.
 */
final class PipelineController {
    /** How many of each DLQ's newest records the page shows. */
    static final int NEWEST = 5;

    /** {@code GET /v1/pipeline/lag}: every partition, and the sum per group. */
    record LagAnswer(Map<String, Long> totalByGroup, List<PartitionLag> partitions) {
    }

    /**
     * The body of a replay.
     *
     * @param positions {@code partition@offset} of the records to replay
     * @param all       replay every record of the DLQ (instead of positions)
     */
    record ReplayRequest(List<String> positions, Boolean all) {
    }

    private final ObjectMapper mapper;
    private final ConsumerLag lag;
    private final DeadLetterDesk deadLetters;

    PipelineController(ObjectMapper mapper, ConsumerLag lag, DeadLetterDesk deadLetters) {
        this.mapper = mapper;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    void lag(Context ctx) {
        List<PartitionLag> rows = read(() -> require(lag, "consumer lag").lag());
        Map<String, Long> totals = new TreeMap<>();
        rows.forEach(r -> totals.merge(r.group(), r.lag(), Long::sum));
        ctx.json(new LagAnswer(totals, rows));
    }

    void deadLetters(Context ctx) {
        List<DeadLetterTopic> topics = read(() -> require(deadLetters, "dead-letter topics").topics(NEWEST));
        ctx.json(topics);
    }

    void replay(Context ctx) {
        DeadLetterDesk desk = require(deadLetters, "dead-letter topics");
        ReplayRequest request = JsonBody.read(ctx, mapper, ReplayRequest.class, "replay request");
        boolean all = request != null && Boolean.TRUE.equals(request.all());
        List<String> positions = request == null || request.positions() == null ? List.of() : request.positions();
        if (all == !positions.isEmpty()) {
            throw new InvalidRequestException("positions", "give the records to replay as positions"
                    + " [\"partition@offset\", ...], or all: true for every record, not both");
        }
        try {
            ctx.json(desk.replay(ctx.pathParam("topic"), new LinkedHashSet<>(positions)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("topic", e.getMessage());
        }
    }

    private static <T> T require(T source, String what) {
        if (source == null) {
            throw ApiException.unavailable(what + ": not available in this API process");
        }
        return source;
    }

    private static <T> T read(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalStateException e) {
            throw ApiException.unavailable(e.getMessage());
        }
    }
}
