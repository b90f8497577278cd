package dev.barfill.app.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealisticMarketTest {
    private static final CalendarRegistry CALENDARS = CalendarRegistry.defaults();
    private static final Symbol AAPL = Symbol.parse("AAPL");
    private static final Duration M15 = Duration.ofMinutes(15);
    private static final ExchangeCalendar XNYS = CALENDARS.forSymbol(AAPL);
    // A fixed stretch of past sessions: these tests never read today's date.
    private static final List<Session> SESSIONS = XNYS.sessions(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 6, 30));

    private final RealisticMarket market = new RealisticMarket(CALENDARS, RealisticTraits.defaults());

    private List<ChartRow> rows(Symbol symbol, Session session) {
        return market.rows(symbol, M15, session.open(), session.close().plusSeconds(1));
    }

    @Test
    void shouldLeaveOutIntervalsWithNoTradeOnEveryDayOfASymbolEndingInXYOrZAndOnSomeDaysOfOthers() {
        Symbol thin = Symbol.parse("ABCX");
        for (Session s : SESSIONS) {
            assertThat(market.thinDay(thin, s.day())).isTrue();
            List<Bar> kept = market.keptBars(thin, M15, s.day());
            assertThat(kept.size()).as(s.day().toString()).isLessThan(s.expectedBars(Timeframe.M15)).isPositive();
            assertThat(kept.get(0).ts()).isEqualTo(s.open());
        }
        long thinDays = SESSIONS.stream().filter(s -> market.thinDay(AAPL, s.day())).count();
        assertThat(thinDays).isBetween(SESSIONS.size() / 20L, SESSIONS.size() * 2L / 5);
        Session thinAapl = SESSIONS.stream().filter(s -> market.thinDay(AAPL, s.day())).findFirst().orElseThrow();
        List<Instant> served = rows(AAPL, thinAapl).stream().map(ChartRow::ts).toList();
        assertThat(served.size()).isLessThan(thinAapl.expectedBars(Timeframe.M15) + 1);
    }

    @Test
    void shouldServeSomeRowsWhosePricesAreAllNullAndKeepNoneOfThem() {
        long nullRows = 0;
        for (Session s : SESSIONS) {
            List<ChartRow> served = rows(AAPL, s);
            List<Instant> missing = served.stream().filter(r -> !r.hasPrices()).map(ChartRow::ts).toList();
            assertThat(missing).isEqualTo(market.nullRows(AAPL, M15, s.day()));
            assertThat(market.keptBars(AAPL, M15, s.day())).extracting(Bar::ts).noneMatch(missing::contains);
            nullRows += missing.size();
        }
        assertThat(nullRows).isPositive();
    }

    @Test
    void shouldEndEveryDayWithAZeroVolumeClosingTickThatIsNotKept() {
        for (Session s : SESSIONS) {
            List<ChartRow> served = rows(AAPL, s);
            ChartRow last = served.get(served.size() - 1);
            assertThat(last.ts()).isEqualTo(s.close());
            assertThat(last.bar().volume()).isZero();
            assertThat(market.keptBars(AAPL, M15, s.day())).extracting(Bar::ts).allMatch(s::contains);
        }
    }

    @Test
    void shouldKeepEverythingElseOfTheKindMarketsBarsUnchanged() {
        SimulatedMarket kind = new SimulatedMarket(CALENDARS);
        for (Session s : SESSIONS) {
            List<Bar> full = kind.day(AAPL, s, M15);
            assertThat(full).containsAll(market.keptBars(AAPL, M15, s.day()));
            int served = rows(AAPL, s).size();
            assertThat(served).isLessThanOrEqualTo(full.size());
            if (!market.thinDay(AAPL, s.day())) {
                assertThat(served).isEqualTo(full.size());
            }
        }
    }

    @Test
    void shouldServeTheSameRowsAndDelaysEveryTime() {
        RealisticMarket again = new RealisticMarket(CALENDARS, RealisticTraits.defaults());
        Instant from = SESSIONS.get(0).open();
        Instant to = SESSIONS.get(SESSIONS.size() - 1).close().plusSeconds(1);
        assertThat(again.rows(AAPL, M15, from, to)).isEqualTo(market.rows(AAPL, M15, from, to));
        assertThat(again.weeklyRows(AAPL, from, to)).isEqualTo(market.weeklyRows(AAPL, from, to));
        for (Session s : SESSIONS) {
            assertThat(again.delay(AAPL, "15m", s.open(), s.close())).isEqualTo(market.delay(AAPL, "15m", s.open(), s.close()));
            assertThat(again.keptBars(AAPL, M15, s.day())).isEqualTo(market.keptBars(AAPL, M15, s.day()));
        }
    }

    @Test
    void shouldStampOneWeeklyRowPerWeekOnMondayAtTheOpenEvenWhenMondayIsAHoliday() {
        // Labor Day, Monday 2026-09-07: the week trades Tuesday to Friday, Yahoo still stamps Monday 09:30.
        LocalDate laborDay = LocalDate.of(2026, 9, 7);
        assertThat(XNYS.isTradingDay(laborDay)).isFalse();
        Instant from = XNYS.session(LocalDate.of(2026, 8, 31)).orElseThrow().open();
        Instant to = XNYS.session(LocalDate.of(2026, 9, 18)).orElseThrow().close();
        List<ChartRow> weeks = market.weeklyRows(AAPL, from, to);
        assertThat(weeks).extracting(ChartRow::ts).containsExactly(Instant.parse("2026-08-31T13:30:00Z"),
                Instant.parse("2026-09-07T13:30:00Z"), Instant.parse("2026-09-14T13:30:00Z"));
        SimulatedMarket kind = new SimulatedMarket(CALENDARS);
        List<Session> holidayWeek = XNYS.sessions(laborDay, LocalDate.of(2026, 9, 11));
        Bar week = weeks.get(1).bar();
        assertThat(week.open()).isEqualTo(kind.day(AAPL, holidayWeek.get(0), Duration.ofDays(1)).get(0).open());
        assertThat(week.close()).isEqualTo(kind.day(AAPL, holidayWeek.get(3), Duration.ofDays(1)).get(0).close());
        assertThat(week.volume()).isEqualTo(holidayWeek.stream()
                .mapToLong(s -> kind.day(AAPL, s, Duration.ofDays(1)).get(0).volume()).sum());
        assertThat(week.high()).isGreaterThanOrEqualTo(Math.max(week.open(), week.close()));
    }

    @Test
    void shouldDelayTheConfiguredShareOfRequestsByTheConfiguredTime() {
        RealisticMarket slow = new RealisticMarket(CALENDARS, RealisticTraits.defaults().withSlow(0.25, Duration.ofMillis(400)));
        long delayed = SESSIONS.stream().map(s -> slow.delay(AAPL, "15m", s.open(), s.close()))
                .filter(d -> !d.isZero())
                .peek(d -> assertThat(d).isEqualTo(Duration.ofMillis(400)))
                .count();
        assertThat(delayed).isBetween(SESSIONS.size() / 10L, SESSIONS.size() / 2L);
        RealisticMarket never = new RealisticMarket(CALENDARS, RealisticTraits.defaults().withSlow(0, Duration.ofMillis(400)));
        assertThat(SESSIONS).allMatch(s -> never.delay(AAPL, "15m", s.open(), s.close()).isZero());
    }

    @Test
    void shouldRefuseASettingOutsideItsRangeNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RealisticTraits.defaults().withSlow(1.5, Duration.ZERO))
                .hasMessageContaining("simulator.slow-share");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorProfile.parse("--simulator-profile", "harsh"))
                .hasMessageContaining("--simulator-profile").hasMessageContaining("[kind, realistic]");
        assertThat(SimulatorProfile.parse("x", " Realistic ")).isEqualTo(SimulatorProfile.REALISTIC);
    }
}
