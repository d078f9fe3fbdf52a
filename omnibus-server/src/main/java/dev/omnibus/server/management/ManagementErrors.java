package dev.omnibus.server.management;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.server.http.HttpReply;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures as the service reports them: the catalogue's HTTP status and
 * {@code <Error><Code>404</Code><Detail>...</Detail></Error>}, which the Java client maps by {@code Code} and the JS
 * client by status, reading {@code Detail} as the message. Every management error goes through here.
 */
final class ManagementErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementErrors.class);

    private ManagementErrors() {
    }

    static HttpReply reply(ServiceBusError error, String detail) {
        XmlOut out = new XmlOut();
        out.open("Error").element("Code", error.httpStatus()).element("Detail", detail).close();
        return new HttpReply(HttpResponseStatus.valueOf(error.httpStatus()), AtomNs.ERROR_CONTENT_TYPE,
                out.toBytes(), Map.of());
    }

    /** The reply for a failed operation: catalogue errors as they are, invalid input as a 400, anything else 500. */
    static HttpReply reply(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BrokerException be) {
            return reply(be.error(), be.getMessage());
        }
        if (cause instanceof IllegalArgumentException invalid) {
            // Malformed XML, values out of range, and FilterParseException (an invalid SQL filter or action).
            return reply(ServiceBusError.ARGUMENT_ERROR, invalid.getMessage());
        }
        LOG.error("Management request failed", cause);
        return reply(ServiceBusError.INTERNAL_ERROR, ServiceBusError.INTERNAL_ERROR.describe(cause.toString()));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
