package dev.omnibus.server.config;

import java.util.List;
import java.util.Set;

/**
 * What a Microsoft Service Bus emulator {@code Config.json} declares, checked and ready to apply.
 *
 * @param namespaces the namespaces, in document order, at least one; the first is the default namespace, the one
 *     clients get when their host names no namespace (the emulator allows only one, {@code sbemulatorns})
 * @param logTargets {@code Console} and/or {@code File} from {@code UserConfig.Logging.Type}
 */
public record EmulatorConfig(List<NamespaceConfig> namespaces, Set<String> logTargets) {
    public EmulatorConfig {
        namespaces = List.copyOf(namespaces);
        logTargets = Set.copyOf(logTargets);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("a configuration declares at least one namespace");
        }
    }

    /** The first namespace: the default one. */
    public NamespaceConfig defaultNamespace() {
        return namespaces.get(0);
    }
}
