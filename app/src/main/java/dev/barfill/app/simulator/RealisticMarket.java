package dev.barfill.app.simulator;

import dev.barfill.core.Bar;
import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of the {@link SimulatorProfile#REALISTIC realistic} profile: the kind market's bars made
 * untidy the way Yahoo's are, deterministically (every draw is seeded by symbol, day and interval).
 * <ul>
 *   <li>thin days ({@link #thinDay}): intervals with no trade are left out of the answer;</li>
 *   <li>rows whose prices are all null;</li>
 *   <li>the closing tick: an extra zero-volume row stamped exactly at the close;</li>
 *   <li>weekly answers ({@link #weeklyRows}): one row per week stamped Monday at the open's local time,
 *       even when that Monday is a holiday.</li>
 * </ul>
 * {@link #keptBars} says exactly which bars of a day a correct client keeps, so tests can compare
 * what was stored with what was served. Pure and thread-safe.
 */
public final class RealisticMarket {
    private static final long THIN_SALT = 0x7468696EL;
    private static final long ROW_SALT = 0x726F7773L;
    private static final long SLOW_SALT = 0x736C6F77L;

    private final SimulatedMarket market;
    private final CalendarRegistry calendars;
    private final SimulatedWeeks weeks;
    private final RealisticTraits traits;

    public RealisticMarket(CalendarRegistry calendars, RealisticTraits traits) {
        this.market = new SimulatedMarket(calendars);
        this.weeks = new SimulatedWeeks(market);
        this.calendars = calendars;
        this.traits = traits;
    }

    public RealisticTraits traits() {
        return traits;
    }

    /**
     * Whether {@code symbol} trades thin on {@code day}: always when its last character is X, Y or
     * Z, otherwise on {@link RealisticTraits#thinDayShare()} of its days chosen by hash.
     */
    public boolean thinDay(Symbol symbol, LocalDate day) {
        char last = symbol.value().charAt(symbol.value().length() - 1);
        if (last == 'X' || last == 'Y' || last == 'Z') {
            return true;
        }
        return new SplittableRandom(seed(symbol, day, 0) ^ THIN_SALT).nextDouble() < traits.thinDayShare();
    }

    /** Every row served for bars of {@code step} opening in {@code [start, end)}, closing ticks included. */
    public List<ChartRow> rows(Symbol symbol, Duration step, Instant start, Instant end) {
        ExchangeCalendar calendar = calendars.forSymbol(symbol);
        List<ChartRow> out = new ArrayList<>();
        for (Session session : calendar.sessions(start.atZone(calendar.zone()).toLocalDate(),
                end.minusSeconds(1).atZone(calendar.zone()).toLocalDate())) {
            for (ChartRow row : dayRows(symbol, session, step)) {
                if (!row.ts().isBefore(start) && row.ts().isBefore(end)) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * The bars of {@code day} a correct client keeps: every row with prices inside the session, so
     * neither the all-null rows nor the closing tick, and no thin interval (never served). Empty on a
     * day the exchange is closed.
     */
    public List<Bar> keptBars(Symbol symbol, Duration step, LocalDate day) {
        return calendars.forSymbol(symbol).session(day)
                .map(session -> dayRows(symbol, session, step).stream()
                        .filter(row -> row.hasPrices() && session.contains(row.ts()))
                        .map(ChartRow::bar)
                        .toList())
                .orElse(List.of());
    }

    /** The rows of {@code day} with all prices null: served, and to be dropped. */
    public List<Instant> nullRows(Symbol symbol, Duration step, LocalDate day) {
        return calendars.forSymbol(symbol).session(day)
                .map(session -> dayRows(symbol, session, step).stream().filter(row -> !row.hasPrices())
                        .map(ChartRow::ts).toList())
                .orElse(List.of());
    }

    List<ChartRow> dayRows(Symbol symbol, Session session, Duration step) {
        List<Bar> full = market.day(symbol, session, step);
        boolean thin = thinDay(symbol, session.day());
        SplittableRandom draws = new SplittableRandom(seed(symbol, session.day(), step.toSeconds()) ^ ROW_SALT);
        List<ChartRow> rows = new ArrayList<>(full.size());
        for (int i = 0; i < full.size(); i++) {
            Bar bar = full.get(i);
            // Both draws are taken for every row, so one trait's share never moves the other's rows.
            double noTrade = draws.nextDouble();
            double noQuote = draws.nextDouble();
            boolean closingTick = bar.ts().equals(session.close());
            // The first interval always trades: a thin day is thin, not empty.
            if (closingTick || i == 0) {
                rows.add(ChartRow.of(bar));
            } else if (thin && noTrade < traits.thinIntervalShare()) {
                continue;
            } else if (noQuote < traits.nullRowShare()) {
                rows.add(ChartRow.pricesMissing(bar.ts()));
            } else {
                rows.add(ChartRow.of(bar));
            }
        }
        return rows;
    }

    /**
     * Yahoo's {@code 1wk} answer, as the kind profile serves it ({@link SimulatedWeeks}): one row per
     * week stamped on its Monday at the open's local time (09:30 New York) even when that Monday is a
     * holiday; prices and volume from the week's daily bars.
     */
    public List<ChartRow> weeklyRows(Symbol symbol, Instant start, Instant end) {
        return weeks.rows(symbol, start, end).stream().map(ChartRow::of).toList();
    }

    /**
     * How much later than usual the answer to this request comes: {@link RealisticTraits#slowDelay()}
     * for {@link RealisticTraits#slowShare()} of requests (chosen by hash of the request), else zero.
     */
    public Duration delay(Symbol symbol, String interval, Instant start, Instant end) {
        long seed = symbol.value().hashCode() * 31L + interval.hashCode();
        seed = seed * 1_000_003L + start.getEpochSecond() * 31 + end.getEpochSecond();
        return new SplittableRandom(seed ^ SLOW_SALT).nextDouble() < traits.slowShare() ? traits.slowDelay()
                : Duration.ZERO;
    }

    private static long seed(Symbol symbol, LocalDate day, long salt) {
        return symbol.value().hashCode() * 1_000_003L + day.toEpochDay() * 31 + salt;
    }
}
