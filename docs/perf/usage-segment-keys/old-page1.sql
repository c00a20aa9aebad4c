SELECT * FROM (
SELECT ''::text AS agg_number, NULL::text AS cds_aggregation_id, NULL::text AS agg_kind, NULL::text AS agg_key, c.client, c.entity_id, c.contract_id, c.meter_account_id, c.cds_account_id, c.cds_servicecontract_id, c.cds_servicepoint_id, s.kind, s.series_key, s.local_day, s.interval_s, s.seg_start, s.seg_end, s.created, s.modified, s.segment_id, s.seg_start::text AS seg_start_text, s.seg_end::text AS seg_end_text, s.modified::text AS modified_text, (TRUE) AS show_account, (TRUE) AS show_contract, (TRUE) AS show_service_point
FROM contract c CROSS JOIN LATERAL (
SELECT 'i'::text AS kind, d.series_key, d.local_day, d.interval_s, d.day_start AS seg_start, d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s) AS seg_end, min(d.created) AS created, max(d.modified) AS modified, min(d.segment_id) AS segment_id FROM interval_day d
WHERE d.client = c.client AND d.series_key = ANY((ARRAY['ma:' || c.meter_account_id] || ARRAY(SELECT 'm:' || mi.meter_id FROM meter_install mi WHERE mi.client = c.client AND mi.meter_account_id = c.meter_account_id)))
 AND d.day_start <= $5 AND d.local_day <= $6 AND d.day_start + make_interval(secs => d.slot_count::double precision * d.interval_s) >= $3 AND d.local_day >= $4
 AND EXISTS (SELECT 1 FROM meter_device md WHERE md.client = c.client AND md.meter_id = ANY(d.meter_ids) AND md.cds_meterdevice_id = ANY($2))
GROUP BY d.series_key, d.local_day, d.interval_s, d.day_start, d.slot_count
UNION ALL SELECT 'r'::text, r.series_key, r.local_day, 0, (r.local_day::timestamp AT TIME ZONE r.time_zone), ((r.local_day + 1)::timestamp AT TIME ZONE r.time_zone), min(r.created), max(r.modified), min(r.segment_id) FROM register_read r
WHERE r.client = c.client AND r.series_key = ANY((ARRAY['ma:' || c.meter_account_id] || ARRAY(SELECT 'm:' || mi.meter_id FROM meter_install mi WHERE mi.client = c.client AND mi.meter_account_id = c.meter_account_id)))
 AND NOT EXISTS (SELECT 1 FROM interval_day d2 WHERE d2.client = r.client AND d2.series_key = r.series_key AND d2.local_day = r.local_day)
 AND (r.local_day::timestamp AT TIME ZONE r.time_zone) <= $5 AND r.local_day <= $6 AND ((r.local_day + 1)::timestamp AT TIME ZONE r.time_zone) >= $3 AND r.local_day >= $4
 AND EXISTS (SELECT 1 FROM meter_device md WHERE md.client = c.client AND md.meter_id = ANY(ARRAY[r.meter_id]) AND md.cds_meterdevice_id = ANY($2))
GROUP BY r.series_key, r.local_day, r.time_zone
UNION ALL SELECT 'b'::text, 'ma:' || b.meter_account_id, NULL::date, extract(epoch FROM b.end_at - b.start_at)::int, b.start_at, b.end_at, min(b.created), max(b.modified), min(b.segment_id) FROM bill_determinant b WHERE b.client = c.client AND b.meter_account_id = c.meter_account_id
 AND b.start_at <= $5 AND b.end_at >= $3
 AND EXISTS (SELECT 1 FROM meter_device md WHERE md.client = c.client AND md.meter_id = ANY(ARRAY(SELECT mi.meter_id FROM meter_install mi WHERE mi.client = b.client AND mi.meter_account_id = b.meter_account_id AND mi.install_at < b.end_at AND (mi.removal_at IS NULL OR mi.removal_at > b.start_at))) AND md.cds_meterdevice_id = ANY($2))
GROUP BY b.meter_account_id, b.start_at, b.end_at) s WHERE TRUE AND ((c.client = $1) AND (TRUE OR TRUE OR TRUE OR EXISTS (SELECT 1 FROM meter_install mi_cov WHERE mi_cov.client = c.client AND mi_cov.meter_account_id = c.meter_account_id AND TRUE)))
) k WHERE TRUE ORDER BY k.agg_number ASC, k.entity_id ASC, k.contract_id ASC, k.seg_start ASC, k.modified DESC, k.kind ASC, k.series_key ASC, k.interval_s ASC, k.seg_end ASC LIMIT 101