package dev.barfill.sink.write;

/**
 * How the sink upserts bars. Both were measured by {@code dev.barfill.bench.SinkBench}; the
 * figures are in {@code docs/BENCHMARKS.md}.
 */
public enum WriteMode {
    /** Binary {@code COPY} into a session temp table, then one {@code INSERT ... SELECT ... ON CONFLICT}. The default. */
    COPY,
    /** A JDBC batch of single-row upserts, sent as multi-row inserts when {@code reWriteBatchedInserts=true}. */
    MULTI_ROW;

    /** Parses a setting value such as {@code copy} or {@code multi-row}, naming the setting on error. */
    public static WriteMode parse(String value) {
        for (WriteMode m : values()) {
            if (m.name().replace('_', '-').equalsIgnoreCase(value) || m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("sink.write-mode must be copy or multi-row, got '" + value + "'");
    }
}
