package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.XnysCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryLimitsTest {
    private static final ExchangeCalendar XNYS = new XnysCalendar();
    // Monday 2026-11-30, 17:00 New York: the day's session has closed.
    private static final Instant NOW = Instant.parse("2026-11-30T22:00:00Z");

    @Test
    void shouldDefaultToYahooDepthsPerTimeframe() {
        HistoryLimits yahoo = HistoryLimits.yahoo();
        assertThat(yahoo.depthOf(Timeframe.M1)).contains(Duration.ofDays(30));
        assertThat(yahoo.depthOf(Timeframe.M5)).contains(Duration.ofDays(60));
        assertThat(yahoo.depthOf(Timeframe.M15)).contains(Duration.ofDays(60));
        assertThat(yahoo.depthOf(Timeframe.M30)).contains(Duration.ofDays(60));
        assertThat(yahoo.depthOf(Timeframe.H1)).contains(Duration.ofDays(730));
        assertThat(yahoo.depthOf(Timeframe.D1)).isEmpty();
        assertThat(yahoo.depthOf(Timeframe.W1)).isEmpty();
    }

    @Test
    void shouldRefuseASessionThatOpenedBeforeTheDepthOfItsTimeframe() {
        HistoryLimits yahoo = HistoryLimits.yahoo();
        // 30 days before NOW is 2026-10-31 22:00Z: the Friday 10-30 session opened before it, 11-02 after.
        assertThat(yahoo.available(Timeframe.M1, XNYS.session(LocalDate.of(2026, 10, 30)).orElseThrow(), NOW)).isFalse();
        assertThat(yahoo.available(Timeframe.M1, XNYS.session(LocalDate.of(2026, 11, 2)).orElseThrow(), NOW)).isTrue();
        assertThat(yahoo.available(Timeframe.M15, XNYS.session(LocalDate.of(2026, 10, 30)).orElseThrow(), NOW)).isTrue();
    }

    @Test
    void shouldServeDailyBarsOfAnyAge() {
        assertThat(HistoryLimits.yahoo().available(Timeframe.D1,
                XNYS.session(LocalDate.of(2001, 3, 1)).orElseThrow(), NOW)).isTrue();
    }

    @Test
    void shouldRefuseADepthThatIsNotPositive() {
        assertThatThrownBy(() -> new HistoryLimits(Map.of(Timeframe.M1, Duration.ZERO)))
                .hasMessageContaining("must be positive");
    }
}
