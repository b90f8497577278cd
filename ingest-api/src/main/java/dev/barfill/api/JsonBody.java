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
}
