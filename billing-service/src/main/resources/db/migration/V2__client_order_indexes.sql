-- Every request is limited to one GridX client (the access filter's gridx_client), and pages are read in the CDS
-- order: indexes that lead with the client and follow each list's ORDER BY let a page stop after limit + 1 rows
-- instead of sorting every row of the client. Bill sections sort their numbers in byte order (COLLATE "C").
CREATE INDEX account_client_order ON account (client, cds_modified DESC, cds_account_id);
CREATE INDEX service_contract_client_order ON service_contract (client, cds_modified DESC, cds_servicecontract_id);
CREATE INDEX bill_statement_client_order ON bill_statement (client, statement_date DESC, cds_modified DESC,
                                                           cds_billstatement_id);
CREATE INDEX bill_section_client_order ON bill_section (client, account_number COLLATE "C",
                                                       contract_number COLLATE "C", start_date, cds_modified DESC,
                                                       cds_billsection_id);
DROP INDEX account_modified;
DROP INDEX service_contract_modified;
DROP INDEX bill_statement_order;
DROP INDEX bill_section_order;
