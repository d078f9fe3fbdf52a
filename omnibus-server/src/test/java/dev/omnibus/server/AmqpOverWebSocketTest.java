package dev.omnibus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.server.amqp.RawAmqpClient;
import dev.omnibus.server.tls.TrustingClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMQP over WebSockets: {@code wss://} on the HTTPS port and {@code ws://} on the AMQP port, sub-protocol
 * {@code AMQPWSB10}, binary frames carrying the AMQP bytes. Each test runs the SASL and AMQP handshakes over the
 * WebSocket, as the SDKs do.
 */
@Timeout(30)
class AmqpOverWebSocketTest {
    private static final String SDK_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** RFC 6455's accept value for {@link #SDK_KEY}. */
    private static final String SDK_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @Test
    void wssOnTheHttpsPortCarriesAnAmqpConnectionUntilTheServerStops(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("omnibus.pem");
        ServerOptions options = ServerOptions.ephemeral().withTls(TlsOptions.https(0).withExport(pem));
        OmnibusServer server = OmnibusServer.start(options, AmqpListenerFactory.standard());
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(TrustingClient.trusting(pem)).build();
            URI uri = URI.create("wss://localhost:" + server.httpsPort() + "/$servicebus/websocket/");

            WebSocketPipe pipe = WebSocketPipe.open(client, uri, "AMQPWSB10");
            RawAmqpClient amqp = new RawAmqpClient(pipe.in(), pipe.out(), pipe::close);
            amqp.handshake(0);

            assertThat(pipe.subprotocol()).isEqualTo("AMQPWSB10");
            server.close();
            assertThat(pipe.in().read()).as("the WebSocket ends with the server").isEqualTo(-1);
        } finally {
            server.close();
        }
    }

    @Test
    void wsOnTheAmqpPortCarriesAnAmqpConnection() throws Exception {
        try (OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral(), AmqpListenerFactory.standard())) {
            URI uri = URI.create("ws://127.0.0.1:" + server.amqpPort() + "/$servicebus/websocket");

            try (WebSocketPipe pipe = WebSocketPipe.open(HttpClient.newHttpClient(), uri, "AMQPWSB10")) {
                new RawAmqpClient(pipe.in(), pipe.out(), pipe::close).handshake(0);
                assertThat(pipe.subprotocol()).isEqualTo("AMQPWSB10");
            }
        }
    }

    /**
     * The Java SDK's WebSocket layer (qpid-proton-j-extensions) sends its upgrade in absolute form, without the
     * trailing slash, then masked binary frames.
     */
    @Test
    void theJavaSdksUpgradeRequestIsAcceptedAndFramesCarryTheAmqpHeader() throws Exception {
        try (OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral(), AmqpListenerFactory.standard());
             Socket socket = new Socket("127.0.0.1", server.amqpPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET https://localhost/$servicebus/websocket HTTP/1.1\r\n"
                    + "Connection: Upgrade,Keep-Alive\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + SDK_KEY + "\r\nSec-WebSocket-Protocol: AMQPWSB10\r\n"
                    + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            String response = readHead(in).toLowerCase(Locale.ROOT);
            assertThat(response).startsWith("http/1.1 101 switching protocols")
                    .contains("upgrade: websocket", "sec-websocket-protocol: amqpwsb10",
                            "sec-websocket-accept: " + SDK_ACCEPT.toLowerCase(Locale.ROOT));

            out.write(maskedBinaryFrame(RawAmqpClient.SASL_HEADER));
            out.flush();
            assertThat(in.readUnsignedByte()).as("FIN + binary").isEqualTo(0x82);
            // Unmasked, and the stream starts with the SASL header; the server may put more AMQP bytes (its SASL
            // mechanisms) in the same frame, since it writes each burst of output at once.
            int length = in.readUnsignedByte();
            assertThat(length).as("unmasked, at least the 8 header bytes").isBetween(8, 125);
            byte[] frame = new byte[length];
            in.readFully(frame);
            assertThat(java.util.Arrays.copyOf(frame, 8)).isEqualTo(RawAmqpClient.SASL_HEADER);
        }
    }

    @Test
    void aPlainGetOnTheEndpointIsABadRequest() throws Exception {
        try (OmnibusServer server = OmnibusServer.start(ServerOptions.ephemeral(), AmqpListenerFactory.standard())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.amqpPort() + "/$servicebus/websocket/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void upgradesAreRefusedWhenThereIsNoAmqpListener(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("omnibus.pem");
        ServerOptions options = ServerOptions.ephemeral().withTls(TlsOptions.https(0).withExport(pem));
        try (OmnibusServer server = OmnibusServer.start(options, AmqpListenerFactory.none())) {
            HttpClient client = HttpClient.newBuilder().sslContext(TrustingClient.trusting(pem)).build();
            URI uri = URI.create("wss://localhost:" + server.httpsPort() + "/$servicebus/websocket/");

            assertThatThrownBy(() -> WebSocketPipe.open(client, uri, "AMQPWSB10"))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(503));
        }
    }

    /** The response head, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A client frame (clients must mask) with a payload under 126 bytes. */
    private static byte[] maskedBinaryFrame(byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x82;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
