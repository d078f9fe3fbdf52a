package dev.omnibus.server.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.server.management.ResourcePath.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePathTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "/$namespaceinfo,            NAMESPACE,     -,      -,  -",
        "/$Resources/queues,         QUEUES,        -,      -,  -",
        "/$Resources/Queues,         QUEUES,        -,      -,  -",
        "/$resources/topics,         TOPICS,        -,      -,  -",
        "/q,                         ENTITY,        q,      -,  -",
        "/a/b/c,                     ENTITY,        a/b/c,  -,  -",
        "/t/subscriptions,           SUBSCRIPTIONS, t,      -,  -",
        "/t/Subscriptions/,          SUBSCRIPTIONS, t,      -,  -",
        "/a/t/Subscriptions/s,       SUBSCRIPTION,  a/t,    s,  -",
        "/t/subscriptions/s/rules,   RULES,         t,      s,  -",
        "/t/Subscriptions/s/Rules/,  RULES,         t,      s,  -",
        "/t/Subscriptions/s/Rules/r, RULE,          t,      s,  r",
        "/t/Subscriptions/s/Rules/$Default, RULE,   t,      s,  $Default",
    })
    void parses(String path, Kind kind, String entity, String subscription, String rule) {
        assertThat(ResourcePath.parse(path)).isEqualTo(new ResourcePath(kind, entity, subscription, rule));
    }

    @ParameterizedTest
    @CsvSource({"/", "/subscriptions/s", "/t/Subscriptions/s/x", "/t/Subscriptions/s/Rules/r/x"})
    void refusesPathsThatNameNothing(String path) {
        assertThatThrownBy(() -> ResourcePath.parse(path)).isInstanceOf(IllegalArgumentException.class);
    }
}
