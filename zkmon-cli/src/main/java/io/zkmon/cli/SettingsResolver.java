package io.zkmon.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.zkmon.core.spec.DidYouMean;
import io.zkmon.core.spec.Durations;
import io.zkmon.core.spec.PathPattern;
import io.zkmon.http.StatusFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.core.net.Facility;

/**
 * Turns the command line and the environment into {@link Settings}. A flag wins over its environment variable, which
 * wins over the default. Every mistake becomes a {@link UsageException} naming the flag or variable and what would be
 * valid; a secret's value is never part of a message.
 */
final class SettingsResolver {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    private final Map<String, String> env;
    private Command command = Command.DAEMON;

    private SettingsResolver(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Resolves a command line.
     *
     * @param args the arguments as given to {@code main}
     * @param env  the environment (for container-style fallbacks)
     * @throws UsageException when a flag, an argument or an environment variable is wrong
     */
    static Settings resolve(String[] args, Map<String, String> env) throws UsageException {
        return new SettingsResolver(env).resolve(args);
    }

    private Settings resolve(String[] args) throws UsageException {
        List<String> list = new ArrayList<>(List.of(args));
        boolean helpWord = false;
        if (!list.isEmpty() && !list.get(0).startsWith("-")) {
            String word = list.get(0);
            Command c = Command.named(word);
            if (c != null) {
                command = c;
                list.remove(0);
            } else if (word.equals("help")) {
                helpWord = true;
                list.remove(0);
                if (!list.isEmpty() && Command.named(list.get(0)) != null) {
                    command = Command.named(list.remove(0));
                }
            } else {
                throw new UsageException(command, "unknown command '" + word + "'; the commands are demo, validate and check"
                        + " (with none, zkmon runs the monitor: zkmon -z HOST:PORT -f FILE)");
            }
        }
        Flags f = parse(glueSplit(list));
        if (f.help || helpWord || f.version) {
            return defaults(f.help || helpWord, f.version && !(f.help || helpWord));
        }
        return validated(f);
    }

    private Flags parse(List<String> args) throws UsageException {
        Flags f = new Flags();
        try {
            JCommander jc = JCommander.newBuilder()
                    .addObject(f)
                    .programName("zkmon")
                    .expandAtSign(false)            // a password may start with '@'
                    .allowParameterOverwriting(true) // as the old daemon: the last occurrence wins
                    .build();
            jc.parse(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(command, reword(e.getMessage()));
        }
        for (String extra : f.rest) {
            if (extra.startsWith("-") && extra.length() > 1) {
                String name = extra.contains("=") ? extra.substring(0, extra.indexOf('=')) : extra;
                String hint = DidYouMean.nearest(name.replace('-', '_').replaceFirst("^__", "--"), Flags.LONG_NAMES);
                throw new UsageException(command, "unknown option '" + name + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
            throw new UsageException(command, "unexpected argument '" + extra + "'"
                    + (command == Command.DAEMON && extra.endsWith(".yaml") ? "; give the config file with -f " + extra : ""));
        }
        return f;
    }

    /** JCommander's wording, made to name the flag the way the help does. */
    private static String reword(String message) {
        if (message.startsWith("Expected a value after parameter ")) {
            return "option '" + message.substring("Expected a value after parameter ".length()) + "' needs a value";
        }
        if (message.startsWith("Expected 1 values after ")) {
            return "option '" + message.substring("Expected 1 values after ".length()) + "' needs a value";
        }
        return message;
    }

    /** {@code -p8080} → {@code -p 8080}, as optparse allowed for short flags taking a value. */
    private static List<String> glueSplit(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.length() > 2 && !a.startsWith("--") && Flags.SHORT_WITH_VALUE.contains(a.substring(0, 2)) && a.charAt(2) != '=') {
                out.add(a.substring(0, 2));
                out.add(a.substring(2));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private Settings defaults(boolean help, boolean version) {
        return new Settings(command, Settings.DEFAULT_ZOOKEEPER, null, null, Settings.DEFAULT_CLUSTER_NAME,
                Settings.DEFAULT_CLUSTER_PREFIX, null, Settings.DEFAULT_PORT, Settings.DEFAULT_BIND, null,
                Settings.DEFAULT_SESSION_TIMEOUT, Settings.DEFAULT_LEVEL, null, LogFormat.TEXT, Settings.DEFAULT_CHECK_TIMEOUT,
                help, version, StatusFormat.ZKMON, false, ZooKeeperSecurity.NONE);
    }

    private Settings validated(Flags f) throws UsageException {
        String zookeeper = zookeeper(f.zookeeper);
        String user = firstOf(f.zookeeperUser, "ZKMON_ZOOKEEPER_USER");
        String pass = password(f);
        if (user != null && user.isEmpty()) {
            throw fail("--zookeeper_user must not be empty");
        }
        if ((user == null) != (pass == null)) {
            throw fail(user == null ? "--zookeeper_pass (or --zookeeper_pass_file) needs --zookeeper_user (digest ACLs take both)"
                    : "--zookeeper_user needs --zookeeper_pass (digest ACLs take both)");
        }
        // the cluster name is one znode under the prefix: anything ZooKeeper takes as a name, as the old daemon allowed
        String clusterName = f.clusterName == null ? Settings.DEFAULT_CLUSTER_NAME : f.clusterName;
        if (clusterName.isEmpty() || clusterName.contains("/") || clusterName.equals(".") || clusterName.equals("..")
                || PathPattern.problem("/" + clusterName) != null) {
            throw fail("--cluster_name: '" + clusterName + "' cannot be a znode name; use a name without '/' (e.g. prod-zookeeper-monitor)");
        }
        String prefix = f.clusterPrefix == null ? Settings.DEFAULT_CLUSTER_PREFIX : f.clusterPrefix;
        String prefixProblem = PathPattern.problem(prefix);
        if (prefixProblem != null) {
            throw fail("--cluster_prefix: '" + prefix + "' is not a valid znode path: " + prefixProblem);
        }
        String file = firstOf(f.file, "CONFIG_FILE");
        if (file != null && file.isBlank()) {
            throw fail("--file must not be empty");
        }
        int port = port(f.port);
        String bind = f.bind == null ? Settings.DEFAULT_BIND : f.bind;
        if (!HOST.matcher(bind).matches()) {
            throw fail("--bind: '" + bind + "' is not an address; use an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0");
        }
        String token = firstOf(f.apiToken, "ZKMON_API_TOKEN");
        if (token != null && token.isBlank()) {
            throw fail("--api_token must not be empty");
        }
        Duration session = duration("--session_timeout", f.sessionTimeout, Settings.DEFAULT_SESSION_TIMEOUT,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
        LogLevel level = level(f.level);
        String facility = facility(f.syslog);
        LogFormat format = f.logFormat == null ? LogFormat.TEXT : LogFormat.parse(f.logFormat);
        if (format == null) {
            throw fail("--log_format: '" + f.logFormat + "' is not a log format; use text or json");
        }
        if (f.timeout != null && command != Command.CHECK) {
            throw fail("--timeout applies only to 'zkmon check'");
        }
        StatusFormat statusFormat = statusFormat(f.statusFormat);
        Duration timeout = duration("--timeout", f.timeout, Settings.DEFAULT_CHECK_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10));
        checkSmtpPort();
        ZooKeeperSecurity security = SecurityResolver.resolve(f, env, command);
        if (file == null && (command == Command.DAEMON || command == Command.VALIDATE || command == Command.CHECK)) {
            throw fail("no config file: give the YAML file of paths to watch with -f FILE (or set CONFIG_FILE)");
        }
        return new Settings(command, zookeeper, user, pass, clusterName, prefix, file == null ? null : Path.of(file), port, bind,
                token, session, level, facility, format, timeout, false, false, statusFormat, f.strict, security);
    }

    private StatusFormat statusFormat(String flag) throws UsageException {
        if (flag == null) {
            return StatusFormat.ZKMON;
        }
        try {
            return StatusFormat.of(flag);
        } catch (IllegalArgumentException e) {
            throw fail("--status_format: '" + flag + "' is not a /status format; use " + StatusFormat.valid());
        }
    }

    private String zookeeper(String flag) throws UsageException {
        if (flag != null) {
            checkConnectString("--zookeeper", flag);
            return flag;
        }
        String whole = env.get("ZOOKEEPER");
        if (whole != null && !whole.isBlank()) {
            checkConnectString("ZOOKEEPER (environment)", whole);
            return whole;
        }
        String host = env.get("ZOOKEEPER_HOST");
        String port = env.get("ZOOKEEPER_PORT");
        if ((host == null || host.isBlank()) && (port == null || port.isBlank())) {
            return Settings.DEFAULT_ZOOKEEPER;
        }
        String h = host == null || host.isBlank() ? "localhost" : host.trim();
        if (port != null && !port.isBlank()) {
            portNumber("ZOOKEEPER_PORT (environment)", port);
            if (!h.contains(":") && !h.contains(",")) {
                h = h + ":" + port.trim();
            }
        }
        checkConnectString("ZOOKEEPER_HOST (environment)", h);
        return h;
    }

    private void checkConnectString(String name, String value) throws UsageException {
        String hosts = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        String chroot = value.contains("/") ? value.substring(value.indexOf('/')) : null;
        if (hosts.isBlank()) {
            throw fail(name + ": '" + value + "' has no server; use host:port[,host:port...], e.g. localhost:2181");
        }
        for (String server : hosts.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            boolean bracketed = server.startsWith("[") && server.lastIndexOf(']') > colon;
            String host = colon < 0 || bracketed ? server : server.substring(0, colon);
            if (!HOST.matcher(host).matches()) {
                throw fail(name + ": '" + value + "' is not a connect string; use host:port[,host:port...], e.g. localhost:2181");
            }
            if (colon >= 0 && !bracketed) {
                portNumber(name + " port in '" + value + "'", server.substring(colon + 1));
            }
        }
        if (chroot != null && PathPattern.problem(chroot) != null) {
            throw fail(name + ": chroot '" + chroot + "' is not a valid znode path: " + PathPattern.problem(chroot));
        }
    }

    private int port(String flag) throws UsageException {
        if (flag != null) {
            return portNumber("--port", flag);
        }
        String fromEnv = env.get("HTTP_PORT");
        return fromEnv == null || fromEnv.isBlank() ? Settings.DEFAULT_PORT : portNumber("HTTP_PORT (environment)", fromEnv);
    }

    private int portNumber(String name, String text) throws UsageException {
        String t = text.trim();
        try {
            int p = Integer.parseInt(t);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw fail(name + ": '" + t + "' is not a port number; use 1-65535");
    }

    private LogLevel level(String flag) throws UsageException {
        String name = flag != null ? "--level" : "LOG_LEVEL (environment)";
        String text = flag != null ? flag : env.get("LOG_LEVEL");
        if (text == null || (flag == null && text.isBlank())) {
            return Settings.DEFAULT_LEVEL;
        }
        LogLevel l = LogLevel.parse(text);
        if (l == null) {
            throw fail(name + ": '" + text + "' is not a log level; use " + LogLevel.CHOICES);
        }
        return l;
    }

    private String facility(String flag) throws UsageException {
        if (flag == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Facility each : Facility.values()) {
            if (each.isEqual(flag.trim())) {
                return each.name();
            }
            names.add(each.name().toLowerCase(Locale.ROOT));
        }
        throw fail("--syslog: '" + flag + "' is not a syslog facility; use one of " + String.join(", ", names));
    }

    private Duration duration(String name, String text, Duration fallback, Duration min, Duration max) throws UsageException {
        if (text == null) {
            return fallback;
        }
        if (text.trim().startsWith("-")) {
            throw fail(name + ": '" + text + "' is negative; use a duration from " + Durations.format(min) + " to " + Durations.format(max));
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(name + ": " + e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw fail(name + ": '" + text + "' is out of range; use a duration from " + Durations.format(min) + " to " + Durations.format(max));
        }
        return d;
    }

    /** SMTP_HOST and SMTP_PORT are read by the email alerter; a bad port is reported now rather than at the first alert. */
    private void checkSmtpPort() throws UsageException {
        String p = env.get("SMTP_PORT");
        if (p != null && !p.isBlank()) {
            portNumber("SMTP_PORT (environment)", p);
        }
    }

    /**
     * The ZooKeeper password: --zookeeper_pass, or the first line of --zookeeper_pass_file (kept out of {@code ps}), or
     * their environment variables. Never echoed in an error.
     */
    private String password(Flags f) throws UsageException {
        String inline = f.zookeeperPass;
        String file = f.zookeeperPassFile;
        if (inline != null && file != null) {
            throw fail("give --zookeeper_pass or --zookeeper_pass_file, not both");
        }
        if (inline == null && file == null) {
            inline = firstOf(null, "ZKMON_ZOOKEEPER_PASS");
            file = firstOf(null, "ZKMON_ZOOKEEPER_PASS_FILE");
            if (inline != null && file != null) {
                throw fail("set ZKMON_ZOOKEEPER_PASS or ZKMON_ZOOKEEPER_PASS_FILE, not both");
            }
        }
        if (file == null) {
            return inline;
        }
        return firstLineOf("--zookeeper_pass_file", file, command);
    }

    /**
     * The first line of a secret's file, as {@code echo secret > file} writes it (the rest is ignored); the secret is
     * never part of an error.
     *
     * @param name the flag or variable that named the file, for errors
     */
    static String firstLineOf(String name, String file, Command command) throws UsageException {
        String text;
        try {
            text = java.nio.file.Files.readString(java.nio.file.Path.of(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new UsageException(command, name + ": cannot read '" + file + "': " + describe(e));
        }
        String first = text.lines().findFirst().orElse("");
        if (first.isEmpty()) {
            throw new UsageException(command, name + ": '" + file + "' is empty; put the password on its first line");
        }
        return first;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private String firstOf(String flag, String envName) {
        if (flag != null) {
            return flag;
        }
        String v = env.get(envName);
        return v == null || v.isEmpty() ? null : v;
    }

    private UsageException fail(String message) {
        return new UsageException(command, message);
    }
}
