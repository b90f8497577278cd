package dev.barfill.app.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;

/**
 * Transactions a partition holds open that no transaction coordinator will ever finish, and their
 * abort: what {@code kafka-transactions.sh find-hanging} and {@code abort} do, for the embedded
 * broker, which dies with the process that runs it.
 *
 * <p>Why: after a SIGKILL of {@code barfill run}, the restarted broker was seen (CrashResumeIT, 3 of
 * 26 runs of a profile) with the planner's last transaction open on every partition it wrote (two
 * changelogs, {@code job-progress}, {@code __consumer_offsets}) while its coordinator knew no
 * transaction of that producer ({@code Empty}, two epochs on). Nothing ends such a transaction: the
 * partition's last stable offset stays before it, so the planner's restore (read committed, up to
 * the log end) never finishes and no read-committed reader sees anything after it. None of it was
 * committed (its offsets are among the open records), so aborting it everywhere is the outcome the
 * coordinator itself would have written. A transaction the coordinator still lists for a partition
 * (ongoing, or with markers still to write) is left to it.
 */
public final class HangingTransactions {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HangingTransactions.class);
    private HangingTransactions() {
    }

    /** A transaction open on one partition, as the partition's leader reports it. */
    public record OpenTransaction(String topic, int partition, long producerId, short producerEpoch,
                                  int coordinatorEpoch, long startOffset) {
        String partitionName() {
            return HangingTransactions.partitionName(topic, partition);
        }
    }

    private static String partitionName(String topic, int partition) {
        return topic + "-" + partition;
    }

    /**
     * The open transactions no coordinator will finish.
     *
     * @param coordinatorPartitions per producer id whose transactional id the coordinator knows, the
     *                              partitions it still lists for that producer's transaction (those of
     *                              an ongoing one, or those with markers still to write)
     */
    public static List<OpenTransaction> hanging(List<OpenTransaction> open, Map<Long, Set<String>> coordinatorPartitions) {
        return open.stream()
                .filter(t -> !coordinatorPartitions.getOrDefault(t.producerId(), Set.of()).contains(t.partitionName()))
                .toList();
    }

    /**
     * Finds the hanging transactions on every partition of the cluster and aborts them; returns what it
     * aborted. Run it once the broker has started: the coordinator's state is loaded by then (the
     * Admin calls wait while it loads), so a transaction it will still finish is among those it lists.
     */
    public static List<OpenTransaction> abortAll(Admin admin) throws InterruptedException, ExecutionException {
        List<OpenTransaction> open = open(admin);
        if (open.isEmpty()) {
            return List.of();
        }
        Set<Long> producerIds = new HashSet<>();
        open.forEach(t -> producerIds.add(t.producerId()));
        List<String> transactionalIds = admin.listTransactions(new ListTransactionsOptions()
                .filterProducerIds(producerIds)).all().get().stream().map(TransactionListing::transactionalId).toList();
        Map<Long, Set<String>> listed = new HashMap<>();
        if (!transactionalIds.isEmpty()) {
            for (TransactionDescription d : admin.describeTransactions(transactionalIds).all().get().values()) {
                Set<String> names = new HashSet<>();
                d.topicPartitions().forEach(tp -> names.add(partitionName(tp.topic(), tp.partition())));
                listed.put(d.producerId(), names);
            }
        }
        List<OpenTransaction> aborted = new ArrayList<>();
        for (OpenTransaction t : hanging(open, listed)) {
            try {
                admin.abortTransaction(new AbortTransactionSpec(new TopicPartition(t.topic(), t.partition()),
                        t.producerId(), t.producerEpoch(), t.coordinatorEpoch())).all().get();
                aborted.add(t);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InvalidProducerEpochException) {
                    // A newer epoch of the producer wrote to the partition since it was described: its
                    // coordinator ended the transaction after all, which is all this was for.
                    continue;
                }
                // One partition that cannot be aborted must not keep the others open.
                LOG.warn("could not abort the transaction left open on {}-{} from offset {} (producer {}, epoch {}): {}",
                        t.topic(), t.partition(), t.startOffset(), t.producerId(), t.producerEpoch(), e.getCause().toString());
            }
        }
        return aborted;
    }

    private static List<OpenTransaction> open(Admin admin) throws InterruptedException, ExecutionException {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(d ->
                d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        List<OpenTransaction> open = new ArrayList<>();
        admin.describeProducers(partitions).all().get().forEach((tp, description) -> {
            for (ProducerState p : description.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    open.add(new OpenTransaction(tp.topic(), tp.partition(), p.producerId(), (short) p.producerEpoch(),
                            p.coordinatorEpoch().orElse(0), p.currentTransactionStartOffset().getAsLong()));
                }
            }
        });
        return open;
    }
}
