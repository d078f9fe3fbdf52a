package dev.omnibus.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Binds the AMQP port without speaking AMQP, so composition tests see real ports and real bind failures without
 * depending on the AMQP listener.
 */
final class StandInAmqp implements Listener {
    private final ServerSocket socket;

    private StandInAmqp(ServerSocket socket) {
        this.socket = socket;
    }

    static AmqpListenerFactory factory() {
        return (options, broker) -> new StandInAmqp(
                new ServerSocket(options.amqpPort(), 50, InetAddress.getByName(options.host())));
    }

    @Override
    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
