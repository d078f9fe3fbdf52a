package dev.omnibus.server.amqp;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * AMQP over WebSockets, as Service Bus serves it: a {@code GET /$servicebus/websocket/} that upgrades to a WebSocket
 * with sub-protocol {@code AMQPWSB10}, after which binary frames carry the raw AMQP byte stream both ways (SASL
 * header, frames, everything). One WebSocket is one AMQP connection.
 *
 * <p>An HTTP listener takes part by running {@link #upgrader(Supplier)} on each new connection's pipeline after its
 * HTTP codec and before its dispatch: requests for that path are upgraded and handed to the AMQP listener
 * ({@link AmqpServer#webSocketAcceptor()}); every other request goes on to the HTTP routes.
 *
 * <pre>
 *  before: [tls] http-codec aggregator <b>upgrade</b> dispatch
 *  after:  [tls] ws-decoder ws-encoder ws-protocol ws-frames AmqpChannelHandler
 *                                      (ping, close)  (binary frame &lt;-&gt; bytes; holds channelActive until the handshake)
 * </pre>
 */
public final class AmqpWebSockets {
    /** The endpoint's path; requests with a trailing slash, a query or in absolute form name it too. */
    public static final String PATH = "/$servicebus/websocket";
    /** The WebSocket sub-protocol Service Bus clients ask for. */
    public static final String SUBPROTOCOL = "AMQPWSB10";

    private AmqpWebSockets() {
    }

    /**
     * The pipeline hook for an HTTP listener.
     *
     * @param acceptor supplies, at the time of each upgrade, where upgraded connections go; null while there is no
     *     AMQP listener (starting, stopping), and the upgrade is then refused with 503
     */
    public static Consumer<ChannelPipeline> upgrader(Supplier<Consumer<ChannelPipeline>> acceptor) {
        return pipeline -> pipeline.addLast(WebSocketUpgrade.NAME, new WebSocketUpgrade(acceptor));
    }

    /**
     * Whether a request target names the endpoint. Origin form ({@code /$servicebus/websocket/}, what most clients
     * send) and absolute form ({@code https://host/$servicebus/websocket}, what the Java SDK's WebSocket layer
     * sends) both do, with or without the trailing slash and a query; the comparison ignores case, as for entity
     * names.
     */
    static boolean isEndpoint(String requestTarget) {
        String target = requestTarget;
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.indexOf('/') > scheme) {
            int pathStart = target.indexOf('/', scheme + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        String path = new QueryStringDecoder(target).path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.equalsIgnoreCase(PATH);
    }
}
