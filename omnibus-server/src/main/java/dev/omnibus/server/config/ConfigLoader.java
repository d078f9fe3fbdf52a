package dev.omnibus.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.omnibus.core.Broker;
import dev.omnibus.core.EntityNames;
import dev.omnibus.core.QueueDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Microsoft's Service Bus emulator {@code Config.json} ({@code UserConfig.Namespaces[].Queues[]/Topics[]} with
 * their subscriptions and rules, {@code UserConfig.Logging}) into an {@link EmulatorConfig}. Everything is checked
 * before anything is applied, and each problem is reported as a {@link ConfigException} naming its JSON path.
 * Properties an entity does not declare take the Service Bus defaults.
 *
 * <p>Beyond the emulator, which allows exactly one namespace named {@code sbemulatorns}, a file may declare several
 * namespaces with any host-name friendly names; the first is the default namespace.
 */
public final class ConfigLoader {
    /**
     * Tree reading keeps every value's path; duplicate keys are refused rather than silently last-wins. Comments are
     * allowed: the emulator's own Config.json has {@code //} comments inside its correlation filter.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final Set<String> ROOT_FIELDS = Set.of("UserConfig", "$schema");
    private static final Set<String> USER_CONFIG_FIELDS = Set.of("Namespaces", "Logging");
    private static final Set<String> NAMESPACE_FIELDS = Set.of("Name", "Queues", "Topics");
    private static final Set<String> QUEUE_FIELDS = Set.of("Name", "Properties");
    private static final Set<String> LOGGING_TARGETS = Set.of("Console", "File");
    /** Namespace names, host-name friendly: {@code sbemulatorns}, {@code orders}, {@code billing-eu}. */
    private static final Pattern NAMESPACE_NAME =
            Pattern.compile("^(?=.{1,50}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$");

    private ConfigLoader() {
    }

    /** Reads a file; an unreadable file is a {@link ConfigException} too, with the file as its path. */
    public static EmulatorConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        return parse(text);
    }

    /** Reads a config bundled on the classpath. */
    public static EmulatorConfig loadResource(String resource) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource " + resource, e);
        }
    }

    public static EmulatorConfig parse(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "(document)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(where, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ConfigException("(document)", "the file is empty");
        }
        return read(new ConfigNode("", tree));
    }

    private static EmulatorConfig read(ConfigNode root) {
        root.onlyFields(ROOT_FIELDS);
        ConfigNode user = root.required("UserConfig").onlyFields(USER_CONFIG_FIELDS);
        List<ConfigNode> declared = user.required("Namespaces").elements();
        if (declared.isEmpty()) {
            throw new ConfigException(user.path() + ".Namespaces", "must declare at least one namespace (the "
                    + "emulator's is '" + Broker.DEFAULT_NAMESPACE + "'); the first is the default namespace");
        }
        List<NamespaceConfig> namespaces = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ConfigNode namespace : declared) {
            NamespaceConfig ns = readNamespace(namespace);
            String earlier = names.putIfAbsent(ns.name().toLowerCase(Locale.ROOT), namespace.path());
            if (earlier != null) {
                throw new ConfigException(namespace.path() + ".Name", "namespace '" + ns.name()
                        + "' is already declared at " + earlier + " (namespace names are compared ignoring case)");
            }
            namespaces.add(ns);
        }
        Set<String> logTargets = user.optional("Logging").map(ConfigLoader::readLogging).orElse(Set.of("Console"));
        return new EmulatorConfig(namespaces, logTargets);
    }

    private static NamespaceConfig readNamespace(ConfigNode namespace) {
        namespace.onlyFields(NAMESPACE_FIELDS);
        ConfigNode nameNode = namespace.required("Name");
        String name = nameNode.text();
        if (!NAMESPACE_NAME.matcher(name).matches()) {
            // Clients pick a namespace by host name, so its name must be able to be a DNS label (or several).
            throw nameNode.fail("'" + name + "' is not a valid namespace name: use letters, digits, hyphens and "
                    + "dots, starting and ending with a letter or digit, at most 50 characters");
        }
        List<QueueConfig> queues = new ArrayList<>();
        List<TopicConfig> topics = new ArrayList<>();
        Map<String, String> declared = new HashMap<>();
        for (ConfigNode queue : namespace.array("Queues")) {
            QueueConfig q = readQueue(queue);
            unique(declared, q.name(), queue);
            queues.add(q);
        }
        for (ConfigNode topic : namespace.array("Topics")) {
            TopicConfig t = TopicSection.read(topic);
            unique(declared, t.name(), topic);
            topics.add(t);
        }
        return new NamespaceConfig(namespace.path(), name, queues, topics);
    }

    private static QueueConfig readQueue(ConfigNode queue) {
        queue.onlyFields(QUEUE_FIELDS);
        String name = entityName(queue, "Queue", true);
        QueueDescription.Builder builder = QueueDescription.builder(name);
        queue.optional("Properties").ifPresent(p -> EntityProperties.readQueue(p, builder));
        return new QueueConfig(queue.path(), TopicSection.valid(queue, () -> builder.build().validate()));
    }

    /** The entity's {@code Name}, checked against the Service Bus naming rules. */
    static String entityName(ConfigNode entity, String kind, boolean path) {
        ConfigNode node = entity.required("Name");
        String name = node.text();
        try {
            if (path) {
                EntityNames.validatePath(kind, name);
            } else {
                EntityNames.validateName(kind, name);
            }
        } catch (IllegalArgumentException e) {
            throw node.fail(e.getMessage());
        }
        return name;
    }

    private static void unique(Map<String, String> declared, String name, ConfigNode entity) {
        String earlier = declared.putIfAbsent(EntityNames.key(name), entity.path());
        if (earlier != null) {
            throw new ConfigException(entity.path() + ".Name", "'" + name
                    + "' is already declared at " + earlier + " (queue and topic names share one namespace and are "
                    + "compared ignoring case)");
        }
    }

    private static Set<String> readLogging(ConfigNode logging) {
        logging.onlyFields(Set.of("Type"));
        Set<String> targets = new LinkedHashSet<>();
        ConfigNode type = logging.required("Type");
        for (String part : type.text().split(",")) {
            String target = LOGGING_TARGETS.stream().filter(t -> t.equalsIgnoreCase(part.trim())).findFirst()
                    .orElseThrow(() -> type.fail("'" + type.text() + "' is not a logging type; expected File, "
                            + "Console or File,Console"));
            targets.add(target);
        }
        return targets;
    }
}
