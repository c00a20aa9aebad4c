package org.lfenergy.cds.billing.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;

/** The streaming gating of stored documents: exact text in, exact text out. */
class ResponseShaperTest {

    private static AccessFilter filter(Set<IncludeField> include, IdSelection points, IdSelection meters) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new AccessFilter("g", "c", "DEMO", List.of("s"),
                new Coverage(null, IdSelection.ALL, IdSelection.ALL, points, meters, IdSelection.ALL), include, null,
                null, null, now, now.plusSeconds(30));
    }

    private static String shape(ResponseShaper.Shape shape, String doc, Set<String> visible) {
        StringBuilder out = new StringBuilder("x");
        shape.write(doc, visible, out);
        assertEquals('x', out.charAt(0));
        return out.substring(1);
    }

    private static final Set<IncludeField> EVERYTHING = EnumSet.allOf(IncludeField.class);

    /** Documents whose text must come back unchanged when nothing is gated: escapes, unicode, exact decimals. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"a\":1}",
        "{\"cds_billstatement_id\":\"bst_1\",\"cost\":84.20,\"big\":12345678901234567890.000000001,\"neg\":-1.5E+3}",
        "{\"s\":\"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n u \\u00e9 \\ud83d\\ude00 é 😀\",\"t\":true,\"f\":false,"
                + "\"n\":null}",
        "{\"nested\":{\"a\":[1,[2,[3,{}]],{\"b\":[]}]},\"empty\":[],\"eo\":{}}",
        "{ \"spaced\" : [ 1 , 2 ] , \"x\" : { \"y\" : \"z\" } }",
        "{\"related_servicepoints\":[\"sp_1\",\"sp_2\"],\"line_items\":[{\"cost\":0.10,\"units\":\"kWh\"}]}"
    })
    void aSectionShapedWithEveryFieldIncludedIsTheStoredTextExactly(String doc) {
        ResponseShaper.Shape shape = new ResponseShaper(filter(EVERYTHING, IdSelection.ALL, IdSelection.ALL)).section();
        assertTrue(shape.identity());
        assertEquals(doc, shape(shape, doc, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"cds_billstatement_id\":\"bst_1\",\"cost\":84.20,\"big\":12345678901234567890.000000001,\"neg\":-1.5E+3}",
        "{\"s\":\"quote \\\" backslash \\\\ u \\u00e9 😀\",\"cds_billstatement_id\":\"b\",\"t\":true,\"n\":null}",
        "{\"nested\":{\"a\":[1,[2,[3,{}]],{\"b\":[]}]},\"cds_billstatement_id\":null,\"eo\":{}}",
    })
    void untouchedFieldsKeepTheirExactTextWhenAnotherFieldIsEdited(String doc) {
        Set<IncludeField> noStatements = EnumSet.complementOf(EnumSet.of(IncludeField.BILL_STATEMENTS));
        ResponseShaper.Shape shape = new ResponseShaper(filter(noStatements, IdSelection.ALL, IdSelection.ALL))
                .section();
        assertFalse(shape.identity());
        String out = shape(shape, doc, null);
        assertEquals(doc.replaceAll("\"cds_billstatement_id\":(\"[^\"]*\"|null)", "\"cds_billstatement_id\":null"),
                out);
    }

    @Test
    void aSectionLosesGatedFieldsAndInvisibleRelatedIds() {
        String doc = "{\"cds_billsection_id\":\"bsc_1\",\"cds_billstatement_id\":\"bst_1\",\"account_number\":\"3\","
                + "\"related_servicepoints\":[\"sp_a\",\"sp_b\",\"sp_c\"],\"related_meterdevices\":[\"md_a\",\"md_b\"],"
                + "\"service_programs\":[{\"id\":\"p\"}],\"usage_details\":[{\"value\":155,\"units\":\"kWh\"}],"
                + "\"cost_details\":[{\"cost\":84.20}],\"line_items\":[{\"cost\":9.90,\"rate\":0.33}],"
                + "\"gridx_cancelled\":false}";
        AccessFilter f = filter(EnumSet.of(IncludeField.BILL_SECTIONS, IncludeField.ACCOUNT_NUMBERS),
                IdSelection.ofIds(List.of("sp_b", "sp_x")), IdSelection.NONE);
        assertEquals("{\"cds_billsection_id\":\"bsc_1\",\"cds_billstatement_id\":null,\"account_number\":\"3\","
                + "\"related_servicepoints\":[\"sp_b\"],\"related_meterdevices\":[],"
                + "\"usage_details\":[{\"value\":155,\"units\":\"kWh\"}],\"cost_details\":[{\"cost\":84.20}],"
                + "\"gridx_cancelled\":false}", shape(new ResponseShaper(f).section(), doc, null));
    }

    @Test
    void relatedIdsAreKeptWhenTheirIncludeFieldIsOnWhateverTheCoverage() {
        String doc = "{\"related_servicepoints\":[\"sp_a\"],\"related_meterdevices\":[\"md_a\"]}";
        AccessFilter f = filter(EnumSet.of(IncludeField.BILL_STATEMENTS, IncludeField.BILL_SECTION_PROGRAMS,
                IncludeField.BILL_SECTION_LINE_ITEMS, IncludeField.SERVICE_POINTS, IncludeField.METER_DEVICES),
                IdSelection.NONE, IdSelection.NONE);
        assertEquals(doc, shape(new ResponseShaper(f).section(), doc, null));
    }

    @Test
    void aSectionWithoutAStatementIdGetsANullOneAtTheEnd() {
        AccessFilter f = filter(EnumSet.complementOf(EnumSet.of(IncludeField.BILL_STATEMENTS)), IdSelection.ALL,
                IdSelection.ALL);
        assertEquals("{\"a\":1,\"cds_billstatement_id\":null}", shape(new ResponseShaper(f).section(), "{\"a\":1}", null));
        assertEquals("{\"cds_billstatement_id\":null}", shape(new ResponseShaper(f).section(), "{}", null));
    }

    @Test
    void anIdEditOnAValueThatIsNotAnArrayCopiesTheValue() {
        AccessFilter f = filter(EVERYTHING, IdSelection.NONE, IdSelection.NONE);
        String doc = "{\"related_servicepoints\":null,\"related_meterdevices\":\"md\"}";
        Set<IncludeField> noPoints = EnumSet.complementOf(EnumSet.of(IncludeField.SERVICE_POINTS,
                IncludeField.METER_DEVICES));
        assertEquals(doc, shape(new ResponseShaper(filter(noPoints, IdSelection.NONE, IdSelection.NONE)).section(),
                doc, null));
        assertTrue(new ResponseShaper(f).section().identity());
    }

    @Test
    void anAccountLosesEachGroupOfGatedFields() {
        String doc = "{\"cds_account_id\":\"acc_1\",\"customer_number\":\"P1\",\"account_number\":\"3\","
                + "\"account_entity\":{\"id\":\"u\"},\"account_name\":\"N\",\"account_address\":\"A\","
                + "\"account_types\":[\"customer\"],\"account_status\":\"active\",\"account_contacts\":[],"
                + "\"account_programs\":[{\"id\":\"p\"}],\"cds_modified\":\"2025-01-01T00:00:00Z\"}";
        Function<Set<IncludeField>, String> shaped = include -> shape(
                new ResponseShaper(filter(include, IdSelection.ALL, IdSelection.ALL)).account(), doc, null);
        assertEquals(doc, shaped.apply(EnumSet.of(IncludeField.ACCOUNT_NUMBERS, IncludeField.ACCOUNT_DETAILS,
                IncludeField.ACCOUNT_PROGRAMS)));
        assertEquals("{\"cds_account_id\":\"acc_1\",\"customer_number\":\"P1\",\"account_number\":\"3\","
                + "\"account_entity\":{\"id\":\"u\"},\"cds_modified\":\"2025-01-01T00:00:00Z\"}",
                shaped.apply(EnumSet.of(IncludeField.ACCOUNT_NUMBERS)));
        assertEquals("{\"cds_account_id\":\"acc_1\",\"account_programs\":[{\"id\":\"p\"}],"
                + "\"cds_modified\":\"2025-01-01T00:00:00Z\"}", shaped.apply(EnumSet.of(IncludeField.ACCOUNT_PROGRAMS)));
        assertEquals("{\"cds_account_id\":\"acc_1\",\"cds_modified\":\"2025-01-01T00:00:00Z\"}",
                shaped.apply(EnumSet.noneOf(IncludeField.class)));
    }

    @Test
    void aContractLosesEachGroupOfGatedFields() {
        String doc = "{\"cds_servicecontract_id\":\"sc_1\",\"account_number\":\"3\",\"contract_number\":\"C\","
                + "\"contract_entity\":{},\"gridx_supply_entity\":{},\"contract_address\":\"A\","
                + "\"contract_start\":\"2024-01-01\",\"contract_end\":null,\"rateplan_code\":\"E1\","
                + "\"rateplan_name\":\"E1\",\"gridx_rateplan_history\":[],\"service_programs\":[],"
                + "\"service_types\":[\"electric\"]}";
        assertEquals("{\"cds_servicecontract_id\":\"sc_1\",\"contract_number\":\"C\",\"contract_entity\":{},"
                + "\"gridx_supply_entity\":{},\"rateplan_code\":\"E1\",\"rateplan_name\":\"E1\","
                + "\"gridx_rateplan_history\":[],\"service_types\":[\"electric\"]}",
                shape(new ResponseShaper(filter(EnumSet.of(IncludeField.CONTRACT_NUMBERS, IncludeField.RATE_PLANS),
                        IdSelection.ALL, IdSelection.ALL)).contract(), doc, null));
    }

    private static final String STATEMENT = "{\"cds_billstatement_id\":\"bst_1\",\"file_uri\":null,"
            + "\"new_charges_amount\":30.00,\"new_charges\":[{\"id\":\"n1\",\"amount\":10.00,"
            + "\"related_billsections\":[\"bsc_1\",\"bsc_2\"]},{\"id\":\"n2\",\"amount\":20.00,"
            + "\"related_billsections\":[\"bsc_3\"],\"included_in_amount_due\":true}],"
            + "\"account_programs\":[],\"amount_due\":30.00}";

    @Test
    void aStatementListsOnlyTheVisibleSectionsOfItsCharges() {
        AccessFilter f = filter(EnumSet.of(IncludeField.BILL_STATEMENTS, IncludeField.BILL_STATEMENT_CHARGES,
                IncludeField.BILL_STATEMENT_PROGRAMS, IncludeField.BILL_SECTIONS), IdSelection.ALL, IdSelection.ALL);
        assertEquals("{\"cds_billstatement_id\":\"bst_1\",\"new_charges_amount\":30.00,\"new_charges\":["
                + "{\"id\":\"n1\",\"amount\":10.00,\"related_billsections\":[\"bsc_2\"]},{\"id\":\"n2\","
                + "\"amount\":20.00,\"related_billsections\":[],\"included_in_amount_due\":true}],"
                + "\"account_programs\":[],\"amount_due\":30.00}",
                shape(new ResponseShaper(f).statement(), STATEMENT, Set.of("bsc_2", "bsc_9")));
    }

    @Test
    void aStatementWithoutIncludeBillSectionsListsNoSectionsAndNoFile() {
        AccessFilter f = filter(EnumSet.of(IncludeField.BILL_STATEMENTS, IncludeField.BILL_STATEMENT_CHARGES),
                IdSelection.ALL, IdSelection.ALL);
        assertEquals("{\"cds_billstatement_id\":\"bst_1\",\"new_charges_amount\":30.00,\"new_charges\":["
                + "{\"id\":\"n1\",\"amount\":10.00},{\"id\":\"n2\",\"amount\":20.00,"
                + "\"included_in_amount_due\":true}],\"amount_due\":30.00}",
                shape(new ResponseShaper(f).statement(), STATEMENT, null));
    }

    @Test
    void aStatementWithoutChargesLosesThemWhole() {
        AccessFilter f = filter(EnumSet.of(IncludeField.BILL_STATEMENTS, IncludeField.BILL_STATEMENT_FILES,
                IncludeField.BILL_SECTIONS), IdSelection.ALL, IdSelection.ALL);
        assertEquals("{\"cds_billstatement_id\":\"bst_1\",\"file_uri\":null,\"amount_due\":30.00}",
                shape(new ResponseShaper(f).statement(), STATEMENT, Set.of("bsc_1")));
    }
}
