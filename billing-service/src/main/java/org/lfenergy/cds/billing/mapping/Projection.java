package org.lfenergy.cds.billing.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The CDS objects of one account, ready to be stored: the columns the API filters and orders on, and the full
 * object ({@code doc}, every OPTIONAL field included; gating happens when a response is built).
 *
 * @param account null when the account has no contract (any more)
 */
public record Projection(String client, String entityId, AccountRow account, List<ContractRow> contracts,
                         List<SectionRow> sections, List<StatementRow> statements) {

    /** CDS bookkeeping times. */
    public record Times(Instant created, Instant modified, Instant synced) {
    }

    /** Columns of {@code account}. */
    public record AccountRow(String cdsAccountId, String customerId, String customerNumber, String accountNumber,
                             String accountStatus, Times times, String qNumbers, String qDetails, String qPrograms,
                             ObjectNode doc) {
    }

    /** Columns of {@code service_contract}. */
    public record ContractRow(String contractId, String cdsServiceContractId, String cdsAccountId,
                              String cdsServicePointId, String customerId, String accountNumber,
                              String contractNumber, String contractStatus, List<String> contractTypes,
                              List<String> serviceTypes, Times times, String qDetails, String qRates,
                              String qPrograms, ObjectNode doc) {
    }

    /** Columns of {@code bill_section}. */
    public record SectionRow(String billId, String cdsBillSectionId, String cdsBillStatementId, String cdsAccountId,
                             String cdsServiceContractId, String customerId, String accountNumber,
                             String contractNumber, LocalDate startDate, LocalDate endDate, boolean cancelled,
                             Times times, ObjectNode doc) {
    }

    /** Columns of {@code bill_statement}. */
    public record StatementRow(String period, String cdsBillStatementId, String cdsAccountId, String customerId,
                               String accountNumber, LocalDate statementDate, Times times, ObjectNode doc) {
    }
}
