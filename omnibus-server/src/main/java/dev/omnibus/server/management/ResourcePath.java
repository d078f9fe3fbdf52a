package dev.omnibus.server.management;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a management URL path names. Paths are matched case-insensitively ({@code Subscriptions} and
 * {@code subscriptions}, {@code $Resources/Queues}) and trailing slashes are ignored (the JS client lists
 * {@code topic/Subscriptions/}). Queue and topic names may contain '/', but never a {@code subscriptions} or
 * {@code rules} segment, so the first such segment marks a subscription path.
 *
 * @param entity the queue or topic path (null for the namespace and the queue/topic lists)
 * @param subscription the subscription name, or null
 * @param rule the rule name, or null
 */
record ResourcePath(Kind kind, String entity, String subscription, String rule) {

    enum Kind { NAMESPACE, QUEUES, TOPICS, ENTITY, SUBSCRIPTIONS, SUBSCRIPTION, RULES, RULE }

    private static final String SUBSCRIPTIONS = "subscriptions";
    private static final String RULES = "rules";

    /**
     * Parses a decoded path such as {@code /t/Subscriptions/s/Rules/r}.
     *
     * @throws IllegalArgumentException when the path names nothing the API knows
     */
    static ResourcePath parse(String path) {
        String p = trim(path);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("The path '" + path + "' names no entity.");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.equals("$namespaceinfo")) {
            return new ResourcePath(Kind.NAMESPACE, null, null, null);
        }
        if (lower.equals("$resources/queues")) {
            return new ResourcePath(Kind.QUEUES, null, null, null);
        }
        if (lower.equals("$resources/topics")) {
            return new ResourcePath(Kind.TOPICS, null, null, null);
        }
        List<String> segments = Arrays.asList(p.split("/"));
        int marker = indexOf(segments, SUBSCRIPTIONS);
        if (marker < 0) {
            return new ResourcePath(Kind.ENTITY, p, null, null);
        }
        if (marker == 0) {
            throw new IllegalArgumentException("The path '" + path + "' names no topic.");
        }
        String topic = String.join("/", segments.subList(0, marker));
        List<String> rest = segments.subList(marker + 1, segments.size());
        if (rest.isEmpty()) {
            return new ResourcePath(Kind.SUBSCRIPTIONS, topic, null, null);
        }
        if (rest.size() == 1) {
            return new ResourcePath(Kind.SUBSCRIPTION, topic, rest.get(0), null);
        }
        if (rest.get(1).equalsIgnoreCase(RULES) && rest.size() == 2) {
            return new ResourcePath(Kind.RULES, topic, rest.get(0), null);
        }
        if (rest.get(1).equalsIgnoreCase(RULES) && rest.size() == 3) {
            return new ResourcePath(Kind.RULE, topic, rest.get(0), rest.get(2));
        }
        throw new IllegalArgumentException("The path '" + path + "' names no subscription or rule.");
    }

    private static int indexOf(List<String> segments, String name) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String trim(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
