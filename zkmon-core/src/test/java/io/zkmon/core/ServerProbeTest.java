package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.ServerInfo.WatchMode;
import org.junit.jupiter.api.Test;

/** Versions read from {@code srvr} and the watch mode each gets. */
class ServerProbeTest {

    @Test
    void readsTheVersionOutOfSrvr() {
        assertThat(ServerProbe.versionIn("Zookeeper version: 3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf, built on 03/06/2019 16:18 GMT\n"
                + "Latency min/avg/max: 0/0/0\n")).isEqualTo("3.4.14");
        assertThat(ServerProbe.versionIn("Zookeeper version: 3.9.5-abc, built on ...")).isEqualTo("3.9.5");
        assertThat(ServerProbe.versionIn("srvr is not executed because it is not in the whitelist.\n")).isNull();
    }

    @Test
    void everyVersionGetsTheModeItSupports() {
        assertThat(ServerProbe.classify("3.3.6", "srvr").mode()).isEqualTo(WatchMode.UNSUPPORTED);
        assertThat(ServerProbe.classify("3.4.14", "srvr").mode()).isEqualTo(WatchMode.ONE_SHOT);
        assertThat(ServerProbe.classify("3.5.10", "srvr").mode()).isEqualTo(WatchMode.ONE_SHOT);
        assertThat(ServerProbe.classify("3.6.0", "srvr").mode()).isEqualTo(WatchMode.PERSISTENT);
        assertThat(ServerProbe.classify("3.9.5", "srvr").mode()).isEqualTo(WatchMode.PERSISTENT);
        assertThat(ServerProbe.classify("4.0.0", "srvr").mode()).isEqualTo(WatchMode.PERSISTENT);
        assertThat(ServerProbe.classify("unknown-build", "srvr").mode()).as("not understood: the mode every version has")
                .isEqualTo(WatchMode.ONE_SHOT);
    }
}
