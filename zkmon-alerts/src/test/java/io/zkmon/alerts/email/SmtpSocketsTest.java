package io.zkmon.alerts.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The SMTP connection's own settings: Nagle off under every kind of connection, and the EHLO name looked up once. */
class SmtpSocketsTest {

    private static SmtpSettings settings(boolean starttls, boolean ssl, boolean insecure) {
        return new SmtpSettings("mail.example.com", 25, null, null, starttls, ssl, null, insecure, Duration.ofSeconds(10));
    }

    @Test
    void socketsHaveNagleOffBeforeAndAfterTheyConnect() throws Exception {
        try (Socket unconnected = SmtpSockets.NO_DELAY.createSocket()) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket connected = SmtpSockets.NO_DELAY.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            assertThat(connected.isConnected()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void everyKindOfConnectionGetsThePlainFactorySoTlsKeepsItsTrustSettings() throws Exception {
        java.util.List<SmtpSettings> kinds = java.util.List.of(settings(false, false, false), settings(true, false, false),
                settings(false, true, false), settings(false, true, true));
        for (SmtpSettings smtp : kinds) {
            Properties p = EmailAlerter.sessionProperties(smtp, new jakarta.mail.internet.InternetAddress("zkmon@example.com"), "zk-1.example.com");
            assertThat(p.get("mail.smtp.socketFactory")).as("%s", smtp).isSameAs(SmtpSockets.NO_DELAY);
            // a TLS factory would replace the one Jakarta Mail builds from ssl.trust and checkserveridentity
            assertThat(p).as("%s", smtp).doesNotContainKeys("mail.smtp.ssl.socketFactory", "mail.smtp.ssl.socketFactory.class");
            assertThat(p.getProperty("mail.smtp.localhost")).isEqualTo("zk-1.example.com");
        }
    }

    @Test
    void withoutANameOfItsOwnJakartaMailNamesTheConnection() throws Exception {
        Properties p = EmailAlerter.sessionProperties(settings(false, false, false),
                new jakarta.mail.internet.InternetAddress("zkmon@example.com"), null);
        assertThat(p).doesNotContainKey("mail.smtp.localhost");
    }

    @Test
    void theEhloNameIsTheHostsNameOrAnAddressLiteral() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.1.2.3");
        InetAddress v6 = InetAddress.getByName("fe80::1");
        assertThat(SmtpSockets.ehloName("zk-1.example.com", v4)).isEqualTo("zk-1.example.com");
        assertThat(SmtpSockets.ehloName("10.1.2.3", v4)).isEqualTo("[10.1.2.3]");
        assertThat(SmtpSockets.ehloName("", v4)).isEqualTo("[10.1.2.3]");
        assertThat(SmtpSockets.ehloName(v6.getHostAddress(), v6)).isEqualTo("[IPv6:fe80:0:0:0:0:0:0:1]");
    }
}
