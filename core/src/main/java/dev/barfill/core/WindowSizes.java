package dev.barfill.core;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a coverage window may be, and how long it is when a request names neither {@code days}
 * nor {@code from}/{@code to}, in trading days per timeframe. Immutable and pure.
 *
 * <p>{@link #standard(HistoryLimits)}: the default window is 30 trading days for 15m and finer, 90
 * for 1h and 4h, 365 for 1d and 1w. The longest window is {@value #LONGEST} trading days (about 30
 * years) for 1d and 1w; an intraday timeframe may reach no further back than the provider keeps
 * its history (a depth of 60 calendar days allows 43 trading days). A default never exceeds the
 * maximum of its timeframe.
 *
 * @param maxDays     the longest accepted window per timeframe, in trading days
 * @param defaultDays the window of a request without one, per timeframe, in trading days
 */
public record WindowSizes(Map<Timeframe, Integer> maxDays, Map<Timeframe, Integer> defaultDays) {
    /** The longest window of any timeframe: about 30 years of trading days. */
    public static final int LONGEST = 7600;

    public WindowSizes {
        Map<Timeframe, Integer> max = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Integer> defaults = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            Integer m = maxDays.get(tf);
            Integer d = defaultDays.get(tf);
            if (m == null || m < 1 || d == null || d < 1) {
                throw new IllegalArgumentException("window sizes of " + tf + " must be positive, got max " + m
                        + " and default " + d);
            }
            max.put(tf, m);
            defaults.put(tf, Math.min(d, m));
        }
        maxDays = Map.copyOf(max);
        defaultDays = Map.copyOf(defaults);
    }

    /** The standard sizes, with intraday maxima bounded by {@code history}. */
    public static WindowSizes standard(HistoryLimits history) {
        Map<Timeframe, Integer> max = new EnumMap<>(Timeframe.class);
        Map<Timeframe, Integer> defaults = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            max.put(tf, history.depthOf(tf).map(WindowSizes::tradingDaysWithin).orElse(LONGEST));
            defaults.put(tf, !tf.intraday() ? 365 : tf.length().compareTo(Duration.ofHours(1)) >= 0 ? 90 : 30);
        }
        return new WindowSizes(max, defaults);
    }

    /**
     * The sizes a role runs with: standard ones bounded by {@code history}, no window longer than
     * {@code ceiling}, defaults overridden by {@code defaults} ({@link #withDefaults}).
     */
    public static WindowSizes configured(HistoryLimits history, int ceiling, String defaults) {
        return standard(history).cappedAt(ceiling).withDefaults(defaults);
    }

    /** The longest window of {@code timeframe}, in trading days. */
    public int maxDays(Timeframe timeframe) {
        return maxDays.get(timeframe);
    }

    /** The window of a request of {@code timeframe} that names none, in trading days. */
    public int defaultDays(Timeframe timeframe) {
        return defaultDays.get(timeframe);
    }

    /** The same sizes, no window longer than {@code ceiling} trading days. */
    public WindowSizes cappedAt(int ceiling) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("the longest window must be at least 1 trading day, got " + ceiling);
        }
        Map<Timeframe, Integer> max = new EnumMap<>(Timeframe.class);
        maxDays.forEach((tf, m) -> max.put(tf, Math.min(m, ceiling)));
        return new WindowSizes(max, defaultDays);
    }

    /**
     * The same sizes with other default windows, read from {@code 15m=30,1h=90,1d=365}: timeframes
     * not named keep theirs; an empty text changes nothing.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public WindowSizes withDefaults(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        Map<Timeframe, Integer> defaults = new EnumMap<>(defaultDays);
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[1].trim().matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException("default window '" + entry.trim()
                        + "' must read timeframe=<trading days>, for example 15m=30");
            }
            defaults.put(Timeframe.parse(kv[0].trim()), Integer.parseInt(kv[1].trim()));
        }
        return new WindowSizes(maxDays, defaults);
    }

    /** At most five trading days in any seven calendar days, plus the day of a partial week. */
    private static int tradingDaysWithin(Duration depth) {
        return (int) Math.min(LONGEST, depth.toDays() * 5 / 7 + 1);
    }
}
