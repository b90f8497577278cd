package dev.barfill.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link CoverageRequest} as it arrives from outside, over REST or produced onto
 * {@code coverage-requests} by any client, with strict JSON types: {@code "symbol": 123},
 * {@code "days": 5.5} or {@code "days": true} are refused naming the field, where Jackson's
 * binding would coerce them. The same reader serves the API and the planner, so both refuse a
 * record with the same words. Pure.
 */
public final class CoverageRequestJson {

    private CoverageRequestJson() {
    }

    /** @throws InvalidRequestException naming every field of the wrong type, or {@code body} */
    public static CoverageRequest read(byte[] body) {
        return fromTree(JsonFields.object(body, "coverage request"));
    }

    public static CoverageRequest fromTree(JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        String symbol = JsonFields.text(object, "symbol", "AAPL", errors);
        String timeframe = JsonFields.text(object, "timeframe", "15m", errors);
        CoverageRequest request = new CoverageRequest(symbol, timeframe,
                JsonFields.date(object, "from", errors), JsonFields.date(object, "to", errors),
                JsonFields.whole(object, "days", errors), JsonFields.whole(object, "priority", errors),
                JsonFields.text(object, "requestedBy", "chart-app", errors),
                JsonFields.instant(object, "requestedAt", errors), JsonFields.bool(object, "refresh", errors));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }
}
