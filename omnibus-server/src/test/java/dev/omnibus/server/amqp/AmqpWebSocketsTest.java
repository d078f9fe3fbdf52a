package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmqpWebSocketsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/$servicebus/websocket/", "/$servicebus/websocket", "/$servicebus/websocket?x=1",
        "/%24servicebus/websocket/", "/$ServiceBus/WebSocket/", "https://localhost/$servicebus/websocket",
        "wss://ns.servicebus.windows.net:443/$servicebus/websocket/?iothub-no-client-cert=true"})
    void theEndpointInEveryFormClientsSend(String target) {
        assertThat(AmqpWebSockets.isEndpoint(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health", "/$servicebus", "/$servicebus/websocket/x", "/queue.1",
        "/x/$servicebus/websocket", "https://localhost", "https://localhost/queue.1"})
    void otherPathsAreLeftToTheHttpRoutes(String target) {
        assertThat(AmqpWebSockets.isEndpoint(target)).isFalse();
    }
}
