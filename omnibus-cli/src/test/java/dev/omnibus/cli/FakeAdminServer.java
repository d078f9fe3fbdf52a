package dev.omnibus.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A scripted management API on a random loopback port: records requests, answers from a script. */
final class FakeAdminServer implements AutoCloseable {
    /** One recorded request. */
    record Seen(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Deque<int[]> statuses = new ArrayDeque<>();
    private final Deque<String> bodies = new ArrayDeque<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeAdminServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-admin");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized FakeAdminServer then(int status, String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
        return this;
    }

    static String queueEntry(String name) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">" + name + "</title>"
                + "<content type=\"application/xml\"><QueueDescription "
                + "xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\">"
                + "<LockDuration>PT30S</LockDuration><MaxDeliveryCount>3</MaxDeliveryCount>"
                + "<MessageCount>7</MessageCount><Status>Active</Status>"
                + "<CountDetails xmlns:d2p1=\"http://schemas.microsoft.com/netservices/2011/06/servicebus\">"
                + "<d2p1:ActiveMessageCount>5</d2p1:ActiveMessageCount>"
                + "<d2p1:DeadLetterMessageCount>2</d2p1:DeadLetterMessageCount></CountDetails>"
                + "</QueueDescription></content></entry>";
    }

    static String feed(String... entries) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">Queues</title>"
                + String.join("", entries).replace(" xmlns=\"http://www.w3.org/2005/Atom\"", "") + "</feed>";
    }

    static String error(int code, String detail) {
        return "<Error><Code>" + code + "</Code><Detail>" + detail + "</Detail></Error>";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        int status;
        String reply;
        synchronized (this) {
            status = statuses.isEmpty() ? 404 : statuses.poll()[0];
            reply = bodies.isEmpty() ? error(404, "Nothing scripted") : bodies.poll();
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
