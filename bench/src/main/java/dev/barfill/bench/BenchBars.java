package dev.barfill.bench;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import dev.barfill.core.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic 1m bars: regular 390-bar sessions of a few symbols, day after day, until the
 * wanted number of bars; the last day may be short. Prices walk so that every row is distinct.
 */
final class BenchBars {
    static final int SESSION_BARS = 390;
    private static final LocalDate FIRST = LocalDate.of(2020, 1, 1);

    private BenchBars() {
    }

    static List<DayBars> days(int totalBars, int symbols) {
        List<DayBars> days = new ArrayList<>();
        int left = totalBars;
        for (int d = 0; left > 0; d++) {
            LocalDate day = FIRST.plusDays(d / symbols);
            String symbol = "SYM" + (d % symbols);
            int n = Math.min(SESSION_BARS, left);
            Instant open = day.atTime(14, 30).toInstant(java.time.ZoneOffset.UTC);
            List<Bar> bars = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double p = 100 + (d % 97) + i * 0.01;
                bars.add(new Bar(open.plusSeconds(60L * i), p, p + 0.5, p - 0.5, p + 0.1, 1_000 + i));
            }
            days.add(new DayBars(symbol, Timeframe.M1, day, "bench", bars, SESSION_BARS, n == SESSION_BARS, 0, open));
            left -= n;
        }
        return days;
    }

    /** Consecutive runs of days holding about {@code maxRows} bars each, as the sink batches them. */
    static List<List<DayBars>> batches(List<DayBars> days, int maxRows) {
        List<List<DayBars>> batches = new ArrayList<>();
        List<DayBars> current = new ArrayList<>();
        int rows = 0;
        for (DayBars day : days) {
            current.add(day);
            rows += day.bars().size();
            if (rows >= maxRows) {
                batches.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
