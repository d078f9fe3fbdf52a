package dev.omnibus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class HttpListenerTest {
    private final AtomicBoolean ready = new AtomicBoolean();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpListener listener;

    @BeforeEach
    void start() {
        HttpRoute failing = HttpRoute.exact(HttpMethod.GET, "/boom",
                request -> CompletableFuture.failedFuture(new IllegalStateException("secret detail")));
        HttpRoute echo = HttpRoute.exact(HttpMethod.PUT, "/echo", request -> CompletableFuture.supplyAsync(
                () -> new HttpReply(HttpResponseStatus.CREATED, "text/plain", request.body(), java.util.Map.of())));
        listener = HttpListener.start("127.0.0.1", 0, new HttpRouter(List.of(HealthRoute.create(ready::get),
                failing, echo)));
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void healthIs503UntilReadyThen200() throws Exception {
        HttpResponse<String> before = get("/health");
        ready.set(true);
        HttpResponse<String> after = get("/health");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("{\"status\":\"unhealthy\",\"message\":\"Service is not ready.\"}");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("{\"status\":\"healthy\",\"message\":\"Service is healthy.\"}");
        assertThat(after.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        HttpResponse<String> response = get("/nope?x=1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"status\":404,\"message\":\"No resource at /nope.\"}");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(request("/health")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET");
        assertThat(response.body()).contains("\"status\":405", "POST is not allowed on /health; use GET.");
    }

    @Test
    void aFailingRouteIs500WithoutDetails() throws Exception {
        HttpResponse<String> response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret detail");
    }

    @Test
    void asynchronousRoutesGetTheBodyAndAnswerLater() throws Exception {
        HttpResponse<String> response = client.send(request("/echo")
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("hello");
    }

    @Test
    void keepsTheConnectionForManyRequests() throws Exception {
        ready.set(true);
        for (int i = 0; i < 20; i++) {
            assertThat(get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportsTheRealPortWhenStartedOnZero() {
        assertThat(listener.port()).isPositive();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
                .timeout(Duration.ofSeconds(5));
    }
}
