package dev.omnibus.client.implementation.admin;

/**
 * Resource paths of the management API. {@code Subscriptions} and {@code Rules} are capitalised as the service and
 * the .NET and JS clients write them.
 */
public final class Paths {
    private Paths() {
    }

    /** {@code topic/Subscriptions/name}. */
    public static String subscription(String topic, String name) {
        return subscriptions(topic) + "/" + name;
    }

    /** {@code topic/Subscriptions}. */
    static String subscriptions(String topic) {
        return topic + "/Subscriptions";
    }

    /** {@code topic/Subscriptions/subscription/Rules/name}. */
    public static String rule(String topic, String subscription, String name) {
        return rules(topic, subscription) + "/" + name;
    }

    /** {@code topic/Subscriptions/subscription/Rules}. */
    static String rules(String topic, String subscription) {
        return subscription(topic, subscription) + "/Rules";
    }
}
