package dev.omnibus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension without the annotation: one default broker per class, injectable anywhere. */
@ExtendWith(OmnibusBrokerExtension.class)
class OmnibusBrokerExtensionTest {
    private final EmbeddedBroker fromConstructor;
    private EmbeddedBroker fromBeforeEach;

    OmnibusBrokerExtensionTest(EmbeddedBroker broker) {
        this.fromConstructor = broker;
    }

    @BeforeEach
    void before(EmbeddedBroker broker) {
        fromBeforeEach = broker;
    }

    @Test
    void injectsTheSameBrokerEverywhere(EmbeddedBroker broker) {
        assertThat(broker).isSameAs(fromConstructor).isSameAs(fromBeforeEach);
        assertThat(broker.connectionString()).contains("UseDevelopmentEmulator=true");
    }
}
