# cmpyear.py ONEPAGE PAGE1 PAGE2...: the usage_segments of ONEPAGE equal, as text and parsed, those of PAGE1.. in order
import sys, json
def segs_text(path):
    b = open(path, 'rb').read().decode()
    start = b.index('"usage_segments":[') + len('"usage_segments":[')
    d = json.loads(b)
    # the text of the array's elements: from its start to the end of the last segment
    end = b.rindex(']', 0, b.index('"next"') if '"next"' in b else len(b))
    return b[start:end], d['usage_segments']
one_t, one = segs_text(sys.argv[1])
parts = [segs_text(p) for p in sys.argv[2:]]
print("segments", len(one), "vs", sum(len(p[1]) for p in parts),
      "parsed equal:", one == [s for p in parts for s in p[1]],
      "text equal:", one_t == ",".join(p[0] for p in parts))
