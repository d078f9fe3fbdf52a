package dev.omnibus.it.js;

import dev.omnibus.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JavaScript SDK ({@code @azure/service-bus} 7.9.5) against an {@link EmbeddedBroker}: runs
 * {@code src/test/js/queue-smoke.mjs}, the same script {@code src/test/js/run.sh} runs against the packaged server,
 * and fails with the script's output unless it exits 0.
 *
 * <p>Needs {@code node} on the PATH and the pinned packages installed ({@code cd omnibus-it/src/test/js && npm ci});
 * {@code .ci/run} installs them first. Without either the test is skipped, saying which is missing.
 */
@Timeout(180)
class JsSdkIT {
    private static final String QUEUE = "js-smoke";

    @Test
    void queueScenariosPassWithTheJavaScriptSdk() throws Exception {
        String node = NodeScript.assumeNodeAndPackages();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.createQueue(QUEUE);
            NodeScript.runAndAssertPassed(node, 150, "queue-smoke.mjs", broker.connectionString(), QUEUE);
        }
    }
}
