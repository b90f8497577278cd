package dev.barfill.fetcher;

import dev.barfill.core.Bar;
import dev.barfill.core.ChunkTask;
import dev.barfill.core.DayBars;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import dev.barfill.core.calendar.TradingPeriods;
import dev.barfill.fetcher.day.DailyStamps;
import dev.barfill.fetcher.day.DayAssembler;
import dev.barfill.fetcher.day.SpanPlanner;
import dev.barfill.fetcher.day.WeeklyStamps;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import dev.barfill.fetcher.resample.Resampler;
import dev.barfill.fetcher.route.CircuitBreaker;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fetches the pending days of one series: as few requests per provider as its span allows, the
 * answer split back into one result per day. A provider that cannot reach a day or refuses it
 * for good hands the day to the next provider of the route; a transient failure sends the day to
 * a retry tier instead (waiting is cheaper than a second provider's quota). A provider whose
 * {@link CircuitBreaker} is tripped by repeated 429s is not asked: its days go to the next provider,
 * or, when none is left, wait in a retry tier until it cools down.
 */
public final class SeriesFetcher {
    private final ProviderRouter router;
    private final CalendarRegistry calendars;
    private final Clock clock;
    private final Duration settleDelay;

    /**
     * @param clock       the process clock: a day fetched at or after its close plus {@code settleDelay}
     *                    by this clock is settled
     * @param settleDelay how long after a session's close the provider's bars of it are taken as final
     */
    public SeriesFetcher(ProviderRouter router, CalendarRegistry calendars, Clock clock, Duration settleDelay) {
        this.router = router;
        this.calendars = calendars;
        this.clock = clock;
        this.settleDelay = settleDelay;
    }

    /** With the default settle delay, {@link FetcherConfig#DEFAULT_SETTLE_DELAY}. */
    public SeriesFetcher(ProviderRouter router, CalendarRegistry calendars, Clock clock) {
        this(router, calendars, clock, FetcherConfig.DEFAULT_SETTLE_DELAY);
    }

    /** A day still to fetch; {@code trips} are the tripped providers that passed it on. */
    private record Pending(ChunkTask task, Session session, List<String> refusals, List<CircuitBreaker.Trip> trips) {
        Pending(ChunkTask task, Session session) {
            this(task, session, new ArrayList<>(), new ArrayList<>());
        }
    }

    /** One result per task, each carrying the very task object it was given. */
    public List<DayResult> fetch(Series series, List<ChunkTask> tasks) throws InterruptedException {
        List<DayResult> results = new ArrayList<>(tasks.size());
        List<Pending> pending = new ArrayList<>();
        var calendar = calendars.forSymbol(series.symbol());
        for (ChunkTask task : tasks) {
            Optional<Session> session = TradingPeriods.at(calendar, series.timeframe(), task.day());
            if (session.isEmpty()) {
                results.add(new DayResult.Failed(task, "none", task.day() + (series.timeframe() == Timeframe.W1
                        ? " is not the first session of a week on " : " is not a trading day on ") + calendar.id()));
            } else {
                pending.add(new Pending(task, session.get()));
            }
        }
        Timeframe tf = series.timeframe();
        Instant now = clock.instant();
        String last = "none";
        for (ProviderRoute route : router.routesFor(tf)) {
            if (pending.isEmpty()) {
                break;
            }
            last = route.name();
            Optional<CircuitBreaker.Trip> trip = route.tripped();
            if (trip.isPresent()) {
                // Not asked at all while it cools down: the next provider of the route serves, or the day waits
                // (unless this provider could not have served it anyway).
                for (Pending p : pending) {
                    if (route.capabilities().reaches(tf, p.session().day(), now)) {
                        p.trips().add(trip.get());
                    } else {
                        p.refusals().add(route.name() + " keeps no " + tf + " history back to " + p.session().day());
                    }
                }
                continue;
            }
            List<Pending> next = new ArrayList<>();
            Map<Session, List<Pending>> servable = new LinkedHashMap<>();
            for (Pending p : pending) {
                if (route.capabilities().reaches(tf, p.session().day(), now)) {
                    servable.computeIfAbsent(p.session(), s -> new ArrayList<>()).add(p);
                } else {
                    p.refusals().add(route.name() + " keeps no " + tf + " history back to " + p.session().day());
                    next.add(p);
                }
            }
            for (SpanPlanner.Span span : SpanPlanner.spans(List.copyOf(servable.keySet()), route.capabilities().spanDays(tf))) {
                FetchOutcome outcome = route.fetch(new BarRequest(series, requestStart(series, span.first()),
                        span.last().close()));
                for (Session session : span.sessions()) {
                    for (Pending p : servable.get(session)) {
                        DayResult result = result(series, route, p, outcome, now);
                        if (result == null) {
                            next.add(p);
                        } else {
                            results.add(result);
                        }
                    }
                }
            }
            pending = next;
        }
        for (Pending p : pending) {
            if (!p.trips().isEmpty()) {
                results.add(parked(p));
                continue;
            }
            String why = p.refusals().isEmpty() ? "no provider serves " + tf : String.join("; ", p.refusals());
            results.add(new DayResult.Failed(p.task(), last, why));
        }
        return results;
    }

    /**
     * A day no provider served because those that could are tripped: it waits in a retry tier,
     * without spending an attempt, until the first of them cools down.
     */
    private static DayResult parked(Pending p) {
        CircuitBreaker.Trip first = p.trips().stream().min(Comparator.comparing(CircuitBreaker.Trip::until))
                .orElseThrow();
        String why = p.trips().stream().map(CircuitBreaker.Trip::toString).distinct()
                .collect(Collectors.joining("; "));
        if (!p.refusals().isEmpty()) {
            why += "; " + String.join("; ", p.refusals());
        }
        return new DayResult.Deferred(p.task(), first.provider(), why, first.until(), first.provider());
    }

    /**
     * Where a request for periods starting with {@code first} begins: its open, or for 1w the
     * Sunday before the week (local midnight), so a provider's week row stamped on the Sunday
     * (Polygon) or on a closed Monday (Yahoo) lies inside the asked range.
     */
    private Instant requestStart(Series series, Session first) {
        if (series.timeframe() != Timeframe.W1) {
            return first.open();
        }
        ZoneId zone = calendars.forSymbol(series.symbol()).zone();
        return TradingPeriods.monday(first.day()).minusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The week's bar: the provider's weekly bar restamped at the week's first session open, or
     * one built from the daily bars of every session of the week that has opened by {@code now}
     * where the provider has no weekly interval.
     */
    private List<Bar> weekly(Series series, ProviderRoute route, Session week, List<Bar> bars, Instant now) {
        var calendar = calendars.forSymbol(series.symbol());
        if (route.capabilities().source(Timeframe.W1).orElseThrow() == Timeframe.W1) {
            return WeeklyStamps.atWeekOpen(bars, week, calendar.zone());
        }
        List<Session> opened = TradingPeriods.sessionsOfWeek(calendar, week.day()).stream()
                .filter(s -> !s.open().isAfter(now)).toList();
        return Resampler.week(bars, opened, calendar.zone()).map(List::of).orElse(List.of());
    }

    /** The day's result from one answer, or null when the next provider should try. */
    private DayResult result(Series series, ProviderRoute route, Pending p, FetchOutcome outcome, Instant now) {
        if (outcome instanceof FetchOutcome.Held held) {
            return new DayResult.Deferred(p.task(), route.name(), held.reason(), clock.instant().plus(held.holdLeft()));
        }
        Optional<CircuitBreaker.Trip> trip = route.tripped();
        if (ProviderRoute.rateLimited(outcome) && trip.isPresent()) {
            // This 429 tripped the provider (or another call's did): pass the day on rather than burn a retry tier.
            p.trips().add(trip.get());
            return null;
        }
        if (outcome instanceof FetchOutcome.Transient t) {
            return new DayResult.Retryable(p.task(), route.name(), t.reason(), t.retryAfter());
        }
        if (outcome instanceof FetchOutcome.Permanent refused) {
            p.refusals().add(refused.reason());
            return null;
        }
        List<Bar> bars = ((FetchOutcome.Fetched) outcome).bars();
        Timeframe tf = series.timeframe();
        if (tf == Timeframe.W1) {
            bars = weekly(series, route, p.session(), bars, now);
        } else if (!tf.intraday()) {
            bars = DailyStamps.atSessionOpen(bars, p.session(), calendars.forSymbol(series.symbol()).zone());
        } else if (route.capabilities().source(tf).orElseThrow() != tf) {
            bars = Resampler.intraday(bars, route.capabilities().source(tf).orElseThrow(), p.session(), tf);
        }
        // The plan time travels with the bars to the sink's event, which settles only this flight.
        DayBars day = DayAssembler.assemble(series, p.session(), route.name(), bars, now, settleDelay).forPlan(p.task().plannedAt());
        if (day.bars().isEmpty()) {
            return new DayResult.NoData(p.task(), route.name(), "no data: " + route.name() + " returned no "
                    + tf + " bars for " + p.session().day()
                    + (day.rejectedBars() > 0 ? " (" + day.rejectedBars() + " rejected)" : ""));
        }
        return new DayResult.Bars(p.task(), day);
    }
}
