package dev.barfill.fetcher.route;

/**
 * One fetcher instance's part of a provider's cluster-wide limit: {@code limit × assigned ÷ total}
 * partitions of {@code chunks}, rounded down so the parts never add up to more than the limit, and
 * never below 1 a minute (a token bucket needs a rate; an instance holding no partition fetches
 * nothing anyway). The retry tiers of an instance draw on the same bucket, so their requests count
 * against the same part.
 *
 * <p>The bucket that enforces a part of {@code share} a minute saves at most {@code burst} (a
 * second's worth) and refills at {@code share - 2 x burst} a minute: one second's worth leaves room
 * for an idle instance's saved burst, the other for the network's jitter (the provider counts
 * requests as they arrive, not as they were sent: a request sent just before a minute may arrive
 * inside it). So no sliding minute at the provider sees more than {@code share} requests. Pure.
 *
 * @param share     requests per minute this instance may send
 * @param refill    refill rate of its bucket, per minute
 * @param burst     what the bucket saves at most
 */
public record RateShare(int share, int refill, int burst) {

    /** The part of {@code limit} of an instance holding {@code assigned} of {@code total} partitions. */
    public static RateShare of(int limit, int assigned, int total) {
        int share = total <= 0 ? limit : (int) ((long) limit * Math.max(0, assigned) / total);
        return ofShare(Math.max(1, share));
    }

    /** The bucket shape for {@code share} requests per minute. */
    public static RateShare ofShare(int share) {
        int burst = Math.max(1, share / 60);
        return new RateShare(share, Math.max(1, share - 2 * burst), burst);
    }
}
