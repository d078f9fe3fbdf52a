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
        out.element("DefaultMessageTimeToLive", DescriptionXml.duration(d.defaultMessageTimeToLive()))
                .element("MaxSizeInMegabytes", d.maxSizeInMegabytes())
                .element("RequiresDuplicateDetection", d.requiresDuplicateDetection())
                .element("DuplicateDetectionHistoryTimeWindow",
                        DescriptionXml.duration(d.duplicateDetectionHistoryTimeWindow()))
                .element("EnableBatchedOperations", d.enableBatchedOperations())
                .element("SizeInBytes", runtime.sizeInBytes())
                .element("FilteringMessagesBeforePublishing", false)
                .element("IsAnonymousAccessible", false)
                .empty("AuthorizationRules")
                .element("Status", d.status().wireName())
                .element("CreatedAt", DescriptionXml.instant(d.createdAt()))
                .element("UpdatedAt", DescriptionXml.instant(d.updatedAt()))
                .element("AccessedAt", DescriptionXml.instant(runtime.accessedAt()))
                .element("SupportOrdering", d.supportOrdering());
        // A topic holds only its scheduled messages itself; everything else is in its subscriptions.
        DescriptionXml.countDetails(out, 0, 0, runtime.scheduledMessageCount(), 0, 0);
        out.element("SubscriptionCount", runtime.subscriptionCount())
                .element("AutoDeleteOnIdle", DescriptionXml.duration(d.autoDeleteOnIdle()))
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
