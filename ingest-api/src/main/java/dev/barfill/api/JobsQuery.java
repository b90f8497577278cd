package dev.barfill.api;

import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.JobProgress;
import dev.barfill.core.JobStatus;
import dev.barfill.core.Symbol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A filter over the job table: optional status and symbol, newest first, at most {@code limit}
 * jobs (default 100, at most 1000). Pure, so it is tested without a server.
 */
public record JobsQuery(JobStatus status, Symbol symbol, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Job ids as {@code CoverageWindow.jobId()} makes them: symbol, timeframe, 12 hex digits. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Z0-9_]{1,20}-[0-9a-z]{1,4}-[0-9a-f]{12}");

    /** Parses raw query parameters, any of which may be null; throws naming every bad one. */
    public static JobsQuery parse(String status, String symbol, String limit) {
        List<FieldError> errors = new ArrayList<>();
        JobStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "unknown status '" + status + "', expected one of "
                        + Arrays.toString(JobStatus.values())));
            }
        }
        Symbol sym = null;
        if (symbol != null && !symbol.isBlank()) {
            try {
                sym = Symbol.parse(symbol);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("symbol", e.getMessage()));
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be an integer 1-" + MAX_LIMIT + ", got '" + limit + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new JobsQuery(s, sym, n);
    }

    /** One page of matching jobs, newest first, and how many jobs match in all. */
    public record Page(List<JobProgress> jobs, int total) {
    }

    /** The matching jobs after skipping the {@code offset} newest, at most {@code limit} of them. */
    public Page page(Collection<JobProgress> jobs, int offset) {
        List<JobProgress> matching = jobs.stream().filter(this::matches).sorted(NEWEST_FIRST).toList();
        return new Page(matching.stream().skip(offset).limit(limit).toList(), matching.size());
    }

    /** Parses the {@code offset} query parameter: absent is 0; throws a 400 naming it when not a count. */
    public static int parseOffset(String offset) {
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(offset.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as a negative number is
        }
        throw new InvalidRequestException("offset", "must be a whole number 0 or more, got '" + offset + "'");
    }

    private boolean matches(JobProgress j) {
        return (status == null || j.status() == status) && (symbol == null || symbol.value().equals(j.symbol()));
    }

    private static final Comparator<JobProgress> NEWEST_FIRST =
            Comparator.comparing(JobProgress::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()));

    public List<JobProgress> apply(Collection<JobProgress> jobs) {
        return jobs.stream()
                .filter(j -> status == null || j.status() == status)
                .filter(j -> symbol == null || symbol.value().equals(j.symbol()))
                .sorted(Comparator.comparing(JobProgress::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(limit)
                .toList();
    }

    /** Throws a 400 naming {@code id} when it cannot be a job id at all. */
    public static String requireJobId(String id) {
        if (id == null || !JOB_ID.matcher(id).matches()) {
            throw new InvalidRequestException("id", "malformed job id '" + id
                    + "': expected SYMBOL-timeframe-12 hex digits, e.g. AAPL-15m-0123456789ab");
        }
        return id;
    }
}
