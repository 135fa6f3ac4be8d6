package dev.sluice.domain.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WidgetFieldTest {

    @Test
    void the_public_config_shows_the_fields_api_md_lists_and_no_other() {
        Set<String> shown = Arrays.stream(WidgetField.values()).filter(WidgetField::inPublicConfig)
                .map(WidgetField::apiName).collect(Collectors.toSet());

        assertEquals(Set.of("name", "mode", "minAmount", "maxAmount", "allowedNetworks", "allowedCurrencies",
                "allowedDepositAddresses", "allowedMethods", "renderMode", "iconUrl", "color", "emoji",
                "defaultCurrency", "defaultCurrencyAddress", "defaultNetwork", "defaultDepositAddress",
                "metadataSchema", "successUrl", "cancelUrl", "sessionTtl", "testMode"), shown);
    }

    @Test
    void drafts_with_the_same_fields_are_equal() {
        WidgetDraft one = WidgetDraft.builder().set(WidgetField.NAME, "Shop").set(WidgetField.TEST_MODE, true).build();
        WidgetDraft same = WidgetDraft.builder().set(WidgetField.TEST_MODE, true).set(WidgetField.NAME, "Shop").build();
        WidgetDraft other = same.with(WidgetField.TEST_MODE, false);

        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertNotEquals(one, other);
        assertNotEquals(one, "Shop");
        assertTrue(one.toString().contains("NAME=Shop"), one.toString());
    }

    @Test
    void a_field_set_to_null_is_absent() {
        WidgetDraft draft = WidgetDraft.builder().set(WidgetField.ALLOWED_NETWORKS, List.of("polygon"))
                .set(WidgetField.ALLOWED_NETWORKS, null).build();

        assertEquals(WidgetDraft.builder().build(), draft);
        assertEquals(null, draft.value(WidgetField.ALLOWED_NETWORKS));
    }
}
