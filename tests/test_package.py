"""
test_package.py - the Debian package is built from the tree, is lintian-clean
of errors, and the installed files run on their own (issue 11):

- `dpkg-buildpackage -b -us -uc` in a copy of the tree builds meterd_*.deb;
- lintian reports no error (E:) on it;
- the package holds the binary, both man pages, the profiles under
  /usr/share/meterd, /etc/meterd/meterd.conf, the unit, sysusers.d and
  tmpfiles.d; its shipped configuration passes the unit's own ExecStartPre;
- the unit passes `systemd-analyze verify` and `security` scores 2.0 or
  better (lower is safer), with the serial device classes reachable;
- extracted into a throwaway root, the packaged binary looks for profiles
  under its install prefix (/usr/share/meterd, not the build tree), follows
  $METERD_DATADIR to the extracted copy, and the unit's ExecStart command line
  reads a simulated TROVIS 5573 with the packaged profile: the profile's
  value names arrive on stdout and in the status file.
"""
import glob
import os
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_util import check, finish, mktemp, wait_until, stop_all  # noqa: E402

SOURCE_DIR = os.environ.get("SOURCE_DIR", ".")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


tmp = mktemp()
procs = []
try:
    # A copy of the tree as git sees it (tracked and new files, no build/).
    src = os.path.join(tmp, "src")
    os.mkdir(src)
    files = run(["git", "-C", SOURCE_DIR, "ls-files", "-co", "--exclude-standard", "-z"]).stdout
    tar = subprocess.Popen(["tar", "-C", SOURCE_DIR, "--null", "-T", "-", "-cf", "-"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    untar = subprocess.Popen(["tar", "-C", src, "-xf", "-"], stdin=tar.stdout)
    tar.stdin.write(files.encode())
    tar.stdin.close()
    tar.stdout.close()
    untar.wait()
    tar.wait()
    # uPlot from npm is a build input the tree fetched once (web/package-lock.json):
    # the copy takes it along, so building the package needs no network.
    nm = os.path.join(SOURCE_DIR, "web", "node_modules")
    if os.path.isdir(nm):
        subprocess.run(["cp", "-a", nm, os.path.join(src, "web")], check=True)

    # nocheck: the suite runs elsewhere; noddebs: no -dbgsym package to build.
    env = dict(os.environ, DEB_BUILD_OPTIONS="parallel=%d nocheck noddebs" % (os.cpu_count() or 1))
    b = run(["dpkg-buildpackage", "-b", "-us", "-uc"], cwd=src, env=env)
    debs = [d for d in glob.glob(os.path.join(tmp, "meterd_*.deb"))]
    if not check(b.returncode == 0 and len(debs) == 1,
                 "dpkg-buildpackage -b builds meterd_*.deb (rc %d): %s" % (b.returncode, b.stdout[-3000:])):
        finish(tmp)
    deb = debs[0]

    lint = run(["lintian", "--tag-display-limit", "0", deb])
    errors = [l for l in lint.stdout.splitlines() if l.startswith("E:")]
    check(errors == [], "lintian reports no error: %r" % errors)

    root = os.path.join(tmp, "root")
    x = run(["dpkg-deb", "-x", deb, root])
    check(x.returncode == 0, "dpkg-deb -x: " + x.stdout)
    for path in ["usr/bin/meterd", "usr/share/man/man8/meterd.8.gz", "usr/share/man/man5/meterd.conf.5.gz",
                 "usr/share/meterd/profiles/samson-trovis-5573.profile",
                 "usr/share/meterd/profiles/kamstrup-multical-403.profile",
                 "usr/share/meterd/seed-script.tas", "etc/meterd/meterd.conf",
                 "lib/systemd/system/meterd.service", "usr/lib/sysusers.d/meterd.conf",
                 "usr/lib/tmpfiles.d/meterd.conf"]:
        check(os.path.isfile(os.path.join(root, path)), "the package installs /" + path)
    ctl = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
    check("adduser" in ctl, "the package depends on adduser (postinst creates the user): " + ctl)
    sysusers = open(os.path.join(root, "usr/lib/sysusers.d/meterd.conf")).read()
    check(re.search(r"^m\s+meterd\s+dialout", sysusers, re.M) is not None, "sysusers.d puts meterd in dialout")
    postinst = run(["dpkg-deb", "--ctrl-tarfile", deb]).returncode == 0
    check(postinst, "the package has control scripts")

    meterd = os.path.join(root, "usr/bin/meterd")
    unit_path = os.path.join(root, "lib/systemd/system/meterd.service")
    unit = open(unit_path).read()

    def unit_cmd(key):
        m = re.search(r"^%s=(.*)$" % key, unit, re.M)
        return shlex.split(m.group(1)) if m else []

    pre, start = unit_cmd("ExecStartPre"), unit_cmd("ExecStart")
    check(pre[:1] == ["/usr/bin/meterd"] and start[:1] == ["/usr/bin/meterd"],
          "the unit runs the installed binary: %r %r" % (pre, start))
    check("--status" in start and "/run/meterd/status.json" in start,
          "ExecStart writes the status file under /run/meterd: %r" % start)
    for key in ("RuntimeDirectory=meterd", "StateDirectory=meterd", "User=meterd",
                "SupplementaryGroups=dialout", "WatchdogSec=", "Type=notify"):
        check(key in unit, "the unit says " + key)
    for dev in ("ttyUSB", "ttyACM", "ttyAMA", "ttySC", "ttyS"):
        check(re.search(r"^DeviceAllow=char-%s rw$" % dev, unit, re.M) is not None,
              "serial devices %s reachable" % dev)

    # The shipped configuration passes the unit's own check, run from the root.
    conf = os.path.join(root, "etc/meterd/meterd.conf")
    c = run([meterd if a == "/usr/bin/meterd" else root + a if a.startswith("/etc/") else a for a in pre])
    check(c.returncode == 0, "ExecStartPre on the shipped /etc/meterd/meterd.conf: " + c.stdout)

    # systemd-analyze on the unit, its paths moved into the throwaway root.
    local_unit = os.path.join(tmp, "meterd.service")
    with open(local_unit, "w") as f:
        f.write(unit.replace("/usr/bin/meterd", meterd).replace("Documentation=", "#Documentation="))
    v = run(["systemd-analyze", "verify", "--man=no", local_unit])
    check(v.returncode == 0 and v.stdout.strip() == "", "systemd-analyze verify is silent: " + v.stdout)
    s = run(["systemd-analyze", "security", "--offline=true", local_unit])
    m = re.search(r"Overall exposure level for meterd.service: ([0-9.]+)", s.stdout)
    score = float(m.group(1)) if m else 99.0
    print("unit exposure score: %.1f" % score, file=sys.stderr)
    check(score <= 2.0, "systemd-analyze security exposure %.1f <= 2.0" % score)

    # Data comes from the install prefix, not from the tree it was built in.
    conf_text = """teleperiod 1s
meter heating {
    port "%s/ttyMB" rs485
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "Aussentemp_AF1"
    value "Vorlauftemp_VF1"
}
""" % tmp
    with open(os.path.join(tmp, "heating.conf"), "w") as f:
        f.write(conf_text)
    bare = dict(os.environ)
    bare.pop("METERD_DATADIR", None)
    n = run([meterd, "run", "-n", "-c", os.path.join(tmp, "heating.conf")], env=bare)
    check(n.returncode == 1 and "/usr/share/meterd/profiles/samson-trovis-5573.profile" in n.stdout,
          "uninstalled, the packaged binary looks for profiles under /usr/share/meterd: " + n.stdout)
    env = dict(os.environ, METERD_DATADIR=os.path.join(root, "usr/share/meterd"))
    n = run([meterd, "run", "-n", "-c", os.path.join(tmp, "heating.conf")], env=env)
    check(n.returncode == 0, "METERD_DATADIR points it at the extracted profiles: " + n.stdout)

    simout = open(os.path.join(tmp, "sim.out"), "w+")
    sim = subprocess.Popen([meterd, "sim", "trovis", "--pty", tmp + "/ttyMB"], env=env,
                           stdout=simout, stderr=subprocess.DEVNULL)
    procs.append(sim)
    check(wait_until(10, lambda: os.path.exists(tmp + "/ttyMB")), "the packaged simulator made its pty")

    status = os.path.join(tmp, "status.json")
    cmd = []
    for a in start:
        if a == "/usr/bin/meterd":
            a = meterd
        elif a == "/etc/meterd/meterd.conf":
            a = os.path.join(tmp, "heating.conf")
        elif a == "/run/meterd/status.json":
            a = status
        cmd.append(a)
    log = open(os.path.join(tmp, "meterd.log"), "w")
    d = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    procs.append(d)
    got = None
    for line in d.stdout:
        if "Aussentemp_AF1" in line and "Vorlauftemp_VF1" in line:
            got = line
            break
    check(got is not None, "the unit's ExecStart prints the profile's values from the simulated TROVIS")

    def status_has():
        try:
            return "Aussentemp_AF1" in open(status).read()
        except OSError:
            return False
    check(wait_until(10, status_has), "the status file under the unit's --status holds the values")
finally:
    stop_all(procs)
finish(tmp)
