package dev.omnibus.server.amqp;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a {@code $management} operation produced: a status code and a body. The body is JDK values for
 * {@link AmqpSink#value} (a map with string keys), or a {@link Lazy} built on the connection's event loop, where
 * stored messages are re-encoded.
 */
record ManagementResult(int status, Object body) {
    static final int OK = 200;
    static final int NO_CONTENT = 204;

    /** A body whose encoding waits for the event loop. */
    interface Lazy extends Supplier<Object> {
    }

    static ManagementResult ok(Object body) {
        return new ManagementResult(OK, body);
    }

    /** Success with nothing to return (empty peek, no rules, no sessions): 204 and no body, as the SDKs expect. */
    static ManagementResult noContent() {
        return new ManagementResult(NO_CONTENT, null);
    }

    /** 200 with {@code body}, or 204 when {@code items} is empty. */
    static ManagementResult okUnlessEmpty(List<?> items, Object body) {
        return items.isEmpty() ? noContent() : ok(body);
    }

    /** The body to encode, built now if it was lazy. */
    Object encodedBody() {
        return body instanceof Lazy lazy ? lazy.get() : body;
    }

    String description() {
        return status == OK ? "OK" : "No Content";
    }
}
