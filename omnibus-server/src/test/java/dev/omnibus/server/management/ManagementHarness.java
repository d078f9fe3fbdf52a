package dev.omnibus.server.management;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.core.Broker;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import dev.omnibus.server.http.HttpReply;
import dev.omnibus.server.http.HttpRequestView;
import dev.omnibus.server.http.HttpRouter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The management routes over an in-memory broker on a manual clock, called without sockets: requests go straight
 * into the router, broker futures complete inline, so every reply is deterministic.
 */
final class ManagementHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final String KEY_NAME = "RootManageSharedAccessKey";
    static final String KEY = "SAS_KEY_VALUE";
    static final String HOST = "localhost:5300";

    final ManualTimeSource time = new ManualTimeSource(T0);
    final Broker broker = Broker.open(new InMemoryMessageStore(), time, Runnable::run);
    private final HttpRouter router = new HttpRouter(ManagementApi.routes(() -> broker, KEY_NAME, KEY, T0));

    /** A reply with its body as text. */
    record Reply(int status, String contentType, String body) {
    }

    Reply get(String uri) {
        return send(HttpMethod.GET, uri, null, Map.of());
    }

    Reply create(String uri, String body) {
        return send(HttpMethod.PUT, uri, body, Map.of());
    }

    Reply update(String uri, String body) {
        return send(HttpMethod.PUT, uri, body, Map.of("if-match", "*"));
    }

    Reply delete(String uri) {
        return send(HttpMethod.DELETE, uri, null, Map.of());
    }

    Reply send(HttpMethod method, String uri, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", HOST);
        headers.put("authorization", token());
        headers.putAll(extraHeaders);
        return sendRaw(method, uri, body, headers);
    }

    Reply sendRaw(HttpMethod method, String uri, String body, Map<String, String> headers) {
        QueryStringDecoder decoded = new QueryStringDecoder(uri);
        HttpRequestView view = new HttpRequestView(method, decoded.path(), decoded.parameters(), headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        HttpReply reply = router.dispatch(view).toCompletableFuture().join();
        return new Reply(reply.status().code(), reply.contentType(), reply.bodyText());
    }

    /** A token as the Java client signs it: audience {@code https://localhost}, valid for an hour. */
    String token() {
        return SasToken.create("https://localhost", KEY_NAME, KEY, Instant.ofEpochMilli(time.now())
                .plus(Duration.ofHours(1))).text();
    }

    static String fixture(String name) {
        try (InputStream in = ManagementHarness.class.getResourceAsStream("/management/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
