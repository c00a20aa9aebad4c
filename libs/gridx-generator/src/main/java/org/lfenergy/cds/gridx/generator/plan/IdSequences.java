package org.lfenergy.cds.gridx.generator.plan;

/**
 * Hands out the ids of random customers. Numbers follow the SAP conventions the specification mentions (contract
 * "starts with 4", meter account/installation 5, service point 6, premise 7); persons start with 1 and accounts
 * with 3. The scenario owns numbers 1..100 of every kind, random customers start at 101, so adding random customers
 * never changes a scenario id.
 */
final class IdSequences {

    static final int FIRST_RANDOM = 101;

    private long person = FIRST_RANDOM;
    private long account = FIRST_RANDOM;
    private long contract = FIRST_RANDOM;
    private long meterAccount = FIRST_RANDOM;
    private long servicePoint = FIRST_RANDOM;
    private long premise = FIRST_RANDOM;
    private long electricMeter = FIRST_RANDOM;
    private long gasMeter = FIRST_RANDOM;

    static String person(long n) {
        return Long.toString(1_000_000 + n);
    }

    static String account(long n) {
        return Long.toString(3_000_000 + n);
    }

    static String contract(long n) {
        return Long.toString(4_000_000 + n);
    }

    static String meterAccount(long n) {
        return Long.toString(5_000_000 + n);
    }

    static String servicePoint(long n) {
        return Long.toString(6_000_000 + n);
    }

    static String premise(long n) {
        return Long.toString(7_000_000 + n);
    }

    static String electricMeter(long n) {
        return "E" + (1_000_000 + n);
    }

    static String gasMeter(long n) {
        return "G" + (1_000_000 + n);
    }

    String nextPerson() {
        return person(person++);
    }

    String nextAccount() {
        return account(account++);
    }

    String nextContract() {
        return contract(contract++);
    }

    String nextMeterAccount() {
        return meterAccount(meterAccount++);
    }

    String nextServicePoint() {
        return servicePoint(servicePoint++);
    }

    String nextPremise() {
        return premise(premise++);
    }

    String nextElectricMeter() {
        return electricMeter(electricMeter++);
    }

    String nextGasMeter() {
        return gasMeter(gasMeter++);
    }
}
