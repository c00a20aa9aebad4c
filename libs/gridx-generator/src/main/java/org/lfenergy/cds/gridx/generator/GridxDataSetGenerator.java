package org.lfenergy.cds.gridx.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lfenergy.cds.gridx.format.GridxFileName;
import org.lfenergy.cds.gridx.format.GridxFileType;
import org.lfenergy.cds.gridx.generator.billing.BillCalculator;
import org.lfenergy.cds.gridx.generator.billing.CommunitySolarShare;
import org.lfenergy.cds.gridx.generator.billing.PriceSchedule;
import org.lfenergy.cds.gridx.generator.files.BillingFiles;
import org.lfenergy.cds.gridx.generator.files.CustomerFiles;
import org.lfenergy.cds.gridx.generator.files.ReferenceFiles;
import org.lfenergy.cds.gridx.generator.io.GridxFileSink;
import org.lfenergy.cds.gridx.generator.model.Account;
import org.lfenergy.cds.gridx.generator.model.Contract;
import org.lfenergy.cds.gridx.generator.model.DataSetPlan;
import org.lfenergy.cds.gridx.generator.model.Network;
import org.lfenergy.cds.gridx.generator.model.NetworkMember;
import org.lfenergy.cds.gridx.generator.model.Person;
import org.lfenergy.cds.gridx.generator.plan.DataSetPlanner;
import org.lfenergy.cds.gridx.generator.time.ReadCycleCalendar;
import org.lfenergy.cds.gridx.generator.usage.Channel;
import org.lfenergy.cds.gridx.generator.usage.DailyUsage;
import org.lfenergy.cds.gridx.generator.usage.MeterReadingWriter;
import org.lfenergy.cds.gridx.generator.usage.MeterTime;

/**
 * Writes a complete GridX file set into the output directory: one file per type plus the Daily Digest listing
 * each file's line count (header included) and the MD5 of its bytes as written.
 *
 * <p>All files are open at once and each customer's rows go to them as they are computed, so memory does not grow
 * with the data: the largest thing held is one contract's per-day sums.
 */
public final class GridxDataSetGenerator {

    private static final List<GridxFileType> DATA_FILES = List.of(GridxFileType.CUSTOMER,
            GridxFileType.METERACCOUNTMETER, GridxFileType.CUSTOMERATTRIBUTE, GridxFileType.BILLING,
            GridxFileType.BILLINGDETAIL, GridxFileType.INTERVAL, GridxFileType.REGISTER,
            GridxFileType.BILLDETERMINANTS, GridxFileType.BILLINGCYCLE, GridxFileType.RATEVALUES,
            GridxFileType.EVENT, GridxFileType.NETWORK);

    private final GeneratorConfig config;

    public GridxDataSetGenerator(GeneratorConfig config) {
        this.config = config;
    }

    /** Generates the file set; same config, same bytes. */
    public GenerationReport generate() throws IOException {
        long started = System.nanoTime();
        DataSetPlan plan = DataSetPlanner.plan(config);
        Files.createDirectories(config.outputDirectory());
        Map<GridxFileType, GridxFileSink> sinks = new EnumMap<>(GridxFileType.class);
        List<WrittenFile> files = new ArrayList<>();
        try {
            for (GridxFileType type : DATA_FILES) {
                sinks.put(type, GridxFileSink.open(config.outputDirectory(), name(type)));
            }
            write(plan, sinks);
            for (GridxFileType type : DATA_FILES) {
                files.add(sinks.get(type).finish());
            }
        } finally {
            for (GridxFileSink sink : sinks.values()) {
                sink.close();
            }
        }
        files.add(writeDigest(files));
        return new GenerationReport(List.copyOf(files), Duration.ofNanos(System.nanoTime() - started));
    }

    private void write(DataSetPlan plan, Map<GridxFileType, GridxFileSink> sinks) {
        ReadCycleCalendar cycles = new ReadCycleCalendar();
        PriceSchedule prices = new PriceSchedule(config.startDate(), config.lastDay());
        ReferenceFiles.billingCycles(sinks.get(GridxFileType.BILLINGCYCLE), cycles, config.startDate(),
                config.lastDay());
        ReferenceFiles.rateValues(sinks.get(GridxFileType.RATEVALUES), prices);
        ReferenceFiles.events(sinks.get(GridxFileType.EVENT), plan.events());
        ReferenceFiles.networks(sinks.get(GridxFileType.NETWORK), plan.networks());

        MeterTime time = new MeterTime(config.zone(), config.startDate(), config.days(), config.intervalMinutes());
        MeterReadingWriter readings = new MeterReadingWriter(time, sinks.get(GridxFileType.INTERVAL),
                sinks.get(GridxFileType.REGISTER), plan.events(), config.seed());
        List<Contract> contracts = plan.contracts().toList();
        if (config.intervalRows() > 0) {
            checkRowTarget(readings, contracts);
        }
        Map<String, DailyUsage> hostGeneration = new HashMap<>();
        for (Network network : plan.networks()) {
            Contract host = plan.contract(network.host().contractId());
            hostGeneration.put(network.networkId(), readings.sums(host, Channel.KWH_REC));
        }
        CustomerFiles customers = new CustomerFiles(sinks.get(GridxFileType.CUSTOMER),
                sinks.get(GridxFileType.METERACCOUNTMETER), sinks.get(GridxFileType.CUSTOMERATTRIBUTE));
        BillingFiles billing = new BillingFiles(sinks.get(GridxFileType.BILLING),
                sinks.get(GridxFileType.BILLINGDETAIL), sinks.get(GridxFileType.BILLDETERMINANTS),
                new BillCalculator(prices, config.startDate(), config.intervalMinutes()), cycles,
                config.startDate(), config.lastDay(), config.zone().getId());
        for (Person person : plan.persons()) {
            customers.write(person);
            for (Account account : person.accounts()) {
                for (Contract contract : account.contracts()) {
                    List<Channel> channels = MeterReadingWriter.channels(contract);
                    DailyUsage delivered = readings.write(contract, channels.get(0));
                    DailyUsage received = channels.size() > 1 ? readings.write(contract, channels.get(1)) : null;
                    billing.write(contract, delivered, received, share(plan, contract, hostGeneration));
                }
            }
        }
        if (config.scalesIntervals()) {
            GridxFileSink intervals = sinks.get(GridxFileType.INTERVAL);
            if (config.intervalBytes() > 0 && intervals.uncompressedBytes() > config.intervalBytes()) {
                throw new IllegalArgumentException("The data set alone has " + intervals.uncompressedBytes()
                        + " interval bytes, more than the requested " + config.intervalBytes()
                        + "; lower --persons or --days");
            }
            readings.writeHistory(contracts, config.intervalRows(), config.intervalBytes());
        }
    }

    /** Fails before writing anything when the interval row target cannot be met exactly. */
    private void checkRowTarget(MeterReadingWriter readings, List<Contract> contracts) {
        long regular = 0;
        for (Contract c : contracts) {
            for (Channel channel : MeterReadingWriter.channels(c)) {
                regular += readings.countRows(c, channel);
            }
        }
        if (regular > config.intervalRows()) {
            throw new IllegalArgumentException("The data set alone has " + regular + " interval rows, more than the "
                    + "requested " + config.intervalRows() + "; lower --persons or --days");
        }
        long capacity = readings.historyCapacity(contracts);
        if (regular + capacity < config.intervalRows()) {
            throw new IllegalArgumentException("The data set and its meters' history hold at most "
                    + (regular + capacity) + " interval rows, fewer than the requested " + config.intervalRows()
                    + "; raise --persons");
        }
    }

    private static CommunitySolarShare share(DataSetPlan plan, Contract contract,
                                             Map<String, DailyUsage> hostGeneration) {
        NetworkMember member = plan.subscription(contract.contractId());
        if (member == null) {
            return null;
        }
        Network network = plan.networkOf(member);
        return new CommunitySolarShare(hostGeneration.get(network.networkId()), member.percent(), member.start());
    }

    private WrittenFile writeDigest(List<WrittenFile> files) throws IOException {
        try (GridxFileSink digest = GridxFileSink.open(config.outputDirectory(), name(GridxFileType.DAILYDIGEST))) {
            for (WrittenFile f : files) {
                digest.text(f.fileName()).number(f.lineCount()).text(f.md5()).endRow();
            }
            return digest.finish();
        }
    }

    private GridxFileName name(GridxFileType type) {
        return GridxFileName.of(config.client(), type, config.fileTimestamp(), config.dialect(), config.gzip());
    }
}
