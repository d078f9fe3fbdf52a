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
import java.util.Map;
import java.util.Set;

/**
 * Reads Microsoft's Service Bus emulator {@code Config.json} ({@code UserConfig.Namespaces[].Queues[]/Topics[]} with
 * their subscriptions and rules, {@code UserConfig.Logging}) into an {@link EmulatorConfig}. Everything is checked
 * before anything is applied, and each problem is reported as a {@link ConfigException} naming its JSON path.
 * Properties an entity does not declare take the Service Bus defaults.
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
        List<ConfigNode> namespaces = user.required("Namespaces").elements();
        if (namespaces.size() != 1) {
            throw new ConfigException(user.path() + ".Namespaces", "must declare exactly one namespace, '"
                    + Broker.DEFAULT_NAMESPACE + "', as the emulator does; found " + namespaces.size());
        }
        ConfigNode namespace = namespaces.get(0).onlyFields(NAMESPACE_FIELDS);
        ConfigNode nameNode = namespace.required("Name");
        if (!nameNode.text().equalsIgnoreCase(Broker.DEFAULT_NAMESPACE)) {
            // Clients address entities by host, not namespace; a second name would only hide the entities.
            throw nameNode.fail("the namespace must be named '" + Broker.DEFAULT_NAMESPACE + "', as in the emulator");
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
        Set<String> logTargets = user.optional("Logging").map(ConfigLoader::readLogging).orElse(Set.of("Console"));
        return new EmulatorConfig(nameNode.text(), queues, topics, logTargets);
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
