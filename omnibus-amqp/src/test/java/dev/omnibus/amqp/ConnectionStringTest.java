package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionStringTest {
    @Test
    void parsesTheEmulatorForm() {
        ConnectionString cs = ConnectionString.parse("Endpoint=sb://localhost:5673;SharedAccessKeyName="
                + "RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;");
        assertThat(cs.host()).isEqualTo("localhost");
        assertThat(cs.effectivePort()).isEqualTo(5673);
        assertThat(cs.sharedAccessKeyName()).isEqualTo("RootManageSharedAccessKey");
        assertThat(cs.sharedAccessKey()).isEqualTo("SAS_KEY_VALUE");
        assertThat(cs.developmentEmulator()).isTrue();
    }

    @Test
    void keyNamesAreCaseInsensitiveAndPortsDefaultByMode() {
        ConnectionString cloud = ConnectionString.parse(
                "endpoint=sb://ns.servicebus.windows.net/;sharedaccesskeyname=k;sharedaccesskey=v;EntityPath=q");
        assertThat(cloud.effectivePort()).isEqualTo(5671);
        assertThat(cloud.entityPath()).isEqualTo("q");
        ConnectionString emulator = ConnectionString.parse(
                "Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=TRUE");
        assertThat(emulator.effectivePort()).isEqualTo(5672);
    }

    @Test
    void acceptsASignatureInsteadOfAKey() {
        ConnectionString cs = ConnectionString.parse("Endpoint=sb://h/;SharedAccessSignature=SharedAccessSignature sr=a&sig=b&se=1&skn=k");
        assertThat(cs.sharedAccessSignature()).startsWith("SharedAccessSignature ");
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> ConnectionString.parse("SharedAccessKeyName=k;SharedAccessKey=v"))
                .hasMessageContaining("Endpoint");
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=sb://h/;SharedAccessKeyName=k"))
                .hasMessageContaining("SharedAccessKey");
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=sb://h/;garbage"))
                .hasMessageContaining("key=value");
    }

    @Test
    void emulatorStringUsesLowercaseTrue() {
        assertThat(ConnectionString.forEmulator("localhost", 5672, "k", "v")).endsWith("UseDevelopmentEmulator=true");
    }
}
