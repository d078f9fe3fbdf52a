package dev.omnibus.server;

import dev.omnibus.server.auth.AccessPolicy;
import dev.omnibus.server.config.ConfigException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar omnibus-server.jar [options]}: starts a server and prints one ready line on stdout. Everything
 * else (logs, errors) goes to stderr, so scripts can wait for the ready line. Exit codes: 2 for bad flags or a bad
 * configuration file, 1 when the server cannot start (a port in use, a locked data directory).
 */
@Command(name = "omnibus", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "A self-hosted, Azure Service Bus compatible message broker.")
public final class Main implements Callable<Integer> {
    static final int EXIT_STARTUP_FAILED = 1;
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Option(names = "--amqp-port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_AMQP_PORT,
            description = "AMQP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int amqpPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_HTTP_PORT,
            description = "HTTP port for /health and management (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "omnibus-data",
            description = "Directory of the durable store (default: ${DEFAULT-VALUE} in the working directory).")
    Path dataDir;

    @Option(names = "--in-memory", description = "Keep everything in memory; nothing survives a restart.")
    boolean inMemory;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Entities from a Service Bus emulator Config.json (default: queue 'queue.1').")
    Path configFile;

    @Option(names = "--sas-key-name", paramLabel = "NAME", defaultValue = ServerOptions.DEFAULT_SAS_KEY_NAME,
            description = "SAS key name clients sign with (default: ${DEFAULT-VALUE}).")
    String sasKeyName;

    @Option(names = "--sas-key", paramLabel = "KEY", defaultValue = ServerOptions.DEFAULT_SAS_KEY,
            description = "SAS key (default: ${DEFAULT-VALUE}).")
    String sasKey;

    @Option(names = "--sas-policy", paramLabel = "NAME=KEY:RIGHTS", converter = PolicyConverter.class,
            description = "Another shared access policy, for every namespace; repeatable. RIGHTS are Manage, Send "
                    + "and Listen separated by commas (Manage implies the others), e.g. "
                    + "--sas-policy sender=s3cr3t:Send --sas-policy app=c2VjcmV0=:Send,Listen. The --sas-key policy "
                    + "has every right.")
    List<AccessPolicy> sasPolicies = new ArrayList<>();

    @Option(names = "--link-idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Detach AMQP links that carry no traffic for this long, with amqp:link:detach-forced, as "
                    + "Service Bus does; the SDKs attach new ones (default: ${DEFAULT-VALUE}; 30s, 500ms, PT10M; "
                    + "0 = never).")
    Duration linkIdleTimeout;

    @Option(names = "--tls", description = "Also listen for AMQP over TLS (AMQPS), on --amqps-port or "
            + TlsOptions.DEFAULT_AMQPS_PORT + ".")
    boolean tls;

    @Option(names = "--amqps-port", paramLabel = "PORT",
            description = "AMQPS port: AMQP over TLS, what the SDKs use without UseDevelopmentEmulator=true "
                    + "(default: off, or " + TlsOptions.DEFAULT_AMQPS_PORT + " with --tls; 0 = any free port).")
    Integer amqpsPort;

    @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "" + TlsOptions.DISABLED_PORT,
            description = "HTTPS port for /health, management and AMQP over WebSockets "
                    + "(default: off; 0 = any free port).")
    int httpsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate (chain) for HTTPS and AMQPS (default: a generated self-signed one).")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--export-certificate", paramLabel = "FILE",
            description = "Write the HTTPS/AMQPS certificate as PEM to FILE, for clients to trust.")
    Path exportCertificate;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final AmqpListenerFactory amqp;
    private final Lifetime lifetime;

    Main(PrintStream out, PrintStream err, AmqpListenerFactory amqp, Lifetime lifetime) {
        this.out = out;
        this.err = err;
        this.amqp = amqp;
        this.lifetime = lifetime;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err, AmqpListenerFactory.standard(), Lifetime.untilJvmShutdown())
                .execute(args);
        if (code != 0) {
            // Only failures exit explicitly: after a normal stop the JVM is already running its shutdown hooks.
            System.exit(code);
        }
    }

    /** Parses, runs until stopped, and returns the exit code; never calls {@code System.exit}. */
    int execute(String... args) {
        CommandLine cli = new CommandLine(this);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, ignored) -> fail(ex.getMessage() + " (see --help)", EXIT_USAGE));
        cli.setExecutionExceptionHandler((ex, ignored, parsed) -> failure(ex));
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        try (OmnibusServer server = OmnibusServer.start(options(), amqp)) {
            out.println(server.readyLine());
            out.flush();
            lifetime.awaitStop(server);
        }
        return 0;
    }

    ServerOptions options() {
        if (inMemory && spec.commandLine().getParseResult().hasMatchedOption("--data-dir")) {
            throw new ParameterException(spec.commandLine(), "--in-memory and --data-dir cannot be used together");
        }
        try {
            return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey,
                    ServerOptions.DEFAULT_AMQP_IDLE_TIMEOUT, linkIdleTimeout,
                    new TlsOptions(httpsPort, amqpsPort(), tlsCertificate, tlsKey, exportCertificate), sasPolicies);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Giving a port switches AMQPS on; {@code --tls} alone means the Service Bus port. */
    private int amqpsPort() {
        if (amqpsPort != null) {
            return amqpsPort;
        }
        return tls ? TlsOptions.DEFAULT_AMQPS_PORT : TlsOptions.DISABLED_PORT;
    }

    private int failure(Exception ex) {
        if (ex instanceof ParameterException) {
            return fail(ex.getMessage() + " (see --help)", EXIT_USAGE);
        }
        if (ex instanceof ConfigException) {
            // File-level problems (missing, unreadable) already start with the file name.
            String file = String.valueOf(configFile);
            String where = ex.getMessage().startsWith(file) ? "" : " " + file;
            return fail("invalid configuration" + where + ": " + ex.getMessage(), EXIT_USAGE);
        }
        if (ex instanceof StartupException) {
            return fail(ex.getMessage(), EXIT_STARTUP_FAILED);
        }
        err.println("omnibus: failed to start: " + ex);
        ex.printStackTrace(err);
        return EXIT_STARTUP_FAILED;
    }

    private int fail(String message, int code) {
        err.println("omnibus: " + message);
        err.flush();
        return code;
    }

    /**
     * A duration as people write it: a number with a unit ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}), a
     * bare number of seconds, or ISO-8601 ({@code PT10M}).
     */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(value.trim());
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
                }
                long amount = Long.parseLong(v.replaceAll("[smh]$", "").trim());
                return switch (v.charAt(v.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (use 500ms, 30s, "
                        + "10m, 1h or PT10M)");
            }
        }
    }

    /** {@code NAME=KEY:RIGHTS} ({@link AccessPolicy#parse}). */
    static final class PolicyConverter implements CommandLine.ITypeConverter<AccessPolicy> {
        @Override
        public AccessPolicy convert(String value) {
            try {
                return AccessPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The version from the jar manifest, when run from the packaged jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Omnibus " + (version == null ? "(development build)" : version)};
        }
    }
}
