package dev.sluice.adapters.persistence;

import static dev.sluice.adapters.persistence.Columns.amount;
import static dev.sluice.adapters.persistence.Columns.enumValue;
import static dev.sluice.adapters.persistence.Columns.flag;
import static dev.sluice.adapters.persistence.Columns.instant;
import static dev.sluice.adapters.persistence.Columns.number;
import static dev.sluice.adapters.persistence.Columns.text;
import static dev.sluice.adapters.persistence.Columns.utc;

import dev.sluice.domain.shared.SecretHash;
import dev.sluice.domain.widget.BusinessId;
import dev.sluice.domain.widget.RenderMode;
import dev.sluice.domain.widget.Widget;
import dev.sluice.domain.widget.WidgetId;
import dev.sluice.domain.widget.WidgetMode;
import dev.sluice.domain.widget.WidgetSettings;
import io.helidon.dbclient.DbRow;
import java.util.Map;

/** The {@code widgets} row of a widget, both ways. */
final class WidgetRow {
    /** The columns a change may rewrite; the others are fixed at creation. */
    static final String MUTABLE_COLUMNS = "name, mode, min_amount, min_amount_value, max_amount, max_amount_value,"
            + " allowed_networks, allowed_currencies, allowed_deposit_addresses, allowed_domains, allowed_methods,"
            + " success_url, cancel_url, icon_url, default_currency, default_currency_address, default_network,"
            + " default_deposit_address, metadata_schema, render_mode, color, emoji, enabled, secret_hash,"
            + " updated_at, deleted_at";
    static final String COLUMNS = "widget_id, business_id, created_at, version, " + MUTABLE_COLUMNS;

    private WidgetRow() {
    }

    static Map<String, Object> params(Widget widget) {
        WidgetSettings s = widget.settings();
        return Database.params(
                "widget_id", widget.id().value(),
                "business_id", widget.businessId().value(),
                "created_at", utc(widget.createdAt()),
                "version", widget.version(),
                "name", s.name(),
                "mode", s.mode().name(),
                "min_amount", Columns.text(s.minAmount()),
                "min_amount_value", Columns.value(s.minAmount()),
                "max_amount", Columns.text(s.maxAmount()),
                "max_amount_value", Columns.value(s.maxAmount()),
                "allowed_networks", JsonLists.write(s.allowedNetworks()),
                "allowed_currencies", JsonLists.write(s.allowedCurrencies()),
                "allowed_deposit_addresses", JsonLists.write(s.allowedDepositAddresses()),
                "allowed_domains", JsonLists.write(s.allowedDomains()),
                "allowed_methods", JsonLists.write(s.allowedMethods()),
                "success_url", s.successUrl(),
                "cancel_url", s.cancelUrl(),
                "icon_url", s.iconUrl(),
                "default_currency", s.defaultCurrency(),
                "default_currency_address", s.defaultCurrencyAddress(),
                "default_network", s.defaultNetwork(),
                "default_deposit_address", s.defaultDepositAddress(),
                "metadata_schema", s.metadataSchema(),
                "render_mode", s.renderMode().name(),
                "color", s.color(),
                "emoji", s.emoji(),
                "enabled", widget.enabled(),
                "secret_hash", widget.secretHash().hex(),
                "updated_at", utc(widget.updatedAt()),
                "deleted_at", utc(widget.deletedAt()));
    }

    static Widget read(DbRow row) {
        WidgetSettings settings = new WidgetSettings(
                text(row, "name"),
                enumValue(WidgetMode.class, row, "mode"),
                amount(row, "min_amount"),
                amount(row, "max_amount"),
                JsonLists.read(text(row, "allowed_networks")),
                JsonLists.read(text(row, "allowed_currencies")),
                JsonLists.read(text(row, "allowed_deposit_addresses")),
                JsonLists.read(text(row, "allowed_domains")),
                JsonLists.read(text(row, "allowed_methods")),
                text(row, "success_url"),
                text(row, "cancel_url"),
                text(row, "icon_url"),
                text(row, "default_currency"),
                text(row, "default_currency_address"),
                text(row, "default_network"),
                text(row, "default_deposit_address"),
                text(row, "metadata_schema"),
                enumValue(RenderMode.class, row, "render_mode"),
                text(row, "color"),
                text(row, "emoji"));
        return Widget.restore(
                new WidgetId(text(row, "widget_id")),
                new BusinessId(text(row, "business_id")),
                settings,
                flag(row, "enabled"),
                new SecretHash(text(row, "secret_hash")),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "deleted_at"),
                number(row, "version"));
    }
}
