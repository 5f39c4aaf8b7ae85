package io.zkmon.alerts.email;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecipientLedgerTest {

    @Test
    void remembersDeliveriesAndRefusalsPerNotification() {
        RecipientLedger ledger = new RecipientLedger();
        ledger.delivered(firing("/p"), "a@x.com");
        ledger.refused(firing("/p"), "b@x.com", "550 no such user");

        assertThat(ledger.settled(firing("/p"))).containsOnlyKeys("a@x.com", "b@x.com")
                .containsEntry("a@x.com", Optional.empty()).containsEntry("b@x.com", Optional.of("550 no such user"));
        assertThat(ledger.settled(resolved("/p"))).isEmpty();

        ledger.forget(firing("/p"));
        assertThat(ledger.settled(firing("/p"))).isEmpty();
    }

    @Test
    void isBoundedSoAbandonedNotificationsCannotPileUp() {
        RecipientLedger ledger = new RecipientLedger();
        for (int i = 0; i < RecipientLedger.MAX_ENTRIES + 10; i++) {
            ledger.delivered(firing("/p" + i), "a@x.com");
        }
        assertThat(ledger.size()).isEqualTo(RecipientLedger.MAX_ENTRIES);
        assertThat(ledger.settled(firing("/p0"))).isEmpty();
        assertThat(ledger.settled(firing("/p" + (RecipientLedger.MAX_ENTRIES + 9)))).isNotEmpty();
    }
}
