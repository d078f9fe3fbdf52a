package dev.omnibus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.omnibus.amqp.ServiceBusError;
import java.util.concurrent.CompletableFuture;

/** Assertions on futures that fail with catalogue errors. */
final class BrokerAssertions {
    private BrokerAssertions() {
    }

    static BrokerException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(f::join);
        assertThat(t).as("expected the operation to fail").isNotNull();
        return BrokerException.unwrap(t);
    }

    static void failsWith(CompletableFuture<?> f, ServiceBusError error) {
        assertThat(failure(f).error()).isEqualTo(error);
    }
}
