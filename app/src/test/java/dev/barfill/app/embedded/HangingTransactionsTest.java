package dev.barfill.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.embedded.HangingTransactions.OpenTransaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
    private static OpenTransaction open(String topic, int partition, long producerId) {
        return new OpenTransaction(topic, partition, producerId, (short) 10, 0, 25);
    }

    @Test
    void shouldCallHangingWhatNoCoordinatorListsAndLeaveWhatItWillFinish() {
        OpenTransaction changelog = open("barfill-planner-jobs-changelog", 1, 3);
        OpenTransaction progress = open("barfill.job-progress", 1, 3);
        OpenTransaction offsets = open("__consumer_offsets", 5, 3);
        OpenTransaction other = open("barfill.chunks", 0, 7);
        OpenTransaction unknown = open("barfill.bars", 2, 9);

        // Producer 3's coordinator lists no partition (Empty); producer 7's is still writing its markers
        // to barfill.chunks-0; producer 9 has no transactional id the coordinator knows.
        List<OpenTransaction> hanging = HangingTransactions.hanging(List.of(changelog, progress, offsets, other, unknown),
                Map.of(3L, Set.of(), 7L, Set.of("barfill.chunks-0")));

        assertThat(hanging).containsExactly(changelog, progress, offsets, unknown);
    }

    @Test
    void shouldLeaveAPartitionOfAnOngoingTransactionToItsCoordinator() {
        OpenTransaction chunks = open("barfill.chunks", 2, 7);
        assertThat(HangingTransactions.hanging(List.of(chunks), Map.of(7L, Set.of("barfill.chunks-2")))).isEmpty();
    }
}
