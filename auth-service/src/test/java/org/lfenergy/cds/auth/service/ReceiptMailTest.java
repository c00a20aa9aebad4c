package org.lfenergy.cds.auth.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lfenergy.cds.auth.repository.ReceiptRepository.Receipt;

/** The receipt e-mail (WG3 §9.4 notification): what it must and may say, and what it must not. */
class ReceiptMailTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final String LINK = "https://cds.example/oauth/receipts/tok";

    static Receipt receipt(String extra) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree("""
                {"client_name":"Energy App","client_uri":"https://app.example",
                 "sections":[{"name":"Usage","data":"your meter readings","durations":["from 2025-01-01","until revoked"],
                              "purpose_name":"Savings","purpose_content":"We find ways to save."},
                             {"name":"Accounts","data":"your account details","durations":[]}],
                 "selected":{"accounts":["A1"],"service_contracts":["C1","C2"]},"include_future":true%s}"""
                .formatted(extra));
        return new Receipt("tok", "0123456789", "g1", Instant.parse("2026-03-08T10:30:00Z"), d);
    }

    @Test
    void theMailCarriesBrandConfirmationNumberLinkDateAppDataAndSelection() throws Exception {
        ReceiptMailTransport.Mail mail = Receipts.mail("c@example.com", "Demo Utility", receipt(""), LINK, ZONE);

        assertThat(mail.to()).isEqualTo("c@example.com");
        assertThat(mail.subject()).isEqualTo("Demo Utility: authorization receipt 0123456789");
        assertThat(mail.text()).startsWith("Demo Utility\n")
                .contains("You authorized Energy App to access your data.")
                .contains("Confirmation number: 0123456789\n")
                .contains("Receipt: " + LINK + "\n")
                .contains("Date: 2026-03-08 03:30 PDT\n") // the utility's zone, after the DST change
                .contains("- Usage: your meter readings (from 2025-01-01 until revoked)\n")
                .contains("- Accounts: your account details\n")
                .contains("- Account A1\n- Service contract C1\n- Service contract C2\n")
                .contains("- Accounts and services you add in the future\n")
                .doesNotContain("replaces");
    }

    @Test
    void purposeTextIsIncludedOnlyWhenTheUtilityReviewedIt() throws Exception {
        assertThat(Receipts.mail("c@example.com", "U", receipt(""), LINK, ZONE).text())
                .doesNotContain("We find ways to save.");
        assertThat(Receipts.mail("c@example.com", "U", receipt(",\"purposes_reviewed\":false"), LINK, ZONE).text())
                .doesNotContain("Purpose:");
        assertThat(Receipts.mail("c@example.com", "U", receipt(",\"purposes_reviewed\":true"), LINK, ZONE).text())
                .contains("  Purpose: We find ways to save.\n");
    }

    @Test
    void aNewerReceiptOfTheSameGrantSaysWhichOneItReplaces() throws Exception {
        assertThat(Receipts.mail("c@example.com", "U", receipt(",\"replaces\":\"9999999999\""), LINK, ZONE).text())
                .contains("This receipt replaces receipt 9999999999 of the same authorization.");
    }

    @Test
    void aReceiptWithoutSelectionsHasNoSelectionList() throws Exception {
        Receipt r = receipt("");
        r.document().remove("selected");
        r.document().put("include_future", false);

        assertThat(Receipts.mail("c@example.com", "U", r, LINK, ZONE).text()).doesNotContain("What you selected");
    }
}
