package dev.barfill.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A standing coverage rule, kept on the compacted {@code schedules} topic under its name (a
 * tombstone removes it): after each session close of the symbols' exchange plus
 * {@code settleMinutes}, the planner requests the last {@code days} trading days of every symbol at
 * {@code timeframe}, once per close.
 *
 * @param settleMinutes how many minutes after the close the window is asked for, so the session's
 *                      bars are final at the provider (default 15)
 * @param createdAt   when the schedule was made: due times before it are not caught up
 * @param cron        instead of "after each close": a five-field cron expression read in the
 *                    exchange's time zone (for example {@code 30 17 * * 1-5}); null for after each close
 */
public record Schedule(String name, List<String> symbols, String timeframe, int days, Integer settleMinutes,
                       Instant createdAt, String cron) {
    public static final int DEFAULT_SETTLE_MINUTES = 15;
    public static final int MAX_SYMBOLS = 500;

    public Schedule {
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        settleMinutes = settleMinutes == null ? DEFAULT_SETTLE_MINUTES : settleMinutes;
        cron = cron == null || cron.isBlank() ? null : cron.trim();
    }

    /** A schedule that fires after each close plus the settle delay. */
    public Schedule(String name, List<String> symbols, String timeframe, int days, Integer settleMinutes,
                    Instant createdAt) {
        this(name, symbols, timeframe, days, settleMinutes, createdAt, null);
    }

    /** The same schedule made at {@code at}. */
    public Schedule createdAt(Instant at) {
        return new Schedule(name, symbols, timeframe, days, settleMinutes, at, cron);
    }

    public Duration settleDelay() {
        return Duration.ofMinutes(settleMinutes);
    }

    /** One coverage request per symbol, as the planner reads them from {@code coverage-requests}. */
    public List<CoverageRequest> requests(Instant dueAt) {
        return symbols.stream().map(s -> new CoverageRequest(s, timeframe, null, null, days, null,
                "schedule:" + name, dueAt)).toList();
    }

    /**
     * Checks a schedule as a client sent it, naming every bad field; the timeframe and window are
     * checked as a coverage request's would be.
     */
    public static Schedule validated(Schedule s, int maxWindowDays) {
        return validated(s, WindowSizes.standard(HistoryLimits.unlimited()).cappedAt(maxWindowDays));
    }

    /** As {@link #validated(Schedule, int)}, {@code days} bounded by the maximum of the schedule's timeframe. */
    public static Schedule validated(Schedule s, WindowSizes sizes) {
        if (s == null) {
            throw new InvalidRequestException("body", "a JSON object with name, symbols, timeframe and days is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (s.name() == null || !s.name().matches("[A-Za-z0-9_.-]{1,64}")) {
            errors.add(new FieldError("name", "must be 1-64 of A-Z a-z 0-9 _ . -, got '" + s.name() + "'"));
        }
        if (s.symbols().isEmpty() || s.symbols().size() > MAX_SYMBOLS) {
            errors.add(new FieldError("symbols", "give 1-" + MAX_SYMBOLS + " symbols, got " + s.symbols().size()));
        }
        List<String> symbols = new ArrayList<>();
        for (String symbol : s.symbols()) {
            try {
                symbols.add(Symbol.parse(symbol).value());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("symbols", e.getMessage()));
            }
        }
        Timeframe tf = null;
        try {
            tf = Timeframe.parse(s.timeframe());
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(new FieldError("timeframe", "unknown timeframe '" + s.timeframe() + "'"));
        }
        int maxDays = tf == null ? WindowSizes.LONGEST : sizes.maxDays(tf);
        if (s.days() < 1 || s.days() > maxDays) {
            errors.add(new FieldError("days", "must be 1-" + maxDays + (tf == null ? "" : " for " + tf)
                    + ", got " + s.days()));
        }
        if (s.settleMinutes() < 0 || s.settleMinutes() > 720) {
            errors.add(new FieldError("settleMinutes", "must be 0-720, got " + s.settleMinutes()));
        }
        if (s.cron() != null) {
            try {
                CronExpression.parse(s.cron());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Schedule(s.name(), symbols, tf.code(), s.days(), s.settleMinutes(), s.createdAt(), s.cron());
    }
}
