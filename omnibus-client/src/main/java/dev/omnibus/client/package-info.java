/**
 * The Omnibus Java client: the API the {@code azure-servicebus} documentation describes, in Java idiom, over the
 * Service Bus AMQP protocol, so it works against Omnibus and against Azure Service Bus.
 *
 * <p>Entry point: {@link dev.omnibus.client.ServiceBusClient} (blocking) or
 * {@link dev.omnibus.client.ServiceBusAsyncClient} (futures), from a connection string or a
 * {@link dev.omnibus.client.ServiceBusClientBuilder}. They make {@link dev.omnibus.client.ServiceBusSender}s,
 * {@link dev.omnibus.client.ServiceBusReceiver}s and {@link dev.omnibus.client.ServiceBusProcessor}s;
 * {@link dev.omnibus.client.AutoLockRenewer} keeps message locks alive. Queues, topics, subscriptions and rules are
 * managed with the administration client, {@code dev.omnibus.client.admin.ServiceBusAdministrationClient}.
 *
 * <p>Threads: each client has one I/O thread (its AMQP connection's event loop) and a pool of callback threads on
 * which futures complete; user code never runs on the I/O thread. Processors run handlers on their own pools.
 * Every public type here is thread-safe unless its documentation says otherwise. API package.
 */
package dev.omnibus.client;
