-- P4's data sizes, on one domain service database (bench/run runs it on usage and billing).
--
--   psql -v client=DEMO -v copies=9 -v action=grow   -f scale.sql   the client's rows × (1 + copies)
--   psql -v client=DEMO -v copies=0 -v action=shrink -f scale.sql   back to the client's own rows
--   psql -v client=DEMO -v copies=0 -v action=only   -f scale.sql   also drop every other client's rows
--
-- A copy is the client's own rows with every identifier suffixed "-g<n>": text columns named id, series_key, *_id or
-- *_number, and text[] columns named *_ids. So copy n is a consistent second utility population (its contracts,
-- accounts, meters, bills and interval days join as the originals do) inside the same client, which is what the
-- served client's lists, filters and indexes see when a utility grows. Stored JSON documents are copied as they are
-- (the bench measures, it does not read them). Rows whose key holds no identifier (reference data such as rate
-- values, billing cycles, events, aggregations) are not copied: their insert conflicts and is skipped. Work queues
-- (dirty_account) are never copied. Bench stacks only: these are the services' read models.
SELECT set_config('bench.client', :'client', false), set_config('bench.copies', :'copies', false),
       set_config('bench.action', :'action', false);

DO $$
DECLARE
  client text := current_setting('bench.client');
  copies int := current_setting('bench.copies')::int;
  action text := current_setting('bench.action');
  t record;
  cols text;
  sel text;
  marker text;  -- the first identifier column: "-g<n>" at its end marks a copy
  n int;
BEGIN
  IF action NOT IN ('grow', 'shrink', 'only') THEN
    RAISE EXCEPTION 'action must be grow, shrink or only, not %', action;
  END IF;
  FOR t IN SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'client')
      ORDER BY c.relname
  LOOP
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(CASE
             WHEN a.atttypid = 'text'::regtype AND a.attname ~ '^(id|series_key|.*_id|.*_number)$'
               THEN format('%I || $1', a.attname)
             WHEN a.atttypid = 'text[]'::regtype AND a.attname ~ '_ids$'
               THEN format('ARRAY(SELECT u.x || $1 FROM unnest(%I) WITH ORDINALITY u(x, i) ORDER BY u.i)', a.attname)
             ELSE quote_ident(a.attname) END, ', ' ORDER BY a.attnum),
           (array_agg(a.attname ORDER BY a.attnum) FILTER (
             WHERE a.atttypid = 'text'::regtype AND a.attname ~ '^(id|series_key|.*_id|.*_number)$'))[1]
      INTO cols, sel, marker
      FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped;
    IF action = 'only' THEN
      EXECUTE format('DELETE FROM %I WHERE client <> $1', t.relname) USING client;
    END IF;
    IF marker IS NULL THEN
      CONTINUE;
    END IF;
    EXECUTE format('DELETE FROM %I WHERE client = $1 AND %I ~ ''-g[0-9]+$''', t.relname, marker) USING client;
    IF action = 'grow' AND t.relname <> 'dirty_account' THEN
      FOR n IN 1..copies LOOP
        EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I WHERE client = $2 AND %I !~ ''-g[0-9]+$'''
                       ' ON CONFLICT DO NOTHING', t.relname, cols, sel, t.relname, marker)
          USING '-g' || n, client;
      END LOOP;
    END IF;
  END LOOP;
END $$;
