package dev.omnibus.core;

import dev.omnibus.amqp.NamespaceHost;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.internal.DefinitionCodec;
import dev.omnibus.core.internal.EngineContext;
import dev.omnibus.core.internal.QueueEntity;
import dev.omnibus.core.internal.TopicEntity;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.RecoveryVisitor;
import dev.omnibus.core.time.TimeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker engine: namespaces of entities over one store. {@link #open} recovers everything the store holds
 * (locks are not kept across restarts; delivery counts are) and the broker is ready when it returns.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /** The namespace name Microsoft's emulator uses. */
    public static final String DEFAULT_NAMESPACE = "sbemulatorns";

    private final EngineContext ctx;
    private final String defaultNamespace;
    private final AtomicLong nextEntityId = new AtomicLong(1);
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    private Broker(EngineContext ctx, String defaultNamespace) {
        this.ctx = ctx;
        this.defaultNamespace = defaultNamespace;
    }

    /**
     * Opens a broker on {@code store}, recovering its content.
     *
     * @param store where entities and messages live; the broker closes it on {@link #close()}
     * @param time the clock and timers
     * @param pool threads the entity mailboxes run on ({@code Runnable::run} runs everything on the caller's thread)
     */
    public static Broker open(MessageStore store, TimeSource time, Executor pool) {
        return open(store, time, pool, DEFAULT_NAMESPACE);
    }

    /**
     * Opens a broker whose default namespace is {@code defaultNamespace}: the one {@link #namespace()} returns and
     * {@link #namespaceForHost} falls back to. It exists from the start, even when empty.
     */
    public static Broker open(MessageStore store, TimeSource time, Executor pool, String defaultNamespace) {
        Broker broker = new Broker(new EngineContext(store, time, pool), defaultNamespace);
        broker.namespace(defaultNamespace);
        broker.recover();
        return broker;
    }

    /** The default namespace. */
    public Namespace namespace() {
        return namespace(defaultNamespace);
    }

    /**
     * A namespace by name (compared ignoring case), created empty on first use. Only configuration and
     * administration create namespaces; traffic finds them with {@link #findNamespace} or {@link #namespaceForHost}.
     */
    public Namespace namespace(String name) {
        return namespaces.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                n -> new Namespace(name, ctx, nextEntityId::getAndIncrement));
    }

    /** An existing namespace by name, compared ignoring case; never creates one. */
    public Optional<Namespace> findNamespace(String name) {
        return Optional.ofNullable(name == null ? null : namespaces.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The namespace a client means by the host it connected with, as Service Bus does ({@code orders.servicebus
     * .windows.net} is namespace {@code orders}): the namespace named like the whole host, else the one named like
     * its first DNS label, else the default namespace (for {@code localhost}, IP addresses, machine names and any
     * name that is not a namespace). Never creates a namespace.
     */
    public Namespace namespaceForHost(String host) {
        for (String name : NamespaceHost.candidates(host)) {
            Namespace ns = namespaces.get(name);
            if (ns != null) {
                return ns;
            }
        }
        return namespace();
    }

    /** Every namespace: the default first, then the others by name. */
    public List<Namespace> namespaces() {
        Namespace first = namespace();
        List<Namespace> all = new ArrayList<>();
        all.add(first);
        namespaces.values().stream().filter(ns -> ns != first)
                .sorted(Comparator.comparing(ns -> ns.name().toLowerCase(Locale.ROOT))).forEach(all::add);
        return all;
    }

    public TimeSource time() {
        return ctx.time();
    }

    public MessageStore store() {
        return ctx.store();
    }

    private void recover() {
        Map<Long, QueueEntity> queues = new HashMap<>();
        Map<Long, TopicEntity> topics = new HashMap<>();
        Map<Long, DefinitionCodec.Definition> definitions = new TreeMap<>();
        long[] messages = new long[1];
        ctx.store().recover(new RecoveryVisitor() {
            @Override
            public void entity(long entityId, byte[] definition) {
                nextEntityId.accumulateAndGet(entityId + 1, Math::max);
                definitions.put(entityId, DefinitionCodec.decode(definition));
            }

            @Override
            public void sequence(long entityId, long lastSequenceNumber) {
                build(definitions, queues, topics);
                QueueEntity q = queues.get(entityId);
                if (q != null) {
                    q.recoverSequence(lastSequenceNumber);
                } else if (topics.containsKey(entityId)) {
                    topics.get(entityId).recoverSequence(lastSequenceNumber);
                }
            }

            @Override
            public void duplicate(long entityId, String messageId, long expiresAt) {
                build(definitions, queues, topics);
                if (expiresAt <= ctx.time().now()) {
                    return;
                }
                QueueEntity q = queues.get(entityId);
                if (q != null) {
                    q.recoverDuplicate(messageId, expiresAt);
                } else if (topics.containsKey(entityId)) {
                    topics.get(entityId).recoverDuplicate(messageId, expiresAt);
                }
            }

            @Override
            public void sessionState(long entityId, String sessionId, byte[] state, long updatedAt) {
                build(definitions, queues, topics);
                QueueEntity q = queues.get(entityId);
                if (q != null) {
                    q.recoverSessionState(sessionId, state, updatedAt);
                }
            }

            @Override
            public void message(long queueId, MessageMeta meta) {
                build(definitions, queues, topics);
                long entityId = QueueIds.entityOf(queueId);
                QueueEntity q = queues.get(entityId);
                if (q != null) {
                    q.recover(QueueIds.subQueueOf(queueId), meta);
                    q.recoverSequence(meta.sequenceNumber());
                    messages[0]++;
                } else if (topics.containsKey(entityId)) {
                    topics.get(entityId).recoverScheduled(meta);
                    messages[0]++;
                }
            }
        });
        build(definitions, queues, topics);
        topics.values().forEach(TopicEntity::start);
        queues.values().forEach(QueueEntity::start);
        LOG.info("Recovered {} entities and {} messages", queues.size() + topics.size(), messages[0]);
    }

    /**
     * Turns the definitions read so far into entities, parents first: topics and queues, then subscriptions,
     * then rules in creation order. Stores replay entities before anything that refers to them.
     */
    private void build(Map<Long, DefinitionCodec.Definition> definitions, Map<Long, QueueEntity> queues,
                       Map<Long, TopicEntity> topics) {
        if (definitions.isEmpty()) {
            return;
        }
        for (Map.Entry<Long, DefinitionCodec.Definition> e : definitions.entrySet()) {
            DefinitionCodec.Definition d = e.getValue();
            if (d.queue() != null) {
                queues.put(e.getKey(), namespace(d.namespace()).recoverQueue(e.getKey(), d.queue()));
            } else if (d.topic() != null) {
                topics.put(e.getKey(), namespace(d.namespace()).topics().recoverTopic(e.getKey(), d.topic()));
            }
        }
        for (Map.Entry<Long, DefinitionCodec.Definition> e : definitions.entrySet()) {
            DefinitionCodec.Definition d = e.getValue();
            if (d.subscription() != null) {
                QueueEntity engine = namespace(d.namespace()).topics().recoverSubscription(e.getKey(),
                        d.subscription());
                if (engine != null) {
                    queues.put(e.getKey(), engine);
                }
            }
        }
        for (Map.Entry<Long, DefinitionCodec.Definition> e : definitions.entrySet()) {
            DefinitionCodec.Definition d = e.getValue();
            if (d.rule() != null) {
                namespace(d.namespace()).topics().recoverRule(e.getKey(), d.rule());
            } else if (d.queue() == null && d.topic() == null && d.subscription() == null) {
                LOG.warn("Skipping stored entity {} of unknown kind {}", e.getKey(), d.kind());
            }
        }
        definitions.clear();
    }

    /** Closes the store; pending writes complete or fail first. */
    @Override
    public void close() {
        BrokerException why = new BrokerException(ServiceBusError.CONNECTION_FORCED, "The broker is shutting down.");
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (Namespace ns : namespaces.values()) {
            for (QueueEntity e : ns.entities()) {
                stopped.add(e.shutdown(why));
            }
            for (TopicEntity t : ns.topics.values()) {
                t.stop();
                for (TopicEntity.Subscription s : t.listSubscriptions()) {
                    stopped.add(s.engine().shutdown(why));
                }
            }
        }
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Entities did not stop in time; closing the store anyway", e);
        }
        ctx.store().close();
    }
}
