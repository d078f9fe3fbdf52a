package dev.omnibus.client;

/** How the client's AMQP connection travels. */
public enum TransportType {
    /** AMQP over TCP: TLS on port 5671, or plain on 5672 when the connection string says UseDevelopmentEmulator. */
    AMQP,
    /**
     * AMQP over WebSockets ({@code wss://host:443/$servicebus/websocket/}, sub-protocol {@code AMQPWSB10}); for
     * networks that allow only HTTPS. Plain {@code ws://} in emulator mode.
     */
    AMQP_WEB_SOCKETS
}
