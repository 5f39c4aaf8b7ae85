package io.zkmon.core.config;

/**
 * One problem in a config file, located for people.
 *
 * @param file    the file name as given (or a label such as {@code <string>})
 * @param line    1-based line
 * @param column  1-based column
 * @param key     the key the problem is about (e.g. {@code children}), or empty
 * @param message what is wrong and what would be valid
 */
public record ConfigError(String file, int line, int column, String key, String message) {

    /** {@code file:line:column}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    /** The message with its location: {@code unknown key 'chidren' at paths.yaml:2:3; did you mean 'children'?}. */
    @Override
    public String toString() {
        int hint = message.indexOf("; did you mean");
        if (hint >= 0) {
            return message.substring(0, hint) + " at " + location() + message.substring(hint);
        }
        return message + " at " + location();
    }
}
