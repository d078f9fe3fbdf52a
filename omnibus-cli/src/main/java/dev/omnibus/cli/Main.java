package dev.omnibus.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code omnibus} command's entry point. Errors are one line on standard error ({@code omnibus: ...}); the exit
 * code says what kind (see {@link ExitCodes}).
 */
public final class Main {
    /** Environment variables that give options their defaults. */
    static final Map<String, String> ENVIRONMENT_DEFAULTS = Map.of(
            "--connection-string", "OMNIBUS_CONNECTION_STRING",
            "--management-endpoint", "OMNIBUS_MANAGEMENT_ENDPOINT");

    private Main() {
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // The client logs through SLF4J; the CLI ships no binding, and says so itself when it must.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the command without exiting: what {@link #main} does, for tests and embedding.
     *
     * @param args the command line
     * @param stdout where results go
     * @param stderr where errors and progress go
     * @param env the environment ({@code OMNIBUS_CONNECTION_STRING}, {@code OMNIBUS_MANAGEMENT_ENDPOINT})
     * @return the exit code
     */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr, Map<String, String> env) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        OmnibusCommand root = new OmnibusCommand();
        CommandLine line = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setDefaultValueProvider(environment(env))
                .setParameterExceptionHandler((e, arguments) -> usageError(e, err))
                .setExecutionExceptionHandler((e, cmd, parsed) -> e instanceof CommandLine.TypeConversionException
                        ? usageError(new CommandLine.ParameterException(cmd, e.getMessage(), e), err)
                        : failure(e, err));
        try {
            return line.execute(args);
        } finally {
            root.closeContext();
            out.flush();
            err.flush();
        }
    }

    private static IDefaultValueProvider environment(Map<String, String> env) {
        return (ArgSpec arg) -> {
            if (arg instanceof OptionSpec option) {
                String variable = ENVIRONMENT_DEFAULTS.get(option.longestName());
                String value = variable == null ? null : env.get(variable);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return arg.defaultValue();
        };
    }

    private static int usageError(CommandLine.ParameterException e, PrintWriter err) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("omnibus: " + oneLine(e.getMessage()) + " (see '" + command + " --help')");
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, PrintWriter err) {
        Throwable cause = e;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        err.println("omnibus: " + oneLine(message));
        return ExitCodes.of(cause);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The version in the runnable jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"omnibus " + (version == null ? "(development build)" : version)};
        }
    }
}
