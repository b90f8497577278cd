package dev.barfill.fetcher;

import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.fetcher.day.DayAssembler;
import dev.barfill.fetcher.provider.BarProvider;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches one trading day from a provider. Transient failures are retried a few times here with
 * backoff (bounded by {@code maxAttempts}); what still fails is reported as a failed day.
 */
public final class ChunkFetcher {
    private final BarProvider provider;
    private final CalendarRegistry calendars;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration baseBackoff;

    public ChunkFetcher(BarProvider provider, CalendarRegistry calendars, Clock clock, int maxAttempts,
                        Duration baseBackoff) {
        this.provider = provider;
        this.calendars = calendars;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
    }

    public DayResult fetch(ChunkTask task) throws InterruptedException {
        Optional<Session> session = calendars.forSymbol(task.series().symbol()).session(task.day());
        if (session.isEmpty()) {
            return new DayResult.Failed(task, provider.name(), task.day() + " is not a trading day");
        }
        BarRequest request = new BarRequest(task.series(), session.get().open(), session.get().close());
        String lastReason = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            FetchOutcome outcome = provider.fetch(request);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                DayBars day = DayAssembler.assemble(task.series(), session.get(), provider.name(), fetched.bars(),
                        clock.instant());
                if (day.bars().isEmpty()) {
                    return new DayResult.Failed(task, provider.name(), "no data: " + provider.name()
                            + " returned no bars for " + task.day());
                }
                return new DayResult.Bars(task, day);
            }
            if (outcome instanceof FetchOutcome.Permanent permanent) {
                return new DayResult.Failed(task, provider.name(), permanent.reason());
            }
            FetchOutcome.Transient failure = (FetchOutcome.Transient) outcome;
            lastReason = failure.reason();
            if (attempt < maxAttempts) {
                Duration wait = failure.retryAfter() != null ? failure.retryAfter() : baseBackoff.multipliedBy(1L << (attempt - 1));
                Thread.sleep(Math.min(wait.toMillis(), 30_000));
            }
        }
        return new DayResult.Failed(task, provider.name(), "gave up after " + maxAttempts + " attempts: " + lastReason);
    }
}
