-- usage: psql -v client=PERF -v noise=50 -f gen.sql   (contract 0 = the meter-year; 1..noise = noise, ~600 days each)
DO $$ DECLARE m date; BEGIN
  FOR m IN SELECT generate_series(DATE '2023-01-01', DATE '2025-01-01', interval '1 month')::date LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS interval_day_y%sm%s PARTITION OF interval_day FOR VALUES FROM (%L) TO (%L)',
      to_char(m,'YYYY'), to_char(m,'MM'), m, (m + interval '1 month')::date);
  END LOOP; END $$;
INSERT INTO contract (client, contract_id, person_id, entity_id, premise_id, servicepoint_id, meter_account_id, contract_start,
  cds_customer_id, cds_account_id, cds_servicecontract_id, cds_servicepoint_id, cds_premise_id)
SELECT :'client', 'C'||n, 'P'||n, 'A'||lpad(n::text,4,'0'), 'PM'||n, 'SP'||n, 'MA'||n, '2020-01-01',
  :'client'||'-cu-'||n, :'client'||'-ac-'||n, :'client'||'-sc-'||n, :'client'||'-sp-'||n, :'client'||'-pm-'||n
FROM generate_series(0, :noise) n;
INSERT INTO meter_install (client, meter_account_id, meter_id, install_at, cds_meterdevice_id)
SELECT :'client', 'MA'||n, 'M'||n, '2020-01-01', :'client'||'-md-'||n FROM generate_series(0, :noise) n;
INSERT INTO meter_device (cds_meterdevice_id, client, meter_id, channels, min_interval_s)
SELECT :'client'||'-md-'||n, :'client', 'M'||n, '{KWH_DEL}', 900 FROM generate_series(0, :noise) n;
-- interval days: contract 0 a full 2024 year; noise contracts 600 days from 2023-05-11
INSERT INTO interval_day (client, series_key, channel, interval_s, local_day, meter_account_id, meter_ids, time_zone,
  day_start, slot_count, vals, quality, segment_id)
SELECT :'client', 'ma:MA'||n, 'KWH_DEL', 900, d, 'MA'||n, ARRAY['M'||n], 'America/Los_Angeles',
  d::timestamp AT TIME ZONE 'America/Los_Angeles',
  (extract(epoch FROM ((d+1)::timestamp AT TIME ZONE 'America/Los_Angeles') - (d::timestamp AT TIME ZONE 'America/Los_Angeles'))/900)::int,
  array_fill(0.125::numeric, ARRAY[(extract(epoch FROM ((d+1)::timestamp AT TIME ZONE 'America/Los_Angeles') - (d::timestamp AT TIME ZONE 'America/Los_Angeles'))/900)::int]),
  array_fill('A'::text, ARRAY[(extract(epoch FROM ((d+1)::timestamp AT TIME ZONE 'America/Los_Angeles') - (d::timestamp AT TIME ZONE 'America/Los_Angeles'))/900)::int]),
  :'client'||'-seg-'||n||'-'||d
FROM generate_series(0, :noise) n
CROSS JOIN LATERAL generate_series(CASE WHEN n = 0 THEN DATE '2024-01-01' ELSE DATE '2023-05-11' END,
                                   CASE WHEN n = 0 THEN DATE '2024-12-30' ELSE DATE '2024-12-31' END, interval '1 day') g(dd)
CROSS JOIN LATERAL (SELECT dd::date AS d) x;
-- daily register reads for the noise contracts (one a week) and monthly billed periods for all
INSERT INTO register_read (client, series_key, channel, meter_id, read_at, meter_account_id, local_day, time_zone, interval_s, value, segment_id)
SELECT :'client', 'ma:MA'||n, 'KWH_DEL', 'M'||n, d::timestamp AT TIME ZONE 'America/Los_Angeles', 'MA'||n, d, 'America/Los_Angeles', 86400, 1000 + n,
  :'client'||'-reg-'||n||'-'||d
FROM generate_series(1, :noise) n CROSS JOIN LATERAL (SELECT g::date AS d FROM generate_series(DATE '2023-05-11', DATE '2024-12-31', interval '7 day') g) x;
INSERT INTO bill_determinant (client, meter_account_id, channel, start_at, end_at, value, time_zone, segment_id)
SELECT :'client', 'MA'||n, 'KWH_DEL', m::timestamp AT TIME ZONE 'America/Los_Angeles', (m + interval '1 month')::timestamp AT TIME ZONE 'America/Los_Angeles',
  300, 'America/Los_Angeles', :'client'||'-bd-'||n||'-'||m::date
FROM generate_series(0, :noise) n CROSS JOIN generate_series(DATE '2023-06-01', DATE '2024-12-01', interval '1 month') m;
ANALYZE contract, meter_install, meter_device, interval_day, register_read, bill_determinant;
