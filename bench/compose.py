#!/usr/bin/env python3
"""kit render on a 200-service compose project, to every target, beside `docker-compose config`.

    swift build -c release --product kit
    python3 bench/compose.py [--services 200] [--runs 5] [--kit .build/release/kit]

Generates bench/data/compose-N/ (a version 3 docker-compose.yml that ecs-cli, docker-compose
and kompose all read: images, commands, environment lists and env files, ports, named and
bind volumes, healthchecks, logging, labels, deploy settings, depends_on; plus an
ecs-params.yml with a task size and per-service settings), then times, in fresh processes:

  docker-compose config                      (docker-compose 1.29.2, the reference)
  kit render --target compose|kubernetes|ecs|ecs-service|cloudformation

and reports the median wall time of each and kit's speed-up over docker-compose. The two
normalised outputs are compared as data first (the differences README.md lists aside).
"""
import argparse, os, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(directory, n):
    os.makedirs(os.path.join(directory, "env"), exist_ok=True)
    os.makedirs(os.path.join(directory, "config"), exist_ok=True)
    lines = ["version: '3'", "services:"]
    for i in range(n):
        name = "svc%03d" % i
        lines += [
            "  %s:" % name,
            "    image: registry.example.com/team/%s:${TAG:-1.%d.0}" % (name, i % 7),
            "    command: [\"serve\", \"--port\", \"%d\", \"--name\", \"%s\"]" % (8000 + i, name),
            "    environment:",
            "      - SERVICE_NAME=%s" % name,
            "      - LOG_LEVEL=${LOG_LEVEL:-info}",
            "      - UPSTREAM=http://svc%03d:%d" % ((i + 1) % n, 8000 + (i + 1) % n),
            "      - FEATURE_%d=on" % i,
            "    env_file: env/%s.env" % name,
            "    ports:",
            "      - \"%d:%d\"" % (10000 + i, 8000 + i),
            "      - \"%d/udp\"" % (9000 + i),
            "    volumes:",
            "      - data%03d:/var/lib/%s" % (i, name),
            "      - ./config:/etc/%s:ro" % name,
            "    healthcheck:",
            "      test: [\"CMD\", \"curl\", \"-fsS\", \"http://localhost:%d/health\"]" % (8000 + i),
            "      interval: 30s",
            "      timeout: 5s",
            "      retries: 3",
            "    logging:",
            "      driver: awslogs",
            "      options:",
            "        awslogs-group: /bench/%s" % name,
            "        awslogs-region: eu-west-1",
            "        awslogs-stream-prefix: %s" % name,
            "    labels:",
            "      com.example.team: team%d" % (i % 10),
            "      com.example.service: %s" % name,
            "    ulimits:",
            "      nofile: {soft: 20000, hard: 40000}",
            "    deploy:",
            "      replicas: %d" % (1 + i % 3),
        ]
        if i > 0:
            lines += ["    depends_on: [svc%03d]" % (i - 1)]
        with open(os.path.join(directory, "env", "%s.env" % name), "w") as f:
            f.write("DB_HOST=db%d.internal\nDB_PORT=5432\nCACHE_URL=redis://cache:6379/%d\n" % (i % 4, i % 16))
    lines.append("volumes:")
    for i in range(n):
        lines.append("  data%03d:" % i)
    with open(os.path.join(directory, "docker-compose.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(directory, "config", "app.conf"), "w") as f:
        f.write("threads = 4\n")
    params = ["version: 1", "task_definition:", "  ecs_network_mode: bridge", "  task_execution_role: ecsTaskExecutionRole",
              "  services:"]
    for i in range(n):
        params += ["    svc%03d:" % i, "      mem_limit: 256m", "      mem_reservation: 128m", "      cpu_shares: 64"]
    params += ["run_params:", "  task_placement:", "    strategy:", "      - type: spread", "        field: attribute:ecs.availability-zone"]
    with open(os.path.join(directory, "ecs-params.yml"), "w") as f:
        f.write("\n".join(params) + "\n")


def timed(cmd, cwd, env, runs):
    times = []
    out = b""
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
        if p.returncode != 0:
            sys.exit("%s failed: %s" % (" ".join(cmd), p.stderr.decode()[:2000]))
        out = p.stdout
    return statistics.median(times), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--services", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kit", default=os.path.join(ROOT, ".build", "release", "kit"))
    a = ap.parse_args()
    directory = os.path.join(ROOT, "bench", "data", "compose-%d" % a.services)
    if os.path.isdir(directory):
        shutil.rmtree(directory)
    generate(directory, a.services)
    env = {"PATH": os.environ.get("PATH", ""), "COMPOSE_PROJECT_NAME": "bench", "HOME": os.environ.get("HOME", "/root"),
           "DOCKER_HOST": "tcp://127.0.0.1:9"}
    size = os.path.getsize(os.path.join(directory, "docker-compose.yml"))
    print("project: %d services, docker-compose.yml %d KiB, %d runs each (median wall time)\n" % (a.services, size // 1024, a.runs))

    rows = []
    reference = None
    dc = shutil.which("docker-compose")
    if dc:
        reference, dc_out = timed([dc, "config"], directory, env, a.runs)
        rows.append(("docker-compose config", reference, None))
    kit_outputs = {}
    for target in ["compose", "kubernetes", "ecs", "ecs-service", "cloudformation"]:
        t, out = timed([a.kit, "render", ".", "--target", target], directory, env, a.runs)
        kit_outputs[target] = out
        rows.append(("kit render --target %s" % target, t, len(out)))
    if dc:
        import yaml
        mine = yaml.safe_load(kit_outputs["compose"])
        theirs = yaml.safe_load(dc_out)
        for doc in (mine, theirs):
            doc.pop("name", None)
            doc.pop("version", None)
        print("normalised outputs %s\n" % ("equal as data" if mine == theirs else "DIFFER"))
    width = max(len(r[0]) for r in rows)
    for name, t, size in rows:
        ratio = ("%7.1fx" % (reference / t)) if reference and name.startswith("kit") else "        "
        print("%-*s  %8.1f ms  %s  %s" % (width, name, t * 1000, ratio, ("%d KiB out" % (size // 1024)) if size else ""))


if __name__ == "__main__":
    main()
