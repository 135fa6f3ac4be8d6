package dev.sluice.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HttpApiTest {

    @Test
    void anApiMissingAUseCaseIsNotBuilt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new TestApp().apiBuilder().listEvents(null).getWidgetConfig(null).build());

        assertEquals("use cases not given: getWidgetConfig, listEvents", refused.getMessage());
    }
}
