package dev.omnibus.it.admin;

import com.azure.core.util.UrlBuilder;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;

/** The official Java admin client as Microsoft's emulator sample builds it: its connection string and a URL rewrite. */
public final class EmulatorAdminClient {
    private EmulatorAdminClient() {
    }

    /** A client for the management API on {@code httpPort} of localhost, signing with this key. */
    public static ServiceBusAdministrationClient create(int httpPort, String keyName, String key) {
        return new ServiceBusAdministrationClientBuilder()
                .connectionString("Endpoint=sb://localhost;SharedAccessKeyName=" + keyName + ";SharedAccessKey="
                        + key + ";UseDevelopmentEmulator=true")
                // As in the sample: the client always calls https on 443.
                .addPolicy((context, next) -> {
                    UrlBuilder url = UrlBuilder.parse(context.getHttpRequest().getUrl());
                    url.setScheme("http");
                    url.setPort(httpPort);
                    context.getHttpRequest().setUrl(url.toString());
                    return next.process();
                })
                .buildClient();
    }
}
