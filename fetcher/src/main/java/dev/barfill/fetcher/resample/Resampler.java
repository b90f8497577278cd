package dev.barfill.fetcher.resample;

import dev.barfill.core.Bar;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds coarser bars from finer ones on session-aligned boundaries, never across a session: a 4h
 * bar opens at the session open or four hours after it, and takes the first open, the highest
 * high, the lowest low, the last close and the summed volume of the bars inside it. A bar is
 * built only from all of its pieces, never from some of them. A weekly bar
 * takes every session of its trading week and is stamped at the first session's open. Pure.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * Bars of {@code session} at {@code target} from {@code source} bars. A bucket is built only
     * when every {@code source} piece of it is there (a 4h bucket of a full session holds four 1h
     * pieces, the last one of 13:30-16:00 three): a bucket with a piece missing would carry a wrong
     * open, close or volume, so it is left out and the day counts fewer bars than expected, which
     * keeps it incomplete. Bars outside the session, or not aligned to {@code source} from the
     * open, are ignored.
     */
    public static List<Bar> intraday(List<Bar> finer, Timeframe source, Session session, Timeframe target) {
        if (!target.intraday() || !source.intraday() || source.length().compareTo(target.length()) >= 0) {
            throw new IllegalArgumentException("intraday resampling needs a finer intraday source than " + target
                    + ", got " + source);
        }
        long step = target.length().toSeconds();
        long piece = source.length().toSeconds();
        Map<Long, Map<Instant, Bar>> buckets = new TreeMap<>();
        for (Bar bar : finer) {
            long offset = Duration.between(session.open(), bar.ts()).toSeconds();
            if (session.contains(bar.ts()) && offset % piece == 0) {
                buckets.computeIfAbsent(offset / step, k -> new TreeMap<>()).putIfAbsent(bar.ts(), bar);
            }
        }
        List<Bar> out = new ArrayList<>(buckets.size());
        buckets.forEach((index, pieces) -> {
            Instant start = session.open().plusSeconds(index * step);
            if (pieces.size() == piecesIn(session, start, step, piece)) {
                out.add(merge(start, new ArrayList<>(pieces.values())));
            }
        });
        return out;
    }

    /** Pieces of {@code piece} seconds in the bucket opening at {@code start}; the close cuts the last bucket short. */
    static int piecesIn(Session session, Instant start, long step, long piece) {
        long length = Math.min(step, Duration.between(start, session.close()).toSeconds());
        return (int) ((length + piece - 1) / piece);
    }

    /**
     * The bar of one trading week from daily bars, stamped at its first session open: built only
     * when every session of the week has its daily bar (matched by local date in {@code zone}),
     * empty otherwise, so a week with a day missing is never stored with a wrong close.
     *
     * @param sessions the week's sessions in date order
     *                 ({@link dev.barfill.core.calendar.TradingPeriods#sessionsOfWeek})
     */
    public static Optional<Bar> week(List<Bar> daily, List<Session> sessions, ZoneId zone) {
        Map<LocalDate, Bar> byDay = new TreeMap<>();
        for (Bar bar : daily) {
            byDay.putIfAbsent(bar.ts().atZone(zone).toLocalDate(), bar);
        }
        List<Bar> pieces = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            Bar bar = byDay.get(s.day());
            if (bar == null) {
                return Optional.empty();
            }
            pieces.add(bar);
        }
        return pieces.isEmpty() ? Optional.empty() : Optional.of(merge(sessions.get(0).open(), pieces));
    }

    private static Bar merge(Instant ts, List<Bar> bars) {
        bars.sort((a, b) -> a.ts().compareTo(b.ts()));
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        long volume = 0;
        for (Bar b : bars) {
            high = Math.max(high, b.high());
            low = Math.min(low, b.low());
            volume += b.volume();
        }
        return new Bar(ts, bars.get(0).open(), high, low, bars.get(bars.size() - 1).close(), volume);
    }
}
