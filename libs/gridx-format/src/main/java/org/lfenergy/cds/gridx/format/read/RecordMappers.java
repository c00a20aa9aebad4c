package org.lfenergy.cds.gridx.format.read;

import org.lfenergy.cds.gridx.format.GridxFileType;

/** The mapper of each file type. */
final class RecordMappers {

    private RecordMappers() {
    }

    static RecordMapper forType(GridxFileType type) {
        switch (type) {
            case DAILYDIGEST:
                return new DailyDigestMapper();
            case CUSTOMER:
                return new CustomerMapper();
            case METERACCOUNTMETER:
                return new MeterAccountMeterMapper();
            case CUSTOMERATTRIBUTE:
                return new CustomerAttributeMapper();
            case BILLING:
                return new BillingMapper();
            case BILLINGDETAIL:
                return new BillingDetailMapper();
            case INTERVAL:
                return new UsageMapper(false);
            case REGISTER:
                return new UsageMapper(true);
            case BILLDETERMINANTS:
                return new BillDeterminantsMapper();
            case BILLINGCYCLE:
                return new BillingCycleMapper();
            case RATEVALUES:
                return new RateValuesMapper();
            case EVENT:
                return new EventMapper();
            case NETWORK:
                return new NetworkMapper();
            default:
                throw new IllegalArgumentException("No mapper for " + type);
        }
    }
}
