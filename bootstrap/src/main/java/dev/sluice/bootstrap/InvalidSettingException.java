package dev.sluice.bootstrap;

/** A setting that cannot be used; its message is the one line the start prints before it stops. */
final class InvalidSettingException extends RuntimeException {
    InvalidSettingException(Setting setting, String problem) {
        super(setting.environmentVariable() + " (sluice." + setting.key() + "): " + problem);
    }
}
