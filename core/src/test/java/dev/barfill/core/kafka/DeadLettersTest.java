package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant FIRST = Instant.parse("2026-01-05T15:00:00Z");
    private static final Instant LAST = Instant.parse("2026-01-05T15:05:00Z");

    @Test
    void shouldWriteReasonClassStageAttemptTimesAndSourceWhileKeepingTheOriginalHeaders() {
        Headers original = new RecordHeaders().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        DeadLetters.Failure failure = new DeadLetters.Failure("fetcher", DeadLetters.ErrorClass.RETRIES_EXHAUSTED,
                "HTTP 503", null, null, null, 4, FIRST, LAST);

        Headers h = DeadLetters.headers(original, failure, "barfill.chunks.retry-3", 2, 41L);

        assertThat(DeadLetters.text(h, "trace-id")).isEqualTo("abc");
        assertThat(DeadLetters.text(h, DeadLetters.REASON)).isEqualTo("HTTP 503");
        assertThat(DeadLetters.text(h, DeadLetters.CLASS)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(DeadLetters.text(h, DeadLetters.STAGE)).isEqualTo("fetcher");
        assertThat(DeadLetters.text(h, DeadLetters.ATTEMPT)).isEqualTo("4");
        assertThat(DeadLetters.text(h, DeadLetters.FIRST_FAILED_AT)).isEqualTo(FIRST.toString());
        assertThat(DeadLetters.text(h, DeadLetters.LAST_FAILED_AT)).isEqualTo(LAST.toString());
        assertThat(DeadLetters.text(h, DeadLetters.SOURCE_TOPIC)).isEqualTo("barfill.chunks.retry-3");
        assertThat(DeadLetters.text(h, DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetters.text(h, DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(DeadLetters.text(h, DeadLetters.FIELD)).isNull();
    }

    @Test
    void shouldNotStackTheHeadersOfAnEarlierDeadLetter() {
        DeadLetters.Failure first = DeadLetters.Failure.of("planner", DeadLetters.ErrorClass.INVALID, "old", FIRST);
        Headers once = DeadLetters.headers(new RecordHeaders(), first.withField("from"), "t", 0, 1);
        Headers twice = DeadLetters.headers(once, DeadLetters.Failure.of("planner",
                DeadLetters.ErrorClass.PROCESSING, "new", LAST), "t", 0, 9);

        assertThat(twice.headers(DeadLetters.REASON)).hasSize(1);
        assertThat(DeadLetters.text(twice, DeadLetters.REASON)).isEqualTo("new");
        assertThat(DeadLetters.text(twice, DeadLetters.FIELD)).isNull();
        assertThat(DeadLetters.text(twice, DeadLetters.SOURCE_OFFSET)).isEqualTo("9");
    }

    @Test
    void shouldStripEveryPipelineHeaderForAReplayAndKeepTheUsersOwn() {
        Headers h = DeadLetters.headers(new RecordHeaders().add("app", new byte[] {1}),
                DeadLetters.Failure.of("sink", DeadLetters.ErrorClass.REFUSED_BY_DATABASE, "bad", LAST)
                        .withSqlState("22003").withException(new IllegalStateException()), "b", 1, 2);
        h.add(DeadLetters.NOT_BEFORE, "x".getBytes(StandardCharsets.UTF_8));

        Headers clean = DeadLetters.stripped(h);

        assertThat(clean.toArray()).extracting(org.apache.kafka.common.header.Header::key).containsExactly("app");
    }
}
