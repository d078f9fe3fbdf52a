package dev.omnibus.server.management;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueRuntimeInfo;
import org.w3c.dom.Element;

/** {@code QueueDescription}: written in the service's element order, read in any order. */
final class QueueXml {
    static final String ELEMENT = "QueueDescription";

    private QueueXml() {
    }

    static void write(XmlOut out, QueueDescription d, QueueRuntimeInfo runtime, AtomLinks links) {
        DescriptionXml.open(out, ELEMENT);
        out.element("LockDuration", XmlValues.duration(d.lockDuration()))
                .element("MaxSizeInMegabytes", d.maxSizeInMegabytes())
                .element("RequiresDuplicateDetection", d.requiresDuplicateDetection())
                .element("RequiresSession", d.requiresSession())
                .element("DefaultMessageTimeToLive", XmlValues.duration(d.defaultMessageTimeToLive()))
                .element("DeadLetteringOnMessageExpiration", d.deadLetteringOnMessageExpiration())
                .element("DuplicateDetectionHistoryTimeWindow",
                        XmlValues.duration(d.duplicateDetectionHistoryTimeWindow()))
                .element("MaxDeliveryCount", d.maxDeliveryCount())
                .element("EnableBatchedOperations", d.enableBatchedOperations())
                .element("SizeInBytes", runtime.sizeInBytes())
                .element("MessageCount", runtime.totalMessageCount())
                .element("IsAnonymousAccessible", false)
                .empty("AuthorizationRules")
                .element("Status", d.status().wireName())
                .element("ForwardTo", links.forwardTarget(d.forwardTo()))
                .element("UserMetadata", d.userMetadata())
                .element("CreatedAt", XmlValues.instant(d.createdAt()))
                .element("UpdatedAt", XmlValues.instant(d.updatedAt()))
                .element("AccessedAt", XmlValues.instant(runtime.accessedAt()))
                // Messages of a queue are always delivered in order here.
                .element("SupportOrdering", true);
        DescriptionXml.countDetails(out, runtime.activeMessageCount(), runtime.deadLetterMessageCount(),
                runtime.scheduledMessageCount(), runtime.transferDeadLetterMessageCount(),
                runtime.transferMessageCount());
        out.element("AutoDeleteOnIdle", XmlValues.duration(d.autoDeleteOnIdle()))
                .element("EnablePartitioning", d.enablePartitioning())
                .element("EntityAvailabilityStatus", DescriptionXml.AVAILABLE)
                .element("ForwardDeadLetteredMessagesTo", links.forwardTarget(d.forwardDeadLetteredMessagesTo()))
                .element("EnableExpress", false)
                .element("MaxMessageSizeInKilobytes", d.maxMessageSizeInKilobytes())
                .close();
    }

    /**
     * Applies the properties the element carries to {@code b}. Read-only properties (counts, times, availability)
     * are ignored, as the service ignores them.
     */
    static QueueDescription read(Element e, QueueDescription.Builder b) {
        DescriptionXml.duration(e, "LockDuration", b::lockDuration);
        DescriptionXml.int64(e, "MaxSizeInMegabytes", b::maxSizeInMegabytes);
        DescriptionXml.bool(e, "RequiresDuplicateDetection", b::requiresDuplicateDetection);
        DescriptionXml.bool(e, "RequiresSession", b::requiresSession);
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", b::defaultMessageTimeToLive);
        DescriptionXml.bool(e, "DeadLetteringOnMessageExpiration", b::deadLetteringOnMessageExpiration);
        DescriptionXml.duration(e, "DuplicateDetectionHistoryTimeWindow", b::duplicateDetectionHistoryTimeWindow);
        DescriptionXml.int32(e, "MaxDeliveryCount", b::maxDeliveryCount);
        DescriptionXml.bool(e, "EnableBatchedOperations", b::enableBatchedOperations);
        DescriptionXml.status(e, b::status);
        b.forwardTo(DescriptionXml.forwardTarget(e, "ForwardTo"));
        b.forwardDeadLetteredMessagesTo(DescriptionXml.forwardTarget(e, "ForwardDeadLetteredMessagesTo"));
        b.userMetadata(XmlIn.text(e, "UserMetadata"));
        DescriptionXml.duration(e, "AutoDeleteOnIdle", b::autoDeleteOnIdle);
        DescriptionXml.bool(e, "EnablePartitioning", b::enablePartitioning);
        DescriptionXml.int64(e, "MaxMessageSizeInKilobytes", b::maxMessageSizeInKilobytes);
        return b.build();
    }
}
