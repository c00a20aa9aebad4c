import sys, re, urllib.parse
def norm(b):
    # the query parameters of next/previous links, sorted (their order differs between two processes of one build)
    def fix(m):
        u = m.group(2)
        base, _, q = u.partition('?')
        return '"%s":"%s?%s"' % (m.group(1), base, '&'.join(sorted(q.split('&'))))
    return re.sub(r'"(next|previous)":"([^"]*)"', fix, b)
ok = 0; bad = []
for a, b in zip(sys.argv[1::2], sys.argv[2::2]):
    x = norm(open(a, 'rb').read().decode()); y = norm(open(b, 'rb').read().decode())
    if x == y: ok += 1
    else: bad.append(a)
print("%d/%d pages identical (link parameters sorted)%s" % (ok, ok + len(bad), "" if not bad else ", differ: " + " ".join(bad)))
