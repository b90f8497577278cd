package dev.barfill.api;

import dev.barfill.api.days.StoredDay;
import dev.barfill.core.CoverageWindow;
import dev.barfill.store.CoverageReader;
import dev.barfill.store.CoverageRow;
import dev.barfill.store.StoreUnavailableException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** The stored days of a window as the API's day logic sees them, read with the store's reader. */
final class StoredDays {
    private StoredDays() {
    }

    static Map<LocalDate, StoredDay> of(CoverageReader coverage, CoverageWindow window) {
        Map<LocalDate, CoverageRow> rows;
        try {
            rows = coverage.storedDays(window.series(), window.from(), window.to());
        } catch (StoreUnavailableException e) {
            // An ApiException, so a bulk request answers this symbol "unavailable" and goes on with the next.
            throw ApiException.unavailable(e.getMessage());
        }
        Map<LocalDate, StoredDay> days = new TreeMap<>();
        for (CoverageRow r : rows.values()) {
            days.put(r.day(), new StoredDay(r.day(), r.barCount(), r.expectedBars(), r.complete(), r.provider(),
                    r.updatedAt(), r.settled()));
        }
        return days;
    }
}
