package io.phonegate.common.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionTicketTest {

    private static final String SUBJECT = "Zk3vQ9mX2aL7pR4tY8wN1c";

    @Test
    void textRoundTripsAndNamesTheNumbersStarts() {
        AdmissionTicket ticket = new AdmissionTicket(SUBJECT, "Hq5nT0vB3xE");
        assertThat(ticket.text()).isEqualTo(SUBJECT + ".Hq5nT0vB3xE");
        assertThat(AdmissionTicket.parse(ticket.text())).contains(ticket);
        assertThat(ticket.startsKey()).isEqualTo("phonegate:phone:{" + SUBJECT + "}:24h");
    }

    @Test
    void anythingTheGatewayCouldNotHaveWrittenIsNoTicket() {
        assertThat(AdmissionTicket.parse(null)).isEmpty();
        assertThat(AdmissionTicket.parse("")).isEmpty();
        assertThat(AdmissionTicket.parse(SUBJECT)).isEmpty();
        assertThat(AdmissionTicket.parse(SUBJECT + ".")).isEmpty();
        assertThat(AdmissionTicket.parse("short.slot")).isEmpty();
        assertThat(AdmissionTicket.parse(SUBJECT + ".a}b")).isEmpty();
        assertThat(AdmissionTicket.parse(SUBJECT + "." + "x".repeat(65))).isEmpty();
    }

    @Test
    void partsThatCouldBreakAKeyAreRefused() {
        assertThatThrownBy(() -> new AdmissionTicket("{}" + SUBJECT.substring(2), "slot")).hasMessageContaining("subject");
        assertThatThrownBy(() -> new AdmissionTicket(SUBJECT, "a b")).hasMessageContaining("slot id");
    }
}
