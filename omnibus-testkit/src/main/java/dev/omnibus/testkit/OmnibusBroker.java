package dev.omnibus.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an {@link EmbeddedBroker} for a test class and injects it into test methods, lifecycle methods and
 * constructors that declare an {@code EmbeddedBroker} parameter.
 *
 * <pre>{@code
 * @OmnibusBroker(queues = "orders")
 * class OrdersTest {
 *     @Test
 *     void sends(EmbeddedBroker broker) {
 *         String cs = broker.connectionString();
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OmnibusBrokerExtension.class)
public @interface OmnibusBroker {
    /** A fresh broker for every test method instead of one shared by the class. */
    boolean perTest() default false;

    /** Queues (with default settings) to create when the broker starts. */
    String[] queues() default {};
}
