package dev.barfill.planner;

import dev.barfill.core.Series;
import dev.barfill.planner.plan.CoverageLookup;
import dev.barfill.planner.plan.CoverageUnavailableException;
import dev.barfill.planner.plan.DayCoverage;
import dev.barfill.store.CoverageReader;
import dev.barfill.store.CoverageRow;
import dev.barfill.store.StoreUnavailableException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The planner's view of {@code bar_coverage}, the table the sink writes with the bars, read with
 * the store's {@link CoverageReader} (the API's reader too, so both call the same days covered).
 */
public final class StoredCoverageLookup implements CoverageLookup {
    private final CoverageReader reader;

    public StoredCoverageLookup(DataSource dataSource) {
        this.reader = new CoverageReader(dataSource);
    }

    @Override
    public Set<LocalDate> completeDays(Series series, LocalDate from, LocalDate to) {
        try {
            return reader.coveredDays(series, from, to);
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Map<LocalDate, DayCoverage> storedDays(Series series, LocalDate from, LocalDate to) {
        Map<LocalDate, DayCoverage> days = new TreeMap<>();
        try {
            for (CoverageRow r : reader.storedDays(series, from, to).values()) {
                days.put(r.day(), new DayCoverage(r.day(), r.complete(), r.settled(), r.barCount(), r.expectedBars(),
                        r.fetchedAt()));
            }
        } catch (StoreUnavailableException e) {
            throw unavailable(e);
        }
        return days;
    }

    // Any database failure is one waiting may cure: the planner keeps the request and asks again.
    private static CoverageUnavailableException unavailable(StoreUnavailableException e) {
        return new CoverageUnavailableException(e.getMessage(), e);
    }
}
