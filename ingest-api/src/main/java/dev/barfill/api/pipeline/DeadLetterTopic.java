package dev.barfill.api.pipeline;

import java.util.List;

/**
 * A DLQ topic: how many records it holds and the newest few.
 *
 * @param records records between the earliest and the end offsets, all partitions
 * @param newest  the newest records, newest first
 */
public record DeadLetterTopic(String topic, String replaysTo, long records, List<DeadLetter> newest) {
}
