package dev.barfill.fetcher.day;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.Symbol;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.calendar.Session;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanPlannerTest {
    private static final List<Session> SEPT_TO_NOV = CalendarRegistry.defaults().forSymbol(Symbol.parse("AAPL"))
            .sessions(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 27));

    @Test
    void shouldPutThirtyTradingDaysIntoOneSixtyDaySpan() {
        List<Session> last30 = SEPT_TO_NOV.subList(SEPT_TO_NOV.size() - 30, SEPT_TO_NOV.size());
        List<SpanPlanner.Span> spans = SpanPlanner.spans(reversed(last30), 60);
        assertThat(spans).singleElement().satisfies(s -> {
            assertThat(s.sessions()).hasSize(30);
            assertThat(s.first()).isEqualTo(last30.get(0));
            assertThat(s.last()).isEqualTo(last30.get(29));
        });
    }

    private static List<Session> reversed(List<Session> sessions) {
        List<Session> out = new java.util.ArrayList<>(sessions);
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void shouldSplitWhereTheSpanRunsOut() {
        List<SpanPlanner.Span> spans = SpanPlanner.spans(SEPT_TO_NOV, 7);
        assertThat(spans).allSatisfy(s ->
                assertThat(s.last().day()).isBefore(s.first().day().plusDays(7)));
        assertThat(spans.stream().mapToInt(s -> s.sessions().size()).sum()).isEqualTo(SEPT_TO_NOV.size());
        assertThat(spans.size()).isBetween(12, 14);
    }
}
