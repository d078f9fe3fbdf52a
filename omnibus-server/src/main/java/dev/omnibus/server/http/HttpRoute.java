package dev.omnibus.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * One method on a set of paths. Routes answer with a stage because management operations (a later route family)
 * complete when the broker has made a change durable; nothing may block the event loop meanwhile.
 */
public record HttpRoute(HttpMethod method, Predicate<String> paths, Handler handler) {

    /** Answers a request this route matched. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<HttpReply> handle(HttpRequestView request);
    }

    /** A route for exactly one path. */
    public static HttpRoute exact(HttpMethod method, String path, Handler handler) {
        return new HttpRoute(method, path::equals, handler);
    }

    public boolean matches(String path) {
        return paths.test(path);
    }
}
