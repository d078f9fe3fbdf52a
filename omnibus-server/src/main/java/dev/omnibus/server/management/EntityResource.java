package dev.omnibus.server.management;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.server.http.HttpReply;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import org.w3c.dom.Element;

/**
 * Queues and topics: {@code /{name}} and the lists {@code /$Resources/queues}, {@code /$Resources/topics}. Both
 * share one set of names, so {@code GET /{name}} answers whichever exists, as the service does; a PUT's
 * description element says which kind to create.
 */
final class EntityResource {
    private EntityResource() {
    }

    static CompletableFuture<HttpReply> get(AtomRequest r, String name) {
        Namespace ns = r.namespace();
        if (ns.getQueue(name).isPresent()) {
            return queueEntry(r, name).thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
        }
        if (ns.getTopic(name).isPresent()) {
            return topicEntry(r, name).thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
        }
        return CompletableFuture.failedFuture(r.notFound("Queue", name));
    }

    static CompletableFuture<HttpReply> put(AtomRequest r, String name) {
        Element description = XmlIn.description(r.view().body());
        if (XmlIn.is(description, AtomNs.SB, QueueXml.ELEMENT)) {
            return putQueue(r, name, description);
        }
        if (XmlIn.is(description, AtomNs.SB, TopicXml.ELEMENT)) {
            return putTopic(r, name, description);
        }
        throw new IllegalArgumentException("Expected a QueueDescription or TopicDescription in the namespace "
                + AtomNs.SB + ", not <" + description.getTagName() + ">.");
    }

    private static CompletableFuture<HttpReply> putQueue(AtomRequest r, String name, Element description) {
        Namespace ns = r.namespace();
        if (r.isUpdate()) {
            // The clients send whole descriptions: an optional property they leave out is no longer set.
            QueueDescription.Builder base = ns.getQueue(name)
                    .map(q -> q.toBuilder().forwardTo(null).forwardDeadLetteredMessagesTo(null).userMetadata(null))
                    .orElseGet(() -> QueueDescription.builder(name));
            return ns.updateQueue(QueueXml.read(description, base))
                    .thenCompose(d -> queueEntry(r, d.name()))
                    .thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
        }
        return ns.createQueue(QueueXml.read(description, QueueDescription.builder(name)))
                .thenCompose(d -> queueEntry(r, d.name()))
                .thenApply(e -> AtomRequest.entry(HttpResponseStatus.CREATED, e));
    }

    private static CompletableFuture<HttpReply> putTopic(AtomRequest r, String name, Element description) {
        Namespace ns = r.namespace();
        if (r.isUpdate()) {
            TopicDescription.Builder base = ns.getTopic(name).map(t -> t.toBuilder().userMetadata(null))
                    .orElseGet(() -> TopicDescription.builder(name));
            return ns.updateTopic(TopicXml.read(description, base))
                    .thenCompose(d -> topicEntry(r, d.name()))
                    .thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
        }
        return ns.createTopic(TopicXml.read(description, TopicDescription.builder(name)))
                .thenCompose(d -> topicEntry(r, d.name()))
                .thenApply(e -> AtomRequest.entry(HttpResponseStatus.CREATED, e));
    }

    static CompletableFuture<HttpReply> delete(AtomRequest r, String name) {
        Namespace ns = r.namespace();
        if (ns.getQueue(name).isPresent()) {
            return ns.deleteQueue(name).thenApply(v -> AtomRequest.deleted());
        }
        if (ns.getTopic(name).isPresent()) {
            return ns.deleteTopic(name).thenApply(v -> AtomRequest.deleted());
        }
        return CompletableFuture.failedFuture(r.notFound("Queue", name));
    }

    static CompletableFuture<HttpReply> listQueues(AtomRequest r) {
        return r.feed("Queues", "$Resources/queues", r.namespace().listQueues(), d -> queueEntry(r, d.name()));
    }

    static CompletableFuture<HttpReply> listTopics(AtomRequest r) {
        return r.feed("Topics", "$Resources/topics", r.namespace().listTopics(), d -> topicEntry(r, d.name()));
    }

    /** The entry of a queue with its current counts (read in the queue's mailbox). */
    private static CompletableFuture<AtomEntry> queueEntry(AtomRequest r, String name) {
        Namespace ns = r.namespace();
        return ns.queueRuntimeInfo(name).thenApply(runtime -> {
            QueueDescription d = ns.getQueue(name).orElseThrow(() -> r.notFound("Queue", name));
            return new AtomEntry(r.links().entity(d.name()), d.name(), d.createdAt(), d.updatedAt(), ns.name(),
                    out -> QueueXml.write(out, d, runtime, r.links()));
        });
    }

    private static CompletableFuture<AtomEntry> topicEntry(AtomRequest r, String name) {
        Namespace ns = r.namespace();
        return ns.topicRuntimeInfo(name).thenApply(runtime -> {
            TopicDescription d = ns.getTopic(name).orElseThrow(() -> r.notFound("Topic", name));
            return new AtomEntry(r.links().entity(d.name()), d.name(), d.createdAt(), d.updatedAt(), ns.name(),
                    out -> TopicXml.write(out, d, runtime));
        });
    }
}
