/**
 * The {@code omnibus} command line (picocli): {@link dev.omnibus.cli.Main} is the entry point. Every command uses the
 * Omnibus client's public API only ({@code ServiceBusClient} for messages, {@code ServiceBusAdministrationClient}
 * for entities), so it works against Omnibus, the Service Bus emulator and Azure Service Bus alike.
 *
 * <p>Roles: {@code OmnibusCommand} (global options, the {@code Context} with the clients), one class per command
 * group ({@code QueueCommand}, {@code TopicCommand}, {@code SubscriptionCommand}, {@code RuleCommand},
 * {@code DlqCommand}, {@code NamespaceCommand}) and per messaging command ({@code SendCommand},
 * {@code ReceiveCommand}, {@code PeekCommand}); {@code Views} turns models into ordered maps, {@code Output} prints
 * them as tables or JSON; {@code ExitCodes} maps failures. Single-threaded: one command per process.
 */
package dev.omnibus.cli;
