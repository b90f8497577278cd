package dev.barfill.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/** A validated request: one series over local trading dates {@code from..to}, both inclusive. */
public record CoverageWindow(Series series, LocalDate from, LocalDate to) {

    public CoverageWindow {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /**
     * The job id: a digest of series and window, so the same request, sent twice or by two
     * clients at once, names one job. The readable prefix helps people scanning topics.
     */
    public String jobId() {
        String canonical = series.key() + "|" + from + "|" + to;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return jobIdPrefix(series) + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The start of the id of every job of {@code series}, so the jobs of a series are one key range. */
    public static String jobIdPrefix(Series series) {
        return series.symbol().value().replaceAll("[^A-Z0-9]", "_") + "-" + series.timeframe().code() + "-";
    }
}
