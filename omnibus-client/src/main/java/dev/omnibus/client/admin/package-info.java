/**
 * The administration client: creates, reads, updates, lists and deletes queues, topics, subscriptions and rules
 * through the Service Bus management REST API (ATOM/XML over HTTP), against Omnibus, the Service Bus emulator or
 * Azure. Entry points: {@link dev.omnibus.client.admin.ServiceBusAdministrationClient} (blocking) and
 * {@link dev.omnibus.client.admin.ServiceBusAdministrationAsyncClient} (futures), built from a connection string or
 * a {@link dev.omnibus.client.admin.ServiceBusAdministrationClientBuilder}; the models are in
 * {@code dev.omnibus.client.admin.models}.
 *
 * <p>Threads: each client owns a small pool of daemon threads for HTTP and for completing futures, and a timer for
 * deadlines and back-off; {@code close()} stops them. The clients are thread-safe; the option and properties models
 * are not. API package.
 */
package dev.omnibus.client.admin;
