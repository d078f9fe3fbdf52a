/**
 * The ATOM/XML management API of Service Bus, as the official {@code ServiceBusAdministrationClient}s (Java, JS,
 * .NET, Python) call it: {@link dev.omnibus.server.management.ManagementApi} adds its routes to the HTTP listener.
 *
 * <p>Roles: {@code ManagementApi} (authorization by {@code SasAuthorizer}, then {@code ResourcePath} picks one of
 * {@code EntityResource}, {@code SubscriptionResource}, {@code RuleResource}); {@code QueueXml}, {@code TopicXml},
 * {@code SubscriptionXml}, {@code RuleXml} and {@code KeyValueXml} translate descriptions, {@code AtomWriter}
 * writes entries and feeds through {@code XmlOut} (StAX), {@code XmlIn} reads requests (namespace-aware DOM);
 * {@code ManagementErrors} is the only place errors become replies.
 *
 * <p>{@link dev.omnibus.server.management.ProtocolSniffer} lets the AMQP port answer these HTTP requests too.
 *
 * <p>Threading: requests arrive on the HTTP event loop; replies are built on whatever thread completes the broker's
 * future. Nothing here keeps state between requests.
 */
package dev.omnibus.server.management;
