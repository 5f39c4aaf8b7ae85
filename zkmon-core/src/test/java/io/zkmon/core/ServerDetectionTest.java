package io.zkmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkmon.core.ServerInfo.WatchMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine knows of the server: asked at every connection (or set by the embedder), an answer counting only
 * for the connection it was asked in, nothing read while asking or while the server is one zkmon refuses.
 * The probe itself is {@code ServerProbeTest}'s and {@code ServerProbeIT}'s; here answers are handed in by hand.
 */
class ServerDetectionTest {

    private record Answer(long ticket, ServerProbe.Result result) {
    }

    private final List<Answer> answers = new ArrayList<>();

    private static ServerProbe.Result found(String version, WatchMode mode) {
        return new ServerProbe.Result(version, mode, "by hand");
    }

    @Test
    void unsupportedIsNotAModeAnEmbedderMayForce() {
        assertThatThrownBy(() -> new ServerDetection(WatchMode.UNSUPPORTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PERSISTENT or ONE_SHOT");
    }

    @Test
    void aForcedModeIsAnsweredAtOnceWithoutAskingTheServer() {
        try (ServerDetection detection = new ServerDetection(WatchMode.ONE_SHOT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));

            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).result().mode()).isEqualTo(WatchMode.ONE_SHOT);
            assertThat(answers.get(0).result().how()).contains("embedder");
            ServerInfo info = detection.answered(answers.get(0).ticket(), null, answers.get(0).result());
            assertThat(info.mode()).isEqualTo(WatchMode.ONE_SHOT);
            assertThat(detection.server()).isEqualTo(info);
            assertThat(detection.readable()).isTrue();
        }
    }

    @Test
    void nothingIsReadWhileTheAnswerIsAwaited() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));

            assertThat(detection.asking()).isTrue();
            assertThat(detection.readable()).isFalse();
            assertThat(detection.server()).isNull();

            detection.answered(answers.get(0).ticket(), null, answers.get(0).result());
            assertThat(detection.asking()).isFalse();
            assertThat(detection.readable()).isTrue();
        }
    }

    @Test
    void theAnswerOfAConnectionThatIsGoneIsIgnored() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));
            detection.disconnected();

            assertThat(detection.answered(answers.get(0).ticket(), null, found("3.9.5", WatchMode.PERSISTENT))).isNull();
            assertThat(detection.server()).isNull();
        }
    }

    @Test
    void anAnswerAskedBeforeAReconnectDoesNotCountForTheNewConnection() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));

            assertThat(detection.answered(answers.get(0).ticket(), null, found("3.5.10", WatchMode.ONE_SHOT))).isNull();
            assertThat(detection.asking()).as("still waiting for the new connection's answer").isTrue();
            assertThat(detection.answered(answers.get(1).ticket(), null, found("3.9.5", WatchMode.PERSISTENT)).version()).isEqualTo("3.9.5");
        }
    }

    @Test
    void anUnsupportedServerIsRefusedWithAMessageNamingItsVersionAndWhatIsNeeded() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));

            ServerInfo info = detection.answered(answers.get(0).ticket(), null, found("3.3.6", WatchMode.UNSUPPORTED));

            assertThat(info.mode()).isEqualTo(WatchMode.UNSUPPORTED);
            assertThat(detection.readable()).isFalse();
            assertThat(detection.refusal()).contains("3.3.6", "not supported", "3.4 or later");
        }
    }

    @Test
    void aSupportedServerAfterARefusedOneIsReadAgain() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));
            detection.answered(answers.get(0).ticket(), null, found("3.3.6", WatchMode.UNSUPPORTED));
            detection.disconnected();

            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));
            detection.answered(answers.get(1).ticket(), null, found("3.9.5", WatchMode.PERSISTENT));

            assertThat(detection.refusal()).isNull();
            assertThat(detection.readable()).isTrue();
        }
    }

    @Test
    void aDisconnectForgetsTheServer() {
        try (ServerDetection detection = new ServerDetection(WatchMode.PERSISTENT)) {
            detection.ask(null, (ticket, result) -> answers.add(new Answer(ticket, result)));
            detection.answered(answers.get(0).ticket(), null, answers.get(0).result());

            detection.disconnected();

            assertThat(detection.server()).isNull();
            assertThat(detection.asking()).isFalse();
        }
    }
}
