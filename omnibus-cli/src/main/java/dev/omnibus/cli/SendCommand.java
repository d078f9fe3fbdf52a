package dev.omnibus.cli;

import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnibus send}: sends messages to a queue or topic, packed into as few batches as the link allows. Bodies
 * come from the arguments or from a file (one message per non-empty line); {@code --count} repeats them, and
 * {@code {n}} in a body or message id becomes the message's number (1, 2, ...).
 */
@Command(name = "send", description = {"Send messages to a queue or topic.",
        "Bodies are the arguments, or the non-empty lines of --file (- for standard input).",
        "{n} in a body or --message-id is replaced by the message's number, 1 to the total."})
final class SendCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ENTITY", description = "The queue or topic.")
    String entity;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "BODY", description = "Message bodies (UTF-8 text).")
    List<String> bodies = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Read bodies from this file, one per line (- for standard input).")
    String file;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
            description = "An application property (repeatable); 10 is a number, true a boolean, key:string=10 "
                    + "forces a type.")
    List<String> properties = new ArrayList<>();

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1",
            description = "Send the bodies this many times (default 1).")
    long count;

    @Option(names = "--session-id", paramLabel = "ID", description = "The messages' session id.")
    String sessionId;

    @Option(names = "--message-id", paramLabel = "ID", description = "The messages' id ({n} is the number).")
    String messageId;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "The messages' content type.")
    String contentType;

    @Option(names = {"--subject", "--label"}, paramLabel = "TEXT", description = "The messages' subject.")
    String subject;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "The messages' correlation id.")
    String correlationId;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "The messages' 'to' address.")
    String to;

    @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "The messages' reply-to address.")
    String replyTo;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Durations.class,
            description = "The messages' time to live.")
    Duration timeToLive;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override
    int execute(Context context) {
        List<String> texts = new ArrayList<>(bodies);
        if (file != null) {
            texts.addAll(readLines(file));
        }
        if (texts.isEmpty()) {
            throw usage("No message to send: give bodies as arguments or --file");
        }
        if (count <= 0) {
            throw usage("--count must be positive");
        }
        Map<String, Object> props = TypedValues.parse(properties);
        long total = count * texts.size();
        Progress progress = new Progress(context.err(), "sent", total, !quiet);
        long sent = 0;
        try (ServiceBusSender sender = context.client().getQueueSender(entity)) {
            ServiceBusMessageBatch batch = sender.createMessageBatch();
            for (long n = 1; n <= total; n++) {
                ServiceBusMessage message = message(texts.get((int) ((n - 1) % texts.size())), n, props);
                if (!batch.tryAddMessage(message)) {
                    if (batch.getCount() > 0) {
                        sender.sendMessages(batch);
                        sent += batch.getCount();
                        progress.update(sent);
                        batch = sender.createMessageBatch();
                    }
                    if (!batch.tryAddMessage(message)) {
                        sender.sendMessages(message); // too large for any batch: the client says why
                        sent++;
                    }
                }
            }
            if (batch.getCount() > 0) {
                sender.sendMessages(batch);
                sent += batch.getCount();
            }
        }
        progress.finish(sent);
        context.output().done(Views.of("entity", entity, "sent", total,
                "seconds", Math.round(progress.elapsedSeconds() * 1000) / 1000.0),
                "Sent " + total + (total == 1 ? " message" : " messages") + " to '" + entity + "'.");
        return ExitCodes.OK;
    }

    private ServiceBusMessage message(String body, long n, Map<String, Object> props) {
        ServiceBusMessage message = new ServiceBusMessage(number(body, n).getBytes(StandardCharsets.UTF_8));
        if (messageId != null) {
            message.setMessageId(number(messageId, n));
        }
        if (sessionId != null) {
            message.setSessionId(sessionId);
        }
        if (contentType != null) {
            message.setContentType(contentType);
        }
        if (subject != null) {
            message.setSubject(subject);
        }
        if (correlationId != null) {
            message.setCorrelationId(correlationId);
        }
        if (to != null) {
            message.setTo(to);
        }
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        if (timeToLive != null) {
            message.setTimeToLive(timeToLive);
        }
        message.getApplicationProperties().putAll(props);
        return message;
    }

    private static String number(String text, long n) {
        return text.contains("{n}") ? text.replace("{n}", Long.toString(n)) : text;
    }

    private List<String> readLines(String name) {
        try (BufferedReader reader = name.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            return reader.lines().filter(line -> !line.isBlank()).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            throw usage("No such file: " + name);
        } catch (IOException | UncheckedIOException e) {
            throw usage("Cannot read " + name + ": " + e.getMessage().toLowerCase(Locale.ROOT));
        }
    }
}
