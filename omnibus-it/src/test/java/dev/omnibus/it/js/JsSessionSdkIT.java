package dev.omnibus.it.js;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JavaScript SDK ({@code @azure/service-bus} 7.9.5) with sessions against an {@link EmbeddedBroker}:
 * runs {@code src/test/js/session-smoke.mjs} (the flows of the SDK's "session" and "advanced/sessionState" samples)
 * on a queue that requires sessions, created here. {@code run.sh} runs the same script against the packaged server,
 * letting it create its queue through the management API. Skipped, saying why, without {@code node} or the pinned
 * npm packages.
 */
@Timeout(240)
class JsSessionSdkIT {
    private static final String QUEUE = "js-sessions";

    @Test
    void sessionScenariosPassWithTheJavaScriptSdk() throws Exception {
        String node = NodeScript.assumeNodeAndPackages();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue(QueueDescription.builder(QUEUE).requiresSession(true).build());
            NodeScript.runAndAssertPassed(node, 200, "session-smoke.mjs", broker.connectionString(), QUEUE);
        }
    }
}
