package dev.barfill.sink.write;

import dev.barfill.core.Bar;
import dev.barfill.core.DayBars;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Encodes bars in PostgreSQL's binary {@code COPY} format for the nine columns
 * {@code (symbol, timeframe, ts, open, high, low, close, volume, provider)}. Binary spares both
 * sides the text formatting and parsing of doubles and timestamps, which dominate a text COPY.
 */
public final class BinaryCopyEncoder {
    /** The column list every COPY of bars uses, in the encoded order. */
    public static final String COLUMNS = "(symbol, timeframe, ts, open, high, low, close, volume, provider)";
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final short FIELDS = 9;

    private final Buffer out = new Buffer(1 << 16);

    public BinaryCopyEncoder() {
        out.write(HEADER, 0, HEADER.length);
    }

    /** Appends every bar of {@code day}. */
    public void add(DayBars day) {
        byte[] symbol = day.symbol().getBytes(StandardCharsets.UTF_8);
        byte[] timeframe = day.timeframe().code().getBytes(StandardCharsets.UTF_8);
        byte[] provider = day.provider().getBytes(StandardCharsets.UTF_8);
        for (Bar bar : day.bars()) {
            out.int16(FIELDS);
            out.bytes(symbol);
            out.bytes(timeframe);
            out.int32(8);
            out.int64(micros(bar.ts()));
            out.float8(bar.open());
            out.float8(bar.high());
            out.float8(bar.low());
            out.float8(bar.close());
            out.int32(8);
            out.int64(bar.volume());
            out.bytes(provider);
        }
    }

    /** Bytes encoded and not yet taken by {@link #drainTo}. */
    public int size() {
        return out.size();
    }

    /** Hands the bytes encoded so far to {@code sink} and forgets them, so a long stream needs little memory. */
    public <E extends Exception> void drainTo(Sink<E> sink) throws E {
        sink.write(out.array(), out.size());
        out.reset();
    }

    /** Where {@link #drainTo} sends bytes. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void write(byte[] data, int length) throws E;
    }

    /** The finished stream, trailer included; the encoder must not be used afterwards. */
    public Buffer finish() {
        out.int16((short) -1);
        return out;
    }

    static long micros(Instant ts) {
        return (ts.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + ts.getNano() / 1_000;
    }

    /** A growable byte array that exposes its internal array for a copy-free hand-over. */
    public static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        public byte[] array() {
            return buf;
        }

        void int16(short v) {
            ensure(2);
            buf[count++] = (byte) (v >>> 8);
            buf[count++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            buf[count++] = (byte) (v >>> 24);
            buf[count++] = (byte) (v >>> 16);
            buf[count++] = (byte) (v >>> 8);
            buf[count++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void float8(double v) {
            int32(8);
            int64(Double.doubleToLongBits(v));
        }

        void bytes(byte[] b) {
            int32(b.length);
            write(b, 0, b.length);
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }
}
