package dev.omnibus.server.management;

import java.util.Locale;

/**
 * The URLs written into entries and feeds: {@code <id>}, {@code <link>} and absolute forwarding targets. They name
 * the host the client used, always with {@code https}, as the service does. The JS client takes entity names from
 * the {@code <id>} path and splits it on the case-sensitive markers {@code /Subscriptions/} and {@code /Rules/}, so
 * those are always written capitalised.
 *
 * @param host the request's {@code Host} header ({@code localhost:5300}), or a fallback
 */
record AtomLinks(String host) {
    static final String SUBSCRIPTIONS = "/Subscriptions/";
    static final String RULES = "/Rules/";

    String entity(String path) {
        return base() + path + query();
    }

    String subscription(String topic, String subscription) {
        return base() + topic + SUBSCRIPTIONS + subscription + query();
    }

    String rule(String topic, String subscription, String rule) {
        return base() + topic + SUBSCRIPTIONS + subscription + RULES + rule + query();
    }

    /** A feed's own URL with its paging; {@code path} as {@code $Resources/queues} or {@code t/Subscriptions}. */
    String feed(String path, int skip, int top) {
        return base() + path + "?$skip=" + skip + "&$top=" + top + "&api-version=" + AtomNs.API_VERSION;
    }

    /** The absolute form of a forwarding target, as the clients send it and the service returns it. */
    String forwardTarget(String entityName) {
        return entityName == null ? null : base() + entityName;
    }

    private String base() {
        return "https://" + host.toLowerCase(Locale.ROOT) + "/";
    }

    private static String query() {
        return "?api-version=" + AtomNs.API_VERSION;
    }
}
