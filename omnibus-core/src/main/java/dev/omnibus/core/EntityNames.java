package dev.omnibus.core;

import java.util.Locale;
import java.util.regex.Pattern;

/** Entity name rules as Service Bus applies them. Names are compared case-insensitively. */
public final class EntityNames {
    /** Queues and topics: letters, digits, '.', '-', '_' and '/' as a separator; start and end alphanumeric. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._\\-/]*[A-Za-z0-9])?");
    /** Subscriptions and rules: as paths but without '/'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9$]([A-Za-z0-9._\\-]*[A-Za-z0-9])?");
    public static final int MAX_PATH_LENGTH = 260;
    public static final int MAX_NAME_LENGTH = 50;

    private EntityNames() {
    }

    /** The lookup key of a name. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Throws {@link IllegalArgumentException} with the reason when a queue or topic name is invalid. */
    public static void validatePath(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name must not be empty.");
        }
        if (name.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException(kind + " name '" + name + "' is longer than " + MAX_PATH_LENGTH
                    + " characters.");
        }
        if (!PATH.matcher(name).matches() || name.contains("//")) {
            throw new IllegalArgumentException("The " + kind.toLowerCase(Locale.ROOT) + " name '" + name
                    + "' is invalid. It can contain only letters, numbers, periods, hyphens, underscores and "
                    + "slashes, and must start and end with a letter or number.");
        }
        for (String segment : name.split("/")) {
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.equals("subscriptions") || lower.equals("rules")) {
                throw new IllegalArgumentException("The " + kind.toLowerCase(Locale.ROOT) + " name '" + name
                        + "' uses the reserved path segment '" + segment + "'.");
            }
        }
    }

    /** Throws {@link IllegalArgumentException} when a subscription or rule name is invalid. */
    public static void validateName(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(kind + " name must not be empty.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(kind + " name '" + name + "' is longer than " + MAX_NAME_LENGTH
                    + " characters.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + kind.toLowerCase(Locale.ROOT) + " name '" + name
                    + "' is invalid. It can contain only letters, numbers, periods, hyphens and underscores.");
        }
    }
}
