package dev.barfill.core;

import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.TradingPeriods;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The one validation of coverage requests, shared by the REST API and the planner's Kafka input,
 * so a request refused by one is refused by the other with the same words.
 *
 * <p>A {@code days} request ends on the latest trading day of the symbol's exchange whose session
 * has opened (today once the market has opened, so a chart sees today's bars) and spans that
 * many trading days. A request with neither {@code days} nor {@code from}/{@code to} gets the
 * default window of its timeframe; every window is bounded by the maximum of its timeframe
 * ({@link WindowSizes}). A 1w window covers whole weeks: it starts on the Monday of its first
 * week ({@link TradingPeriods}).
 */
public final class CoverageRequestValidator {
    private final CalendarRegistry calendars;
    private final WindowSizes sizes;
    private final Clock clock;

    /**
     * Standard window sizes without a history bound, no window longer than {@code maxWindowDays}
     * trading days.
     */
    public CoverageRequestValidator(CalendarRegistry calendars, int maxWindowDays, Clock clock) {
        this(calendars, WindowSizes.standard(HistoryLimits.unlimited()).cappedAt(maxWindowDays), clock);
    }

    public CoverageRequestValidator(CalendarRegistry calendars, WindowSizes sizes, Clock clock) {
        this.calendars = calendars;
        this.sizes = sizes;
        this.clock = clock;
    }

    /** The clock that says which day is today for {@code days} windows. */
    public Clock clock() {
        return clock;
    }

    public WindowSizes sizes() {
        return sizes;
    }

    public CoverageWindow validate(CoverageRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON object with symbol and timeframe is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Symbol symbol = parseSymbol(request.symbol(), errors);
        Timeframe timeframe = parseTimeframe(request.timeframe(), errors);
        checkWindowFields(request, timeframe, errors);
        if (request.priority() != null && (request.priority() < 0 || request.priority() > 9)) {
            errors.add(new FieldError("priority", "must be 0-9, got " + request.priority()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Series series = new Series(symbol, timeframe);
        ExchangeCalendar calendar = calendars.forSymbol(symbol);
        if (request.days() == null && request.from() != null) {
            return datedWindow(series, calendar, request.from(), request.to());
        }
        // Neither days nor dates: the timeframe's default window.
        int days = request.days() == null ? sizes.defaultDays(timeframe) : request.days();
        return recentWindow(series, calendar, days, request.days() == null ? "timeframe" : "days");
    }

    /** Days or both dates, or neither; a day count within the timeframe's maximum. */
    private void checkWindowFields(CoverageRequest request, Timeframe timeframe, List<FieldError> errors) {
        LocalDate from = request.from();
        LocalDate to = request.to();
        Integer days = request.days();
        if (days != null) {
            if (from != null || to != null) {
                errors.add(new FieldError("days", "give either days or from/to, not both"));
            } else if (days < 1) {
                errors.add(new FieldError("days", "must be at least 1, got " + days));
            } else if (timeframe != null && days > sizes.maxDays(timeframe)) {
                errors.add(new FieldError("days", "must be at most " + sizes.maxDays(timeframe) + " for "
                        + timeframe + ", got " + days));
            }
        } else if ((from == null) != (to == null)) {
            errors.add(new FieldError(from == null ? "from" : "to", "is required unless days is given"));
        } else if (from != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "from " + from + " is after to " + to));
        }
    }

    private CoverageWindow datedWindow(Series series, ExchangeCalendar calendar, LocalDate from, LocalDate to) {
        List<FieldError> errors = new ArrayList<>();
        requireCovered(calendar, "from", from, errors);
        requireCovered(calendar, "to", to, errors);
        Timeframe timeframe = series.timeframe();
        if (errors.isEmpty()) {
            int tradingDays = calendar.countTradingDays(from, to);
            if (tradingDays > sizes.maxDays(timeframe)) {
                errors.add(new FieldError("to", "window of " + tradingDays + " trading days is longer than the maximum of "
                        + sizes.maxDays(timeframe) + " for " + timeframe));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new CoverageWindow(series, TradingPeriods.windowStart(calendar, timeframe, from), to);
    }

    /**
     * The last {@code days} trading days up to the latest session opened; {@code field} is named
     * when they reach beyond the calendar.
     */
    private CoverageWindow recentWindow(Series series, ExchangeCalendar calendar, int days, String field) {
        LocalDate last = calendar.lastOpenedDay(clock.instant());
        LocalDate first;
        try {
            first = calendar.startOfLastTradingDays(last, days);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRequestException(field, days + " trading days before " + last + " reach beyond the "
                    + calendar.id() + " calendar, which starts on " + calendar.firstDay());
        }
        return new CoverageWindow(series, TradingPeriods.windowStart(calendar, series.timeframe(), first), last);
    }

    /**
     * A date the symbol's calendar does not know would make every later stage throw (the XNYS
     * holidays are known for 2000-2099 only): refused here, for REST and Kafka alike.
     */
    private static void requireCovered(ExchangeCalendar calendar, String field, LocalDate day,
                                       List<FieldError> errors) {
        if (!calendar.covers(day)) {
            errors.add(new FieldError(field, day + " is outside the " + calendar.id() + " calendar, which covers "
                    + calendar.firstDay() + " to " + calendar.lastDay()));
        }
    }

    private static Symbol parseSymbol(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("symbol", "is required"));
            return null;
        }
        try {
            return Symbol.parse(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("symbol", e.getMessage()));
            return null;
        }
    }

    private static Timeframe parseTimeframe(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("timeframe", "is required, one of " + Timeframe.codes()));
            return null;
        }
        try {
            return Timeframe.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("timeframe", e.getMessage()));
            return null;
        }
    }
}
