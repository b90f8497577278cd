package dev.barfill.api;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ensure-coverage for many symbols at once. A malformed symbol or a failed lookup is reported
 * for that symbol and harms none of the others; a bad shared field (timeframe, window) refuses
 * the whole request, since it would fail every symbol alike. With {@code refresh} every symbol's
 * window is queued again, covered or not.
 */
public final class BulkCoverageService {
    /** A symbol that is always well formed, used to check the shared fields on their own. */
    private static final String PROBE_SYMBOL = "A";

    private final CoverageService coverage;
    private final int maxSymbols;

    /** @param maxSymbols most distinct symbols in one request (default 1000 in {@link ApiConfig}) */
    public BulkCoverageService(CoverageService coverage, int maxSymbols) {
        this.coverage = coverage;
        this.maxSymbols = maxSymbols;
    }

    public BulkCoverageAnswer ensureAll(BulkCoverageRequest request) {
        Set<String> symbols = validateShape(request);
        List<BulkCoverageAnswer.Result> results = new ArrayList<>();
        List<Map.Entry<String, CoverageRequest>> toQueue = new ArrayList<>();
        for (String symbol : symbols) {
            try {
                CoverageService.Assessment a = coverage.assess(request.forSymbol(symbol));
                a.toQueue().ifPresent(toQueue::add);
                // A covered series asked with refresh is queued too: its job fetches the window again.
                results.add(new BulkCoverageAnswer.Result(symbol, a.toQueue().isPresent() ? "queued" : "covered",
                        a.answer(), List.of(), null));
            } catch (InvalidRequestException e) {
                results.add(new BulkCoverageAnswer.Result(symbol, "invalid", null, e.errors(), e.getMessage()));
            } catch (ApiException e) {
                results.add(new BulkCoverageAnswer.Result(symbol, "unavailable", null, List.of(), e.getMessage()));
            }
        }
        Map<String, String> failures = coverage.publisher().publishAll(toQueue);
        int covered = 0;
        int queued = 0;
        for (int i = 0; i < results.size(); i++) {
            BulkCoverageAnswer.Result r = results.get(i);
            if ("queued".equals(r.outcome()) && failures.containsKey(seriesKey(r.answer()))) {
                results.set(i, new BulkCoverageAnswer.Result(r.symbol(), "unavailable", null, List.of(),
                        failures.get(seriesKey(r.answer()))));
            } else if ("queued".equals(r.outcome())) {
                queued++;
            } else if ("covered".equals(r.outcome())) {
                covered++;
            }
        }
        return new BulkCoverageAnswer(results.size(), covered, queued, results.size() - covered - queued, results);
    }

    private static String seriesKey(CoverageAnswer answer) {
        return answer.symbol() + ":" + answer.timeframe();
    }

    /** The distinct symbols in order; throws naming the field when the request as a whole is bad. */
    private Set<String> validateShape(BulkCoverageRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON object with symbols and timeframe is required");
        }
        if (request.symbols() == null || request.symbols().isEmpty()) {
            throw new InvalidRequestException("symbols", "is required: a non-empty list of symbols");
        }
        Set<String> symbols = new LinkedHashSet<>();
        List<FieldError> malformed = new ArrayList<>();
        for (int i = 0; i < request.symbols().size(); i++) {
            String s = request.symbols().get(i);
            try {
                symbols.add(Symbol.parse(s).value());
            } catch (IllegalArgumentException e) {
                // Kept, to be answered per symbol, unless no entry at all is a symbol.
                symbols.add(s);
                malformed.add(new FieldError("symbols[" + i + "]", e.getMessage()));
            }
        }
        if (malformed.size() == request.symbols().size()) {
            throw new InvalidRequestException(malformed);
        }
        if (symbols.size() > maxSymbols) {
            throw new InvalidRequestException("symbols", "at most " + maxSymbols + " symbols per request, got "
                    + symbols.size());
        }
        try {
            coverage.validate(request.forSymbol(PROBE_SYMBOL));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.errors());
        }
        return symbols;
    }

}
