package dev.omnibus.core.filter;

/**
 * The read-only view of a message that filters and rule actions evaluate.
 *
 * <p>The evaluator asks only for the properties a filter names, and names are resolved when the filter is parsed,
 * so an implementation should answer from fields it already has rather than build a map per message.
 *
 * <p>Values must be one of: {@code String}, {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer},
 * {@code Long}, {@code Float}, {@code Double}, {@code Character}, {@code java.util.UUID}, {@code java.time.Instant},
 * {@code java.time.Duration} or {@code byte[]}. Any other type is treated as a value that compares with nothing.
 *
 * <p>Property names are case-insensitive in Service Bus (doc "Subscription Rule SQL Filter Syntax",
 * Considerations). An implementation should look a user property up by its exact name first and fall back to a
 * case-insensitive match, so the common case stays one hash lookup.
 */
public interface Filterable {

    /**
     * The value of a system property.
     *
     * @param property the property
     * @return the value, of {@link SystemProperty#type()}, or null when the message does not carry it
     */
    Object systemProperty(SystemProperty property);

    /**
     * The value of an application (user) property.
     *
     * @param name the property name, matched case-insensitively
     * @return the value, or null when the property is absent or its value is null
     */
    Object userProperty(String name);

    /**
     * Whether the message has an application property of that name, even one whose value is null.
     *
     * @param name the property name, matched case-insensitively
     * @return true when the property is present
     */
    boolean hasUserProperty(String name);
}
