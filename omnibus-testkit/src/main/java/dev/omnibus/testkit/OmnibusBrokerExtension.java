package dev.omnibus.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link OmnibusBroker}; usable on its own with
 * {@code @ExtendWith(OmnibusBrokerExtension.class)}, which means one in-memory broker per test class.
 *
 * <p>The broker lives in the extension store of the class (or of the test method with {@code perTest = true}) and
 * is closed when that scope ends, also when a test fails.
 */
public final class OmnibusBrokerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OmnibusBrokerExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!settings(context).perTest()) {
            brokerOf(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).perTest()) {
            brokerOf(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // The class-level store closes the broker; nothing else to do.
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return brokerOf(context);
    }

    /** The broker of the nearest scope that has one, starting one in the right scope when there is none yet. */
    private static EmbeddedBroker brokerOf(ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext scope = context;
        if (!settings.perTest()) {
            while (scope.getTestMethod().isPresent() && scope.getParent().isPresent()) {
                scope = scope.getParent().get();
            }
        }
        return scope.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(settings), EmbeddedBroker.class);
    }

    private static EmbeddedBroker start(Settings settings) {
        EmbeddedBroker broker = EmbeddedBroker.start();
        try {
            for (String queue : settings.queues()) {
                broker.createQueue(queue);
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private record Settings(boolean perTest, String[] queues) {
    }

    private static Settings settings(ExtensionContext context) {
        Optional<OmnibusBroker> annotation = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, OmnibusBroker.class));
        return annotation.map(a -> new Settings(a.perTest(), a.queues())).orElse(new Settings(false, new String[0]));
    }
}
