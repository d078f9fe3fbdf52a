package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.Broker;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.qpid.protonj2.types.transport.Open;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener over real sockets, byte by byte, as the Java SDK drives it. */
class AmqpServerTest {
    private static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
    /** sasl-init(mechanism=ANONYMOUS), exactly as the Java SDK pipelines it after the header. */
    private static final byte[] SASL_INIT_ANONYMOUS = HexFormat.of().parseHex(
            "0000001902010000005341c00c01a309414e4f4e594d4f5553");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SystemTimeSource time = new SystemTimeSource();
    private Broker broker;
    private AmqpServer server;

    @BeforeEach
    void start() {
        broker = Broker.open(new InMemoryMessageStore(), time, pool);
        server = AmqpServer.start(AmqpServerOptions.defaults(), broker);
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
        pool.shutdownNow();
        time.close();
    }

    /** A raw AMQP client over a socket. */
    private final class Raw implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;

        Raw() throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(5_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        byte[] read(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        /** One frame: {type, body...}. */
        byte[] frame() throws IOException {
            int size = in.readInt();
            byte[] rest = read(size - 4);
            int doff = rest[0] * 4;
            byte[] out = new byte[1 + size - doff];
            out[0] = rest[1];
            System.arraycopy(rest, doff - 4, out, 1, size - doff);
            return out;
        }

        void write(byte[]... parts) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                all.writeBytes(p);
            }
            out.write(all.toByteArray());
            out.flush();
        }

        /** SASL ANONYMOUS pipelined after the header, then the AMQP header and an open. */
        void handshake(long idleTimeoutMillis) throws IOException {
            write(SASL_HEADER, SASL_INIT_ANONYMOUS);
            assertThat(read(8)).isEqualTo(SASL_HEADER);
            byte[] mechanisms = frame();
            assertThat(mechanisms[0]).isEqualTo((byte) 1);
            String text = new String(mechanisms, StandardCharsets.US_ASCII);
            assertThat(text).contains("MSSBCBS").contains("ANONYMOUS").contains("PLAIN");
            byte[] outcome = frame();
            // sasl-outcome (descriptor 0x44) with code ok (ubyte 0).
            assertThat(outcome).containsSequence(0x00, 0x53, 0x44);
            assertThat(outcome).containsSequence(0x50, 0x00);

            write(AMQP_HEADER, amqpFrame(ProtonCodec.encode(
                    new Open().setContainerId("raw").setIdleTimeout(idleTimeoutMillis))));
            assertThat(read(8)).isEqualTo(AMQP_HEADER);
            byte[] open = frame();
            assertThat(open).containsSequence(0x00, 0x53, 0x10);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] amqpFrame(byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put((byte) 2).put((byte) 0)
                .putShort((short) 0).put(body).array();
    }

    @Test
    void pipelinedSaslInitIsAnsweredAndHeartbeatsFollowTheClientsIdleTimeout() throws Exception {
        try (Raw client = new Raw()) {
            client.handshake(1_000);

            // Half the client's idle timeout later an empty frame arrives.
            long started = System.nanoTime();
            int size = client.in.readInt();
            assertThat(size).isEqualTo(8);
            assertThat(client.read(4)).containsExactly(2, 0, 0, 0);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aMalformedFrameClosesOnlyThatConnection() throws Exception {
        try (Raw bad = new Raw(); Raw good = new Raw()) {
            bad.handshake(0);
            good.handshake(0);

            bad.write(amqpFrame(new byte[] {0x00, 0x53, 0x7f, 0x45}));

            assertThat(readsUntilClosed(bad)).isTrue();
            good.write(amqpFrame(ProtonCodec.encode(new org.apache.qpid.protonj2.types.transport.Begin()
                    .setNextOutgoingId(0).setIncomingWindow(100).setOutgoingWindow(100))));
            assertThat(good.frame()).containsSequence(0x00, 0x53, 0x11);
        }
    }

    private static boolean readsUntilClosed(Raw raw) throws IOException {
        try {
            while (true) {
                raw.frame();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
