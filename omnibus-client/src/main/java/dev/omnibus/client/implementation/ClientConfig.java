package dev.omnibus.client.implementation;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.TransportType;
import java.time.Clock;

/**
 * Everything a client needs to connect, resolved by the builder.
 *
 * @param host the namespace host (TLS server name, AMQP hostname, token audiences)
 * @param port the TCP port
 * @param tls whether to use TLS
 * @param transport AMQP or AMQP over WebSockets
 * @param tokens supplies {@code $cbs} tokens
 * @param retry retry and timeout options
 * @param traceFrames whether to log every AMQP frame
 * @param clientId the client's identifier: AMQP container id and link-name prefix
 * @param clock the clock for lock expiry checks and token lifetimes
 */
public record ClientConfig(String host, int port, boolean tls, TransportType transport, TokenProvider tokens,
                           RetryOptions retry, boolean traceFrames, String clientId, Clock clock) {

    /** The audience of an entity's tokens: {@code sb://host/path}. */
    public String audience(String entityPath) {
        return "sb://" + host + "/" + entityPath;
    }

    /** The endpoint for error messages. */
    public String endpoint() {
        return (tls ? "amqps://" : "amqp://") + host + ":" + port;
    }
}
