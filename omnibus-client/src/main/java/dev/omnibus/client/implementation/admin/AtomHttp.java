package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.implementation.RetryPolicy;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import dev.omnibus.client.implementation.DaemonThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Sends management requests with the JDK's {@link HttpClient}: a fresh SAS token per try in the
 * {@code Authorization} header, a deadline per try, retries of transient failures (I/O errors, timeouts, 5xx, 429)
 * with back-off, and every failure status turned into the client's exceptions by {@link ServiceBusExceptions}.
 * Thread-safe; owns its threads (daemons) and stops them on {@link #close()}.
 */
final class AtomHttp implements AutoCloseable {
    /** Every request names the API version the official clients use. */
    private static final String API_VERSION = "api-version=" + AtomNs.API_VERSION;
    private static final String SUPPLEMENTARY = "ServiceBusSupplementaryAuthorization";
    private static final String DLQ_SUPPLEMENTARY = "ServiceBusDlqSupplementaryAuthorization";

    private final AdminConfig config;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final RetryPolicy retry;
    private volatile boolean closed;

    AtomHttp(AdminConfig config) {
        this.config = config;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("omnibus-admin"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("omnibus-admin-timer"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.retry().getTryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.retry = new RetryPolicy(config.retry(), scheduler, () -> closed);
    }

    /**
     * One request to send.
     *
     * @param method GET, PUT or DELETE
     * @param path the resource path, not encoded ({@code t/Subscriptions/s})
     * @param query extra query parameters (before {@code api-version}), not encoded
     * @param body the ATOM entry of a PUT, or null
     * @param update whether a PUT replaces an existing entity ({@code If-Match: *})
     * @param forwardTo the forwarding target's URL, for its supplementary token, or null
     * @param forwardDeadLetteredTo the dead-letter forwarding target's URL, or null
     * @param operation what is being done, for error messages
     */
    record Request(String method, String path, Map<String, String> query, byte[] body, boolean update,
                   String forwardTo, String forwardDeadLetteredTo, String operation) {

        static Request get(String path, Map<String, String> query, String operation) {
            return new Request("GET", path, query, null, false, null, null, operation);
        }

        static Request delete(String path, String operation) {
            return new Request("DELETE", path, Map.of(), null, false, null, null, operation);
        }

        static Request put(String path, byte[] body, boolean update, String operation) {
            return new Request("PUT", path, Map.of(), body, update, null, null, operation);
        }

        Request forwarding(String to, String deadLetteredTo) {
            return new Request(method, path, query, body, update, to, deadLetteredTo, operation);
        }
    }

    /** Sends with retries; completes with the body of a 2xx answer, or fails with a client exception. */
    CompletableFuture<byte[]> send(Request request) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The administration client is closed"));
        }
        return retry.run(request.operation(), () -> once(request));
    }

    private CompletableFuture<byte[]> once(Request r) {
        URI uri = uri(r.path(), r.query());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.retry().getTryTimeout())
                .header("Authorization", token(r.path()));
        if (r.body() != null) {
            builder.header("Content-Type", AtomNs.ENTRY_CONTENT_TYPE)
                    .method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        } else {
            builder.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (r.update()) {
            builder.header("If-Match", "*");
        }
        if (r.forwardTo() != null) {
            builder.header(SUPPLEMENTARY, tokenFor(r.forwardTo()));
        }
        if (r.forwardDeadLetteredTo() != null) {
            builder.header(DLQ_SUPPLEMENTARY, tokenFor(r.forwardDeadLetteredTo()));
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw ServiceBusExceptions.httpFailure(uri.toString(), failure, r.operation());
                    }
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return response.body();
                    }
                    throw ServiceBusExceptions.fromHttpStatus(status, AtomDocument.errorDetail(response.body()),
                            r.operation());
                });
    }

    /** The token for a request: its audience is the resource's https URL in the namespace. */
    private String token(String path) {
        return config.tokens().token("https://" + config.namespaceHost() + "/" + path).token();
    }

    private String tokenFor(String url) {
        return config.tokens().token(url).token();
    }

    URI uri(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(config.endpoint().toString());
        url.append(encodePath(path)).append('?');
        query.forEach((name, value) -> url.append(encodeQuery(name)).append('=').append(encodeQuery(value))
                .append('&'));
        url.append(API_VERSION);
        return URI.create(url.toString());
    }

    /** Percent-encodes each segment of a path, keeping the {@code /} between them. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || c == '/' || "!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String encodeQuery(String text) {
        return encodePath(text).replace("&", "%26").replace("=", "%3D").replace("+", "%2B");
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
    }

    /** The executor on which futures handed to users complete. */
    ExecutorService callbacks() {
        return executor;
    }

    /** The longest one operation (all tries and back-offs) can take: how long a blocking call may wait. */
    Duration maxOperationTime() {
        return retry.maxTotal(config.retry().getTryTimeout());
    }

    AdminConfig config() {
        return config;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
