package dev.barfill.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A file shipped in the jar (the dashboard, the OpenAPI document), read once and served as is. */
final class ClasspathAsset {
    private final byte[] bytes;
    private final String contentType;

    ClasspathAsset(String resource, String contentType) {
        try (InputStream in = ClasspathAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " in the API jar");
            }
            this.bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        this.contentType = contentType;
    }

    void serve(Context ctx) {
        ctx.contentType(contentType).header("Cache-Control", "no-cache").result(bytes);
    }
}
