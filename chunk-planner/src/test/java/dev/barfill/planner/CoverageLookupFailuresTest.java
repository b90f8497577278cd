package dev.barfill.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.planner.plan.CoverageUnavailableException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Which lookup failures mean "the database, wait" and which "this request, dead-letter it". */
class CoverageLookupFailuresTest {
    private static final Series AAPL = Series.of("AAPL", Timeframe.M15);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void shouldRetryFailuresCausedByTheDatabaseOrTheNetworkWhereverTheyHideInTheCauseChain() {
        assertThat(LookupFailures.retryable(new CoverageUnavailableException("down", null))).isTrue();
        assertThat(LookupFailures.retryable(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("connection refused", "08001"))))).isTrue();
        assertThat(LookupFailures.retryable(new UncheckedIOException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void shouldNotRetryAFailureThatIsNoDatabaseOrNetworkFailure() {
        assertThat(LookupFailures.retryable(new IllegalStateException("a bug"))).isFalse();
        assertThat(LookupFailures.retryable(new IllegalArgumentException("XNYS calendar covers 2000-01-01 to ...",
                new ArithmeticException()))).isFalse();
        // A stored value that no longer decodes is no outage: waiting would hold its series for ever.
        assertThat(LookupFailures.retryable(new org.apache.kafka.common.errors.SerializationException("bad state",
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")))).isFalse();
    }

    @Test
    void shouldGiveUpOnALookupThatHangsAfterTheLimit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (TimeLimitedCoverageLookup lookup = new TimeLimitedCoverageLookup((s, f, t) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Set.of();
        }, Duration.ofMillis(200))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> lookup.completeDays(AAPL, DAY, DAY))
                    .isInstanceOf(CoverageUnavailableException.class).hasMessageContaining("longer than PT0.2S");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldPassOnTheAnswerAndTheFailuresOfAQuickLookup() {
        try (TimeLimitedCoverageLookup ok = new TimeLimitedCoverageLookup((s, f, t) -> Set.of(DAY), Duration.ofSeconds(5));
             TimeLimitedCoverageLookup bug = new TimeLimitedCoverageLookup((s, f, t) -> {
                 throw new IllegalStateException("a bug");
             }, Duration.ofSeconds(5))) {
            assertThat(ok.completeDays(AAPL, DAY, DAY)).containsExactly(DAY);
            assertThatThrownBy(() -> bug.completeDays(AAPL, DAY, DAY)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a bug");
        }
    }
}
