package dev.omnibus.amqp;

import java.util.Locale;

/**
 * A link address or token audience reduced to what it names: an entity path (a queue, a topic, or
 * {@code topic/Subscriptions/sub}), a sub-queue, and whether it is the entity's {@code $management} node.
 *
 * <p>The SDKs write the same node several ways: {@code q}, {@code /q}, {@code amqps://host:5671/q},
 * {@code q/$DeadLetterQueue} or {@code q/$deadletterqueue}, {@code t/subscriptions/s} or {@code t/Subscriptions/s}.
 * Parsing strips any scheme and authority and leading slashes and recognises the suffixes case-insensitively.
 */
public record EntityAddress(String entityPath, SubQueue subQueue, boolean management) {

    /** Which message store of an entity an address names. */
    public enum SubQueue { NONE, DEAD_LETTER, TRANSFER_DEAD_LETTER }

    private static final String DLQ = "/$deadletterqueue";
    private static final String TRANSFER_DLQ = "/$transfer/$deadletterqueue";
    private static final String MANAGEMENT = "/$management";

    /** Parses an address; an empty path stays empty (a namespace-wide audience). */
    public static EntityAddress parse(String address) {
        String path = stripSchemeAndAuthority(address == null ? "" : address.trim());
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean management = endsWithIgnoreCase(path, MANAGEMENT);
        if (management) {
            path = path.substring(0, path.length() - MANAGEMENT.length());
        }
        SubQueue subQueue = SubQueue.NONE;
        if (endsWithIgnoreCase(path, TRANSFER_DLQ)) {
            subQueue = SubQueue.TRANSFER_DEAD_LETTER;
            path = path.substring(0, path.length() - TRANSFER_DLQ.length());
        } else if (endsWithIgnoreCase(path, DLQ)) {
            subQueue = SubQueue.DEAD_LETTER;
            path = path.substring(0, path.length() - DLQ.length());
        }
        return new EntityAddress(path, subQueue, management);
    }

    /** Whether this is {@code topic/Subscriptions/sub}. */
    public boolean isSubscription() {
        return subscriptionMarker(entityPath) > 0;
    }

    /** The topic of a subscription path. */
    public String topicName() {
        int at = subscriptionMarker(entityPath);
        if (at < 0) {
            throw new IllegalStateException(entityPath + " is not a subscription path");
        }
        return entityPath.substring(0, at);
    }

    /** The subscription name of a subscription path. */
    public String subscriptionName() {
        int at = subscriptionMarker(entityPath);
        if (at < 0) {
            throw new IllegalStateException(entityPath + " is not a subscription path");
        }
        return entityPath.substring(at + "/subscriptions/".length());
    }

    /** The address as the official SDKs spell it. */
    public String canonical() {
        String base = entityPath;
        if (subQueue == SubQueue.DEAD_LETTER) {
            base += "/$DeadLetterQueue";
        } else if (subQueue == SubQueue.TRANSFER_DEAD_LETTER) {
            base += "/$Transfer/$DeadLetterQueue";
        }
        return management ? base + "/$management" : base;
    }

    private static int subscriptionMarker(String path) {
        return path.toLowerCase(Locale.ROOT).indexOf("/subscriptions/");
    }

    private static String stripSchemeAndAuthority(String address) {
        int scheme = address.indexOf("://");
        if (scheme < 0) {
            return address;
        }
        int pathStart = address.indexOf('/', scheme + 3);
        return pathStart < 0 ? "" : address.substring(pathStart);
    }

    private static boolean endsWithIgnoreCase(String text, String suffix) {
        return text.length() >= suffix.length()
                && text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
