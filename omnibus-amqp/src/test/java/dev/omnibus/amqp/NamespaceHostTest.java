package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespaceHostTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            orders.localhost                 | orders.localhost,orders
            Orders.ServiceBus.Windows.Net    | orders.servicebus.windows.net,orders
            orders.localhost:5300            | orders.localhost,orders
            orders.localhost.                | orders.localhost,orders
            orders                           | orders
            orders:5672                      | orders
            localhost                        | localhost
            127.0.0.1                        | ''
            127.0.0.1:5300                   | ''
            [::1]:5300                       | ''
            ::1                              | ''
            fe80::1                          | ''
            ''                               | ''
            null                             | ''
            """)
    void namesTheWholeHostThenItsFirstLabel(String host, String expected) {
        assertThat(String.join(",", NamespaceHost.candidates(host))).isEqualTo(expected);
    }
}
