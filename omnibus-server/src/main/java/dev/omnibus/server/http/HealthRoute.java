package dev.omnibus.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} as the emulator answers it (its HealthCheckApiSchema): 200 with {@code "status":"healthy"}
 * once the server is ready, 503 before that and while it shuts down. Orchestrators and SDK test fixtures poll it.
 */
public final class HealthRoute {
    public static final String PATH = "/health";

    private HealthRoute() {
    }

    public static HttpRoute create(BooleanSupplier ready) {
        return HttpRoute.exact(HttpMethod.GET, PATH, request -> CompletableFuture.completedFuture(reply(ready)));
    }

    private static HttpReply reply(BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return HttpReply.json(HttpResponseStatus.OK, new HttpReply.StatusBody("healthy", "Service is healthy."));
        }
        return HttpReply.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                new HttpReply.StatusBody("unhealthy", "Service is not ready."));
    }
}
