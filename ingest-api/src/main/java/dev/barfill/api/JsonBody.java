package dev.barfill.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.core.JsonFields;
import io.javalin.http.Context;

/**
 * Reads a request body as a JSON object; anything else is a 400 naming {@code body}. Its fields
 * are then read strictly ({@link JsonFields}), never by Jackson's lenient binding.
 */
final class JsonBody {
    private JsonBody() {
    }

    static JsonNode object(Context ctx, String what) {
        return JsonFields.object(ctx.bodyAsBytes(), what);
    }

    /**
     * Binds a small body (a schedule, a replay request) with Jackson; unreadable is a 400 naming
     * {@code body}. Coverage requests go through {@link #object} and strict fields instead.
     */
    static <T> T read(Context ctx, com.fasterxml.jackson.databind.ObjectMapper mapper, Class<T> type, String what) {
        try {
            return mapper.readValue(ctx.bodyAsBytes(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new dev.barfill.core.InvalidRequestException("body", "not a valid JSON " + what + ": "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new dev.barfill.core.InvalidRequestException("body", "unreadable body");
        }
    }
}
