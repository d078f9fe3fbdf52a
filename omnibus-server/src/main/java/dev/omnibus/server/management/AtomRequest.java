package dev.omnibus.server.management;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Namespace;
import dev.omnibus.server.http.HttpReply;
import dev.omnibus.server.http.HttpRequestView;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One authorized management request with what every resource needs: the namespace, the links to write, paging, and
 * the reply builders.
 *
 * @param now the time written into feeds' {@code updated}
 */
record AtomRequest(HttpRequestView view, Namespace namespace, AtomLinks links, Instant now) {
    /** The page size when a list request names none, as the service's. */
    static final int DEFAULT_TOP = 100;

    /** {@code If-Match} (the SDKs send {@code *}) turns a PUT from a create into an update. */
    boolean isUpdate() {
        return view.headers().containsKey("if-match");
    }

    int skip() {
        return paging("$skip", 0);
    }

    int top() {
        return paging("$top", DEFAULT_TOP);
    }

    private int paging(String name, int fallback) {
        List<String> values = view.query().get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(values.get(0).trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("The query parameter " + name + " must be a whole number of at least 0, "
                + "was '" + values.get(0) + "'.");
    }

    /** The entries of one page and the URL of the next page (null when this is the last). */
    <T> CompletableFuture<HttpReply> feed(String title, String path, List<T> all,
                                          Function<T, CompletableFuture<AtomEntry>> entry) {
        int skip = skip();
        int top = top();
        List<T> page = all.subList(Math.min(skip, all.size()), (int) Math.min((long) skip + top, all.size()));
        List<CompletableFuture<AtomEntry>> entries = page.stream().map(entry).toList();
        String next = (long) skip + top < all.size() ? links.feed(path, skip + top, top) : null;
        return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).thenApply(v -> reply(
                HttpResponseStatus.OK, AtomNs.FEED_CONTENT_TYPE, AtomWriter.feed(title, links.feed(path, skip, top),
                        next, now, entries.stream().map(CompletableFuture::join).toList())));
    }

    static HttpReply entry(HttpResponseStatus status, AtomEntry entry) {
        return reply(status, AtomNs.ENTRY_CONTENT_TYPE, AtomWriter.entry(entry));
    }

    /** What a delete answers: 200 without a body. */
    static HttpReply deleted() {
        return reply(HttpResponseStatus.OK, AtomNs.ENTRY_CONTENT_TYPE, new byte[0]);
    }

    private static HttpReply reply(HttpResponseStatus status, String contentType, byte[] body) {
        return new HttpReply(status, contentType, body, Map.of());
    }

    /** Runs a namespace call that may throw before it returns a future, as lookups of missing entities do. */
    static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Not found, worded as the broker words it: {@code 'namespace:Kind:path'}. */
    BrokerException notFound(String kind, String path) {
        return BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, namespace.name() + ":" + kind + ":" + path);
    }
}
