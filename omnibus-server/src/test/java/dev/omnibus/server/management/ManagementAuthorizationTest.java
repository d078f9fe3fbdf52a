package dev.omnibus.server.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.core.Broker;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessPolicy;
import dev.omnibus.server.http.HttpReply;
import dev.omnibus.server.http.HttpRequestView;
import dev.omnibus.server.http.HttpRouter;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The management API lets in tokens of policies with Manage only, and refuses the others with Service Bus's 401. */
class ManagementAuthorizationTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private final ManualTimeSource time = new ManualTimeSource(T0);
    private final Broker broker = Broker.open(new InMemoryMessageStore(), time, Runnable::run);
    private final HttpRouter router = new HttpRouter(ManagementApi.routes(() -> broker, AccessPolicies.of("root",
            "root-key", List.of(AccessPolicy.parse("app=app-key:Send,Listen"),
                    AccessPolicy.parse("ops=ops-key:Manage"))), T0));

    @AfterEach
    void close() {
        broker.close();
    }

    private HttpReply call(HttpMethod method, String path, String policy, String key) {
        String token = SasToken.create("https://localhost", policy, key, T0.plusSeconds(3600)).text();
        String body = method.equals(HttpMethod.PUT) ? "<entry xmlns=\"http://www.w3.org/2005/Atom\"><content "
                + "type=\"application/xml\"><QueueDescription xmlns=\"http://schemas.microsoft.com/netservices/"
                + "2010/10/servicebus/connect\"/></content></entry>" : "";
        return router.dispatch(new HttpRequestView(method, path, Map.of(),
                Map.of("host", "localhost:5300", "authorization", token), body.getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();
    }

    @Test
    void aSendListenPolicyIsRefusedWithTheManageClaimsServiceBusNames() {
        HttpReply list = call(HttpMethod.GET, "/$Resources/queues", "app", "app-key");
        HttpReply create = call(HttpMethod.PUT, "/q", "app", "app-key");
        HttpReply delete = call(HttpMethod.DELETE, "/q", "app", "app-key");

        assertThat(list.status().code()).isEqualTo(401);
        assertThat(list.bodyText()).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>401</Code>"
                + "<Detail>Unauthorized access. Manage,EntityRead claims required for this operation.</Detail>"
                + "</Error>");
        assertThat(create.status().code()).isEqualTo(401);
        assertThat(create.bodyText()).contains("Manage,EntityWrite claims required");
        assertThat(delete.bodyText()).contains("Manage,EntityDelete claims required");
        assertThat(broker.namespace().getQueue("q")).isEmpty();
    }

    @Test
    void theRootKeyAndOtherManagePoliciesAreLetIn() {
        assertThat(call(HttpMethod.PUT, "/q", "ops", "ops-key").status().code()).isEqualTo(201);
        assertThat(call(HttpMethod.GET, "/q", "root", "root-key").status().code()).isEqualTo(200);
        assertThat(broker.namespace().getQueue("q")).isPresent();
    }

    @Test
    void aPolicyNameWithAnotherPolicysKeyIsRefused() {
        HttpReply reply = call(HttpMethod.GET, "/$Resources/queues", "ops", "app-key");

        assertThat(reply.status().code()).isEqualTo(401);
        assertThat(reply.bodyText()).contains("The token signature is not valid.");
    }
}
