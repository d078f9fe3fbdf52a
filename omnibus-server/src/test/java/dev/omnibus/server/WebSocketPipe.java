package dev.omnibus.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client as a pair of byte streams, so a raw AMQP client can run over it: received binary
 * messages are read in order, and what is written goes out as one binary message per flush. Reads wait at most five
 * seconds; the end of the WebSocket (a close or an error) is the end of the stream.
 */
final class WebSocketPipe implements WebSocket.Listener, AutoCloseable {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private WebSocket socket;

    private WebSocketPipe() {
    }

    /** Connects asking for the sub-protocols given. */
    static WebSocketPipe open(HttpClient client, URI uri, String... subprotocols) throws Exception {
        WebSocketPipe pipe = new WebSocketPipe();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        pipe.socket = builder.buildAsync(uri, pipe).get(10, TimeUnit.SECONDS);
        return pipe;
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.add(bytes);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        received.add(END);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        received.add(END);
    }

    InputStream in() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (position == current.length) {
                    if (current == END) {
                        return -1;
                    }
                    current = next();
                    position = 0;
                }
                int n = Math.min(len, current.length - position);
                System.arraycopy(current, position, b, off, n);
                position += n;
                return n;
            }

            private byte[] next() throws IOException {
                try {
                    byte[] next = received.poll(5, TimeUnit.SECONDS);
                    if (next == null) {
                        throw new SocketTimeoutException("Nothing arrived on the WebSocket within 5 s");
                    }
                    return next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        };
    }

    OutputStream out() {
        return new ByteArrayOutputStream() {
            @Override
            public void flush() {
                if (size() > 0) {
                    socket.sendBinary(ByteBuffer.wrap(toByteArray()), true).join();
                    reset();
                }
            }
        };
    }

    @Override
    public void close() {
        socket.abort();
    }
}
