package dev.omnibus.client.implementation.admin;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.NamespaceProperties;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import dev.omnibus.client.admin.models.RuleProperties;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.ServiceBusExceptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * The management operations both administration clients share: each builds its request, sends it through
 * {@link AtomHttp} and turns the answer into models. Futures returned here complete on internal threads; the public
 * clients hand them to users through {@link Futures#toUser}. Thread-safe.
 */
public final class AdminCore implements AutoCloseable {
    /** The page size of list requests, the service's maximum. */
    static final int PAGE_SIZE = 100;

    private final AtomHttp http;
    private final String host;

    /** @param config endpoint, credentials, retries */
    public AdminCore(AdminConfig config) {
        this.http = new AtomHttp(config);
        this.host = config.namespaceHost();
    }

    // ---- queues ----------------------------------------------------------------------------------------------

    /** PUT a new queue. */
    public CompletableFuture<QueueProperties> createQueue(String name, CreateQueueOptions options) {
        String op = "Creating queue '" + name + "'";
        byte[] body = XmlWriter.entry(w -> QueueXml.write(w, options, host));
        return send(AtomHttp.Request.put(name, body, false, op).forwarding(
                        DescriptionXml.forwardUrl(options.getForwardTo(), host),
                        DescriptionXml.forwardUrl(options.getForwardDeadLetteredMessagesTo(), host)),
                op, entry -> queue(entry, name, op));
    }

    /** PUT with {@code If-Match: *}: replaces the queue's settable properties. */
    public CompletableFuture<QueueProperties> updateQueue(QueueProperties queue) {
        String op = "Updating queue '" + queue.getName() + "'";
        CreateQueueOptions values = new CreateQueueOptions(queue);
        byte[] body = XmlWriter.entry(w -> QueueXml.write(w, values, host));
        return send(AtomHttp.Request.put(queue.getName(), body, true, op).forwarding(
                        DescriptionXml.forwardUrl(values.getForwardTo(), host),
                        DescriptionXml.forwardUrl(values.getForwardDeadLetteredMessagesTo(), host)),
                op, entry -> queue(entry, queue.getName(), op));
    }

    /** GET a queue. */
    public CompletableFuture<QueueProperties> getQueue(String name) {
        String op = "Getting queue '" + name + "'";
        return get(name, op, entry -> queue(entry, name, op));
    }

    /** GET a queue for its counts. */
    public CompletableFuture<QueueRuntimeProperties> getQueueRuntime(String name) {
        String op = "Getting queue '" + name + "'";
        return get(name, op, entry -> queueRuntime(entry, name, op));
    }

    // ---- topics ----------------------------------------------------------------------------------------------

    /** PUT a new topic. */
    public CompletableFuture<TopicProperties> createTopic(String name, CreateTopicOptions options) {
        String op = "Creating topic '" + name + "'";
        byte[] body = XmlWriter.entry(w -> TopicXml.write(w, options));
        return send(AtomHttp.Request.put(name, body, false, op), op, entry -> topic(entry, name, op));
    }

    /** PUT with {@code If-Match: *}: replaces the topic's settable properties. */
    public CompletableFuture<TopicProperties> updateTopic(TopicProperties topic) {
        String op = "Updating topic '" + topic.getName() + "'";
        byte[] body = XmlWriter.entry(w -> TopicXml.write(w, new CreateTopicOptions(topic)));
        return send(AtomHttp.Request.put(topic.getName(), body, true, op), op,
                entry -> topic(entry, topic.getName(), op));
    }

    /** GET a topic. */
    public CompletableFuture<TopicProperties> getTopic(String name) {
        String op = "Getting topic '" + name + "'";
        return get(name, op, entry -> topic(entry, name, op));
    }

    /** GET a topic for its counts. */
    public CompletableFuture<TopicRuntimeProperties> getTopicRuntime(String name) {
        String op = "Getting topic '" + name + "'";
        return get(name, op, entry -> topicRuntime(entry, name, op));
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    /** @param ruleName the first rule's name, or null for the service's {@code $Default} rule */
    public CompletableFuture<SubscriptionProperties> createSubscription(String topic, String name,
                                                                        CreateSubscriptionOptions options,
                                                                        String ruleName, CreateRuleOptions rule) {
        String op = "Creating subscription '" + name + "' of topic '" + topic + "'";
        byte[] body = XmlWriter.entry(w -> SubscriptionXml.write(w, options, ruleName, rule, host));
        return send(AtomHttp.Request.put(Paths.subscription(topic, name), body, false, op).forwarding(
                        DescriptionXml.forwardUrl(options.getForwardTo(), host),
                        DescriptionXml.forwardUrl(options.getForwardDeadLetteredMessagesTo(), host)),
                op, entry -> subscription(entry, topic, name, op));
    }

    /** PUT with {@code If-Match: *}: replaces the subscription's settable properties. */
    public CompletableFuture<SubscriptionProperties> updateSubscription(SubscriptionProperties s) {
        String op = "Updating subscription '" + s.getSubscriptionName() + "' of topic '" + s.getTopicName() + "'";
        CreateSubscriptionOptions values = new CreateSubscriptionOptions(s);
        byte[] body = XmlWriter.entry(w -> SubscriptionXml.write(w, values, null, null, host));
        return send(AtomHttp.Request.put(Paths.subscription(s.getTopicName(), s.getSubscriptionName()), body, true, op)
                        .forwarding(DescriptionXml.forwardUrl(values.getForwardTo(), host),
                                DescriptionXml.forwardUrl(values.getForwardDeadLetteredMessagesTo(), host)),
                op, entry -> subscription(entry, s.getTopicName(), s.getSubscriptionName(), op));
    }

    /** GET a subscription. */
    public CompletableFuture<SubscriptionProperties> getSubscription(String topic, String name) {
        String op = "Getting subscription '" + name + "' of topic '" + topic + "'";
        return get(Paths.subscription(topic, name), op, entry -> subscription(entry, topic, name, op));
    }

    /** GET a subscription for its counts. */
    public CompletableFuture<SubscriptionRuntimeProperties> getSubscriptionRuntime(String topic, String name) {
        String op = "Getting subscription '" + name + "' of topic '" + topic + "'";
        return get(Paths.subscription(topic, name), op, entry -> subscriptionRuntime(entry, topic, name, op));
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    /** PUT a new rule. */
    public CompletableFuture<RuleProperties> createRule(String topic, String subscription, String name,
                                                        CreateRuleOptions options) {
        String op = "Creating rule '" + name + "' of subscription '" + topic + "/" + subscription + "'";
        byte[] body = XmlWriter.entry(w -> RuleXml.write(w, name, options));
        return send(AtomHttp.Request.put(Paths.rule(topic, subscription, name), body, false, op), op,
                entry -> rule(entry, name, op));
    }

    /** PUT with {@code If-Match: *}: replaces the rule's filter and action. */
    public CompletableFuture<RuleProperties> updateRule(String topic, String subscription, RuleProperties rule) {
        String op = "Updating rule '" + rule.getName() + "' of subscription '" + topic + "/" + subscription + "'";
        byte[] body = XmlWriter.entry(w -> RuleXml.write(w, rule.getName(), new CreateRuleOptions(rule)));
        return send(AtomHttp.Request.put(Paths.rule(topic, subscription, rule.getName()), body, true, op), op,
                entry -> rule(entry, rule.getName(), op));
    }

    /** GET a rule. */
    public CompletableFuture<RuleProperties> getRule(String topic, String subscription, String name) {
        String op = "Getting rule '" + name + "' of subscription '" + topic + "/" + subscription + "'";
        return get(Paths.rule(topic, subscription, name), op, entry -> rule(entry, name, op));
    }

    // ---- any entity, namespace, lists ------------------------------------------------------------------------

    /** DELETE a queue, topic, subscription or rule by path. */
    public CompletableFuture<Void> delete(String path, String what) {
        String op = "Deleting " + what;
        return http.send(AtomHttp.Request.delete(path, op)).thenApply(body -> null);
    }

    /** GET {@code $namespaceinfo}. */
    public CompletableFuture<NamespaceProperties> getNamespace() {
        String op = "Getting the namespace properties";
        return get("$namespaceinfo", op, entry -> {
            Element e = entry.description();
            String units = XmlReader.text(e, "MessagingUnits");
            return AdminModels.factory().namespace(XmlReader.text(e, "Name"), XmlReader.text(e, "Alias"),
                    DescriptionXml.time(e, "CreatedTime"), DescriptionXml.time(e, "ModifiedTime"),
                    XmlReader.text(e, "MessagingSKU"), units == null ? 0 : (int) XmlValues.integer("Units", units),
                    XmlReader.text(e, "NamespaceType"));
        });
    }

    /**
     * One kind of list: where its pages are and what each entry becomes.
     *
     * @param <T> the model of one entry
     */
    public static final class Listing<T> {
        private final String path;
        private final String what;
        private final Function<AtomDocument.Entry, T> mapper;

        private Listing(String path, String what, Function<AtomDocument.Entry, T> mapper) {
            this.path = path;
            this.what = what;
            this.mapper = mapper;
        }
    }

    /**
     * One page of a list.
     *
     * @param items the page's models
     * @param hasNext whether another page follows
     * @param <T> the model
     */
    public record Page<T>(List<T> items, boolean hasNext) {
    }

    /** The queues, {@code $Resources/queues}. */
    public Listing<QueueProperties> queues() {
        return new Listing<>("$Resources/queues", "Listing queues",
                entry -> queue(entry, entry.title(), "Listing queues"));
    }

    /** The queues' counts. */
    public Listing<QueueRuntimeProperties> queueRuntimes() {
        return new Listing<>("$Resources/queues", "Listing queues",
                entry -> queueRuntime(entry, entry.title(), "Listing queues"));
    }

    /** The topics, {@code $Resources/topics}. */
    public Listing<TopicProperties> topics() {
        return new Listing<>("$Resources/topics", "Listing topics",
                entry -> topic(entry, entry.title(), "Listing topics"));
    }

    /** The topics' counts. */
    public Listing<TopicRuntimeProperties> topicRuntimes() {
        return new Listing<>("$Resources/topics", "Listing topics",
                entry -> topicRuntime(entry, entry.title(), "Listing topics"));
    }

    /** A topic's subscriptions, {@code topic/Subscriptions}. */
    public Listing<SubscriptionProperties> subscriptions(String topic) {
        String op = "Listing subscriptions of topic '" + topic + "'";
        return new Listing<>(Paths.subscriptions(topic), op, entry -> subscription(entry, topic, entry.title(), op));
    }

    /** A topic's subscriptions' counts. */
    public Listing<SubscriptionRuntimeProperties> subscriptionRuntimes(String topic) {
        String op = "Listing subscriptions of topic '" + topic + "'";
        return new Listing<>(Paths.subscriptions(topic), op,
                entry -> subscriptionRuntime(entry, topic, entry.title(), op));
    }

    /** A subscription's rules. */
    public Listing<RuleProperties> rules(String topic, String subscription) {
        String op = "Listing rules of subscription '" + topic + "/" + subscription + "'";
        return new Listing<>(Paths.rules(topic, subscription), op, entry -> rule(entry, entry.title(), op));
    }

    /** The page that starts at {@code skip}. */
    public <T> CompletableFuture<Page<T>> page(Listing<T> listing, int skip) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$skip", String.valueOf(skip));
        query.put("$top", String.valueOf(PAGE_SIZE));
        return http.send(AtomHttp.Request.get(listing.path, query, listing.what))
                .thenApply(body -> read(listing.what, () -> {
                    AtomDocument.Page page = AtomDocument.page(body);
                    List<T> items = page.entries().stream().map(listing.mapper).toList();
                    return new Page<>(items, page.hasNext() && !items.isEmpty());
                }));
    }

    /** Every page, one after the other. */
    public <T> CompletableFuture<List<T>> all(Listing<T> listing) {
        return collect(listing, 0, new ArrayList<>());
    }

    private <T> CompletableFuture<List<T>> collect(Listing<T> listing, int skip, List<T> collected) {
        return page(listing, skip).thenCompose(page -> {
            collected.addAll(page.items());
            return page.hasNext() ? collect(listing, skip + page.items().size(), collected)
                    : CompletableFuture.completedFuture(List.copyOf(collected));
        });
    }

    // ---- answers into models ---------------------------------------------------------------------------------

    private <T> CompletableFuture<T> get(String path, String op, Function<AtomDocument.Entry, T> mapper) {
        return send(AtomHttp.Request.get(path, Map.of("enrich", "false"), op), op, mapper);
    }

    private <T> CompletableFuture<T> send(AtomHttp.Request request, String op,
                                          Function<AtomDocument.Entry, T> mapper) {
        return http.send(request).thenApply(body -> read(op, () -> {
            AtomDocument.Entry entry = AtomDocument.entry(body);
            if (entry == null) {
                throw notFound(op, "The service has no such entity.");
            }
            return mapper.apply(entry);
        }));
    }

    private QueueProperties queue(AtomDocument.Entry entry, String name, String op) {
        expect(entry, QueueXml.ELEMENT, name, op);
        return AdminModels.factory().queue(name(entry, name), QueueXml.read(entry.description()));
    }

    private QueueRuntimeProperties queueRuntime(AtomDocument.Entry entry, String name, String op) {
        expect(entry, QueueXml.ELEMENT, name, op);
        return AdminModels.factory().queueRuntime(name(entry, name), DescriptionXml.runtime(entry.description()));
    }

    private TopicProperties topic(AtomDocument.Entry entry, String name, String op) {
        expect(entry, TopicXml.ELEMENT, name, op);
        return AdminModels.factory().topic(name(entry, name), TopicXml.read(entry.description()));
    }

    private TopicRuntimeProperties topicRuntime(AtomDocument.Entry entry, String name, String op) {
        expect(entry, TopicXml.ELEMENT, name, op);
        return AdminModels.factory().topicRuntime(name(entry, name), DescriptionXml.runtime(entry.description()));
    }

    private SubscriptionProperties subscription(AtomDocument.Entry entry, String topic, String name, String op) {
        expect(entry, SubscriptionXml.ELEMENT, name, op);
        return AdminModels.factory().subscription(topic, name(entry, name),
                SubscriptionXml.read(entry.description()));
    }

    private SubscriptionRuntimeProperties subscriptionRuntime(AtomDocument.Entry entry, String topic, String name,
                                                              String op) {
        expect(entry, SubscriptionXml.ELEMENT, name, op);
        return AdminModels.factory().subscriptionRuntime(topic, name(entry, name),
                DescriptionXml.runtime(entry.description()));
    }

    private RuleProperties rule(AtomDocument.Entry entry, String name, String op) {
        expect(entry, RuleXml.ELEMENT, name, op);
        return RuleXml.read(entry.description(), name(entry, name));
    }

    /** A queue's path answered with a topic (they share names) is "no such queue", as the SDKs treat it. */
    private static void expect(AtomDocument.Entry entry, String element, String name, String op) {
        if (!entry.describes(element)) {
            throw notFound(op, "'" + name + "' is a " + entry.description().getLocalName()
                    .replace("Description", "").toLowerCase(Locale.ROOT) + ", not a "
                    + element.replace("Description", "").toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static String name(AtomDocument.Entry entry, String fallback) {
        return entry.title() == null || entry.title().isEmpty() ? fallback : entry.title();
    }

    private static RuntimeException notFound(String op, String detail) {
        return ServiceBusExceptions.fromCondition(ServiceBusError.ENTITY_NOT_FOUND.condition(), detail, op);
    }

    /** Runs a parse; an answer that is not what the API promises becomes a client exception. */
    private static <T> T read(String op, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw ServiceBusExceptions.unexpectedAnswer(op, e);
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /** The executor user-facing futures complete on. */
    public Executor callbacks() {
        return http.callbacks();
    }

    /** How long a blocking call may wait for one operation (one page of a list). */
    public Duration maxOperationTime() {
        return http.maxOperationTime();
    }

    /** @return where requests go */
    public AdminConfig config() {
        return http.config();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return http.isClosed();
    }

    @Override
    public void close() {
        http.close();
    }
}
