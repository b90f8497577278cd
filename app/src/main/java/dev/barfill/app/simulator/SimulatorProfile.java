package dev.barfill.app.simulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the simulator behaves. {@link #KIND} (the default) serves full days and clean answers to any
 * client. {@link #REALISTIC} behaves like Yahoo on a normal day ({@link RealisticMarket}): thin days
 * with intervals left out, rows whose prices are all null, Monday-stamped weekly rows, some slow
 * answers, and 429 for a library User-Agent.
 */
public enum SimulatorProfile {
    KIND, REALISTIC;

    /** {@code kind} or {@code realistic}, any case; otherwise an error naming {@code field}. */
    public static SimulatorProfile parse(String field, String value) {
        for (SimulatorProfile p : values()) {
            if (value != null && p.name().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
