package dev.omnibus.client.admin.models;

import java.time.OffsetDateTime;

/** What the service says about the namespace itself ({@code GET /$namespaceinfo}). Immutable. */
public final class NamespaceProperties {
    private final String name;
    private final String alias;
    private final OffsetDateTime createdTime;
    private final OffsetDateTime modifiedTime;
    private final String messagingSku;
    private final int messagingUnits;
    private final String namespaceType;

    NamespaceProperties(String name, String alias, OffsetDateTime createdTime, OffsetDateTime modifiedTime,
                        String messagingSku, int messagingUnits, String namespaceType) {
        this.name = name;
        this.alias = alias;
        this.createdTime = createdTime;
        this.modifiedTime = modifiedTime;
        this.messagingSku = messagingSku;
        this.messagingUnits = messagingUnits;
        this.namespaceType = namespaceType;
    }

    /** @return the namespace's name */
    public String getName() {
        return name;
    }

    /** @return the geo-recovery alias, or null */
    public String getAlias() {
        return alias;
    }

    /** @return when the namespace was created, or null if the service did not say */
    public OffsetDateTime getCreatedTime() {
        return createdTime;
    }

    /** @return when the namespace was last changed, or null if the service did not say */
    public OffsetDateTime getModifiedTime() {
        return modifiedTime;
    }

    /** @return the tier: {@code Basic}, {@code Standard} or {@code Premium} */
    public String getMessagingSku() {
        return messagingSku;
    }

    /** @return the messaging units of a premium namespace, else 0 */
    public int getMessagingUnits() {
        return messagingUnits;
    }

    /** @return the kind of namespace, {@code Messaging} for Service Bus */
    public String getNamespaceType() {
        return namespaceType;
    }

    @Override
    public String toString() {
        return "NamespaceProperties{name=" + name + ", sku=" + messagingSku + ", type=" + namespaceType + "}";
    }
}
