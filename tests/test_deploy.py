"""The deployment files: Kubernetes manifests validated offline against the schemas kubernetes-validate
ships, wired to each other consistently, and a docker-compose bot service that can be scaled."""

from __future__ import annotations

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
K8S = DEPLOY / "k8s"
KUBERNETES = "1.30"  # the oldest Kubernetes minor these manifests are meant for


def _documents() -> list[tuple[str, dict]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    docs = []
    for name in kustomization["resources"]:
        docs += [(name, doc) for doc in yaml.safe_load_all((K8S / name).read_text()) if doc]
    return docs


def _one(kind: str, name: str | None = None) -> dict:
    found = [d for _, d in _documents() if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]
    assert len(found) == 1, (kind, name, len(found))
    return found[0]


def test_kustomization_lists_every_manifest():
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


@pytest.mark.parametrize(("name", "doc"), _documents(), ids=lambda v: v if isinstance(v, str) else v["kind"])
def test_manifest_is_valid_kubernetes(name, doc):
    """Strict: an unknown or misspelt field fails, not just a wrong type."""
    kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_deployment_runs_three_probed_replicas_with_the_secret():
    deployment = _one("Deployment", "digestbot")
    spec = deployment["spec"]
    assert spec["replicas"] == 3 and spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    pod = spec["template"]
    assert spec["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    (container,) = pod["spec"]["containers"]
    port = next(p for p in container["ports"] if p["name"] == "http")
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["PORT"] == str(port["containerPort"])
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    secret = _one("Secret", "digestbot")
    assert {s["secretRef"]["name"] for s in container["envFrom"]} == {"digestbot"}
    assert {"SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "DIGEST_DATABASE_URL"} <= set(
        secret["stringData"]
    )
    assert secret["stringData"]["DIGEST_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_service_and_budget_select_the_bot_pods():
    labels = _one("Deployment", "digestbot")["spec"]["template"]["metadata"]["labels"]
    service = _one("Service", "digestbot")
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    budget = _one("PodDisruptionBudget", "digestbot")
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items() and budget["spec"]["minAvailable"] < 3


def test_trial_postgres_matches_the_database_url():
    url = _one("Secret", "digestbot")["stringData"]["DIGEST_DATABASE_URL"]
    service = _one("Service", "digestbot-postgres")
    assert f"@{service['metadata']['name']}:{service['spec']['ports'][0]['port']}/" in url
    assert _one("StatefulSet", "digestbot-postgres")["spec"]["serviceName"] == service["metadata"]["name"]


def test_compose_bot_scales_behind_the_proxy():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    bot, proxy = compose["services"]["bot"], compose["services"]["proxy"]
    assert "ports" not in bot and "container_name" not in bot  # both would stop `--scale bot=3`
    assert bot["environment"]["DIGEST_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "bot" in proxy["depends_on"] and proxy["ports"] == ["3000:80"]
    conf = (DEPLOY / "nginx.conf").read_text()
    assert "http://bot:3000" in conf and "resolver 127.0.0.11" in conf
