package dev.barfill.bench.olddesign;

import dev.barfill.core.Bar;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The old worker, as it ran: every tick (pg_cron, once a minute) it claims up to four chunks and
 * fetches them one provider call per day, one after the other. Here the tick is shortened and
 * the result projected to the real one.
 */
public final class OldDesignWorker {
    private final DataSource db;
    private final BarProvider provider;
    private final CalendarRegistry calendars;
    private final int chunksPerTick;

    public OldDesignWorker(DataSource db, BarProvider provider, CalendarRegistry calendars, int chunksPerTick) {
        this.db = db;
        this.provider = provider;
        this.calendars = calendars;
        this.chunksPerTick = chunksPerTick;
    }

    /** What a run took: ticks used, the work time of the last tick, and wall time with the short tick. */
    public record Result(int ticks, Duration lastTickWork, Duration elapsed, int chunks, int providerCalls) {

        /** Wall time had the tick been {@code realTick}: every tick but the last waits a full tick. */
        public Duration projected(Duration realTick) {
            return realTick.multipliedBy(Math.max(0, ticks - 1)).plus(lastTickWork);
        }
    }

    public long enqueue(String symbol, Timeframe tf, LocalDate from, LocalDate to) throws SQLException {
        try (Connection c = db.getConnection()) {
            long jobId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO old_jobs (symbol, timeframe, from_day, to_day) VALUES (?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, symbol);
                ps.setString(2, tf.code());
                ps.setDate(3, Date.valueOf(from));
                ps.setDate(4, Date.valueOf(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    jobId = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO old_chunks (job_id, symbol, timeframe, day) VALUES (?, ?, ?, ?)")) {
                for (Session s : calendars.forSymbol(dev.barfill.core.Symbol.parse(symbol)).sessions(from, to)) {
                    ps.setLong(1, jobId);
                    ps.setString(2, symbol);
                    ps.setString(3, tf.code());
                    ps.setDate(4, Date.valueOf(s.day()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return jobId;
        }
    }

    /** Runs ticks {@code tick} apart until no chunk is pending. */
    public Result drain(Duration tick) throws Exception {
        long start = System.nanoTime();
        int ticks = 0;
        int chunks = 0;
        int calls = 0;
        Duration lastWork = Duration.ZERO;
        while (true) {
            long tickStart = System.nanoTime();
            List<Chunk> claimed = claim();
            if (claimed.isEmpty()) {
                break;
            }
            ticks++;
            for (Chunk chunk : claimed) {
                calls++;
                fetchAndStore(chunk);
                chunks++;
            }
            lastWork = Duration.ofNanos(System.nanoTime() - tickStart);
            long wait = tick.toNanos() - (System.nanoTime() - tickStart);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));  // the scheduler's tick, by design
            }
        }
        return new Result(ticks, lastWork, Duration.ofNanos(System.nanoTime() - start), chunks, calls);
    }

    private record Chunk(long id, String symbol, Timeframe timeframe, LocalDate day) {
    }

    private List<Chunk> claim() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, symbol, timeframe, day FROM old_claim_chunks(?)")) {
            ps.setInt(1, chunksPerTick);
            List<Chunk> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Chunk(rs.getLong(1), rs.getString(2), Timeframe.parse(rs.getString(3)),
                            rs.getDate(4).toLocalDate()));
                }
            }
            return out;
        }
    }

    private void fetchAndStore(Chunk chunk) throws SQLException {
        Series series = Series.of(chunk.symbol(), chunk.timeframe());
        Session session = calendars.forSymbol(series.symbol()).session(chunk.day()).orElseThrow();
        FetchOutcome outcome = provider.fetch(new BarRequest(series, session.open(), session.close()));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO old_bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET close = EXCLUDED.close")) {
                    for (Bar b : fetched.bars()) {
                        if (!session.contains(b.ts())) {
                            continue;
                        }
                        ps.setString(1, chunk.symbol());
                        ps.setString(2, chunk.timeframe().code());
                        ps.setTimestamp(3, Timestamp.from(b.ts()));
                        ps.setDouble(4, b.open());
                        ps.setDouble(5, b.high());
                        ps.setDouble(6, b.low());
                        ps.setDouble(7, b.close());
                        ps.setLong(8, b.volume());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE old_chunks SET status = ?, finished_at = now(), error = ? WHERE id = ?")) {
                boolean ok = outcome instanceof FetchOutcome.Fetched;
                ps.setString(1, ok ? "done" : "failed");
                ps.setString(2, ok ? null : outcome.toString());
                ps.setLong(3, chunk.id());
                ps.executeUpdate();
            }
            c.commit();
        }
    }
}
