package io.zkmon.alerts.testing;

import io.zkmon.core.testing.AlerterContract;
import io.zkmon.testkit.HttpSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link AlerterContract} for an HTTP backend: a real local {@link HttpSink} for the test class, reset before each test
 * to accept; delivered means answered with a success.
 */
public abstract class HttpAlerterContract extends AlerterContract {

    protected static HttpSink sink;

    @BeforeAll
    static void startSink() throws Exception {
        sink = HttpSink.start();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    @BeforeEach
    void resetSink() throws Exception {
        sink.reset();
        sinkAccepts();
    }

    @Override
    protected int delivered() throws Exception {
        return sink.accepted();
    }
}
