package dev.omnibus.core;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.internal.DefinitionCodec;
import dev.omnibus.core.internal.EngineContext;
import dev.omnibus.core.internal.QueueEntity;
import dev.omnibus.core.store.StoreBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A Service Bus namespace: its entities, looked up case-insensitively. Definition changes run one at a time, each
 * after the previous one is durable, and take effect once durable; lookups may run on any thread.
 */
public final class Namespace {
    private final String name;
    private final EngineContext ctx;
    private final LongSupplier entityIds;
    private CompletableFuture<?> adminTail = CompletableFuture.completedFuture(null);
    private final ConcurrentHashMap<String, QueueEntity> queues = new ConcurrentHashMap<>();
    private final QueueEntity.EntityResolver resolver = new QueueEntity.EntityResolver() {
        @Override
        public QueueEntity find(String queueName) {
            return findQueue(queueName);
        }

        @Override
        public void idle(QueueEntity entity) {
            deleteIdle(entity);
        }
    };

    Namespace(String name, EngineContext ctx, LongSupplier entityIds) {
        this.name = name;
        this.ctx = ctx;
        this.entityIds = entityIds;
    }

    public String name() {
        return name;
    }

    /** Creates a queue; fails with EntityAlreadyExists, or ArgumentError naming the invalid property. */
    public CompletableFuture<QueueDescription> createQueue(QueueDescription requested) {
        return inAdmin(() -> {
            Instant now = Instant.ofEpochMilli(ctx.time().now());
            QueueDescription d = valid(requested.toBuilder().createdAt(now).updatedAt(now).build());
            if (queues.containsKey(EntityNames.key(d.name()))) {
                throw BrokerException.of(ServiceBusError.ENTITY_ALREADY_EXISTS, d.name());
            }
            checkForwarding(d);
            long id = entityIds.getAsLong();
            return ctx.store().commit(new StoreBatch().putEntity(id, DefinitionCodec.encodeQueue(name, d)))
                    .thenApply(v -> {
                        QueueEntity entity = new QueueEntity(id, name, d, ctx, resolver);
                        queues.put(EntityNames.key(d.name()), entity);
                        entity.start();
                        return d;
                    });
        });
    }

    /** Replaces a queue's definition; RequiresSession, RequiresDuplicateDetection and EnablePartitioning stay. */
    public CompletableFuture<QueueDescription> updateQueue(QueueDescription requested) {
        return inAdmin(() -> {
            QueueEntity entity = require(requested.name());
            QueueDescription old = entity.description();
            immutable("RequiresSession", old.requiresSession(), requested.requiresSession());
            immutable("RequiresDuplicateDetection", old.requiresDuplicateDetection(),
                    requested.requiresDuplicateDetection());
            immutable("EnablePartitioning", old.enablePartitioning(), requested.enablePartitioning());
            QueueDescription d = valid(requested.toBuilder().name(old.name()).createdAt(old.createdAt())
                    .updatedAt(Instant.ofEpochMilli(ctx.time().now())).build());
            checkForwarding(d);
            return ctx.store().commit(new StoreBatch().putEntity(entity.id(), DefinitionCodec.encodeQueue(name, d)))
                    .thenApply(v -> {
                        entity.update(d);
                        return d;
                    });
        });
    }

    /** Deletes a queue and every message in it. */
    public CompletableFuture<Void> deleteQueue(String queueName) {
        return inAdmin(() -> remove(require(queueName)));
    }

    /** AutoDeleteOnIdle: deletes the entity unless it was deleted or replaced meanwhile. */
    private void deleteIdle(QueueEntity entity) {
        inAdmin(() -> findQueue(entity.path()) == entity ? remove(entity) : CompletableFuture.completedFuture(null));
    }

    private CompletableFuture<Void> remove(QueueEntity entity) {
        return ctx.store().commit(new StoreBatch().deleteEntity(entity.id())).thenRun(() -> {
            queues.remove(EntityNames.key(entity.path()));
            entity.delete();
        });
    }

    public Optional<QueueDescription> getQueue(String queueName) {
        QueueEntity entity = findQueue(queueName);
        return entity == null ? Optional.empty() : Optional.of(entity.description());
    }

    /** Every queue, ordered by name. */
    public List<QueueDescription> listQueues() {
        List<QueueDescription> all = new ArrayList<>();
        queues.values().forEach(e -> all.add(e.description()));
        all.sort(Comparator.comparing(d -> EntityNames.key(d.name())));
        return all;
    }

    public CompletableFuture<QueueRuntimeInfo> queueRuntimeInfo(String queueName) {
        QueueEntity entity = findQueue(queueName);
        if (entity == null) {
            return CompletableFuture.failedFuture(notFound(queueName));
        }
        return entity.runtimeInfo();
    }

    /** A queue itself. */
    public QueueEndpoint queue(String queueName) {
        return endpoint(queueName, SubQueue.NONE);
    }

    /**
     * A queue or one of its sub-queues.
     *
     * @throws BrokerException with {@link ServiceBusError#ENTITY_NOT_FOUND} when there is no such queue
     */
    public QueueEndpoint endpoint(String queueName, SubQueue subQueue) {
        QueueEntity entity = findQueue(queueName);
        if (entity == null) {
            throw notFound(queueName);
        }
        return entity.endpoint(subQueue);
    }

    /** Whether a queue of that name exists. */
    public boolean hasQueue(String queueName) {
        return findQueue(queueName) != null;
    }

    QueueEntity findQueue(String queueName) {
        return queueName == null ? null : queues.get(EntityNames.key(queueName));
    }

    /** Adds an entity read back from the store; called by {@link Broker} during recovery. */
    QueueEntity recoverQueue(long id, QueueDescription d) {
        QueueEntity entity = new QueueEntity(id, name, d, ctx, resolver);
        queues.put(EntityNames.key(d.name()), entity);
        return entity;
    }

    Iterable<QueueEntity> entities() {
        return queues.values();
    }

    private BrokerException notFound(String queueName) {
        return BrokerException.of(ServiceBusError.ENTITY_NOT_FOUND, name + ":Queue:" + queueName);
    }

    private QueueEntity require(String queueName) {
        QueueEntity entity = findQueue(queueName);
        if (entity == null) {
            throw notFound(queueName);
        }
        return entity;
    }

    private static QueueDescription valid(QueueDescription d) {
        try {
            return d.validate();
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, e.getMessage());
        }
    }

    private static void immutable(String property, boolean was, boolean requested) {
        if (was != requested) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "The value for the " + property + " property of an existing Queue cannot be changed.");
        }
    }

    /** Refuses a ForwardTo chain that comes back to the entity being defined. */
    private void checkForwarding(QueueDescription d) {
        String self = EntityNames.key(d.name());
        if (d.forwardDeadLetteredMessagesTo() != null && EntityNames.key(d.forwardDeadLetteredMessagesTo()).equals(self)) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR,
                    "ForwardDeadLetteredMessagesTo cannot name the entity itself.");
        }
        Set<String> seen = new HashSet<>();
        seen.add(self);
        String next = d.forwardTo();
        while (next != null) {
            String key = EntityNames.key(next);
            if (!seen.add(key)) {
                throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "ForwardTo '" + d.forwardTo()
                        + "' would create a forwarding loop back to '" + d.name() + "'.");
            }
            QueueEntity target = queues.get(key);
            next = target == null ? null : target.description().forwardTo();
        }
    }

    /** Chains definition changes so each starts after the previous one is durable; none blocks a thread. */
    private synchronized <T> CompletableFuture<T> inAdmin(Supplier<CompletableFuture<T>> op) {
        CompletableFuture<T> result = adminTail.handle((v, e) -> null).thenCompose(v -> {
            try {
                return op.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        adminTail = result;
        return result.handle((v, e) -> {
            if (e != null) {
                throw BrokerException.unwrap(e);
            }
            return v;
        });
    }
}
