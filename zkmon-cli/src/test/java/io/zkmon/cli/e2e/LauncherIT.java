package io.zkmon.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./zkmon} launcher of the checkout: arguments pass through untouched and relative paths mean the caller's
 * directory. Run with ZKMON_NO_BUILD=1, so it uses the jar this build just made and never starts a build of its own.
 */
class LauncherIT {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run launch(Path cwd, String... args) throws Exception {
        Path launcher = Path.of(System.getProperty("zkmon.launcher"));
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("ZKMON_NO_BUILD", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void passesArgumentsThroughFromAnyDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(work.resolve("test.yaml"), "/services/foo/min_1:\n  children: 1\n");

        Run r = launch(work, "validate", "-f", "test.yaml");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# test.yaml is valid: 1 path, 0 alerters");
    }

    @Test
    void returnsTheExitStatusOfZkmon() throws Exception {
        Run r = launch(dir, "-p", "0", "-f", "x.yaml");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("zkmon: --port: '0'");
    }

    @Test
    void argumentsWithSpacesSurvive() throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("a dir"));
        Files.writeString(spaced.resolve("my paths.yaml"), "/x: {children: 0}\n");

        Run r = launch(dir, "validate", "--file", "a dir/my paths.yaml");

        assertThat(r.status()).as(r.err()).isZero();
    }
}
