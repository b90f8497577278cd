package dev.barfill.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void shouldNotBeReadyBeforeTheFirstAssignmentWhateverTheGrace() {
        GroupMembership m = new GroupMembership();

        assertThat(m.ready(LONG)).isFalse();
        assertThat(m.describe()).startsWith("not yet assigned");
    }

    @Test
    void shouldBeReadyOnceAssignedEvenWithNoPartitions() {
        GroupMembership m = new GroupMembership();

        m.assigned(0);

        assertThat(m.ready(Duration.ZERO)).isTrue();
        assertThat(m.describe()).isEqualTo("0 partition(s) assigned");
    }

    @Test
    void shouldStayReadyWithinTheGraceAfterLeavingItsGroupAndNotBeyond() {
        GroupMembership m = new GroupMembership();
        m.assigned(3);

        m.left();

        assertThat(m.ready(LONG)).isTrue();
        assertThat(m.ready(Duration.ZERO)).isFalse();
        assertThat(m.describe()).startsWith("left its group");
    }
}
