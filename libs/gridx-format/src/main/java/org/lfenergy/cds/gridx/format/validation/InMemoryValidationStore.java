package org.lfenergy.cds.gridx.format.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A {@link ValidationStore} in plain maps: for tests and small runs (it holds every interval in memory). */
public final class InMemoryValidationStore implements ValidationStore {

    private final Map<String, String> meterAccountByContract = new HashMap<>();
    private final Map<String, String> contractByMeterAccount = new HashMap<>();
    private final Map<String, Map<Instant, MeterInstall>> installs = new HashMap<>();
    // chain -> start date -> (id -> period); several periods may share a start date (overlaps).
    private final Map<String, TreeMap<LocalDate, Map<String, Period>>> chains = new HashMap<>();
    private final Map<String, Map<String, Period>> chainById = new HashMap<>();
    private final Map<String, BillFacts> bills = new HashMap<>();
    private final Map<String, Map<String, DetailLine>> details = new HashMap<>();
    private final Map<String, String> chargeMeanings = new HashMap<>();
    private final Map<UsageKey, TreeMap<Instant, Interval>> intervals = new HashMap<>();
    private final Map<UsageKey, TreeMap<Instant, RegisterRead>> registers = new HashMap<>();
    private final Map<UsageKey, TreeMap<Instant, RegisterRead>> pendingRegisters = new HashMap<>();

    private record Interval(int minutes, BigDecimal value) {
    }

    // ---- contracts ------------------------------------------------------------------------------------

    @Override
    public String meterAccountOfContract(String contractId) {
        return meterAccountByContract.get(contractId);
    }

    @Override
    public String contractOfMeterAccount(String meterAccountId) {
        return contractByMeterAccount.get(meterAccountId);
    }

    @Override
    public void link(String contractId, String meterAccountId) {
        meterAccountByContract.put(contractId, meterAccountId);
        contractByMeterAccount.put(meterAccountId, contractId);
    }

    // ---- meters ---------------------------------------------------------------------------------------

    @Override
    public List<MeterInstall> installsOfMeter(String meterId) {
        return List.copyOf(installs.getOrDefault(meterId, Map.of()).values());
    }

    @Override
    public void saveInstall(MeterInstall install) {
        installs.computeIfAbsent(install.meterId(), k -> new LinkedHashMap<>()).put(install.installed(), install);
    }

    // ---- period chains --------------------------------------------------------------------------------

    @Override
    public List<Period> periodsBetween(String chain, LocalDate from, LocalDate to) {
        List<Period> result = new ArrayList<>();
        TreeMap<LocalDate, Map<String, Period>> byStart = chains.get(chain);
        if (byStart == null) {
            return result;
        }
        // Any period starting on or before `to` may reach into the window; scan those and filter by end.
        for (Map<String, Period> sameStart : byStart.headMap(to, true).values()) {
            for (Period p : sameStart.values()) {
                if (!p.end().isBefore(from)) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    @Override
    public Period periodBefore(String chain, LocalDate start) {
        TreeMap<LocalDate, Map<String, Period>> byStart = chains.get(chain);
        Map.Entry<LocalDate, Map<String, Period>> e = byStart == null ? null : byStart.lowerEntry(start);
        return e == null ? null : latestEnding(e.getValue());
    }

    @Override
    public Period periodAfter(String chain, LocalDate start) {
        TreeMap<LocalDate, Map<String, Period>> byStart = chains.get(chain);
        Map.Entry<LocalDate, Map<String, Period>> e = byStart == null ? null : byStart.higherEntry(start);
        return e == null ? null : e.getValue().values().iterator().next();
    }

    private static Period latestEnding(Map<String, Period> periods) {
        Period best = null;
        for (Period p : periods.values()) {
            if (best == null || p.end().isAfter(best.end())) {
                best = p;
            }
        }
        return best;
    }

    @Override
    public void savePeriod(String chain, Period period) {
        removePeriod(chain, period.id());
        chains.computeIfAbsent(chain, k -> new TreeMap<>())
                .computeIfAbsent(period.start(), k -> new LinkedHashMap<>()).put(period.id(), period);
        chainById.computeIfAbsent(chain, k -> new HashMap<>()).put(period.id(), period);
    }

    @Override
    public void removePeriod(String chain, String id) {
        Map<String, Period> ids = chainById.get(chain);
        Period old = ids == null ? null : ids.remove(id);
        if (old != null) {
            TreeMap<LocalDate, Map<String, Period>> byStart = chains.get(chain);
            Map<String, Period> sameStart = byStart.get(old.start());
            sameStart.remove(id);
            if (sameStart.isEmpty()) {
                byStart.remove(old.start());
            }
        }
    }

    // ---- bills ----------------------------------------------------------------------------------------

    @Override
    public BillFacts bill(String billId) {
        return bills.get(billId);
    }

    @Override
    public void saveBill(BillFacts bill) {
        bills.put(bill.billId(), bill);
    }

    @Override
    public void saveDetailLine(DetailLine line) {
        details.computeIfAbsent(line.billId(), k -> new LinkedHashMap<>()).put(line.key(), line);
    }

    @Override
    public List<DetailLine> detailLines(String billId) {
        return List.copyOf(details.getOrDefault(billId, Map.of()).values());
    }

    @Override
    public String chargeMeaning(String tariff, String chargeCode) {
        return chargeMeanings.get(tariff + '\u0000' + chargeCode);
    }

    @Override
    public void saveChargeMeaning(String tariff, String chargeCode, String meaning) {
        chargeMeanings.put(tariff + '\u0000' + chargeCode, meaning);
    }

    // ---- usage ----------------------------------------------------------------------------------------

    @Override
    public void saveInterval(UsageKey key, Instant start, int minutes, BigDecimal value) {
        intervals.computeIfAbsent(key, k -> new TreeMap<>()).put(start, new Interval(minutes, value));
    }

    @Override
    public UsageTotal intervalTotal(UsageKey key, Instant from, Instant to) {
        NavigableMap<Instant, Interval> series = intervals.get(key);
        if (series == null) {
            return new UsageTotal(BigDecimal.ZERO, 0);
        }
        BigDecimal sum = BigDecimal.ZERO;
        long minutes = 0;
        for (Interval i : series.subMap(from, true, to, false).values()) {
            sum = sum.add(i.value());
            minutes += i.minutes();
        }
        return new UsageTotal(sum, minutes);
    }

    @Override
    public RegisterRead registerAt(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        return series == null ? null : series.get(at);
    }

    @Override
    public void saveRegister(RegisterRead read) {
        registers.computeIfAbsent(read.key(), k -> new TreeMap<>()).put(read.at(), read);
    }

    @Override
    public RegisterRead registerBefore(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        Map.Entry<Instant, RegisterRead> e = series == null ? null : series.lowerEntry(at);
        return e == null ? null : e.getValue();
    }

    @Override
    public RegisterRead registerAfter(UsageKey key, Instant at) {
        TreeMap<Instant, RegisterRead> series = registers.get(key);
        Map.Entry<Instant, RegisterRead> e = series == null ? null : series.higherEntry(at);
        return e == null ? null : e.getValue();
    }

    @Override
    public void savePendingRegister(RegisterRead read) {
        pendingRegisters.computeIfAbsent(read.key(), k -> new TreeMap<>()).put(read.at(), read);
    }

    @Override
    public List<RegisterRead> pendingRegisters(UsageKey key) {
        return List.copyOf(pendingRegisters.getOrDefault(key, new TreeMap<>()).values());
    }

    @Override
    public void removePendingRegister(RegisterRead read) {
        TreeMap<Instant, RegisterRead> pending = pendingRegisters.get(read.key());
        if (pending != null) {
            pending.remove(read.at());
        }
    }
}
