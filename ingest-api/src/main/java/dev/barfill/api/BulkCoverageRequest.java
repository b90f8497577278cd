package dev.barfill.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barfill.core.CoverageRequest;
import dev.barfill.core.CoverageRequestJson;
import dev.barfill.core.FieldError;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.JsonFields;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/coverage/bulk}: many symbols, one timeframe and one window ({@code days} or
 * {@code from}/{@code to}, as for a single request).
 *
 * @param refresh true to fetch every trading day of the window again for every symbol, settled or
 *                not, as {@link CoverageRequest#refresh()}; null or false plans only the days not covered
 */
public record BulkCoverageRequest(List<String> symbols, String timeframe, LocalDate from, LocalDate to,
                                  Integer days, Integer priority, String requestedBy, Boolean refresh) {

    /** A request that asks for no refresh. */
    public BulkCoverageRequest(List<String> symbols, String timeframe, LocalDate from, LocalDate to,
                               Integer days, Integer priority, String requestedBy) {
        this(symbols, timeframe, from, to, days, priority, requestedBy, null);
    }

    /**
     * Reads a bulk request with strict JSON types: {@code symbols} a list of strings (an entry that
     * is no string, {@code null} included, is refused as {@code symbols[i]}), the shared fields
     * as in {@link CoverageRequestJson} ({@code refresh} true or false).
     *
     * @throws InvalidRequestException naming every field of the wrong type
     */
    static BulkCoverageRequest fromTree(JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        List<String> symbols = null;
        JsonNode list = object.get("symbols");
        if (!JsonFields.absent(list) && !list.isArray()) {
            errors.add(new FieldError("symbols", "must be a list of strings such as [\"AAPL\", \"MSFT\"], got "
                    + JsonFields.describe(list)));
        } else if (list != null && list.isArray()) {
            symbols = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                if (entry.isTextual()) {
                    symbols.add(entry.textValue());
                } else {
                    errors.add(new FieldError("symbols[" + i + "]", "must be a string such as \"AAPL\", got "
                            + JsonFields.describe(entry)));
                }
            }
        }
        CoverageRequest shared = null;
        try {
            // A stray "symbol" is no field of a bulk request: not read, so not refused either.
            ObjectNode sharedFields = ((ObjectNode) object).deepCopy();
            sharedFields.remove("symbol");
            shared = CoverageRequestJson.fromTree(sharedFields);
        } catch (InvalidRequestException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new BulkCoverageRequest(symbols, shared.timeframe(), shared.from(), shared.to(), shared.days(),
                shared.priority(), shared.requestedBy(), shared.refresh());
    }

    /** The single request this bulk request makes for one symbol. */
    CoverageRequest forSymbol(String symbol) {
        return new CoverageRequest(symbol, timeframe, from, to, days, priority, requestedBy, null, refresh);
    }
}
