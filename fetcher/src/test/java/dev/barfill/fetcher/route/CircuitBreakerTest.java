package dev.barfill.fetcher.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final CircuitBreaker breaker = new CircuitBreaker("yahoo",
            new CircuitBreaker.Settings(3, Duration.ofMinutes(10)), clock);

    @Test
    void shouldTripAfterTheConfiguredNumberOfConsecutive429sForTheCoolDown() {
        breaker.rateLimited("yahoo answered HTTP 429");
        breaker.rateLimited("yahoo answered HTTP 429");
        assertThat(breaker.current()).isEmpty();

        breaker.rateLimited("yahoo answered HTTP 429");

        assertThat(breaker.current()).hasValueSatisfying(trip -> {
            assertThat(trip.provider()).isEqualTo("yahoo");
            assertThat(trip.until()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            assertThat(trip.reason()).contains("429 to 3 requests in a row").contains("yahoo answered HTTP 429");
            assertThat(trip.toString()).startsWith("yahoo tripped until 2026-11-30T15:10:00Z: ");
        });
    }

    @Test
    void shouldNotTripWhenASuccessfulAnswerComesBetweenThe429s() {
        breaker.rateLimited("429");
        breaker.rateLimited("429");
        breaker.succeeded();
        breaker.rateLimited("429");
        breaker.rateLimited("429");
        assertThat(breaker.current()).isEmpty();
    }

    @Test
    void shouldLetRequestsThroughAfterTheCoolDownAndTripAgainOnTheFirst429() {
        for (int i = 0; i < 3; i++) {
            breaker.rateLimited("429");
        }
        clock.set(T0.plus(Duration.ofMinutes(10)));
        assertThat(breaker.current()).as("cooled down").isEmpty();

        breaker.rateLimited("429 again");

        assertThat(breaker.current()).hasValueSatisfying(
                trip -> assertThat(trip.until()).isEqualTo(T0.plus(Duration.ofMinutes(20))));
    }

    @Test
    void shouldCloseForGoodOnASuccessAfterTheCoolDown() {
        for (int i = 0; i < 3; i++) {
            breaker.rateLimited("429");
        }
        clock.set(T0.plus(Duration.ofMinutes(11)));
        breaker.succeeded();
        breaker.rateLimited("429");
        assertThat(breaker.current()).isEmpty();
    }

    @Test
    void shouldKeepTheFirstTripsEndWhileMore429sArriveDuringIt() {
        for (int i = 0; i < 3; i++) {
            breaker.rateLimited("429");
        }
        clock.set(T0.plus(Duration.ofMinutes(5)));
        breaker.rateLimited("429 from a call already in flight");
        assertThat(breaker.current()).hasValueSatisfying(
                trip -> assertThat(trip.until()).isEqualTo(T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void shouldRefuseSettingsThatCannotWorkNamingTheSetting() {
        assertThatThrownBy(() -> new CircuitBreaker.Settings(0, Duration.ofMinutes(1)))
                .hasMessageContaining("fetcher.breaker-trip-after");
        assertThatThrownBy(() -> new CircuitBreaker.Settings(3, Duration.ZERO))
                .hasMessageContaining("fetcher.breaker-cool-down");
    }
}
