"""Binds the parameters of a captured segment key query for psql (docs/usage-mapping.md §5.7).

usage: bind.py old|new|generic <sql file> <client> <cursor file or ->

The request is the bench's meter-year: cds_meterdevice_ids=<client>-md-0, after=2024-01-01T08:00:00Z,
before=2024-12-30T08:00:00Z, limit=100, under a direct-access grant of every account of the client. The cursor file
holds the 9 sort-key values of the previous page's last row, '|'-separated. 'old' and 'new' inline the values as
literals (custom plan, as PostgreSQL plans the first executions of a prepared statement); 'generic' prints a
PREPARE under plan_cache_mode = force_generic_plan and three EXPLAIN ANALYZE EXECUTEs.
"""
import re
import sys

mode, sql_file, client, cursor_file = sys.argv[1:5]
sql = open(sql_file).read().strip()
cur = None if cursor_file == '-' else open(cursor_file).read().strip().split('|')
BEFORE_TS, BEFORE_DAY, AFTER_TS, AFTER_DAY = '2024-12-30T08:00:00Z', '2024-12-31', '2024-01-01T08:00:00Z', '2023-12-30'
METERS = '{%s-md-0}' % client


def after(v):
    """The parameters of Keyset.appendAfter: for column i, the values of columns 0..i."""
    out = []
    for i in range(9):
        out += v[:i] + [v[i]]
    return out


if mode == 'old':
    # UsageSegmentQueries before the change: client, meter ids, after, after day - 2, before, before day + 1, cursor
    vals = [client, METERS, AFTER_TS, AFTER_DAY, BEFORE_TS, BEFORE_DAY] + (after(cur) if cur else [])
else:
    # the order in which the new UsageSegmentQueries adds its parameters
    vals = [client, METERS]
    for branch in ('interval', 'register', 'billed'):
        vals += [BEFORE_TS, BEFORE_DAY, AFTER_TS, AFTER_DAY] if branch != 'billed' else [BEFORE_TS, AFTER_TS]
        if cur:
            vals += cur[:4] + after(cur)
    vals += [client] + [BEFORE_TS, BEFORE_DAY, AFTER_TS, AFTER_DAY] * 2
    if cur:
        vals += cur[:3] + after(cur)


def literal(v):
    return "'" + v.replace("'", "''") + "'"


if mode == 'generic':
    print("SET plan_cache_mode = force_generic_plan;")
    print("PREPARE g AS " + sql + ";")
    for _ in range(3):
        print("EXPLAIN (ANALYZE, BUFFERS) EXECUTE g(" + ", ".join(literal(v) for v in vals) + ");")
else:
    print(re.sub(r'\$(\d+)\b', lambda m: literal(vals[int(m.group(1)) - 1]), sql) + ';')
