package dev.barfill.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a request body as JSON; anything unreadable is a 400 naming {@code body}. */
final class JsonBody {
    private JsonBody() {
    }

    static <T> T read(Context ctx, ObjectMapper mapper, Class<T> type, String what) {
        try {
            return mapper.readValue(ctx.bodyAsBytes(), type);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not a valid JSON " + what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("body", "unreadable body");
        }
    }
}
