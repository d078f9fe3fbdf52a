package dev.omnibus.client.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP server on a random loopback port: it records every request and answers each with the next
 * scripted reply (or 404 when the script is empty). A reply may also never come ({@link #silent()}), to test that no
 * call hangs.
 */
final class FakeManagementServer implements AutoCloseable {
    /** One recorded request. */
    record Seen(String method, URI uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The raw path, as sent (still percent-encoded). */
        String path() {
            return uri.getRawPath();
        }
    }

    /** One scripted answer. */
    record Reply(int status, String body, boolean silent) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    FakeManagementServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-management");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    static Reply reply(int status, String body) {
        return new Reply(status, body, false);
    }

    static Reply silent() {
        return new Reply(0, null, true);
    }

    static String error(int code, String detail) {
        return "<Error><Code>" + code + "</Code><Detail>" + detail + "</Detail></Error>";
    }

    synchronized FakeManagementServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    FakeManagementServer then(int status, String body) {
        return then(reply(status, body));
    }

    List<Seen> requests() {
        return seen;
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply;
        synchronized (this) {
            reply = script.isEmpty() ? reply(404, error(404, "Nothing scripted")) : script.poll();
        }
        if (reply.silent()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
