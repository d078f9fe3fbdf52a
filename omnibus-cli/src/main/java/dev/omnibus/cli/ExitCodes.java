package dev.omnibus.cli;

import dev.omnibus.client.exceptions.MessagingEntityNotFoundException;
import dev.omnibus.client.exceptions.ServiceBusAuthenticationException;
import dev.omnibus.client.exceptions.ServiceBusAuthorizationException;
import picocli.CommandLine;

/** The exit codes of {@code omnibus}, documented in docs/cli.md. */
final class ExitCodes {
    /** The command did what it was asked. */
    static final int OK = 0;
    /** The operation failed (the service refused it, could not be reached, timed out, ...). */
    static final int FAILED = 1;
    /** The command line is wrong: unknown option, missing argument, bad value, no connection string. */
    static final int USAGE = CommandLine.ExitCode.USAGE;
    /** A queue, topic, subscription or rule the command names does not exist. */
    static final int NOT_FOUND = 3;
    /** The credentials were refused or lack the right. */
    static final int UNAUTHORIZED = 4;

    private ExitCodes() {
    }

    /** The exit code for a failure of a command's work. */
    static int of(Throwable failure) {
        if (failure instanceof MessagingEntityNotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ServiceBusAuthorizationException
                || failure instanceof ServiceBusAuthenticationException) {
            return UNAUTHORIZED;
        }
        if (failure instanceof IllegalArgumentException) {
            return USAGE; // a malformed connection string or endpoint, an option value the client refuses
        }
        return FAILED;
    }
}
