package dev.omnibus.cli;

import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.admin.ServiceBusAdministrationClient;
import dev.omnibus.client.admin.ServiceBusAdministrationClientBuilder;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.ParameterException;

/**
 * What a command works with: the administration client and the messaging client (each made on first use, from the
 * root command's options), the output, and standard error for progress. Closed by {@link Main} after the command.
 */
final class Context implements AutoCloseable {
    private final OmnibusCommand options;
    private final Output output;
    private final PrintWriter err;
    private ServiceBusAdministrationClient admin;
    private ServiceBusClient client;

    Context(OmnibusCommand options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.output = new Output(options.format, out);
        this.err = err;
    }

    Output output() {
        return output;
    }

    /** Standard error, for progress and notes that are not the result. */
    PrintWriter err() {
        return err;
    }

    ServiceBusAdministrationClient admin() {
        if (admin == null) {
            ServiceBusAdministrationClientBuilder builder = new ServiceBusAdministrationClientBuilder()
                    .connectionString(connectionString()).retryOptions(retry());
            if (options.managementEndpoint != null) {
                builder.managementEndpoint(options.managementEndpoint);
            }
            admin = builder.buildClient();
        }
        return admin;
    }

    ServiceBusClient client() {
        if (client == null) {
            client = ServiceBusClient.builder().connectionString(connectionString()).retryOptions(retry())
                    .buildClient();
        }
        return client;
    }

    private String connectionString() {
        String cs = options.connectionString;
        if (cs == null || cs.isBlank()) {
            throw new ParameterException(options.spec.commandLine(),
                    "No connection string: give --connection-string or set OMNIBUS_CONNECTION_STRING");
        }
        return cs;
    }

    /** Two quick retries: a command line should fail within a minute or two, not hang. */
    private RetryOptions retry() {
        return RetryOptions.defaults().maxRetries(2).delay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(5))
                .tryTimeout(options.timeout);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
