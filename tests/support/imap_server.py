"""A real Dovecot IMAP server on 127.0.0.1 for tests, with a generated config in a temporary folder.

Needs the `dovecot` binary (Debian/Ubuntu: `apt-get install -y dovecot-imapd`). Runs in the
foreground as a child process; when started as root the mail processes run as `dovecot`.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PASSWORD = "secret-pw"  # every user name logs in with it and gets its own empty mailbox

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
# no auth-failure penalty for the tests' own address
login_trusted_networks = 127.0.0.0/8
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
first_valid_gid = 1
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
"""


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (os.path.exists("/usr/sbin/dovecot") and "/usr/sbin/dovecot") or None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DovecotServer:
    """`root` defaults to a fresh folder directly under the temp dir (removed on stop), so that the
    unprivileged mail processes can reach it (pytest's own temp folders are private to their owner)."""

    def __init__(self, root: Path | None = None, *, tls: bool = False) -> None:
        self.tls = tls
        self.owns_root = root is None
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="digest-dovecot-"))
        self.port = free_port()
        self.tls_port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 10.0) -> DovecotServer:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("dovecot is not installed (apt-get install -y dovecot-imapd)")
        user, group = self._identity()
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        config = self.root / "dovecot.conf"
        ssl = self._certificate() if self.tls else "ssl = no"
        config.write_text(
            _CONFIG.format(
                root=self.root,
                user=user,
                group=group,
                port=self.port,
                password=PASSWORD,
                ssl=ssl,
                tls_port=self.tls_port if self.tls else 0,
            )
        )
        if os.geteuid() == 0:
            uid, gid = pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, uid, gid)
        self.proc = subprocess.Popen(
            [binary, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self._wait(wait)
        return self

    @property
    def cert_path(self) -> Path:
        return self.root / "cert.pem"

    def _certificate(self) -> str:
        """A self-signed certificate for 127.0.0.1 (needs the openssl command)."""
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(self.root / "key.pem"),
                "-out",
                str(self.cert_path),
            ],
            check=True,
            capture_output=True,
        )
        return f"ssl = yes\nssl_cert = <{self.cert_path}\nssl_key = <{self.root / 'key.pem'}"

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def _identity() -> tuple[str, str]:
        if os.geteuid() == 0:
            return "dovecot", "dovecot"
        return pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name

    def _wait(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace") if self.proc.stdout else ""
                raise RuntimeError(f"dovecot exited: {out.strip()} {self.log()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not start listening on {self.port}: {self.log()[-500:]}")
