package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.amqp.exception.AmqpErrorCondition;
import com.azure.core.amqp.exception.AmqpException;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusFailureReason;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.ServiceBusMessageState;
import com.azure.messaging.servicebus.models.SubQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session receivers of the official Java SDK: accepting a named or the next session, state, lock renewal. */
class SessionIT extends SdkTestSupport {

    private static ServiceBusMessage inSession(String body, String sessionId) {
        return new ServiceBusMessage(body).setSessionId(sessionId).setMessageId(body);
    }

    private static List<String> bodies(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(m -> m.getBody().toString()).toList();
    }

    @Test
    void acceptSessionReceivesThatSessionOnlyInOrder() {
        String q = sessionQueue();
        sender(q).sendMessages(List.of(inSession("a1", "a"), inSession("b1", "b"), inSession("a2", "a"),
                inSession("a3", "a")));

        ServiceBusReceiverClient a = closeLater(sessionReceiver(q).acceptSession("a"));

        assertThat(a.getSessionId()).isEqualTo("a");
        List<ServiceBusReceivedMessage> got = receive(a, 3);
        assertThat(bodies(got)).containsExactly("a1", "a2", "a3");
        assertThat(got).allSatisfy(m -> assertThat(m.getSessionId()).isEqualTo("a"));
        assertThat(got.get(0).getLockedUntil()).isAfter(OffsetDateTime.now());
        got.forEach(a::complete);
        assertThat(receiveFor(a, 1, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void acceptNextSessionTakesASessionThatHasMessages() {
        String q = sessionQueue();
        sender(q).sendMessage(inSession("only", "the-one"));

        ServiceBusReceiverClient next = closeLater(sessionReceiver(q).acceptNextSession());

        assertThat(next.getSessionId()).isEqualTo("the-one");
        ServiceBusReceivedMessage m = receiveOne(next);
        assertThat(m.getBody().toString()).isEqualTo("only");
        next.complete(m);
    }

    @Test
    void sessionStateIsSetReadAndCleared() {
        String q = sessionQueue();
        sender(q).sendMessage(inSession("m", "s"));
        ServiceBusReceiverClient s = closeLater(sessionReceiver(q).acceptSession("s"));

        assertThat(s.getSessionState()).isNull();
        s.setSessionState("step-2".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(s.getSessionState(), StandardCharsets.UTF_8)).isEqualTo("step-2");
        s.setSessionState(null);
        assertThat(s.getSessionState()).isNull();
    }

    @Test
    void renewSessionLockMovesTheLockForward() {
        String q = queue(b -> b.requiresSession(true).lockDuration(Duration.ofSeconds(10)));
        sender(q).sendMessage(inSession("m", "s"));
        ServiceBusReceiverClient s = closeLater(sessionReceiver(q).acceptSession("s"));
        OffsetDateTime before = receiveOne(s).getLockedUntil();

        OffsetDateTime renewed = s.renewSessionLock();

        assertThat(renewed).isAfterOrEqualTo(before);
        assertThat(renewed).isAfter(OffsetDateTime.now().plusSeconds(8));
    }

    @Test
    void peekAndDeferredMessagesStayWithinTheSession() {
        String q = sessionQueue();
        sender(q).sendMessages(List.of(inSession("a1", "a"), inSession("b1", "b"), inSession("a2", "a")));
        ServiceBusReceiverClient a = closeLater(sessionReceiver(q).acceptSession("a"));

        assertThat(bodies(a.peekMessages(10).stream().toList())).containsExactly("a1", "a2");
        ServiceBusReceivedMessage first = receiveOne(a);
        a.defer(first);
        ServiceBusReceivedMessage second = receiveOne(a);
        a.complete(second);
        ServiceBusReceivedMessage deferred = a.receiveDeferredMessage(first.getSequenceNumber());

        assertThat(deferred.getBody().toString()).isEqualTo("a1");
        assertThat(deferred.getState()).isEqualTo(ServiceBusMessageState.DEFERRED);
        a.complete(deferred);
        assertThat(bodies(a.peekMessages(10).stream().toList())).isEmpty();
    }

    @Test
    void aSessionHeldByOneReceiverCannotBeAcceptedByAnother() {
        String q = sessionQueue();
        sender(q).sendMessage(inSession("m", "s"));
        closeLater(sessionReceiver(q).acceptSession("s"));

        // The synchronous client passes the link error on as it is, not as a ServiceBusException.
        assertThatThrownBy(() -> sessionReceiver(q).acceptSession("s"))
                .isInstanceOfSatisfying(AmqpException.class, e -> assertThat(e.getErrorCondition())
                        .isEqualTo(AmqpErrorCondition.SESSION_CANNOT_BE_LOCKED));
    }

    @Test
    void acceptNextSessionWithNothingWaitingEndsWithTheSdksTimeout() {
        String q = sessionQueue();
        // The SDK asks the broker to wait its try timeout minus a second; keep that short.
        AmqpRetryOptions quick = new AmqpRetryOptions().setMode(AmqpRetryMode.FIXED).setMaxRetries(0)
                .setTryTimeout(Duration.ofSeconds(3));
        ServiceBusSessionReceiverClient receiver = closeLater(client().retryOptions(quick).sessionReceiver()
                .queueName(q).buildClient());

        long started = System.nanoTime();
        // The SDK turns the broker's detach (com.microsoft:timeout) into a TimeoutException, then an
        // IllegalStateException; the cause chain ends at the broker's condition.
        assertThatThrownBy(receiver::acceptNextSession).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("com.microsoft:timeout")
                .rootCause().isInstanceOfSatisfying(AmqpException.class, e -> assertThat(e.getErrorCondition())
                        .isEqualTo(AmqpErrorCondition.TIMEOUT_ERROR));
        // The broker waited as asked (try timeout 3 s minus the SDK's second) rather than failing at once.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1_500));
    }

    @Test
    void aSessionReceiverOnAQueueWithoutSessionsFails() {
        String q = queue();

        assertThatThrownBy(() -> sessionReceiver(q).acceptSession("s"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not require sessions");
    }

    @Test
    void aPlainReceiverOnASessionQueueFails() {
        String q = sessionQueue();
        sender(q).sendMessage(inSession("m", "s"));

        assertThatThrownBy(() -> receiver(q).receiveMessages(1, Duration.ofSeconds(5)).stream().toList())
                .cause().isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("requires sessions to create a non-sessionful message receiver");
    }

    @Test
    void aSessionSubscriptionIsAcceptedLikeAQueue() {
        String topic = topic();
        subscription(topic, "sessions", b -> b.requiresSession(true));
        ServiceBusSenderClient sender = topicSender(topic);
        sender.sendMessages(List.of(inSession("x1", "x"), inSession("y1", "y"), inSession("x2", "x")));

        ServiceBusReceiverClient x = closeLater(closeLater(client().sessionReceiver().topicName(topic)
                .subscriptionName("sessions").maxAutoLockRenewDuration(Duration.ZERO).buildClient())
                .acceptSession("x"));

        assertThat(bodies(receive(x, 2))).containsExactly("x1", "x2");
        assertThat(subscriptionReceiver(topic, "sessions", SubQueue.DEAD_LETTER_QUEUE).peekMessage()).isNull();
    }

    @Test
    void sendingWithoutASessionIdToASessionQueueFailsAndStoresNothing() {
        String q = sessionQueue();

        assertThatThrownBy(() -> sender(q).sendMessage(new ServiceBusMessage("no session")))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(ServiceBusFailureReason.GENERAL_ERROR);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("The SessionId was not set on a message, and it cannot be sent to the entity");
        assertThat(broker.namespace().queueRuntimeInfo(q).join().activeMessageCount()).isZero();
    }

    @Test
    void aMessageWithoutASessionIdIsDeadLetteredByASessionSubscription() {
        // A topic takes the message (other subscriptions may want it); the session subscription dead-letters its copy.
        String topic = topic("plain");
        subscription(topic, "sessions", b -> b.requiresSession(true));

        topicSender(topic).sendMessage(new ServiceBusMessage("no session"));

        ServiceBusReceivedMessage dead = receiveOne(subscriptionReceiver(topic, "sessions",
                SubQueue.DEAD_LETTER_QUEUE));
        assertThat(dead.getBody().toString()).isEqualTo("no session");
        assertThat(dead.getDeadLetterReason()).isEqualTo("Session ID is null.");
        assertThat(receiveOne(subscriptionReceiver(topic, "plain", SubQueue.NONE)).getBody().toString())
                .isEqualTo("no session");
    }

    @Test
    void aLostSessionLockFreesTheSessionAndSettlingFailsWithSessionLockLost() {
        String q = queue(b -> b.requiresSession(true).lockDuration(Duration.ofSeconds(5)));
        sender(q).sendMessages(List.of(inSession("m1", "s"), inSession("m2", "s")));
        ServiceBusReceiverClient first = closeLater(sessionReceiver(q).acceptSession("s"));
        ServiceBusReceivedMessage m1 = receiveOne(first);

        // Nobody renews: once the session lock ends, another receiver can take the session.
        ServiceBusReceiverClient second = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> closeLater(sessionReceiver(q).acceptSession("s")), r -> r != null);

        assertThatThrownBy(() -> first.complete(m1))
                .isInstanceOfSatisfying(ServiceBusException.class, e -> assertThat(e.getReason())
                        .isEqualTo(ServiceBusFailureReason.SESSION_LOCK_LOST));
        List<ServiceBusReceivedMessage> back = receive(second, 2);
        assertThat(bodies(back)).containsExactly("m1", "m2");
        assertThat(back.get(0).getDeliveryCount()).as("the lost attempt counts").isEqualTo(1);
        back.forEach(second::complete);
    }
}
