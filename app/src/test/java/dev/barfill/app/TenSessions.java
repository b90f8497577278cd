package dev.barfill.app;

import java.time.LocalDate;

/** The window of the failover tests: 2026-11-02 .. 2026-11-13, ten full XNYS sessions of 26 bars of 15m each. */
final class TenSessions {
    static final LocalDate FROM = LocalDate.of(2026, 11, 2);
    static final LocalDate TO = LocalDate.of(2026, 11, 13);
    static final int DAYS = 10;
    static final int BARS_PER_DAY = 26;

    private TenSessions() {
    }
}
