package dev.barfill.bench;

/**
 * Figures of one measured round of the planner benchmark.
 *
 * @param chunks          chunks planned
 * @param planSeconds     first request sent to the last chunk out
 * @param events          WRITTEN events sent, one per chunk
 * @param settleSeconds   first event sent to every job at 100%
 * @param progressRecords job-progress records out while settling
 * @param planCpuNanos    CPU of the planner's threads while planning
 * @param settleCpuNanos  CPU of the planner's threads while settling
 */
record PlannerRun(long chunks, double planSeconds, long events, double settleSeconds, long progressRecords,
                  long planCpuNanos, long settleCpuNanos) {

    double chunksPerSecond() {
        return chunks / planSeconds;
    }

    double eventsPerSecond() {
        return events / settleSeconds;
    }

    /** CPU microseconds per chunk planned. */
    double planCpuMicrosPerChunk() {
        return planCpuNanos / 1e3 / chunks;
    }

    /** CPU microseconds per event settled. */
    double settleCpuMicrosPerEvent() {
        return settleCpuNanos / 1e3 / events;
    }
}
