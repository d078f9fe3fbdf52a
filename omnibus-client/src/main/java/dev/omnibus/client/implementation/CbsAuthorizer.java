package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims-based authorisation for one connection: puts a token for an entity's audience on {@code $cbs} before the
 * first link to that entity is attached, and puts a fresh one before it expires (at 80% of its lifetime) for as
 * long as the connection lives.
 *
 * <p>State is confined to the connection's event loop; {@link #authorize(String)} may be called from anywhere.
 */
public final class CbsAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(CbsAuthorizer.class);
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    private static final Duration RETRY_REFRESH = Duration.ofSeconds(10);

    private final AmqpConnection connection;
    private final ClientConfig config;
    private final Map<String, CompletableFuture<Void>> audiences = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> refreshes = new HashMap<>();
    private CompletableFuture<RequestResponseChannel> channel;
    private boolean stopped;

    CbsAuthorizer(AmqpConnection connection, ClientConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /** Completes when the connection may attach links to {@code entityPath}. */
    public CompletableFuture<Void> authorize(String entityPath) {
        String audience = config.audience(entityPath);
        CompletableFuture<Void> result = new CompletableFuture<>();
        connection.execute(() -> {
            CompletableFuture<Void> existing = audiences.get(audience);
            if (existing == null || existing.isCompletedExceptionally()) {
                existing = putToken(audience);
                audiences.put(audience, existing);
            }
            existing.whenComplete((ok, error) -> {
                if (error != null) {
                    result.completeExceptionally(ServiceBusExceptions.unwrap(error));
                } else {
                    result.complete(null);
                }
            });
        });
        return result;
    }

    private CompletableFuture<Void> putToken(String audience) {
        AccessToken token = config.tokens().token(audience);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ServiceBusNames.OPERATION, ServiceBusNames.PUT_TOKEN);
        properties.put(ServiceBusNames.CBS_TYPE, token.type());
        properties.put(ServiceBusNames.CBS_NAME, audience);
        properties.put(ServiceBusNames.CBS_EXPIRATION, Date.from(token.expiresAt()));
        Duration timeout = config.retry().getTryTimeout();
        return channel().thenCompose(cbs -> cbs.request(properties, token.token(), timeout))
                .thenAccept(response -> {
                    if (!response.ok()) {
                        throw ServiceBusExceptions.fromCbsStatus(response.status(), response.description(), audience);
                    }
                    scheduleRefresh(audience, token.expiresAt());
                });
    }

    private CompletableFuture<RequestResponseChannel> channel() {
        if (channel == null || channel.isCompletedExceptionally()
                || (channel.isDone() && !channel.join().isUsable())) {
            channel = RequestResponseChannel.open(connection, ServiceBusNames.CBS_NODE);
        }
        return channel;
    }

    private void scheduleRefresh(String audience, Instant expiresAt) {
        if (stopped) {
            return;
        }
        Duration lifetime = Duration.between(config.clock().instant(), expiresAt);
        Duration delay = lifetime.multipliedBy(4).dividedBy(5);
        schedule(audience, delay.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : delay);
    }

    private void schedule(String audience, Duration delay) {
        ScheduledFuture<?> refresh = connection.loop().schedule(() -> connection.execute(() -> refresh(audience)),
                delay.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = refreshes.put(audience, refresh);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void refresh(String audience) {
        if (stopped || !connection.isUsable()) {
            return;
        }
        putToken(audience).whenComplete((ok, error) -> {
            if (error != null && !stopped) {
                LOG.warn("Refreshing the token for {} failed; retrying in {}: {}", audience, RETRY_REFRESH,
                        error.getMessage());
                connection.execute(() -> schedule(audience, RETRY_REFRESH));
            }
        });
    }

    /** Stops refreshing; called when the connection ends. Call on the event loop. */
    void stop() {
        stopped = true;
        refreshes.values().forEach(refresh -> refresh.cancel(false));
        refreshes.clear();
    }
}
