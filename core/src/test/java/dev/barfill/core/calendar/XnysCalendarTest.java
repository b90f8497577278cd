package dev.barfill.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class XnysCalendarTest {
    private static final Map<LocalDate, String> PUBLISHED_CLOSURES =
            readDates("/xnys-holidays-2000-2030.txt");
    private static final Map<LocalDate, String> PUBLISHED_EARLY_CLOSES =
            readDates("/xnys-early-closes-2000-2030.txt");

    private final XnysCalendar xnys = new XnysCalendar();

    static IntStream years() {
        return IntStream.rangeClosed(2000, 2030);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void shouldCloseOnExactlyThePublishedWeekdayHolidaysOfTheYear(int year) {
        List<LocalDate> closedWeekdays = daysOf(year)
                .filter(d -> d.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0)
                .filter(d -> !xnys.isTradingDay(d))
                .toList();

        assertThat(closedWeekdays).containsExactlyElementsOf(publishedIn(PUBLISHED_CLOSURES, year));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void shouldCloseEarlyOnExactlyThePublishedDaysOfTheYear(int year) {
        List<LocalDate> earlyCloses = xnys.sessions(LocalDate.of(year, 1, 1),
                        LocalDate.of(year, 12, 31)).stream()
                .filter(Session::earlyClose)
                .map(Session::day)
                .toList();

        assertThat(earlyCloses)
                .containsExactlyElementsOf(publishedIn(PUBLISHED_EARLY_CLOSES, year));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("years")
    void shouldNeverTradeOnWeekends(int year) {
        assertThat(daysOf(year).filter(d -> d.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) >= 0))
                .noneMatch(xnys::isTradingDay);
    }

    @Test
    void shouldOpenAt1330ZAfterDaylightSavingStarts() {
        Session monday = xnys.session(LocalDate.of(2026, 3, 9)).orElseThrow();
        Session fridayBefore = xnys.session(LocalDate.of(2026, 3, 6)).orElseThrow();

        assertThat(monday.open()).isEqualTo(Instant.parse("2026-03-09T13:30:00Z"));
        assertThat(monday.close()).isEqualTo(Instant.parse("2026-03-09T20:00:00Z"));
        assertThat(fridayBefore.open()).isEqualTo(Instant.parse("2026-03-06T14:30:00Z"));
    }

    @Test
    void shouldOpenAt1430ZAfterDaylightSavingEnds() {
        Session monday = xnys.session(LocalDate.of(2026, 11, 2)).orElseThrow();
        Session fridayBefore = xnys.session(LocalDate.of(2026, 10, 30)).orElseThrow();

        assertThat(monday.open()).isEqualTo(Instant.parse("2026-11-02T14:30:00Z"));
        assertThat(monday.close()).isEqualTo(Instant.parse("2026-11-02T21:00:00Z"));
        assertThat(fridayBefore.open()).isEqualTo(Instant.parse("2026-10-30T13:30:00Z"));
    }

    @Test
    void shouldFollowThe2007ChangeOfDaylightSavingDates() {
        // Before 2007 summer time began on the first Sunday of April, since then on the second
        // Sunday of March.
        assertThat(xnys.session(LocalDate.of(2006, 3, 13)).orElseThrow().open())
                .isEqualTo(Instant.parse("2006-03-13T14:30:00Z"));
        assertThat(xnys.session(LocalDate.of(2007, 3, 12)).orElseThrow().open())
                .isEqualTo(Instant.parse("2007-03-12T13:30:00Z"));
    }

    @Test
    void shouldCloseAt1800ZWithFourteen15mBarsTheDayAfterThanksgiving() {
        Session session = xnys.session(LocalDate.of(2026, 11, 27)).orElseThrow();

        assertThat(session.earlyClose()).isTrue();
        assertThat(session.open()).isEqualTo(Instant.parse("2026-11-27T14:30:00Z"));
        assertThat(session.close()).isEqualTo(Instant.parse("2026-11-27T18:00:00Z"));
        assertThat(session.expectedBars(Timeframe.M15)).isEqualTo(14);
        assertThat(session.expectedBars(Timeframe.M1)).isEqualTo(210);
        assertThat(session.expectedBars(Timeframe.H1)).isEqualTo(4);
    }

    @Test
    void shouldHoldTheFullCountOfBarsOnARegularDay() {
        Session session = xnys.session(LocalDate.of(2026, 3, 10)).orElseThrow();

        assertThat(session.earlyClose()).isFalse();
        assertThat(session.expectedBars(Timeframe.M1)).isEqualTo(390);
        assertThat(session.expectedBars(Timeframe.M5)).isEqualTo(78);
        assertThat(session.expectedBars(Timeframe.M15)).isEqualTo(26);
        assertThat(session.expectedBars(Timeframe.M30)).isEqualTo(13);
        assertThat(session.expectedBars(Timeframe.H1)).isEqualTo(7);
        assertThat(session.expectedBars(Timeframe.D1)).isEqualTo(1);
    }

    @Test
    void shouldShortenTheFridayAfterAThursdayJuly4thBefore2013AndTheWednesdayBeforeSince() {
        assertThat(xnys.session(LocalDate.of(2002, 7, 3)).orElseThrow().earlyClose()).isFalse();
        assertThat(xnys.session(LocalDate.of(2002, 7, 5)).orElseThrow().earlyClose()).isTrue();
        assertThat(xnys.session(LocalDate.of(2013, 7, 3)).orElseThrow().earlyClose()).isTrue();
        assertThat(xnys.session(LocalDate.of(2013, 7, 5)).orElseThrow().earlyClose()).isFalse();
        assertThat(xnys.session(LocalDate.of(2024, 7, 3)).orElseThrow().earlyClose()).isTrue();
    }

    @Test
    void shouldTradeAFullDayOnDecember31WhenNewYearsDayIsASaturday() {
        Session session = xnys.session(LocalDate.of(2021, 12, 31)).orElseThrow();

        assertThat(session.earlyClose()).isFalse();
        assertThat(xnys.isTradingDay(LocalDate.of(2027, 12, 31))).isTrue();
    }

    @Test
    void shouldNameTheClosure() {
        assertThat(xnys.closureName(LocalDate.of(2026, 4, 3))).contains("Good Friday");
        assertThat(xnys.closureName(LocalDate.of(2025, 1, 9))).hasValueSatisfying(
                name -> assertThat(name).contains("Carter"));
        assertThat(xnys.closureName(LocalDate.of(2026, 4, 6))).isEmpty();
    }

    @Test
    void shouldRefuseDaysOutsideTheSupportedYearsNamingTheDayAndTheRange() {
        assertThatThrownBy(() -> xnys.session(LocalDate.of(1999, 12, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1999-12-31")
                .hasMessageContaining("2000-01-01");
        assertThatThrownBy(() -> xnys.isTradingDay(LocalDate.of(2100, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2100-01-04");
        assertThat(xnys.isTradingDay(LocalDate.of(2099, 12, 31))).isTrue();
    }

    @Test
    void shouldComputeEasterSundayByTheGregorianComputus() {
        assertThat(XnysHolidays.easterSunday(2000)).isEqualTo(LocalDate.of(2000, 4, 23));
        assertThat(XnysHolidays.easterSunday(2008)).isEqualTo(LocalDate.of(2008, 3, 23));
        assertThat(XnysHolidays.easterSunday(2011)).isEqualTo(LocalDate.of(2011, 4, 24));
        assertThat(XnysHolidays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(XnysHolidays.easterSunday(2049)).isEqualTo(LocalDate.of(2049, 4, 18));
        assertThat(XnysHolidays.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
    }

    private static List<LocalDate> publishedIn(Map<LocalDate, String> published, int year) {
        return published.keySet().stream().filter(d -> d.getYear() == year).sorted().toList();
    }

    private static Stream<LocalDate> daysOf(int year) {
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1));
    }

    /** Reads {@code yyyy-mm-dd  name} lines; blank lines and {@code #} comments are skipped. */
    private static Map<LocalDate, String> readDates(String resource) {
        try (InputStream in = XnysCalendarTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+", 2))
                    .collect(Collectors.toMap(parts -> LocalDate.parse(parts[0]),
                            parts -> parts.length > 1 ? parts[1] : "", (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
