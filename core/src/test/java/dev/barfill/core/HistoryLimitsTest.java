package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.XnysCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
    void shouldKeepYahoosDepthsExactlyAsTheyWereDeclaredBeforeTheyCameFromTheProviderDeclaration() {
        Duration days60 = Duration.ofDays(60);
        Duration days730 = Duration.ofDays(730);
        assertThat(HistoryLimits.yahoo().depth()).isEqualTo(Map.of(Timeframe.M1, Duration.ofDays(30),
                Timeframe.M5, days60, Timeframe.M15, days60, Timeframe.M30, days60, Timeframe.H1, days730,
                Timeframe.H4, days730));
        assertThat(HistoryLimits.ofProviders("planner.providers", List.of("simulator"))).isEqualTo(HistoryLimits.yahoo());
    }

    @Test
    void shouldTakeTheDeepestProviderOfAChainPerTimeframeSinceTheRouterFallsBack() {
        // A provider deeper than Yahoo at 1m and shallower at 15m, without 4h, 1d or 1w.
        ProviderHistory other = new ProviderHistory("other",
                Map.of(Timeframe.M1, Timeframe.M1, Timeframe.M15, Timeframe.M15, Timeframe.H1, Timeframe.H1),
                Map.of(Timeframe.M1, 90, Timeframe.M15, 20));

        HistoryLimits chain = HistoryLimits.of(List.of(other, ProviderHistory.yahoo()));

        assertThat(chain.depthOf(Timeframe.M1)).contains(Duration.ofDays(90));
        assertThat(chain.depthOf(Timeframe.M15)).contains(Duration.ofDays(60));
        assertThat(chain.depthOf(Timeframe.M5)).as("only Yahoo serves it").contains(Duration.ofDays(60));
        assertThat(chain.depthOf(Timeframe.H1)).as("other has no 1h limit").isEmpty();
        assertThat(chain.depthOf(Timeframe.H4)).as("Yahoo builds it from 1h").contains(Duration.ofDays(730));
        assertThat(chain.depthOf(Timeframe.D1)).isEmpty();
        assertThat(HistoryLimits.of(List.of(ProviderHistory.yahoo(), other))).as("order does not matter")
                .isEqualTo(chain);
    }

    @Test
    void shouldHaveNoLimitWhenAFullHistoryProviderLeadsOrFollowsYahoo() {
        assertThat(HistoryLimits.ofProviders("fetcher.providers", List.of("polygon", "yahoo-eu=http://proxy:8080"))
                .depth()).isEmpty();
        assertThat(HistoryLimits.ofProviders("fetcher.providers", List.of("yahoo", "alpaca")).depth()).isEmpty();
        assertThat(HistoryLimits.ofProviders("fetcher.provider", List.of("Yahoo"))).isEqualTo(HistoryLimits.yahoo());
        assertThat(HistoryLimits.ofProviders("fetcher.providers", List.of("yahoo=http://proxy:8080", "yahoo-eu")))
                .isEqualTo(HistoryLimits.yahoo());
    }

    @Test
    void shouldNameTheSettingOfAnUnknownOrMissingProvider() {
        assertThatThrownBy(() -> HistoryLimits.ofProviders("planner.providers", List.of("yahoo", "bloomberg")))
                .hasMessageContaining("planner.providers").hasMessageContaining("'bloomberg'");
        assertThatThrownBy(() -> HistoryLimits.ofProviders("planner.providers", List.of()))
                .hasMessageContaining("planner.providers must name at least one provider");
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
