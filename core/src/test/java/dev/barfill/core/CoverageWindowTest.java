package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CoverageWindowTest {
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 27);

    @Test
    void shouldGiveTheSameJobIdForTheSameSeriesAndWindow() {
        String a = new CoverageWindow(Series.of("AAPL", Timeframe.M15), FROM, TO).jobId();
        String b = new CoverageWindow(Series.of("aapl", Timeframe.M15), FROM, TO).jobId();
        assertThat(a).isEqualTo(b).startsWith("AAPL-15m-").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldGiveDifferentJobIdsForDifferentWindowsOrTimeframes() {
        String base = new CoverageWindow(Series.of("AAPL", Timeframe.M15), FROM, TO).jobId();
        assertThat(new CoverageWindow(Series.of("AAPL", Timeframe.M15), FROM.minusDays(1), TO).jobId()).isNotEqualTo(base);
        assertThat(new CoverageWindow(Series.of("AAPL", Timeframe.M5), FROM, TO).jobId()).isNotEqualTo(base);
        assertThat(new CoverageWindow(Series.of("MSFT", Timeframe.M15), FROM, TO).jobId()).isNotEqualTo(base);
    }

    @Test
    void shouldKeepJobIdsUrlSafeForOddSymbols() {
        assertThat(new CoverageWindow(Series.of("^GSPC", Timeframe.H1), FROM, TO).jobId()).matches("[A-Za-z0-9_-]+");
        assertThat(new CoverageWindow(Series.of("EURUSD=X", Timeframe.H1), FROM, TO).jobId()).matches("[A-Za-z0-9_-]+");
    }
}
