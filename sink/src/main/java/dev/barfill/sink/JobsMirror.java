package dev.barfill.sink;

import dev.barfill.core.JobProgress;
import dev.barfill.core.config.KafkaClients;
import dev.barfill.core.kafka.BatchConsumerLoop;
import dev.barfill.core.kafka.LoopOptions;
import dev.barfill.core.kafka.Polled;
import dev.barfill.core.kafka.PolledHandler;
import dev.barfill.core.kafka.Topics;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the compacted {@code job-progress} topic into {@code backfill_jobs}, one row per job
 * id, in its own consumer group. An older state never overwrites a newer one (replays after a
 * rebalance are harmless). A tombstone (a job retired by the planner) keeps the row, the history
 * of the job, and stamps {@code retired_at}; a later plan of the same job id clears it.
 */
final class JobsMirror implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsMirror.class);
    static final String UPSERT = "INSERT INTO backfill_jobs (job_id, symbol, timeframe, from_day, to_day, status,"
            + " progress, total_days, covered_days, done_days, failed_days, pending_days, bars_written, last_errors,"
            + " created_at, updated_at, finished_at, sparse_days, sparse_dates, mirrored_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (job_id) DO UPDATE SET status = EXCLUDED.status, progress = EXCLUDED.progress,"
            + " total_days = EXCLUDED.total_days, covered_days = EXCLUDED.covered_days,"
            + " done_days = EXCLUDED.done_days, failed_days = EXCLUDED.failed_days,"
            + " pending_days = EXCLUDED.pending_days, bars_written = EXCLUDED.bars_written,"
            + " last_errors = EXCLUDED.last_errors, updated_at = EXCLUDED.updated_at,"
            + " sparse_days = EXCLUDED.sparse_days, sparse_dates = EXCLUDED.sparse_dates,"
            + " finished_at = CASE WHEN EXCLUDED.finished_at IS NULL THEN NULL"
            + " ELSE coalesce(backfill_jobs.finished_at, EXCLUDED.finished_at) END,"
            + " mirrored_at = EXCLUDED.mirrored_at,"
            // A retired job planned again starts a new run under its old id.
            + " created_at = CASE WHEN backfill_jobs.retired_at IS NULL THEN backfill_jobs.created_at"
            + " ELSE EXCLUDED.created_at END,"
            + " retired_at = NULL"
            + " WHERE EXCLUDED.updated_at >= backfill_jobs.updated_at";
    static final String RETIRE = "UPDATE backfill_jobs SET retired_at = coalesce(retired_at, now()), mirrored_at = now()"
            + " WHERE job_id = ?";

    private final DataSource dataSource;
    private final BatchConsumerLoop<JobProgress> loop;
    private final Thread thread;

    JobsMirror(SinkConfig config, DataSource dataSource) {
        Topics topics = config.kafka().topics();
        this.dataSource = dataSource;
        this.loop = BatchConsumerLoop.of("sink-jobs",
                KafkaClients.committingConsumer(config.kafka(), config.jobsGroupId(), "barfill-sink-jobs"),
                topics.jobProgress, PolledHandler.split(this::handle, JobsMirror::skipUndecodable),
                LoopOptions.defaults());
        this.thread = new Thread(loop, "sink-jobs");
    }

    BatchConsumerLoop<JobProgress> loop() {
        return loop;
    }

    void start() {
        thread.start();
    }

    /**
     * job-progress is a compacted topic the planner rewrites on every change of a job: an
     * undecodable state is superseded by the next one, so it is logged and skipped rather than
     * dead-lettered (replaying a stale progress state would help nobody).
     */
    private static void skipUndecodable(List<Polled<JobProgress>> records) {
        for (Polled<JobProgress> p : records) {
            LOG.warn("sink-jobs: skipping undecodable job state {} at {}/{}@{}: {}", p.raw().key(), p.raw().topic(),
                    p.raw().partition(), p.raw().offset(), p.decodeError());
        }
    }

    void handle(List<ConsumerRecord<String, JobProgress>> batch) throws SQLException {
        Map<String, JobProgress> latest = new LinkedHashMap<>();
        batch.forEach(r -> latest.put(r.key(), r.value()));
        write(dataSource, latest);
    }

    /** Upserts each job's state and marks those whose value is null retired, in one transaction. */
    static void write(DataSource dataSource, Map<String, JobProgress> jobs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(UPSERT); PreparedStatement retire = c.prepareStatement(RETIRE)) {
                for (Map.Entry<String, JobProgress> e : jobs.entrySet()) {
                    if (e.getValue() == null) {
                        retire.setString(1, e.getKey());
                        retire.addBatch();
                    } else {
                        bind(c, up, e.getValue());
                        up.addBatch();
                    }
                }
                up.executeBatch();
                retire.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, JobProgress j) throws SQLException {
        ps.setString(1, j.jobId());
        ps.setString(2, j.symbol());
        ps.setString(3, j.timeframe().code());
        ps.setDate(4, Date.valueOf(j.from()));
        ps.setDate(5, Date.valueOf(j.to()));
        ps.setString(6, j.status().name());
        ps.setInt(7, j.progress());
        ps.setInt(8, j.totalDays());
        ps.setInt(9, j.coveredDays());
        ps.setInt(10, j.doneDays());
        ps.setInt(11, j.failedDays());
        ps.setInt(12, j.pendingDays().size());
        ps.setLong(13, j.barsWritten());
        ps.setArray(14, c.createArrayOf("text", j.lastErrors().toArray()));
        ps.setTimestamp(15, Timestamp.from(j.createdAt()));
        ps.setTimestamp(16, Timestamp.from(j.updatedAt()));
        ps.setTimestamp(17, j.status().finished() ? Timestamp.from(j.updatedAt()) : null);
        ps.setInt(18, j.sparseDays());
        ps.setArray(19, c.createArrayOf("date", j.sparseDates().stream().map(Date::valueOf).toArray()));
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
