package dev.barfill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void shouldRoundTripTheSeriesKey() {
        Series s = Series.parseKey("BRK.B:1h");
        assertThat(s.symbol().value()).isEqualTo("BRK.B");
        assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(s.key()).isEqualTo("BRK.B:1h");
        assertThat(new ChunkKey(s, LocalDate.of(2026, 11, 2)).key()).isEqualTo("BRK.B:1h:2026-11-02");
    }

    @Test
    void shouldUpperCaseSymbolsFromPeople() {
        assertThat(Symbol.parse(" msft ").value()).isEqualTo("MSFT");
    }

    @Test
    void shouldRefuseMalformedSymbols() {
        assertThatThrownBy(() -> Symbol.parse("AAPL;DROP")).hasMessageContaining("malformed symbol");
        assertThatThrownBy(() -> Symbol.parse("")).hasMessageContaining("malformed symbol");
        assertThatThrownBy(() -> Symbol.parse("A".repeat(21))).hasMessageContaining("malformed symbol");
    }

    @Test
    void shouldListValidCodesForAnUnknownTimeframe() {
        assertThatThrownBy(() -> Timeframe.parse("2m")).hasMessage(
                "unknown timeframe '2m', expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w");
    }

    @Test
    void shouldRefuseAKeyWithoutTimeframe() {
        assertThatThrownBy(() -> Series.parseKey("AAPL")).hasMessageContaining("expected SYMBOL:timeframe");
    }
}
