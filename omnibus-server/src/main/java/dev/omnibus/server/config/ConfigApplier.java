package dev.omnibus.server.config;

import dev.omnibus.core.Broker;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.EntityNames;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker hold the configured namespaces (created when missing), and each namespace the configured entities:
 * creates the missing ones and, in {@link Mode#CREATE_OR_UPDATE}, updates those whose definition differs. Entities
 * and namespaces the file does not mention are left alone: the data directory outlives the file, and entities created
 * at runtime belong to their creator. A subscription's rules are part of its definition ({@link TopicApplier}).
 * Every namespace's forwarding targets are checked before the first change is made.
 *
 * <p>Order: topics first (a queue may forward to one), then queues (each after its forward target), then
 * subscriptions and their rules (they may forward to queues).
 */
public final class ConfigApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigApplier.class);
    /** Each definition change waits for the store; far longer than a healthy store ever takes. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    public enum Mode {
        /** A user's file: it declares the state the entities must have. */
        CREATE_OR_UPDATE,
        /** The built-in default: provides the entities once, then never overrides what users changed. */
        CREATE_ONLY
    }

    /**
     * What applying changed, by entity path ({@code queue}, {@code topic}, {@code topic/Subscriptions/name}), in the
     * order applied.
     */
    public record Result(List<String> created, List<String> updated, List<String> unchanged) {
    }

    private ConfigApplier() {
    }

    /**
     * Makes the broker hold every configured namespace with its entities; each namespace is created when missing.
     * Returns what changed in each, by namespace name, in document order.
     */
    public static Map<String, Result> apply(EmulatorConfig config, Broker broker, Mode mode) {
        warnAboutUnsupported(config);
        config.namespaces().forEach(ns -> checkForwardTargets(ns, broker.findNamespace(ns.name()).orElse(null)));
        Map<String, Result> results = new LinkedHashMap<>();
        for (NamespaceConfig ns : config.namespaces()) {
            results.put(ns.name(), apply(ns, broker.namespace(ns.name()), mode));
        }
        return results;
    }

    /** Makes one namespace hold the entities its configuration declares. */
    public static Result apply(NamespaceConfig config, Namespace namespace, Mode mode) {
        checkForwardTargets(config, namespace);
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        TopicApplier topics = new TopicApplier(namespace, mode, result);
        config.topics().forEach(topics::applyTopic);
        for (QueueConfig queue : ForwardingOrder.of(config.queues())) {
            QueueDescription wanted = queue.description();
            QueueDescription existing = namespace.getQueue(wanted.name()).orElse(null);
            if (existing == null) {
                await(queue.path(), "queue '" + queue.name() + "'", namespace.createQueue(wanted));
                result.created().add(wanted.name());
            } else if (mode == Mode.CREATE_ONLY || sameDefinition(existing, wanted)) {
                result.unchanged().add(existing.name());
            } else {
                await(queue.path(), "queue '" + queue.name() + "'", namespace.updateQueue(wanted));
                result.updated().add(existing.name());
            }
        }
        config.topics().forEach(topics::applySubscriptions);
        LOG.info("Entities from configuration in namespace '{}': created {}, updated {}, unchanged {}",
                namespace.name(), result.created(), result.updated(), result.unchanged());
        return result;
    }

    /** Equal but for the timestamps and the letter case of the name, which the file cannot express. */
    static boolean sameDefinition(QueueDescription existing, QueueDescription wanted) {
        return wanted.toBuilder().name(existing.name()).createdAt(existing.createdAt())
                .updatedAt(existing.updatedAt()).build().equals(existing);
    }

    /**
     * Service Bus refuses forwarding to an entity that does not exist; so does the file, naming the property. Targets
     * are in the same namespace; {@code namespace} is null when it does not exist yet.
     */
    private static void checkForwardTargets(NamespaceConfig config, Namespace namespace) {
        Set<String> declared = new HashSet<>();
        config.queues().forEach(q -> declared.add(EntityNames.key(q.name())));
        config.topics().forEach(t -> declared.add(EntityNames.key(t.name())));
        for (QueueConfig queue : config.queues()) {
            checkTarget(queue.path(), "ForwardTo", queue.description().forwardTo(), declared, namespace);
            checkTarget(queue.path(), "ForwardDeadLetteredMessagesTo",
                    queue.description().forwardDeadLetteredMessagesTo(), declared, namespace);
        }
        for (TopicConfig topic : config.topics()) {
            for (SubscriptionConfig s : topic.subscriptions()) {
                checkTarget(s.path(), "ForwardTo", s.description().forwardTo(), declared, namespace);
                checkTarget(s.path(), "ForwardDeadLetteredMessagesTo",
                        s.description().forwardDeadLetteredMessagesTo(), declared, namespace);
            }
        }
    }

    private static void checkTarget(String path, String property, String target, Set<String> declared,
                                    Namespace namespace) {
        if (target != null && !declared.contains(EntityNames.key(target))
                && (namespace == null || !namespace.hasQueue(target) && namespace.getTopic(target).isEmpty())) {
            throw new ConfigException(path + ".Properties." + property, "'" + target
                    + "' is neither declared in this file nor an existing queue or topic");
        }
    }

    private static void warnAboutUnsupported(EmulatorConfig config) {
        if (config.logTargets().contains("File")) {
            LOG.warn("UserConfig.Logging.Type asks for File; Omnibus logs to the console (stderr) only");
        }
    }

    /** Waits for one definition change; a refusal by the broker is a {@link ConfigException} at {@code path}. */
    static <T> T await(String path, String what, CompletableFuture<T> change) {
        try {
            return change.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            BrokerException why = BrokerException.unwrap(e);
            throw new ConfigException(path, "cannot apply " + what + ": " + why.getMessage(), why);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The store did not confirm " + what + " within "
                    + STEP_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while applying " + what, e);
        }
    }
}
