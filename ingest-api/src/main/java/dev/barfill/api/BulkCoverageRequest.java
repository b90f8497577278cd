package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /v1/coverage/bulk}: many symbols, one timeframe and one window ({@code days} or
 * {@code from}/{@code to}, as for a single request).
 */
public record BulkCoverageRequest(List<String> symbols, String timeframe, LocalDate from, LocalDate to,
                                  Integer days, Integer priority, String requestedBy) {

    /** The single request this bulk request makes for one symbol. */
    CoverageRequest forSymbol(String symbol) {
        return new CoverageRequest(symbol, timeframe, from, to, days, priority, requestedBy, null);
    }
}
