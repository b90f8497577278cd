package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.JobStatus;
import org.junit.jupiter.api.Test;

class JobsQueryTest {

    @Test
    void shouldDefaultToEveryJobUpToOneHundred() {
        assertThat(JobsQuery.parse(null, null, null)).isEqualTo(new JobsQuery(null, null, JobsQuery.DEFAULT_LIMIT));
    }

    @Test
    void shouldAcceptStatusInAnyCase() {
        assertThat(JobsQuery.parse("running", " aapl ", "5").status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void shouldNameEveryBadParameterAtOnce() {
        assertThatThrownBy(() -> JobsQuery.parse("later", "A B", "0"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("status", "symbol", "limit"));
    }

    @Test
    void shouldAcceptOnlyJobIdsOfTheShapeThePlannerMakes() {
        assertThat(JobsQuery.requireJobId("BRK_B-15m-0123456789ab")).isEqualTo("BRK_B-15m-0123456789ab");
        assertThatThrownBy(() -> JobsQuery.requireJobId("AAPL-15m-0123")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> JobsQuery.requireJobId("../etc")).isInstanceOf(InvalidRequestException.class);
    }
}
