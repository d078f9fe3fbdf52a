package dev.omnibus.cli;

import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code omnibus}: the root command. Its options are inherited by every subcommand, so they may be given before or
 * after the subcommand's name; each subcommand reaches them, and the clients they configure, through
 * {@link #context()}.
 */
@Command(name = "omnibus", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Manage and use Service Bus entities: Omnibus, the Service Bus emulator, or Azure Service Bus.",
                "",
                "The connection string comes from --connection-string or OMNIBUS_CONNECTION_STRING."},
        subcommands = {QueueCommand.class, TopicCommand.class, SubscriptionCommand.class, RuleCommand.class,
                SendCommand.class, ReceiveCommand.class, PeekCommand.class, DlqCommand.class,
                NamespaceCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 operation failed, 2 usage error, 3 entity not found, 4 unauthorized.",
                "Documentation: docs/cli.md"})
final class OmnibusCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--connection-string"}, scope = ScopeType.INHERIT, paramLabel = "CS",
            description = "Service Bus connection string (default: $OMNIBUS_CONNECTION_STRING).")
    String connectionString;

    @Option(names = "--management-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Where management requests go, e.g. http://localhost:5300 (default: from the connection "
                    + "string; $OMNIBUS_MANAGEMENT_ENDPOINT).")
    URI managementEndpoint;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "table (default) or json.")
    Output.Format format = Output.Format.TABLE;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "30s",
            converter = Durations.class,
            description = "How long one try of an operation may take (default: 30s); failures are retried twice.")
    Duration timeout = Duration.ofSeconds(30);

    private Context context;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** The clients and output of this run, made on first use from the options. */
    Context context() {
        if (context == null) {
            context = new Context(this, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return context;
    }

    /** Closes whatever {@link #context()} opened. */
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    /** {@code table} or {@code json}, in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Output.Format> {
        @Override
        public Output.Format convert(String value) {
            try {
                return Output.Format.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not table or json");
            }
        }
    }
}
