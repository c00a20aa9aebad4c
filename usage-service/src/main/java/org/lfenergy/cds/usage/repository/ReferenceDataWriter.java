package org.lfenergy.cds.usage.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Set-based upserts of the hierarchy and the small fact tables. Every statement is idempotent (a replay updates
 * nothing: {@code DO UPDATE … WHERE … IS DISTINCT FROM …}) and bumps {@code modified} only on real change, which is
 * what CDS {@code cds_modified} reports. Rows must be unique per key within one call (the consumers dedupe).
 */
@ApplicationScoped
public class ReferenceDataWriter {

    static final String CONTRACTS = """
            INSERT INTO contract AS t (client, contract_id, person_id, entity_id, premise_id, servicepoint_id,
                meter_account_id, contract_start, contract_end, service_status, cds_customer_id, cds_account_id,
                cds_servicecontract_id, cds_servicepoint_id, cds_premise_id)
            SELECT u.c1, u.c2, u.c3, u.c4, u.c5, u.c6, u.c7, u.c8::timestamptz, u.c9::timestamptz, u.c10, u.c11, u.c12,
                   u.c13, u.c14, u.c15
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15)
            ON CONFLICT (client, contract_id) DO UPDATE SET
                person_id = EXCLUDED.person_id, entity_id = EXCLUDED.entity_id, premise_id = EXCLUDED.premise_id,
                servicepoint_id = EXCLUDED.servicepoint_id, meter_account_id = EXCLUDED.meter_account_id,
                contract_start = EXCLUDED.contract_start, contract_end = EXCLUDED.contract_end,
                service_status = EXCLUDED.service_status, cds_customer_id = EXCLUDED.cds_customer_id,
                cds_account_id = EXCLUDED.cds_account_id, cds_servicepoint_id = EXCLUDED.cds_servicepoint_id,
                cds_premise_id = EXCLUDED.cds_premise_id, modified = now()
            WHERE (t.person_id, t.entity_id, t.premise_id, t.servicepoint_id, t.meter_account_id, t.contract_start,
                   t.contract_end, t.service_status, t.cds_servicepoint_id)
                  IS DISTINCT FROM (EXCLUDED.person_id, EXCLUDED.entity_id, EXCLUDED.premise_id,
                   EXCLUDED.servicepoint_id, EXCLUDED.meter_account_id, EXCLUDED.contract_start,
                   EXCLUDED.contract_end, EXCLUDED.service_status, EXCLUDED.cds_servicepoint_id)
            RETURNING t.cds_servicepoint_id
            """;

    static final String SERVICE_POINTS = """
            INSERT INTO service_point AS t (cds_servicepoint_id, client, servicepoint_number, from_meter_account,
                premise_id, cds_premise_id)
            SELECT u.c1, u.c2, u.c3, u.c4::boolean, u.c5, u.c6
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c1, c2, c3, c4, c5, c6)
            ON CONFLICT (cds_servicepoint_id) DO UPDATE SET
                premise_id = EXCLUDED.premise_id, cds_premise_id = EXCLUDED.cds_premise_id, modified = now()
            WHERE (t.premise_id, t.cds_premise_id) IS DISTINCT FROM (EXCLUDED.premise_id, EXCLUDED.cds_premise_id)
            """;

    static final String TOUCH_SERVICE_POINTS = """
            UPDATE service_point SET modified = now() WHERE cds_servicepoint_id = ANY(?::text[])
            """;

    static final String METER_INSTALLS = """
            INSERT INTO meter_install AS t (client, meter_account_id, meter_id, install_at, removal_at, cds_meterdevice_id)
            SELECT u.c1, u.c2, u.c3, u.c4::timestamptz, u.c5::timestamptz, u.c6
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c1, c2, c3, c4, c5, c6)
            ON CONFLICT (client, meter_account_id, meter_id, install_at) DO UPDATE SET
                removal_at = EXCLUDED.removal_at, modified = now()
            WHERE t.removal_at IS DISTINCT FROM EXCLUDED.removal_at
            RETURNING t.cds_meterdevice_id
            """;

    static final String METER_DEVICES = """
            INSERT INTO meter_device AS t (cds_meterdevice_id, client, meter_id, channels, min_interval_s)
            SELECT u.c1, u.c2, u.c3, u.c4::text[], u.c5::int
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c1, c2, c3, c4, c5)
            ON CONFLICT (cds_meterdevice_id) DO UPDATE SET
                channels = ARRAY(SELECT DISTINCT ch FROM unnest(t.channels || EXCLUDED.channels) AS ch ORDER BY ch),
                min_interval_s = least(t.min_interval_s, EXCLUDED.min_interval_s),
                modified = now()
            WHERE NOT (EXCLUDED.channels <@ t.channels)
               OR EXCLUDED.min_interval_s < coalesce(t.min_interval_s, 2147483647)
            """;

    static final String TOUCH_METER_DEVICES = """
            UPDATE meter_device SET modified = now() WHERE cds_meterdevice_id = ANY(?::text[])
            """;

    static final String ATTRIBUTES = """
            INSERT INTO attribute AS t (client, id_type, id, key, start_date, end_date, value)
            SELECT u.c1, u.c2, u.c3, u.c4, u.c5::date, u.c6::date, u.c7
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(c1, c2, c3, c4, c5, c6, c7)
            ON CONFLICT (client, id_type, id, key, start_date) DO UPDATE SET
                end_date = EXCLUDED.end_date, value = EXCLUDED.value, modified = now()
            WHERE (t.end_date, t.value) IS DISTINCT FROM (EXCLUDED.end_date, EXCLUDED.value)
            RETURNING t.client || '|' || t.id_type || '|' || t.id
            """;

    // Service points whose shown data depends on a changed attribute: SP-level (by number), premise-level (by
    // premise) and contract-level (service type) attributes.
    static final String TOUCH_BY_ATTRIBUTE = """
            UPDATE service_point sp SET modified = now()
            FROM unnest(?::text[], ?::text[], ?::text[]) AS u(client, id_type, id)
            WHERE sp.client = u.client AND (
                   (u.id_type = 'SP' AND sp.servicepoint_number = u.id)
                OR (u.id_type = 'PM' AND sp.premise_id = u.id)
                OR (u.id_type = 'CT' AND sp.cds_servicepoint_id IN
                        (SELECT c.cds_servicepoint_id FROM contract c WHERE c.client = u.client AND c.contract_id = u.id)))
            """;

    static final String REGISTERS = """
            INSERT INTO register_read AS t (client, series_key, channel, meter_id, read_at, meter_account_id,
                local_day, time_zone, interval_s, value, quality, segment_id)
            SELECT u.c1, u.c2, u.c3, u.c4, u.c5::timestamptz, u.c6, u.c7::date, u.c8, u.c9::int, u.c10::numeric, u.c11,
                   u.c12
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
            ON CONFLICT (client, series_key, local_day, channel, meter_id, read_at) DO UPDATE SET
                value = EXCLUDED.value, quality = EXCLUDED.quality,
                meter_account_id = coalesce(EXCLUDED.meter_account_id, t.meter_account_id), modified = now()
            WHERE (t.value, t.quality) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.quality)
            """;

    static final String DETERMINANTS = """
            INSERT INTO bill_determinant AS t (client, meter_account_id, channel, start_at, end_at, value, quality, time_zone,
                segment_id)
            SELECT u.c1, u.c2, u.c3, u.c4::timestamptz, u.c5::timestamptz, u.c6::numeric, u.c7, u.c8, u.c9
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(c1, c2, c3, c4, c5, c6, c7, c8, c9)
            ON CONFLICT (client, meter_account_id, start_at, end_at, channel) DO UPDATE SET
                value = EXCLUDED.value, quality = EXCLUDED.quality, time_zone = EXCLUDED.time_zone, modified = now()
            WHERE (t.value, t.quality) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.quality)
            """;

    static final String NETWORK_MEMBERS = """
            INSERT INTO network_member AS t (client, network_type, network_id, network_member_type, member_id,
                member_meteraccount_id, member_start_date, network_start_date, network_end_date, member_type,
                percent_allocation, member_end_date)
            SELECT u.c1, u.c2, u.c3, u.c4, u.c5, u.c6, u.c7::date, u.c8::date, u.c9::date, u.c10, u.c11::numeric,
                   u.c12::date
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
            ON CONFLICT (client, network_type, network_id, network_member_type, member_id, member_meteraccount_id,
                         member_start_date) DO UPDATE SET
                network_start_date = EXCLUDED.network_start_date, network_end_date = EXCLUDED.network_end_date,
                member_type = EXCLUDED.member_type, percent_allocation = EXCLUDED.percent_allocation,
                member_end_date = EXCLUDED.member_end_date, modified = now()
            WHERE (t.network_start_date, t.network_end_date, t.member_type, t.percent_allocation, t.member_end_date)
                  IS DISTINCT FROM (EXCLUDED.network_start_date, EXCLUDED.network_end_date, EXCLUDED.member_type,
                  EXCLUDED.percent_allocation, EXCLUDED.member_end_date)
            """;

    static final String EVENTS = """
            INSERT INTO dr_event AS t (client, event_type, event_sub_type, rate_plan_identifier, event_date,
                event_start_time, event_end_time, event_duration)
            SELECT u.c1, u.c2, u.c3, u.c4, u.c5::date, u.c6::time, u.c7::time, u.c8::numeric
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(c1, c2, c3, c4, c5, c6, c7, c8)
            ON CONFLICT (client, event_type, event_sub_type, rate_plan_identifier, event_date, event_start_time)
            DO UPDATE SET event_end_time = EXCLUDED.event_end_time, event_duration = EXCLUDED.event_duration,
                modified = now()
            WHERE (t.event_end_time, t.event_duration) IS DISTINCT FROM (EXCLUDED.event_end_time, EXCLUDED.event_duration)
            """;

    static final String BILL_PERIODS = """
            INSERT INTO bill_period AS t (client, bill_id, meter_account_id, start_date, end_date, cds_billsection_id)
            SELECT u.c1, u.c2, u.c3, u.c4::date, u.c5::date, u.c6
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(c1, c2, c3, c4, c5, c6)
            ON CONFLICT (client, bill_id) DO UPDATE SET meter_account_id = EXCLUDED.meter_account_id,
                start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, modified = now()
            WHERE (t.meter_account_id, t.start_date, t.end_date)
                  IS DISTINCT FROM (EXCLUDED.meter_account_id, EXCLUDED.start_date, EXCLUDED.end_date)
            """;

    private final BatchUpsert batch;

    public ReferenceDataWriter(BatchUpsert batch) {
        this.batch = batch;
    }

    /** Contracts (15 columns, see {@link #CONTRACTS}) and the service points they name. */
    public void writeContracts(Collection<String[]> contracts) throws SQLException {
        Map<String, String[]> servicePoints = new LinkedHashMap<>();
        for (String[] c : contracts) {
            boolean fromMeterAccount = c[5] == null;
            servicePoints.put(c[13], new String[]{c[13], c[0], fromMeterAccount ? c[6] : c[5],
                    Boolean.toString(fromMeterAccount), c[4], c[14]});
        }
        batch.execute(SERVICE_POINTS, 6, servicePoints.values());
        List<String> changedPoints = batch.returning(CONTRACTS, 15, contracts);
        touch(TOUCH_SERVICE_POINTS, changedPoints);
    }

    /** Meter installs (6 columns) and the meter devices they name. */
    public void writeMeterInstalls(Collection<String[]> installs) throws SQLException {
        Map<String, String[]> devices = new LinkedHashMap<>();
        for (String[] i : installs) {
            devices.put(i[5], new String[]{i[5], i[0], i[2], "{}", null});
        }
        batch.execute(METER_DEVICES, 5, devices.values());
        List<String> changedMeters = batch.returning(METER_INSTALLS, 6, installs);
        touch(TOUCH_METER_DEVICES, changedMeters);
    }

    /** Meter devices seen in usage rows (5 columns). */
    public void writeMeterDevices(Collection<String[]> devices) throws SQLException {
        batch.execute(METER_DEVICES, 5, devices);
    }

    /** Attributes (7 columns); touches the service points whose output they change. */
    public void writeAttributes(Collection<String[]> attributes) throws SQLException {
        List<String> changed = batch.returning(ATTRIBUTES, 7, attributes);
        if (changed.isEmpty()) {
            return;
        }
        Map<String, String[]> distinct = new LinkedHashMap<>();
        for (String s : changed) {
            String[] p = s.split("\\|", 3);
            if (p.length == 3) {
                distinct.put(s, p);
            }
        }
        batch.execute(TOUCH_BY_ATTRIBUTE, 3, distinct.values());
    }

    /** Register reads (12 columns). */
    public void writeRegisters(Collection<String[]> rows) throws SQLException {
        batch.execute(REGISTERS, 12, rows);
    }

    /** Billing determinants (9 columns). */
    public void writeDeterminants(Collection<String[]> rows) throws SQLException {
        batch.execute(DETERMINANTS, 9, rows);
    }

    /** Network members (12 columns). */
    public void writeNetworkMembers(Collection<String[]> rows) throws SQLException {
        batch.execute(NETWORK_MEMBERS, 12, rows);
    }

    /** Bill periods (6 columns: client, Bill_ID, MeterAccount_ID, start, end, cds_billsection_id). */
    public void writeBillPeriods(Collection<String[]> rows) throws SQLException {
        batch.execute(BILL_PERIODS, 6, rows);
    }

    /** Demand-response events (8 columns). */
    public void writeEvents(Collection<String[]> rows) throws SQLException {
        batch.execute(EVENTS, 8, rows);
    }

    private void touch(String sql, List<String> ids) throws SQLException {
        if (!ids.isEmpty()) {
            String[] distinct = new java.util.LinkedHashSet<>(ids).toArray(String[]::new);
            List<String[]> params = new ArrayList<>();
            params.add(distinct);
            batch.executeArrays(sql, params);
        }
    }
}
