package dev.barfill.fetcher.resample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.fetcher.day.DayAssembler;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static Session session(int day) {
        return CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL")).session(LocalDate.of(2026, 11, day))
                .orElseThrow();
    }

    private static List<Bar> hourly(Session s) {
        List<Bar> bars = new ArrayList<>();
        for (Instant ts = s.open(); ts.isBefore(s.close()); ts = ts.plusSeconds(3600)) {
            int i = bars.size();
            bars.add(new Bar(ts, 100 + i, 101 + i, 99 + i, 100.5 + i, 10 * (i + 1)));
        }
        return bars;
    }

    @Test
    void shouldBuildFourHourBarsFromTheSessionOpen() {
        Session s = session(24);  // 09:30-16:00 New York: 1h bars 09:30..15:30, seven of them
        List<Bar> h4 = Resampler.intraday(hourly(s), Timeframe.H1, s, Timeframe.H4);
        assertThat(h4).hasSize(2).hasSize(s.expectedBars(Timeframe.H4));
        assertThat(h4.get(0)).isEqualTo(new Bar(s.open(), 100, 104, 99, 103.5, 10 + 20 + 30 + 40));
        assertThat(h4.get(1)).isEqualTo(new Bar(s.open().plusSeconds(4 * 3600), 104, 107, 103, 106.5, 50 + 60 + 70));
    }

    @Test
    void shouldEndAnEarlyCloseWithAShortBarAndIgnoreBarsOutsideTheSession() {
        Session s = session(27);  // closes 13:00: 1h bars 09:30..12:30
        List<Bar> bars = hourly(s);
        bars.add(new Bar(s.close(), 1, 1, 1, 1, 0));  // Yahoo's close bar
        List<Bar> h4 = Resampler.intraday(bars, Timeframe.H1, s, Timeframe.H4);
        assertThat(h4).singleElement().satisfies(b -> {
            assertThat(b.ts()).isEqualTo(s.open());
            assertThat(b.close()).isEqualTo(103.5);
            assertThat(b.volume()).isEqualTo(100);
        });
    }

    private static List<Bar> quarterHours(Session s) {
        List<Bar> bars = new ArrayList<>();
        for (Instant ts = s.open(); ts.isBefore(s.close()); ts = ts.plusSeconds(900)) {
            int i = bars.size();
            bars.add(new Bar(ts, 100 + i, 101 + i, 99 + i, 100.5 + i, 10));
        }
        return bars;
    }

    @Test
    void shouldBuildEveryHourOfAFullDayFromItsQuarterHours() {
        Session s = session(24);
        List<Bar> h1 = Resampler.intraday(quarterHours(s), Timeframe.M15, s, Timeframe.H1);
        assertThat(h1).hasSize(s.expectedBars(Timeframe.H1)).hasSize(7);
        assertThat(h1.get(0)).isEqualTo(new Bar(s.open(), 100, 104, 99, 103.5, 40));
        // 15:30-16:00 holds two quarter hours: complete with both.
        assertThat(h1.get(6)).isEqualTo(new Bar(s.open().plusSeconds(6 * 3600), 124, 126, 123, 125.5, 20));
    }

    @Test
    void shouldLeaveOutAnHourWhoseQuarterHourInTheMiddleIsMissing() {
        Session s = session(24);
        List<Bar> bars = quarterHours(s);
        bars.remove(5);  // 10:45, the second piece of 10:30-11:30
        List<Bar> h1 = Resampler.intraday(bars, Timeframe.M15, s, Timeframe.H1);
        assertThat(h1).hasSize(6).extracting(Bar::ts).doesNotContain(s.open().plusSeconds(3600));
        // The hours around it are whole and true.
        assertThat(h1.get(1)).isEqualTo(new Bar(s.open().plusSeconds(2 * 3600), 108, 112, 107, 111.5, 40));
    }

    @Test
    void shouldLeaveOutAnHourWhoseLastQuarterHourIsMissingRatherThanCloseItEarly() {
        Session s = session(24);
        List<Bar> bars = quarterHours(s);
        bars.remove(3);  // 10:15, the last piece of 09:30-10:30: its close would be 10:00's
        bars.remove(bars.size() - 1);  // 15:45, the last piece of the session's last hour
        List<Bar> h1 = Resampler.intraday(bars, Timeframe.M15, s, Timeframe.H1);
        assertThat(h1).hasSize(5).extracting(Bar::ts)
                .doesNotContain(s.open(), s.open().plusSeconds(6 * 3600));
    }

    @Test
    void shouldKeepADayWithAMissingPieceIncompleteWithFewerBarsThanExpected() {
        Session s = session(24);
        List<Bar> bars = quarterHours(s);
        bars.remove(bars.size() - 1);
        DayBars day = DayAssembler.assemble(Series.of("AAPL", Timeframe.H1), s, "polygon",
                Resampler.intraday(bars, Timeframe.M15, s, Timeframe.H1), s.close().plusSeconds(3600));
        assertThat(day.bars()).hasSize(6);
        assertThat(day.expectedBars()).isEqualTo(7);
        assertThat(day.complete()).isFalse();
        assertThat(day.bars()).allSatisfy(b -> assertThat(b.volume()).isEqualTo(40));
    }

    @Test
    void shouldRefuseASourceNoFinerThanTheTarget() {
        Session s = session(24);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Resampler.intraday(List.of(), Timeframe.H1, s, Timeframe.H1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finer intraday source");
    }

    @Test
    void shouldBuildAWeekFromEveryDailyBarOfItsSessionsStampedAtTheFirstOpen() {
        ZoneId ny = ZoneId.of("America/New_York");
        // Thanksgiving week: Mon 23, Tue 24, Wed 25 and Fri 27 trade.
        List<Session> week = List.of(session(23), session(24), session(25), session(27));
        List<Bar> daily = new ArrayList<>(List.of(
                new Bar(session(20).open(), 10, 12, 9, 11, 100),   // Friday of the week before: not this week's
                new Bar(session(24).open(), 11, 13, 10, 12, 200),  // Tuesday
                new Bar(session(23).open(), 12, 14, 8, 11, 300),   // Monday, given out of order
                new Bar(session(25).open(), 12, 13, 11, 12, 50),   // Wednesday
                new Bar(session(27).open(), 11, 15, 10, 14, 400))); // Friday
        assertThat(Resampler.week(daily, week, ny)).contains(new Bar(session(23).open(), 12, 15, 8, 14, 950));
    }

    @Test
    void shouldBuildNoWeekWhenOneOfItsDailyBarsIsMissing() {
        ZoneId ny = ZoneId.of("America/New_York");
        List<Session> week = List.of(session(23), session(24), session(25), session(27));
        List<Bar> withoutFriday = List.of(new Bar(session(23).open(), 12, 14, 8, 11, 300),
                new Bar(session(24).open(), 11, 13, 10, 12, 200), new Bar(session(25).open(), 12, 13, 11, 12, 50));
        assertThat(Resampler.week(withoutFriday, week, ny)).isEmpty();
    }
}
