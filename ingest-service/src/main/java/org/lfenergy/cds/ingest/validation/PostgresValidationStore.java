package org.lfenergy.cds.ingest.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.lfenergy.cds.contracts.EventCodec;
import org.lfenergy.cds.gridx.format.validation.BillFacts;
import org.lfenergy.cds.gridx.format.validation.DetailLine;
import org.lfenergy.cds.gridx.format.validation.MeterInstall;
import org.lfenergy.cds.gridx.format.validation.Period;
import org.lfenergy.cds.gridx.format.validation.RegisterRead;
import org.lfenergy.cds.gridx.format.validation.Usage;
import org.lfenergy.cds.gridx.format.validation.UsageKey;
import org.lfenergy.cds.gridx.format.validation.UsageTotal;
import org.lfenergy.cds.gridx.format.validation.ValidationStore;

/**
 * The cross-row validators' memory for one client: the all-time facts (contract ↔ meter account links, meter
 * installs, bill and billing-cycle chains, bills, line items, charge meanings) in PostgreSQL, so they hold across
 * files, restarts and replicas; the register-versus-interval sums in a bounded in-memory {@link Usage} window.
 * Calls block; they run on the file-processing worker thread.
 */
public final class PostgresValidationStore implements ValidationStore {

    private final Pool pool;
    private final String client;
    private final Usage usage;
    private final ObjectMapper json = EventCodec.shared().mapper();

    public PostgresValidationStore(Pool pool, String client, Usage usage) {
        this.pool = pool;
        this.client = client;
        this.usage = usage;
    }

    // ---- contract links ---------------------------------------------------------------------------------

    @Override
    public String meterAccountOfContract(String contractId) {
        return single("select meter_account_id as v from xrow_contract_link where client = $1 and contract_id = $2",
                contractId);
    }

    @Override
    public String contractOfMeterAccount(String meterAccountId) {
        return single("select contract_id as v from xrow_contract_link where client = $1 and meter_account_id = $2",
                meterAccountId);
    }

    @Override
    public void link(String contractId, String meterAccountId) {
        run("insert into xrow_contract_link (client, contract_id, meter_account_id) values ($1, $2, $3) "
                + "on conflict do nothing", Tuple.of(client, contractId, meterAccountId));
    }

    // ---- meter installs ---------------------------------------------------------------------------------

    @Override
    public List<MeterInstall> installsOfMeter(String meterId) {
        return facts("select facts from xrow_meter_install where client = $1 and meter_id = $2 order by installed",
                Tuple.of(client, meterId), MeterInstall.class);
    }

    @Override
    public void saveInstall(MeterInstall install) {
        run("insert into xrow_meter_install (client, meter_id, installed, facts) values ($1, $2, $3, $4) "
                        + "on conflict (client, meter_id, installed) do update set facts = excluded.facts",
                Tuple.of(client, install.meterId(), install.installed().atOffset(ZoneOffset.UTC), toJson(install)));
    }

    // ---- period chains ----------------------------------------------------------------------------------

    @Override
    public List<Period> periodsBetween(String chain, LocalDate from, LocalDate to) {
        return facts("select facts from xrow_period where client = $1 and chain = $2 and start_date <= $3 "
                + "and end_date >= $4 order by start_date, period_id", Tuple.of(client, chain, to, from), Period.class);
    }

    @Override
    public Period periodBefore(String chain, LocalDate start) {
        List<Period> found = facts("select facts from xrow_period where client = $1 and chain = $2 and start_date = "
                + "(select max(start_date) from xrow_period where client = $1 and chain = $2 and start_date < $3) "
                + "order by end_date desc, period_id limit 1", Tuple.of(client, chain, start), Period.class);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public Period periodAfter(String chain, LocalDate start) {
        List<Period> found = facts("select facts from xrow_period where client = $1 and chain = $2 and start_date > $3 "
                + "order by start_date, period_id limit 1", Tuple.of(client, chain, start), Period.class);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void savePeriod(String chain, Period period) {
        run("insert into xrow_period (client, chain, period_id, start_date, end_date, facts) values ($1, $2, $3, $4, $5, $6) "
                        + "on conflict (client, chain, period_id) do update set start_date = excluded.start_date, "
                        + "end_date = excluded.end_date, facts = excluded.facts",
                Tuple.from(new Object[] {client, chain, period.id(), period.start(), period.end(), toJson(period)}));
    }

    @Override
    public void removePeriod(String chain, String id) {
        run("delete from xrow_period where client = $1 and chain = $2 and period_id = $3", Tuple.of(client, chain, id));
    }

    // ---- bills ------------------------------------------------------------------------------------------

    @Override
    public BillFacts bill(String billId) {
        List<BillFacts> found = facts("select facts from xrow_bill where client = $1 and bill_id = $2",
                Tuple.of(client, billId), BillFacts.class);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void saveBill(BillFacts bill) {
        run("insert into xrow_bill (client, bill_id, facts) values ($1, $2, $3) "
                + "on conflict (client, bill_id) do update set facts = excluded.facts", Tuple.of(client, bill.billId(), toJson(bill)));
    }

    @Override
    public void saveDetailLine(DetailLine line) {
        run("insert into xrow_detail_line (client, bill_id, line_key, facts) values ($1, $2, $3, $4) "
                        + "on conflict (client, bill_id, line_key) do update set facts = excluded.facts",
                Tuple.of(client, line.billId(), line.key(), toJson(line)));
    }

    @Override
    public List<DetailLine> detailLines(String billId) {
        return facts("select facts from xrow_detail_line where client = $1 and bill_id = $2 order by line_key",
                Tuple.of(client, billId), DetailLine.class);
    }

    @Override
    public String chargeMeaning(String tariff, String chargeCode) {
        RowSet<Row> rows = query("select meaning as v from xrow_charge_meaning where client = $1 and tariff = $2 "
                + "and charge_code = $3", Tuple.of(client, tariff, chargeCode));
        return rows.size() == 0 ? null : rows.iterator().next().getString("v");
    }

    @Override
    public void saveChargeMeaning(String tariff, String chargeCode, String meaning) {
        run("insert into xrow_charge_meaning (client, tariff, charge_code, meaning) values ($1, $2, $3, $4) "
                + "on conflict (client, tariff, charge_code) do nothing", Tuple.of(client, tariff, chargeCode, meaning));
    }

    // ---- usage: bounded window in memory ----------------------------------------------------------------

    @Override
    public void saveInterval(UsageKey key, Instant start, int minutes, BigDecimal value) {
        usage.saveInterval(key, start, minutes, value);
    }

    @Override
    public UsageTotal intervalTotal(UsageKey key, Instant from, Instant to) {
        return usage.intervalTotal(key, from, to);
    }

    @Override
    public RegisterRead registerAt(UsageKey key, Instant at) {
        return usage.registerAt(key, at);
    }

    @Override
    public void saveRegister(RegisterRead read) {
        usage.saveRegister(read);
    }

    @Override
    public RegisterRead registerBefore(UsageKey key, Instant at) {
        return usage.registerBefore(key, at);
    }

    @Override
    public RegisterRead registerAfter(UsageKey key, Instant at) {
        return usage.registerAfter(key, at);
    }

    @Override
    public void savePendingRegister(RegisterRead read) {
        usage.savePendingRegister(read);
    }

    @Override
    public List<RegisterRead> pendingRegisters(UsageKey key) {
        return usage.pendingRegisters(key);
    }

    @Override
    public void removePendingRegister(RegisterRead read) {
        usage.removePendingRegister(read);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private String single(String sql, String id) {
        RowSet<Row> rows = query(sql, Tuple.of(client, id));
        return rows.size() == 0 ? null : rows.iterator().next().getString("v");
    }

    private <T> List<T> facts(String sql, Tuple args, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Row row : query(sql, args)) {
            try {
                out.add(json.readValue(((JsonObject) row.getValue("facts")).encode(), type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable stored " + type.getSimpleName(), e);
            }
        }
        return out;
    }

    private JsonObject toJson(Object value) {
        try {
            return new JsonObject(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(String sql, Tuple args) {
        query(sql, args);
    }

    private RowSet<Row> query(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().indefinitely();
    }
}
