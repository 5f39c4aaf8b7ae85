package io.zkmon.cli;

import io.zkmon.core.config.ConfigLoader;
import io.zkmon.core.config.MonitorConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a config file keeping the exact bytes it was loaded from, so the reloader can tell later whether the file
 * changed. Problems are reported by {@link ConfigLoader} in its usual words.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /**
     * A config and the bytes it came from.
     *
     * @param config  the config
     * @param content the file's bytes
     */
    record Loaded(MonitorConfig config, byte[] content) {
    }

    /**
     * Loads a file.
     *
     * @throws io.zkmon.core.config.ConfigException when it cannot be read or is invalid
     */
    static Loaded load(ConfigLoader loader, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            content = null;
        }
        return new Loaded(parse(loader, file, content), content);
    }

    /**
     * Parses bytes read from a file; null bytes mean the file could not be read.
     *
     * @throws io.zkmon.core.config.ConfigException when it cannot be read or is invalid
     */
    static MonitorConfig parse(ConfigLoader loader, Path file, byte[] content) {
        if (content == null) {
            return loader.load(file);  // says why it cannot be read
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return loader.load(file);  // says it is not UTF-8 text
        }
        return loader.parse(text, file.toString());
    }
}
