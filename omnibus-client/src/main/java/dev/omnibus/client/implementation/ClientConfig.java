package dev.omnibus.client.implementation;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.TransportType;
import java.time.Clock;
import javax.net.ssl.SSLContext;

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
 * @param sslContext whose trust decides which servers are accepted over TLS; null for the JVM's default (its trust
 *     store, {@code javax.net.ssl.trustStore} if set), which is what Azure needs
 */
public record ClientConfig(String host, int port, boolean tls, TransportType transport, TokenProvider tokens,
                           RetryOptions retry, boolean traceFrames, String clientId, Clock clock,
                           SSLContext sslContext) {

    /** The WebSocket endpoint's path, as Service Bus serves it. */
    static final String WEBSOCKET_PATH = "/$servicebus/websocket/";

    /** The audience of an entity's tokens: {@code sb://host/path}. */
    public String audience(String entityPath) {
        return "sb://" + host + "/" + entityPath;
    }

    /** The endpoint for error messages: {@code amqps://host:port}, or the WebSocket URL. */
    public String endpoint() {
        if (transport == TransportType.AMQP_WEB_SOCKETS) {
            return (tls ? "wss://" : "ws://") + host + ":" + port + WEBSOCKET_PATH;
        }
        return (tls ? "amqps://" : "amqp://") + host + ":" + port;
    }
}
