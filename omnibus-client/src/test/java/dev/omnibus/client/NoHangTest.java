package dev.omnibus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.client.exceptions.OperationTimeoutException;
import dev.omnibus.client.models.ServiceBusMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A peer that accepts TCP and then says nothing: every blocking call still returns within its retry budget. */
@Timeout(30)
class NoHangTest {
    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private Thread acceptor;
    private ServiceBusClient client;

    @BeforeEach
    void startSilentPeer() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    accepted.add(silent.accept());
                }
            } catch (Exception closed) {
                // The test is over.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        client = new ServiceBusClientBuilder()
                .connectionString("Endpoint=sb://127.0.0.1:" + silent.getLocalPort()
                        + ";SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true")
                .retryOptions(RetryOptions.defaults().maxRetries(1).delay(Duration.ofMillis(100))
                        .tryTimeout(Duration.ofSeconds(1)))
                .buildClient();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void sendTimesOutInsteadOfHanging() {
        ServiceBusSender sender = client.getQueueSender("q");
        Instant start = Instant.now();

        assertThatThrownBy(() -> sender.sendMessages(new ServiceBusMessage("x")))
                .isInstanceOfSatisfying(OperationTimeoutException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(accepted).as("the client did connect").isNotEmpty();
    }

    @Test
    void receiveAndPeekTimeOutInsteadOfHanging() {
        ServiceBusReceiver receiver = client.getQueueReceiver("q");
        Instant start = Instant.now();

        assertThatThrownBy(() -> receiver.receiveMessages(1, Duration.ofMillis(200)))
                .isInstanceOf(OperationTimeoutException.class);
        assertThatThrownBy(() -> receiver.peekMessages(1)).isInstanceOf(OperationTimeoutException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void asyncFuturesFailWithTheTimeoutToo() {
        ServiceBusAsyncSender sender = client.getAsyncClient().getQueueSender("q");

        assertThat(sender.sendMessages(new ServiceBusMessage("x"))).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingCause().isInstanceOf(OperationTimeoutException.class);
    }
}
