package dev.omnibus.server.management;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One ATOM entry: an entity and its description. Java's client takes the entity name from {@code title}, the JS
 * client from the path of {@code id}.
 *
 * @param id the entity's URL (see {@link AtomLinks})
 * @param title the entity's own name (the subscription or rule name, not its path)
 * @param published when the entity was created
 * @param updated when it last changed
 * @param author the namespace name
 * @param description writes the description element inside {@code content}
 */
record AtomEntry(String id, String title, Instant published, Instant updated, String author,
                 Consumer<XmlOut> description) {
}
