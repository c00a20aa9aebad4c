# jfrtop.py FILE.jfr: share of execution samples by top frame (first 25) and by category of the stack
import subprocess, sys, re, collections
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", sys.argv[1]], capture_output=True, text=True).stdout
samples = out.split("jdk.ExecutionSample")
top = collections.Counter(); cat = collections.Counter(); n = 0
cats = [("SqlArrays.decimalTexts", "decode numeric[] binary"), ("SqlArrays.texts", "decode text[] binary"),
        ("ValueSets.json", "value sets JSON build"), ("JsonBytes", "value sets JSON build"),
        ("UTF8JsonGenerator", "Jackson writing"), ("UsageSegmentAssembler", "assembling"),
        ("pgclient", "PG client decoding"), ("sqlclient", "SQL client"), ("netty", "netty/HTTP"), ("vertx", "vertx")]
for s in samples[1:]:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", s, re.M)
    if not frames: continue
    n += 1
    top[frames[0]] += 1
    stack = " ".join(frames)
    for k, c in cats:
        if k in stack:
            cat[c] += 1; break
    else:
        cat["other"] += 1
print("samples", n)
for c, k in cat.most_common(): print("  %-28s %5.1f %%" % (c, 100.0 * k / n))
print("top frames:")
for f, k in top.most_common(25): print("  %5.1f %% %s" % (100.0 * k / n, f))
