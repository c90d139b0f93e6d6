"""Real web servers for the linked-data tests: examples/site (or a copy) published with
`guidegraph publish --server-config nginx|apache`, built with hugo, and served by Debian's
nginx or Apache httpd on 127.0.0.1 at a free port with the configuration guidegraph wrote
(only its address and folder lines replaced, as a site owner would). Started and stopped by
PID."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from e2e_support import fail, run, temp_dir


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PublishedSite:
    """publish + hugo into `site`/public, and the nginx configuration guidegraph wrote."""

    def __init__(self, site):
        self.site = site
        proc = run(["publish", site, "--server-config", "nginx", "--quiet"], check=0)
        self.nginx_config = proc.stdout
        self.apache_config = run(["publish", site, "--server-config", "apache", "--quiet"], check=0).stdout
        build = subprocess.run(["hugo", "--source", site, "--destination", "public", "--quiet"],
                               capture_output=True, text=True)
        if build.returncode != 0:
            fail(f"hugo failed on {site}:\n{build.stderr}")
        self.public = os.path.join(site, "public")
        # nginx's workers (nobody, when the test runs as root) must read the built site:
        # open up the test's own temporary folders above it (mkdtemp makes them 0700).
        folder = self.public
        while folder.startswith(tempfile.gettempdir() + os.sep):
            os.chmod(folder, 0o755)
            folder = os.path.dirname(folder)


class Nginx:
    """nginx serving a PublishedSite on 127.0.0.1; use as a context manager."""

    def __init__(self, published):
        self.dir = temp_dir("nginx")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        # The two lines a site owner replaces: where to listen, and the folder hugo built.
        site_conf, listens = re.subn(r"^\s*listen 80;.*$", f"    listen 127.0.0.1:{self.port};",
                                     published.nginx_config, flags=re.M)
        site_conf, roots = re.subn(r"^\s*root /var/www/.*$", f"    root {published.public};",
                                   site_conf, flags=re.M)
        if listens != 1 or roots != 1:
            fail(f"the nginx configuration lacks its listen or root line:\n{published.nginx_config}")
        with open(os.path.join(self.dir, "site.conf"), "w", encoding="utf-8") as f:
            f.write(site_conf)
        # As under /etc/nginx: mime.types beside the main file, the site's file included.
        shutil.copyfile("/etc/nginx/mime.types", os.path.join(self.dir, "mime.types"))
        temp = os.path.join(self.dir, "temp")
        os.makedirs(temp)
        with open(os.path.join(self.dir, "nginx.conf"), "w", encoding="utf-8") as f:
            f.write(f"""daemon off;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include site.conf;
}}
""")
        self.proc = None

    def __enter__(self):
        check = subprocess.run(["nginx", "-t", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf")],
                               capture_output=True, text=True)
        if check.returncode != 0:
            fail(f"nginx -t rejects the configuration guidegraph wrote:\n{check.stderr}")
        self.proc = subprocess.Popen(["nginx", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"nginx stopped at start:\n{self.proc.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__(None, None, None)
        fail("nginx did not start listening within 20 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # by PID: the process this test started
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


class Apache:
    """Apache httpd serving a PublishedSite on 127.0.0.1 with the <VirtualHost> guidegraph
    wrote (its address and folder replaced, as a site owner would); a context manager."""

    MODULES = ["mpm_event", "authz_core", "dir", "mime", "rewrite", "headers"]

    def __init__(self, published):
        self.dir = temp_dir("apache")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        site_conf, hosts = re.subn(r"^<VirtualHost \*:80>$", f"<VirtualHost 127.0.0.1:{self.port}>",
                                   published.apache_config, flags=re.M)
        site_conf, roots = re.subn(r"/var/www/[^\s>]+", published.public, site_conf)
        if hosts != 1 or roots != 2:
            fail(f"the Apache configuration lacks its VirtualHost or folder lines:\n{published.apache_config}")
        with open(os.path.join(self.dir, "site.conf"), "w", encoding="utf-8") as f:
            f.write(site_conf)
        user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
        modules = "".join(f"LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so\n" for m in self.MODULES)
        with open(os.path.join(self.dir, "httpd.conf"), "w", encoding="utf-8") as f:
            f.write(f"""ServerRoot {self.dir}
ServerName 127.0.0.1
Listen 127.0.0.1:{self.port}
PidFile {self.dir}/httpd.pid
ErrorLog {self.dir}/error.log
Mutex file:{self.dir} default
{modules}{user}TypesConfig /etc/mime.types
Include {self.dir}/site.conf
""")
        self.proc = None

    def __enter__(self):
        conf = os.path.join(self.dir, "httpd.conf")
        check = subprocess.run(["/usr/sbin/apache2", "-t", "-f", conf], capture_output=True, text=True)
        if check.returncode != 0:
            fail(f"apache2 -t rejects the configuration guidegraph wrote:\n{check.stderr}")
        self.proc = subprocess.Popen(["/usr/sbin/apache2", "-f", conf, "-DFOREGROUND"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                fail(f"apache2 stopped at start:\n{self.proc.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__(None, None, None)
        fail("apache2 did not start listening within 20 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # by PID: the process this test started
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


def curl(url, accept):
    """GET url with curl; returns (status, headers as a dict of lists, body bytes)."""
    proc = subprocess.run(["curl", "-sS", "--max-time", "10", "-D", "-", "-H", f"Accept: {accept}", url],
                          capture_output=True)
    if proc.returncode != 0:
        fail(f"curl {url} failed: {proc.stderr.decode()}")
    head, _, body = proc.stdout.partition(b"\r\n\r\n")
    lines = head.decode("iso-8859-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return status, headers, body
