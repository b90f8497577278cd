package dev.barfill.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.simulator.RealisticMarket;
import dev.barfill.app.simulator.RealisticTraits;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.ExchangeCalendar;
import dev.barfill.core.calendar.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's realistic demo line, exactly as written, as its own process in an empty directory:
 * it ends with status 0, and the bars it stored are exactly as many as the realistic simulator has
 * for the demo's windows (AAPL, MSFT, NVDA 15m, the last 30 closed sessions at the shared clock).
 */
@Tag("date-sensitive")
@Timeout(420)
class RealisticDemoIT {
    private static final String DOCUMENTED = "./barfill demo --simulator-profile realistic";
    private static final Pattern STORED = Pattern.compile("(\\d+) bars stored in these windows");
    private static final Pattern SERVED = Pattern.compile("realistic simulator: (\\d+) bars served");

    @TempDir
    Path dir;

    /** The README line, without its trailing comment. */
    private static String documentedCommand() throws Exception {
        for (String line : Files.readAllLines(ChildJvm.ROOT.resolve("README.md"))) {
            if (line.startsWith(DOCUMENTED)) {
                return line.replaceAll("\\s+#.*$", "").trim();
            }
        }
        throw new AssertionError("README.md shows no line starting with " + DOCUMENTED);
    }

    /** What the realistic simulator has for the demo's default windows, computed here, not read from the demo. */
    private static long expectedBars() {
        RealisticMarket served = new RealisticMarket(CalendarRegistry.defaults(), RealisticTraits.defaults());
        long total = 0;
        for (String symbol : List.of("AAPL", "MSFT", "NVDA")) {
            ExchangeCalendar calendar = CalendarRegistry.defaults().forSymbol(Symbol.parse(symbol));
            java.time.LocalDate to = calendar.lastClosedDay(RecentSessions.clock().instant());
            for (Session s : calendar.sessions(calendar.startOfLastTradingDays(to, 30), to)) {
                total += served.keptBars(Symbol.parse(symbol), Timeframe.M15.length(), s.day()).size();
            }
        }
        return total;
    }

    private static long number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldRunTheDocumentedRealisticDemoAndStoreExactlyTheServedBars() throws Exception {
        List<String> args = new ArrayList<>(Arrays.asList(documentedCommand().split("\\s+")));
        assertThat(args.remove(0)).isEqualTo("./barfill");
        Path workDir = Files.createDirectories(dir.resolve("cwd"));
        try (ChildJvm demo = ChildJvm.start(dir.resolve("demo.log"), workDir, Map.of(), args.toArray(String[]::new))) {
            assertThat(demo.waitFor(360)).as(demo.output()).isZero();
            String output = demo.output();
            long expected = expectedBars();
            assertThat(expected).as("thin days and null rows leave bars out")
                    .isLessThan(3L * RecentSessions.last(30).bars(Timeframe.M15));
            assertThat(number(SERVED, output)).isEqualTo(expected);
            assertThat(number(STORED, output)).isEqualTo(expected);
            assertThat(output).contains("done: 3 jobs").contains("(0 answered 429)");
        }
    }
}
