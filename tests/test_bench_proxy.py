"""The proxy benchmark imports without nginx, serves the documented config with its own ports, and reads nginx's log."""

from tools.bench import proxy


def test_documented_config_gets_the_benchmarks_ports():
    text = proxy.config_for(18501, 18080, 18081)
    assert "server 127.0.0.1:18501;" in text
    assert "listen 127.0.0.1:18080;" in text
    assert "listen 127.0.0.1:18081;" in text and "server 127.0.0.1:18081;" in text
    assert not any(f"127.0.0.1:{port};" in text for port in proxy.CONFIG_PORTS)


def test_static_traffic_counts_only_what_viewers_were_sent():
    lines = [
        '127.0.0.1 [02/Dec/2026:16:17:05 +0000] "GET /static/js/index.DormvYxC.js HTTP/1.1" 200 147675 - 0.020',
        '127.0.0.1 [02/Dec/2026:16:17:05 +0000] "GET /static/js/index.DormvYxC.js HTTP/1.1" 200 147667 MISS 0.020',
        '127.0.0.1 [02/Dec/2026:16:17:05 +0000] "GET /static/js/index.DormvYxC.js HTTP/1.1" 200 147636 HIT 0.000',
        '127.0.0.1 [02/Dec/2026:16:17:05 +0000] "GET /_stcore/host-config HTTP/1.1" 200 687 - 0.003',
    ]
    traffic = proxy.static_traffic(lines)
    assert (traffic.requests, traffic.hits, traffic.bytes_sent) == (2, 1, 147667 + 147636)
