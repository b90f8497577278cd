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
import org.junit.jupiter.params.provider.ValueSource;

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
    void shouldParseOverridesRulesAndFallback() {
        CalendarRegistry registry =
                CalendarRegistry.parse("BTC-USD=24x7,^[A-Z]+-USD$=24x7,*=XNYS");

        assertThat(registry.forSymbol(new Symbol("BTC-USD")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("DOGE-USD")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("ETH-USDT")).id()).isEqualTo("XNYS");
        assertThat(registry.forSymbol(new Symbol("AAPL")).id()).isEqualTo("XNYS");
    }

    @Test
    void shouldLetAnOverrideWinOverAnEarlierRuleAndTheFirstMatchingRuleWin() {
        CalendarRegistry registry = CalendarRegistry.parse(
                " .*-USD = xnys , [A-Z]+-USD=24x7, ETH-USD = 24x7, *=24x7 ");

        assertThat(registry.forSymbol(new Symbol("ETH-USD")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("BTC-USD")).id()).isEqualTo("XNYS");
        assertThat(registry.forSymbol(new Symbol("AAPL")).id()).isEqualTo("24x7");
    }

    @Test
    void shouldReadSymbolsContainingEqualsAndPatternsContainingCommas() {
        CalendarRegistry registry = CalendarRegistry.parse(
                "EURUSD=X=24x7,[A-Z]{2,4}-EUR=24x7,^GSPC=XNYS,btc-gbp=24x7");

        assertThat(registry.forSymbol(new Symbol("EURUSD=X")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("BTC-EUR")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("BTC-GBP")).id()).isEqualTo("24x7");
        assertThat(registry.forSymbol(new Symbol("^GSPC")).id()).isEqualTo("XNYS");
        assertThat(registry.forSymbol(new Symbol("BITCOIN-EUR")).id()).isEqualTo("XNYS");
    }

    @Test
    void shouldFallBackToXnysWhenTheSpecHasNoStar() {
        CalendarRegistry registry = CalendarRegistry.parse("BTC-USD=24x7");

        assertThat(registry.forSymbol(new Symbol("ETH-USD")).id()).isEqualTo("XNYS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BTC-USD", "AAPL=XNYS,BTC-USD", "BTC-USD=NYSE", "[A-Z=24x7",
            "*=XNYS,*=24x7", "AAPL=XNYS,aapl=24x7", "AAPL=XNYS,,*=24x7", "=XNYS", "AAPL="})
    void shouldRejectABadSpecNamingTheEntry(String spec) {
        assertThatThrownBy(() -> CalendarRegistry.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calendar spec entry");
    }

    @Test
    void shouldExplainEachKindOfMistake() {
        assertThatThrownBy(() -> CalendarRegistry.parse("AAPL=XNYS,BTC-USD"))
                .hasMessageContaining("entry 2 'BTC-USD' has no '='");
        assertThatThrownBy(() -> CalendarRegistry.parse("BTC-USD=NYSE"))
                .hasMessageContaining("entry 1 'BTC-USD=NYSE' names unknown calendar 'NYSE'")
                .hasMessageContaining("XNYS, 24x7");
        assertThatThrownBy(() -> CalendarRegistry.parse("[A-Z=24x7"))
                .hasMessageContaining("entry 1 '[A-Z=24x7' is neither a symbol nor a valid")
                .hasMessageContaining("pattern");
        assertThatThrownBy(() -> CalendarRegistry.parse("*=XNYS,*=24x7"))
                .hasMessageContaining("entry 2 '*=24x7' sets the fallback '*' a second time");
        assertThatThrownBy(() -> CalendarRegistry.parse("AAPL=XNYS,aapl=24x7"))
                .hasMessageContaining("entry 2 'aapl=24x7' maps symbol AAPL a second time");
        assertThatThrownBy(() -> CalendarRegistry.parse("AAPL=XNYS,,*=24x7"))
                .hasMessageContaining("entry 2 '' is empty");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   "})
    void shouldRejectAnEmptySpec(String spec) {
        assertThatThrownBy(() -> CalendarRegistry.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calendar spec is empty");
        assertThatThrownBy(() -> CalendarRegistry.parse(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBuildWithRegisteredCalendarsOverridesAndRules() {
        CalendarRegistry registry = CalendarRegistry.builder()
                .register(XLON)
                .spec("[A-Z0-9]+\\.L=XLON")
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
    void shouldDescribeItselfInTheSpecSyntax() {
        String spec = "ETH-USD=XNYS,^[A-Z]+-USD$=24x7,*=XNYS";

        assertThat(CalendarRegistry.parse(spec)).hasToString(spec);
        assertThat(CalendarRegistry.parse(CalendarRegistry.defaults().toString())
                .forSymbol(new Symbol("BTC-USD")).id()).isEqualTo("24x7");
    }
}
