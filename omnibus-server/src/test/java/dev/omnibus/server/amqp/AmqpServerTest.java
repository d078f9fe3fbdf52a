package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener over real sockets, byte by byte, as the Java SDK drives it. */
class AmqpServerTest {
    private LiveServer live;

    @BeforeEach
    void start() {
        live = new LiveServer();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private RawAmqpClient raw() throws IOException {
        return RawAmqpClient.over(new Socket("127.0.0.1", live.port()));
    }

    @Test
    void pipelinedSaslInitIsAnsweredAndHeartbeatsFollowTheClientsIdleTimeout() throws Exception {
        try (RawAmqpClient client = raw()) {
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
        try (RawAmqpClient bad = raw(); RawAmqpClient good = raw()) {
            bad.handshake(0);
            good.handshake(0);

            bad.write(RawAmqpClient.amqpFrame(new byte[] {0x00, 0x53, 0x7f, 0x45}));

            assertThat(readsUntilClosed(bad)).isTrue();
            good.write(RawAmqpClient.amqpFrame(ProtonCodec.encode(new org.apache.qpid.protonj2.types.transport.Begin()
                    .setNextOutgoingId(0).setIncomingWindow(100).setOutgoingWindow(100))));
            assertThat(good.frame()).containsSequence(0x00, 0x53, 0x11);
        }
    }

    private static boolean readsUntilClosed(RawAmqpClient raw) throws IOException {
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
