package dev.omnibus.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the route for a request: the first whose path and method match. A path some route knows, asked with
 * another method, is a 405 listing the allowed methods; any other path is a 404. Both answer in JSON.
 */
public final class HttpRouter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private final List<HttpRoute> routes;

    public HttpRouter(List<HttpRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public CompletionStage<HttpReply> dispatch(HttpRequestView request) {
        List<HttpRoute> onPath = routes.stream().filter(r -> r.matches(request.path())).toList();
        if (onPath.isEmpty()) {
            return CompletableFuture.completedFuture(HttpReply.error(HttpResponseStatus.NOT_FOUND,
                    "No resource at " + request.path() + "."));
        }
        for (HttpRoute route : onPath) {
            if (route.method().equals(request.method())) {
                return invoke(route, request);
            }
        }
        String allowed = onPath.stream().map(r -> r.method().name()).distinct().collect(Collectors.joining(", "));
        return CompletableFuture.completedFuture(HttpReply.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                request.method() + " is not allowed on " + request.path() + "; use " + allowed + ".")
                .withHeader(HttpHeaderNames.ALLOW.toString(), allowed));
    }

    /** A route that throws or fails answers 500 with a generic message; the details go to the log only. */
    private static CompletionStage<HttpReply> invoke(HttpRoute route, HttpRequestView request) {
        CompletionStage<HttpReply> reply;
        try {
            reply = route.handler().handle(request);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(e -> {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return HttpReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "The request failed on the server.");
        });
    }
}
