package dev.barfill.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.Symbol;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarRegistryTest {
    private static final ExchangeCalendar XLON = new RegularHoursCalendar("XLON",
            ZoneId.of("Europe/London"), LocalTime.of(8, 0), LocalTime.of(16, 30));

    @ParameterizedTest(name = "{0} trades {1}")
    @CsvSource({"BTC-USD, 24x7", "ETH-USDT, 24x7", "SOL-USDC, 24x7", "BTC-EUR, 24x7",
            "ETH-BTC, 24x7", "1INCH-ETH, 24x7", "AAPL, XNYS", "BRK.B, XNYS", "^GSPC, XNYS",
            "EURUSD=X, XNYS", "BTC-GBP, XNYS", "BF-B, XNYS"})
    void shouldSendCryptoPairsTo24x7AndEverythingElseToXnysByDefault(String symbol, String id) {
        assertThat(CalendarRegistry.defaults().forSymbol(new Symbol(symbol)).id()).isEqualTo(id);
    }

    @Test
    void shouldLookUpCalendarsByIdIgnoringCase() {
        CalendarRegistry registry = CalendarRegistry.defaults();

        assertThat(registry.calendar("XNYS")).isInstanceOf(XnysCalendar.class);
        assertThat(registry.calendar("xnys")).isInstanceOf(XnysCalendar.class);
        assertThat(registry.calendar("24X7")).isInstanceOf(AlwaysOpenCalendar.class);
        assertThat(registry.findCalendar("XLON")).isEmpty();
        assertThat(registry.calendarIds()).containsExactly("XNYS", "24x7");
    }

    @Test
    void shouldListTheKnownIdsWhenAnIdIsUnknown() {
        assertThatThrownBy(() -> CalendarRegistry.defaults().calendar("NYSE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'NYSE'")
                .hasMessageContaining("XNYS, 24x7");
    }

    @Test
    void shouldBuildWithRegisteredCalendarsOverridesAndRules() {
        CalendarRegistry registry = CalendarRegistry.builder()
                .register(XLON)
                .rule(Pattern.compile("[A-Z0-9]+\\.L"), XLON)
                .symbol(new Symbol("SHEL"), XLON)
                .fallback(new AlwaysOpenCalendar())
                .build();

        assertThat(registry.forSymbol(new Symbol("VOD.L")).id()).isEqualTo("XLON");
        assertThat(registry.forSymbol(new Symbol("SHEL")).id()).isEqualTo("XLON");
        assertThat(registry.forSymbol(new Symbol("AAPL")).id()).isEqualTo("24x7");
        assertThat(registry.calendar("xlon")).isSameAs(XLON);
    }

    @Test
    void shouldTryAnAddedRuleBeforeTheExistingOnesAndKeepTheOriginalUnchanged() {
        CalendarRegistry defaults = CalendarRegistry.defaults();
        CalendarRegistry changed = defaults
                .withRule(Pattern.compile("BTC-.*"), XLON)
                .withSymbol(new Symbol("ETH-USD"), defaults.calendar("XNYS"));

        assertThat(changed.forSymbol(new Symbol("BTC-USD")).id()).isEqualTo("XLON");
        assertThat(changed.forSymbol(new Symbol("ETH-USD")).id()).isEqualTo("XNYS");
        assertThat(changed.forSymbol(new Symbol("SOL-USD")).id()).isEqualTo("24x7");
        assertThat(changed.calendar("XLON")).isSameAs(XLON);
        assertThat(defaults.forSymbol(new Symbol("BTC-USD")).id()).isEqualTo("24x7");
    }

    @Test
    void shouldDescribeItselfAsOverridesRulesAndFallback() {
        CalendarRegistry registry = CalendarRegistry.defaults().withSymbol(new Symbol("ETH-USD"),
                CalendarRegistry.defaults().calendar("XNYS"));
        assertThat(registry).hasToString("ETH-USD=XNYS," + CalendarRegistry.CRYPTO_PAIR.pattern() + "=24x7,*=XNYS");
    }
}
