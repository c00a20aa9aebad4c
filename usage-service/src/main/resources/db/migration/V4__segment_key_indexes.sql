-- Indexes of the usage segment key query for a meter filter (docs/usage-mapping.md §5.7): which series name one of
-- the requested meters. The rows' own meters (Meter_ID of each interval, both meters on a swap day) decide, so
-- interval days need their meter arrays indexed; register reads carry one meter each.
CREATE INDEX interval_day_meters ON interval_day USING gin (meter_ids);
CREATE INDEX register_read_meter ON register_read (client, meter_id);
