package dev.omnibus.it.js;

import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official JavaScript SDK ({@code @azure/service-bus} 7.9.5) with topics, subscriptions and its rule manager
 * against an {@link EmbeddedBroker}: runs {@code src/test/js/topic-smoke.mjs} (the script {@code run.sh} also runs
 * against the packaged server's {@code topic.1}) on a topic with three subscriptions. Skipped, saying why, without
 * {@code node} or the pinned npm packages.
 */
@Timeout(240)
class JsTopicSdkIT {
    private static final String TOPIC = "js-topic";
    private static final String[] SUBSCRIPTIONS = {"a", "b", "c"};

    @Test
    void topicSubscriptionAndRuleScenariosPassWithTheJavaScriptSdk() throws Exception {
        String node = NodeScript.assumeNodeAndPackages();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            broker.namespace().createTopic(TopicDescription.builder(TOPIC).build()).join();
            for (String subscription : SUBSCRIPTIONS) {
                broker.namespace().createSubscription(SubscriptionDescription.builder(TOPIC, subscription).build(),
                        null).join();
            }
            NodeScript.runAndAssertPassed(node, 200, "topic-smoke.mjs", broker.connectionString(), TOPIC,
                    SUBSCRIPTIONS[0], SUBSCRIPTIONS[1], SUBSCRIPTIONS[2]);
        }
    }
}
