package dev.barfill.api;

import dev.barfill.store.BarsReader;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.barfill.core.Bar;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Writes a bars answer incrementally: the header when the query has answered, one array element
 * per bar, the count at the end. The output stream is opened lazily so that a failed query can
 * still become a JSON error response.
 */
final class BarsJsonWriter implements BarsReader.BarSink {
    private final ObjectMapper mapper;
    /** Flushing after every bar would send one TCP packet per bar; Jetty's buffer flushes instead. */
    private final ObjectWriter barWriter;
    private final Supplier<OutputStream> out;
    private final String symbol;
    private final String timeframe;
    private final Instant from;
    private final Instant to;
    private JsonGenerator json;

    BarsJsonWriter(ObjectMapper mapper, Supplier<? extends OutputStream> out, String symbol, String timeframe,
                   Instant from, Instant to) {
        this.mapper = mapper;
        this.barWriter = mapper.writerFor(Bar.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.out = out::get;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.from = from;
        this.to = to;
    }

    @Override
    public void open() throws IOException {
        json = mapper.getFactory().createGenerator(out.get());
        json.writeStartObject();
        json.writeStringField("symbol", symbol);
        json.writeStringField("timeframe", timeframe);
        json.writeStringField("from", from.toString());
        json.writeStringField("to", to.toString());
        json.writeArrayFieldStart("bars");
    }

    @Override
    public void accept(Bar bar) throws IOException {
        barWriter.writeValue(json, bar);
    }

    /** Closes the array and the object with the number of bars written. */
    void finish(int count) {
        try {
            json.writeEndArray();
            json.writeNumberField("count", count);
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away while bars were streamed", e);
        }
    }
}
