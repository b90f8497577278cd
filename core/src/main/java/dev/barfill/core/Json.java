package dev.barfill.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration: ISO-8601 dates and instants, nulls left out, unknown fields tolerated. */
public final class Json {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies barfill's settings to a mapper owned by someone else (for example Javalin's). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(IsoTimes.module())  // after the time module: its readers take precedence
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // A newer producer may add fields; old readers must keep working.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
