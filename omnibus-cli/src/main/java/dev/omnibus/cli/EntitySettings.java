package dev.omnibus.cli;

import dev.omnibus.client.admin.models.EntityStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine;

/** What the entity option groups share: the status converter and "apply when given". */
final class EntitySettings {
    private EntitySettings() {
    }

    /** Applies {@code value} with {@code setter} when the option was given. */
    static <T> void ifGiven(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** An empty string clears an optional text property ({@code --forward-to ""}). */
    static void text(String value, Consumer<String> setter) {
        if (value != null) {
            setter.accept(value.isBlank() ? null : value);
        }
    }

    static void duration(Duration value, Consumer<Duration> setter) {
        ifGiven(value, setter);
    }

    /** {@code Active}, {@code Disabled}, {@code SendDisabled}, {@code ReceiveDisabled}, in any case or as constants. */
    static final class StatusConverter implements CommandLine.ITypeConverter<EntityStatus> {
        @Override
        public EntityStatus convert(String value) {
            EntityStatus status = EntityStatus.fromString(value);
            return switch (status) {
                case ACTIVE, DISABLED, SEND_DISABLED, RECEIVE_DISABLED -> status;
                default -> throw new CommandLine.TypeConversionException("'" + value.toLowerCase(Locale.ROOT)
                        + "' is not a status; use Active, Disabled, SendDisabled or ReceiveDisabled");
            };
        }
    }
}
