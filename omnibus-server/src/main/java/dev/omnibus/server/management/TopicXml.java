package dev.omnibus.server.management;

import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.TopicRuntimeInfo;
import org.w3c.dom.Element;

/** {@code TopicDescription}: written in the service's element order, read in any order. */
final class TopicXml {
    static final String ELEMENT = "TopicDescription";

    private TopicXml() {
    }

    static void write(XmlOut out, TopicDescription d, TopicRuntimeInfo runtime) {
        DescriptionXml.open(out, ELEMENT);
        out.element("DefaultMessageTimeToLive", XmlValues.duration(d.defaultMessageTimeToLive()))
                .element("MaxSizeInMegabytes", d.maxSizeInMegabytes())
                .element("RequiresDuplicateDetection", d.requiresDuplicateDetection())
                .element("DuplicateDetectionHistoryTimeWindow",
                        XmlValues.duration(d.duplicateDetectionHistoryTimeWindow()))
                .element("EnableBatchedOperations", d.enableBatchedOperations())
                .element("SizeInBytes", runtime.sizeInBytes())
                .element("FilteringMessagesBeforePublishing", false)
                .element("IsAnonymousAccessible", false)
                .empty("AuthorizationRules")
                .element("Status", d.status().wireName())
                .element("CreatedAt", XmlValues.instant(d.createdAt()))
                .element("UpdatedAt", XmlValues.instant(d.updatedAt()))
                .element("AccessedAt", XmlValues.instant(runtime.accessedAt()))
                .element("SupportOrdering", d.supportOrdering());
        // A topic holds only its scheduled messages itself; everything else is in its subscriptions.
        DescriptionXml.countDetails(out, 0, 0, runtime.scheduledMessageCount(), 0, 0);
        out.element("SubscriptionCount", runtime.subscriptionCount())
                .element("AutoDeleteOnIdle", XmlValues.duration(d.autoDeleteOnIdle()))
                .element("EnablePartitioning", d.enablePartitioning())
                .element("EntityAvailabilityStatus", DescriptionXml.AVAILABLE)
                .element("EnableSubscriptionPartitioning", false)
                .element("EnableExpress", false)
                .element("UserMetadata", d.userMetadata())
                .element("MaxMessageSizeInKilobytes", d.maxMessageSizeInKilobytes())
                .close();
    }

    static TopicDescription read(Element e, TopicDescription.Builder b) {
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", b::defaultMessageTimeToLive);
        DescriptionXml.int64(e, "MaxSizeInMegabytes", b::maxSizeInMegabytes);
        DescriptionXml.bool(e, "RequiresDuplicateDetection", b::requiresDuplicateDetection);
        DescriptionXml.duration(e, "DuplicateDetectionHistoryTimeWindow", b::duplicateDetectionHistoryTimeWindow);
        DescriptionXml.bool(e, "EnableBatchedOperations", b::enableBatchedOperations);
        DescriptionXml.status(e, b::status);
        DescriptionXml.bool(e, "SupportOrdering", b::supportOrdering);
        DescriptionXml.duration(e, "AutoDeleteOnIdle", b::autoDeleteOnIdle);
        DescriptionXml.bool(e, "EnablePartitioning", b::enablePartitioning);
        b.userMetadata(XmlIn.text(e, "UserMetadata"));
        DescriptionXml.int64(e, "MaxMessageSizeInKilobytes", b::maxMessageSizeInKilobytes);
        return b.build();
    }
}
