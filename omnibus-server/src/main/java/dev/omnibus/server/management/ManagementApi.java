package dev.omnibus.server.management;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.http.HealthRoute;
import dev.omnibus.server.http.HttpReply;
import dev.omnibus.server.http.HttpRequestView;
import dev.omnibus.server.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ATOM management API that the official {@code ServiceBusAdministrationClient}s speak: queues, topics,
 * subscriptions and rules (create, get, update, delete, list with paging), runtime counts, namespace info. Every
 * request needs a SharedAccessSignature made with a shared access policy that has the Manage right (else 401). The
 * request's {@code Host} header chooses the
 * namespace ({@link Broker#namespaceForHost}). Routes answer from the HTTP event loop and
 * complete when the broker has made a change durable; nothing blocks.
 *
 * <pre>{@code
 * HttpRouter router = new HttpRouter(Stream.concat(Stream.of(HealthRoute.create(ready)),
 *         ManagementApi.routes(() -> broker, keyName, key, startedAt).stream()).toList());
 * }</pre>
 */
public final class ManagementApi implements HttpRoute.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    /** Used in ids and links when a request has no Host header (HTTP/1.0). */
    private static final String FALLBACK_HOST = "localhost";

    private final Supplier<Broker> broker;
    private final SasAuthorizer authorizer;
    private final Instant createdAt;

    private ManagementApi(Supplier<Broker> broker, AccessPolicies policies, Instant createdAt) {
        this.broker = broker;
        // Only asked once the broker is there (requests before are answered 503), so its clock is too.
        this.authorizer = new SasAuthorizer(Objects.requireNonNull(policies, "policies"),
                () -> broker.get().time().now());
        this.createdAt = createdAt;
    }

    /**
     * The routes, GET, PUT and DELETE on every path but {@link HealthRoute#PATH}; put them after the health route.
     *
     * @param broker the broker once it is open, null before (requests are then answered 503)
     * @param keyName the name of the key requests must be signed with
     * @param key the key (it has the Manage right)
     * @param createdAt reported as the namespace's creation time
     */
    public static List<HttpRoute> routes(Supplier<Broker> broker, String keyName, String key, Instant createdAt) {
        return routes(broker, AccessPolicies.of(keyName, key, List.of()), createdAt);
    }

    /**
     * The routes, authorized by the server's shared access policies (only those with Manage are let in).
     *
     * @param broker the broker once it is open, null before (requests are then answered 503)
     * @param policies the policies tokens may be signed with
     * @param createdAt reported as the namespace's creation time
     */
    public static List<HttpRoute> routes(Supplier<Broker> broker, AccessPolicies policies, Instant createdAt) {
        ManagementApi api = new ManagementApi(broker, policies, createdAt);
        return List.of(new HttpRoute(HttpMethod.GET, ManagementApi::isManaged, api),
                new HttpRoute(HttpMethod.PUT, ManagementApi::isManaged, api),
                new HttpRoute(HttpMethod.DELETE, ManagementApi::isManaged, api));
    }

    private static boolean isManaged(String path) {
        return !path.equals(HealthRoute.PATH);
    }

    @Override
    public CompletionStage<HttpReply> handle(HttpRequestView request) {
        Broker current = broker.get();
        if (current == null) {
            return CompletableFuture.completedFuture(ManagementErrors.reply(ServiceBusError.SERVER_BUSY,
                    "The server is starting; try again shortly."));
        }
        String refusal = authorizer.refusal(request.headers().get("authorization"), request.method());
        if (refusal != null) {
            LOG.debug("{} {} refused: {}", request.method(), request.path(), refusal);
            return CompletableFuture.completedFuture(ManagementErrors.reply(ServiceBusError.UNAUTHORIZED,
                    ServiceBusError.UNAUTHORIZED.describe(refusal)));
        }
        String host = request.headers().getOrDefault("host", FALLBACK_HOST);
        // The Host header picks the namespace, as it does in Service Bus (orders.servicebus.windows.net is 'orders');
        // a host that names no namespace (localhost, an address) gets the default one.
        AtomRequest atom = new AtomRequest(request, current.namespaceForHost(host), new AtomLinks(host),
                Instant.ofEpochMilli(current.time().now()));
        return AtomRequest.attempt(() -> dispatch(atom, ResourcePath.parse(request.path()), request.method()))
                .exceptionally(ManagementErrors::reply);
    }

    private CompletableFuture<HttpReply> dispatch(AtomRequest r, ResourcePath p, HttpMethod method) {
        boolean get = method.equals(HttpMethod.GET);
        boolean put = method.equals(HttpMethod.PUT);
        return switch (p.kind()) {
            case NAMESPACE -> get ? namespaceInfo(r) : unsupported(method, p);
            case QUEUES -> get ? EntityResource.listQueues(r) : unsupported(method, p);
            case TOPICS -> get ? EntityResource.listTopics(r) : unsupported(method, p);
            case SUBSCRIPTIONS -> get ? SubscriptionResource.list(r, p.entity()) : unsupported(method, p);
            case RULES -> get ? RuleResource.list(r, p.entity(), p.subscription()) : unsupported(method, p);
            case ENTITY -> get ? EntityResource.get(r, p.entity())
                    : put ? EntityResource.put(r, p.entity()) : EntityResource.delete(r, p.entity());
            case SUBSCRIPTION -> get ? SubscriptionResource.get(r, p.entity(), p.subscription())
                    : put ? SubscriptionResource.put(r, p.entity(), p.subscription())
                    : SubscriptionResource.delete(r, p.entity(), p.subscription());
            case RULE -> get ? RuleResource.get(r, p.entity(), p.subscription(), p.rule())
                    : put ? RuleResource.put(r, p.entity(), p.subscription(), p.rule())
                    : RuleResource.delete(r, p.entity(), p.subscription(), p.rule());
        };
    }

    /**
     * {@code GET /$namespaceinfo}: a Standard messaging namespace. The Java client reads {@code NamespaceInfo}'s
     * children, the JS client requires {@code CreatedTime}, {@code MessagingSKU}, {@code ModifiedTime} and
     * {@code Name}.
     */
    private CompletableFuture<HttpReply> namespaceInfo(AtomRequest r) {
        Namespace ns = r.namespace();
        AtomEntry entry = new AtomEntry(r.links().entity("$namespaceinfo"), ns.name(), createdAt, createdAt,
                ns.name(), out -> {
                    DescriptionXml.open(out, "NamespaceInfo");
                    out.element("CreatedTime", XmlValues.instant(createdAt))
                            .element("MessagingSKU", "Standard")
                            .element("ModifiedTime", XmlValues.instant(createdAt))
                            .element("Name", ns.name())
                            .element("NamespaceType", "Messaging")
                            .close();
                });
        return CompletableFuture.completedFuture(AtomRequest.entry(HttpResponseStatus.OK, entry));
    }

    private static CompletableFuture<HttpReply> unsupported(HttpMethod method, ResourcePath p) {
        return CompletableFuture.completedFuture(ManagementErrors.reply(ServiceBusError.NOT_ALLOWED,
                method + " is not supported on " + p.kind().name().toLowerCase(java.util.Locale.ROOT) + "."));
    }
}
